/* The UI main loop: one poll() over stdin, the wake-up fd and a timer. */
#ifndef BERTH_LOOP_H
#define BERTH_LOOP_H

#include <stdbool.h>

struct loop_handlers {
	/* A key: func is true for curses KEY_* codes (KEY_RESIZE included),
	 * false for a character (a wchar_t value). */
	void (*key)(void *arg, int code, bool func);
	void (*wake)(void *arg);	/* wake_fd became readable */
	void (*tick)(void *arg);	/* every tick_ms */
	void (*draw)(void *arg);	/* after each batch; draws only if dirty */
	bool (*done)(void *arg);
	int wake_fd;
	int tick_ms;
	void *arg;
};

/* Run until done() or a quit signal. UI thread. */
void loop_run(const struct loop_handlers *h);

#endif
