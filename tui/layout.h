/* Column layout: which columns fit a width, and how wide each one is. Pure. */
#ifndef BERTH_LAYOUT_H
#define BERTH_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct layout_col {
	const char *title;	/* header text, ASCII */
	int min;		/* narrowest useful width */
	int want;		/* natural width */
	int priority;		/* 0 = always shown; higher numbers drop first */
	bool flex;		/* takes a share of spare columns (e.g. NAME, IMAGE) */
};

/*
 * Lay out ncols columns in `width` terminal columns with `gap` spaces
 * between shown columns. Priority-0 columns start at `want`, the others at
 * `min`; columns are dropped highest-priority-number first (ties: the
 * rightmost first) until the rest fit; if priority 0 alone still does not
 * fit, it gives back width down to `min` (rightmost first); then
 * each shown column grows toward `want`, lower priority numbers first, and
 * any columns still spare are shared among flex columns. Writes widths[i]
 * (0 = hidden) and returns how many are shown. Priority-0 columns are never
 * dropped; if even they do not fit, they are shrunk (possibly to 0) left
 * to right. Never writes a total wider than `width`.
 */
size_t layout_compute(const struct layout_col *cols, size_t ncols, int width,
    int gap, int *widths);

/*
 * layout_compute over cols as if column `hidden` were not there (-1:
 * none), e.g. ENGINE while one engine is watched: widths[hidden] is 0.
 * At most LAYOUT_MAX_COLS columns are laid out.
 */
#define LAYOUT_MAX_COLS 32
size_t layout_compute_without(const struct layout_col *cols, size_t ncols, int hidden,
    int width, int gap, int *widths);

#endif
