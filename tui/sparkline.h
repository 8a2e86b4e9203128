/* Sparkline graphs: a series of numbers as one line of block glyphs. Pure. */
#ifndef BERTH_SPARKLINE_H
#define BERTH_SPARKLINE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Draw the last `width` values of v (n values, oldest first) into out as
 * one glyph each: eight levels from the lowest (0) to the highest (max;
 * when max <= 0, the largest value shown). UTF-8 uses U+2581..U+2588
 * ("▁".."█"), otherwise ASCII "_.,-=+*#". A negative value (unknown) is a
 * space. Fewer values than width are right-aligned, newest at the right.
 * NUL-terminates (outsz >= 1); stops early rather than split a glyph.
 * Returns the columns written. Any thread.
 */
int sparkline_render(const double *v, size_t n, int width, double max,
    bool utf8, char *out, size_t outsz);

/* The level (0..7) that value takes on a scale of max; -1 for unknown. */
int sparkline_level(double value, double max);

#endif
