/* Moving a list's selection and scroll position with the movement keys. Pure. */
#ifndef BERTH_LISTNAV_H
#define BERTH_LISTNAV_H

#include <stdbool.h>
#include <stddef.h>

/* The movements (views map their keymap actions to these: views_step). */
enum listnav_step {
	LISTNAV_NONE = 0,
	LISTNAV_UP, LISTNAV_DOWN, LISTNAV_PAGE_UP, LISTNAV_PAGE_DOWN,
	LISTNAV_TOP, LISTNAV_BOTTOM
};

/*
 * Move *sel in a list of n rows for s: LISTNAV_UP/DOWN by one,
 * LISTNAV_PAGE_UP/PAGE_DOWN by page, LISTNAV_TOP/BOTTOM to an end; the
 * result is clamped to [0, n). An empty list leaves *sel alone. Returns
 * true if s is one of those six (the key is handled, even when nothing
 * moved), false for LISTNAV_NONE. Any thread; touches only *sel.
 */
bool listnav_move(enum listnav_step s, size_t *sel, size_t n, int page);

/*
 * Move *top, the first of `rows` visible rows, as little as needed for
 * row sel to be visible. rows must be at least 1. Any thread.
 */
void listnav_scroll(size_t sel, size_t *top, int rows);

/*
 * Scroll a pane that has no selection (help, detail): move *top by one
 * or by page, or to 0 or n for LISTNAV_TOP/BOTTOM. It is not clamped to n
 * here; the pane's draw clamps it to what it has. Returns true if s is
 * a movement. Any thread; touches only *top.
 */
bool listnav_pan(enum listnav_step s, size_t *top, size_t n, int page);

#endif
