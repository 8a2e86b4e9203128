/* Colour names and values, and the nearest colour a terminal has (xterm's 256 and 88 colour cubes). */
#include "tui/theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const element_names[THEME_NELEMENTS] = {
	[THEME_NORMAL] = "normal", [THEME_HEADER] = "header",
	[THEME_SELECTED] = "selected", [THEME_PROBLEM] = "problem",
	[THEME_STATUS] = "status", [THEME_STATUS_BAD] = "status-bad",
	[THEME_DIM] = "dim", [THEME_MARKED] = "marked",
};

static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct { const char *name; unsigned bit; } attr_names[] = {
	{ "bold", THEME_A_BOLD }, { "dim", THEME_A_DIM },
	{ "underline", THEME_A_UNDERLINE }, { "reverse", THEME_A_REVERSE },
	{ "italic", THEME_A_ITALIC }, { "blink", THEME_A_BLINK }, { "none", 0 },
};

/* xterm's 16 system colours, for the distance to an rgb value */
static const unsigned system_rgb[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

int
theme_base_parse(const char *name, enum theme_base *b)
{
	static const char *const names[] = { "default", "mono", "light", "high-contrast" };

	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*b = (enum theme_base)i;
			return 0;
		}
	return -1;
}

const char *
theme_element_name(int i)
{
	return i >= 0 && i < THEME_NELEMENTS ? element_names[i] : NULL;
}

static int
parse_color(const char *s, struct theme_color *c)
{
	const char *name = s;
	int bright = 0;
	char *end;

	if (strcasecmp(s, "default") == 0) {
		c->index = -1;
		return 0;
	}
	if (s[0] == '#') {
		unsigned long v;
		if (strlen(s) != 7 || strspn(s + 1, "0123456789abcdefABCDEF") != 6)
			return -1;
		v = strtoul(s + 1, NULL, 16);
		c->index = -2;
		c->rgb = (unsigned)v;
		return 0;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		long v = strtol(s, &end, 10);
		if (*end != '\0' || v < 0 || v > 255 || strlen(s) > 3)
			return -1;
		c->index = (int)v;
		return 0;
	}
	if (strncasecmp(s, "bright-", 7) == 0) {
		name = s + 7;
		bright = 8;
	}
	for (int i = 0; i < 8; i++)
		if (strcasecmp(name, color_names[i]) == 0) {
			c->index = i + bright;
			return 0;
		}
	return -1;
}

int
theme_color_line(struct theme *t, const char *const *w, size_t n, char *err, size_t errsz)
{
	struct theme_style st = { .set = true };
	int el = -1;

	if (n < 3) {
		snprintf(err, errsz, "color needs ELEMENT FG BG [ATTR...]");
		return -1;
	}
	for (int i = 0; i < THEME_NELEMENTS; i++)
		if (strcmp(w[0], element_names[i]) == 0)
			el = i;
	if (el < 0) {
		snprintf(err, errsz, "unknown element '%.40s' (normal, header, selected, problem, "
		    "status, status-bad, dim, marked)", w[0]);
		return -1;
	}
	for (size_t i = 1; i < 3; i++)
		if (parse_color(w[i], i == 1 ? &st.fg : &st.bg) != 0) {
			snprintf(err, errsz, "bad colour '%.40s' (a name, bright-NAME, default, "
			    "0 to 255 or #rrggbb)", w[i]);
			return -1;
		}
	for (size_t i = 3; i < n; i++) {
		size_t k, na = sizeof attr_names / sizeof attr_names[0];
		for (k = 0; k < na && strcasecmp(w[i], attr_names[k].name) != 0; k++)
			;
		if (k == na) {
			snprintf(err, errsz, "unknown attribute '%.40s' (bold, dim, underline, "
			    "reverse, italic, blink)", w[i]);
			return -1;
		}
		st.attrs |= attr_names[k].bit;
	}
	t->el[el] = st;
	return 0;
}

static unsigned
rgb_of(int index, int ncolors)
{
	static const int cube6[6] = { 0, 95, 135, 175, 215, 255 };
	static const int cube4[4] = { 0, 139, 205, 255 };

	if (index < 0 || index > 255)
		return 0;
	if (index < 16)
		return system_rgb[index];
	if (ncolors == 88) {
		if (index < 80) {
			int i = index - 16;
			return (unsigned)(cube4[i / 16] << 16 | cube4[i / 4 % 4] << 8 | cube4[i % 4]);
		}
		int g = 46 + (index - 80) * 23;	/* the 88-colour grey ramp, roughly */
		return (unsigned)(g << 16 | g << 8 | g);
	}
	if (index < 232) {
		int i = index - 16;
		return (unsigned)(cube6[i / 36] << 16 | cube6[i / 6 % 6] << 8 | cube6[i % 6]);
	}
	int g = 8 + (index - 232) * 10;
	return (unsigned)(g << 16 | g << 8 | g);
}

static long
dist(unsigned a, unsigned b)
{
	long dr = (long)(a >> 16 & 255) - (long)(b >> 16 & 255);
	long dg = (long)(a >> 8 & 255) - (long)(b >> 8 & 255);
	long db = (long)(a & 255) - (long)(b & 255);

	/* weighted as the eye sees it (the "redmean" approximation, simplified) */
	return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
}

int
theme_nearest(const struct theme_color *c, int ncolors)
{
	unsigned want;
	int best = 0;
	long bestd = -1;

	ncolors = ncolors >= 256 ? 256 : ncolors >= 88 ? 88 : ncolors >= 16 ? 16 : 8;
	if (c->index == -1)
		return -1;
	/* a 256-palette number means the same colour on 256 colours; on 88 only
	 * the 16 system colours keep their numbers (its cube is 4x4x4) */
	if (c->index >= 0 && c->index < ncolors && (ncolors != 88 || c->index < 16))
		return c->index;
	/* a bright system colour on 8 colours: its dark twin */
	if (c->index >= 8 && c->index < 16)
		return c->index - 8;
	want = c->index == -2 ? c->rgb & 0xffffff : rgb_of(c->index, 256);
	for (int i = 0; i < ncolors; i++) {
		long d = dist(want, rgb_of(i, ncolors));
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}
