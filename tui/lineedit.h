/* A one-line text field for prompts (search, file path, command). Pure. */
#ifndef BERTH_LINEEDIT_H
#define BERTH_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#define LINEEDIT_MAX 512

enum lineedit_result {
	LINEEDIT_EDITING,	/* key taken, keep going */
	LINEEDIT_DONE,		/* Enter */
	LINEEDIT_CANCEL		/* Esc */
};

struct lineedit {
	char text[LINEEDIT_MAX];	/* UTF-8, what the user typed */
	bool active;
};

/* Start editing with `initial` (may be NULL) as the text. */
void lineedit_start(struct lineedit *e, const char *initial);

/*
 * One key (curses code; func true for KEY_* codes): printable characters
 * append, Backspace drops one character, Ctrl-U clears, Enter finishes,
 * Esc cancels. Clears e->active on DONE and CANCEL.
 */
enum lineedit_result lineedit_key(struct lineedit *e, int code, bool func);

#endif
