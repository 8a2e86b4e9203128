/* Eight-level sparklines in block glyphs or ASCII. */
#include "tui/sparkline.h"

#include <string.h>

static const char *const blocks[8] = {
	"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"
};
static const char ascii[8] = { '_', '.', ',', '-', '=', '+', '*', '#' };

int
sparkline_level(double value, double max)
{
	int l;

	if (!(value >= 0))	/* negative or NaN: unknown */
		return -1;
	if (!(max > 0))
		return 0;
	l = (int)(value / max * 7.0 + 0.5);
	return l < 0 ? 0 : l > 7 ? 7 : l;
}

int
sparkline_render(const double *v, size_t n, int width, double max,
    bool utf8, char *out, size_t outsz)
{
	size_t from, used = 0;
	int cols = 0;

	if (outsz == 0)
		return 0;
	out[0] = '\0';
	if (width <= 0)
		return 0;
	from = n > (size_t)width ? n - (size_t)width : 0;
	if (!(max > 0)) {
		max = 0;
		for (size_t i = from; i < n; i++)
			if (v[i] > max)
				max = v[i];
	}
	for (int pad = width - (int)(n - from); pad > 0 && used + 1 < outsz; pad--) {
		out[used++] = ' ';
		cols++;
	}
	for (size_t i = from; i < n; i++) {
		int l = sparkline_level(v[i], max);
		const char *g = l < 0 ? " " : utf8 ? blocks[l] : (const char[]){ ascii[l], '\0' };
		size_t gl = strlen(g);
		if (used + gl >= outsz)
			break;
		memcpy(out + used, g, gl);
		used += gl;
		cols++;
	}
	out[used] = '\0';
	return cols;
}
