/* Moving a list's selection and scroll position with the movement keys. Pure. */
#ifndef BERTH_LISTNAV_H
#define BERTH_LISTNAV_H

#include <stdbool.h>
#include <stddef.h>

#include "keymaps/keymap.h"

/*
 * Move *sel in a list of n rows for a: KA_UP/KA_DOWN by one,
 * KA_PAGE_UP/KA_PAGE_DOWN by page, KA_TOP/KA_BOTTOM to an end; the
 * result is clamped to [0, n). An empty list leaves *sel alone. Returns
 * true if a is one of those six (the key is handled, even when nothing
 * moved), false for any other action. Any thread; touches only *sel.
 */
bool listnav_move(enum keymap_action a, size_t *sel, size_t n, int page);

/*
 * Move *top, the first of `rows` visible rows, as little as needed for
 * row sel to be visible. rows must be at least 1. Any thread.
 */
void listnav_scroll(size_t sel, size_t *top, int rows);

/*
 * Scroll a pane that has no selection (help, detail): move *top by one
 * or by page, or to 0 or n for KA_TOP/KA_BOTTOM. It is not clamped to n
 * here; the pane's draw clamps it to what it has. Returns true if a is
 * a movement action. Any thread; touches only *top.
 */
bool listnav_pan(enum keymap_action a, size_t *top, size_t n, int page);

#endif
