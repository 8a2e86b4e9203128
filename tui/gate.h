/* The one drawing gate: every string that came from an engine reaches curses here. */
#ifndef BERTH_GATE_H
#define BERTH_GATE_H

#include <curses.h>

/*
 * Draw raw (any bytes, NUL-terminated; NULL draws nothing) at (y, x) of w
 * with attributes attr, sanitized (tui/sanitize) and fitted to `width`
 * columns and to the window's right edge, cut with "~" / "…" when it had
 * to be. Leaves w's attributes at attr. Returns the columns drawn (0 when
 * width <= 0 or x is outside w). UI thread.
 */
int gate_put(WINDOW *w, int y, int x, int width, attr_t attr, const char *raw);

/* The same for len bytes of raw, which need not be NUL-terminated and may
 * hold NULs (drawn as "^@"). UI thread. */
int gate_putn(WINDOW *w, int y, int x, int width, attr_t attr, const char *raw,
    size_t len);

#endif
