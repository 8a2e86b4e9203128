/* Column layout: which columns fit a width, and how wide each one is. Pure. */
#include "layout.h"

/* While computing, widths[i] < 0 marks a dropped column. */
#define HIDDEN	(-1)

static int
col_min(const struct layout_col *c)
{
	return c->min < 0 ? 0 : c->min;
}

static int
col_want(const struct layout_col *c)
{
	return c->want < col_min(c) ? col_min(c) : c->want;
}

/* Columns plus the gaps between them; wide type so odd mins cannot wrap. */
static long long
total_of(const int *widths, size_t ncols, int gap)
{
	long long sum = 0;
	size_t i, shown = 0;

	for (i = 0; i < ncols; i++) {
		if (widths[i] == HIDDEN)
			continue;
		sum += widths[i];
		shown++;
	}
	if (shown > 1)
		sum += (long long)gap * (long long)(shown - 1);
	return sum;
}

/* Highest priority number above 0 among shown columns, rightmost on ties. */
static size_t
drop_candidate(const struct layout_col *cols, size_t ncols, const int *widths)
{
	size_t i, best = ncols;

	for (i = 0; i < ncols; i++) {
		if (widths[i] == HIDDEN || cols[i].priority <= 0)
			continue;
		if (best == ncols || cols[i].priority >= cols[best].priority)
			best = i;
	}
	return best;
}

/* Grow shown columns toward want, lowest priority number first, then
 * left to right within a priority. Returns what is left of spare. */
static long long
grow_to_want(const struct layout_col *cols, size_t ncols, int *widths,
    long long spare)
{
	size_t i;
	int p = 0, lastp = 0;
	bool found, first = true;
	long long add;

	while (spare > 0) {
		found = false;
		for (i = 0; i < ncols; i++) {
			if (widths[i] == HIDDEN)
				continue;
			if (!first && cols[i].priority <= lastp)
				continue;
			if (!found || cols[i].priority < p) {
				p = cols[i].priority;
				found = true;
			}
		}
		if (!found)
			break;
		for (i = 0; i < ncols && spare > 0; i++) {
			if (widths[i] == HIDDEN || cols[i].priority != p)
				continue;
			add = (long long)col_want(&cols[i]) - widths[i];
			if (add <= 0)
				continue;
			if (add > spare)
				add = spare;
			widths[i] += (int)add;
			spare -= add;
		}
		lastp = p;
		first = false;
	}
	return spare;
}

static void
share_flex(const struct layout_col *cols, size_t ncols, int *widths,
    long long spare)
{
	size_t i, nflex = 0;
	long long each, rem;

	for (i = 0; i < ncols; i++)
		if (widths[i] != HIDDEN && cols[i].flex)
			nflex++;
	if (nflex == 0 || spare <= 0)
		return;
	each = spare / (long long)nflex;
	rem = spare % (long long)nflex;
	for (i = 0; i < ncols; i++) {
		if (widths[i] == HIDDEN || !cols[i].flex)
			continue;
		widths[i] += (int)each + (rem > 0 ? 1 : 0);
		if (rem > 0)
			rem--;
	}
}

size_t
layout_compute(const struct layout_col *cols, size_t ncols, int width,
    int gap, int *widths)
{
	long long t;
	size_t i, shown;

	if (ncols == 0)
		return 0;
	if (width < 0)
		width = 0;
	if (gap < 0)
		gap = 0;
	/* Priority-0 columns reserve their natural width before any optional
	 * column is let in: a readable STATE beats one more cramped column. */
	for (i = 0; i < ncols; i++)
		widths[i] = cols[i].priority <= 0 ? col_want(&cols[i]) : col_min(&cols[i]);

	while (total_of(widths, ncols, gap) > width) {
		i = drop_candidate(cols, ncols, widths);
		if (i == ncols)
			break;
		widths[i] = HIDDEN;
	}

	/* Only priority 0 is left: give back their reserve, down to min. */
	for (i = ncols; i-- > 0 && (t = total_of(widths, ncols, gap)) > width;) {
		long long give;
		if (widths[i] == HIDDEN)
			continue;
		give = widths[i] - col_min(&cols[i]);
		if (give > t - width)
			give = t - width;
		widths[i] -= (int)give;
	}

	/* Only priority 0 is left and it still does not fit. */
	for (i = 0; i < ncols && (t = total_of(widths, ncols, gap)) > width;
	    i++) {
		if (widths[i] == HIDDEN)
			continue;
		if (widths[i] > t - width)
			widths[i] -= (int)(t - width);
		else
			widths[i] = HIDDEN;
	}

	t = grow_to_want(cols, ncols, widths,
	    (long long)width - total_of(widths, ncols, gap));
	share_flex(cols, ncols, widths, t);

	shown = 0;
	for (i = 0; i < ncols; i++) {
		if (widths[i] == HIDDEN)
			widths[i] = 0;
		if (widths[i] > 0)
			shown++;
	}
	return shown;
}

size_t
layout_compute_without(const struct layout_col *cols, size_t ncols, int hidden,
    int width, int gap, int *widths)
{
	struct layout_col shown[LAYOUT_MAX_COLS];
	int map[LAYOUT_MAX_COLS], w[LAYOUT_MAX_COLS];
	size_t n = 0, nshown;

	if (ncols > LAYOUT_MAX_COLS)
		ncols = LAYOUT_MAX_COLS;
	for (size_t c = 0; c < ncols; c++) {
		widths[c] = 0;
		if ((int)c == hidden)
			continue;
		map[n] = (int)c;
		shown[n++] = cols[c];
	}
	nshown = layout_compute(shown, n, width, gap, w);
	for (size_t i = 0; i < n; i++)
		widths[map[i]] = w[i];
	return nshown;
}
