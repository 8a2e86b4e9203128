/* Themes and `color` lines: what the config says about colours and the mouse, parsed without curses. */
#ifndef BERTH_THEME_H
#define BERTH_THEME_H

#include <stdbool.h>
#include <stddef.h>

/* The elements a `color` line names; the same order as tui/term.h's roles. */
enum theme_element {
	THEME_NORMAL, THEME_HEADER, THEME_SELECTED, THEME_PROBLEM, THEME_STATUS,
	THEME_STATUS_BAD, THEME_DIM, THEME_MARKED,
	THEME_NELEMENTS
};

enum theme_base { THEME_DEFAULT, THEME_MONO, THEME_LIGHT, THEME_HIGH_CONTRAST };

/* Attributes a `color` line may add. */
#define THEME_A_BOLD 1u
#define THEME_A_DIM 2u
#define THEME_A_UNDERLINE 4u
#define THEME_A_REVERSE 8u
#define THEME_A_ITALIC 16u
#define THEME_A_BLINK 32u

/* A colour as written: the terminal's own (default), a palette index
 * (names are 0-15), or a 24-bit #rrggbb. */
struct theme_color {
	int index;		/* -1: default; 0..255; -2: rgb */
	unsigned rgb;		/* 0xrrggbb when index is -2 */
};

struct theme_style {
	bool set;		/* a `color` line named this element */
	struct theme_color fg, bg;
	unsigned attrs;		/* THEME_A_* */
};

/* What the config says about the terminal. Plain data; zeroed is the
 * default theme, no colour lines, mouse off. */
struct theme {
	enum theme_base base;
	struct theme_style el[THEME_NELEMENTS];
	bool mouse;		/* `set mouse on`: start with the mouse reported */
};

/* "default", "mono", "light", "high-contrast" -> *b. Returns 0, or -1. Pure. */
int theme_base_parse(const char *name, enum theme_base *b);

/* An element's name ("header", "status-bad", ...), or NULL past the end. Pure. */
const char *theme_element_name(int i);

/*
 * Apply the words of a `color ELEMENT FG BG [ATTR...]` line (without
 * "color"): colours are names (black red green yellow blue magenta cyan
 * white, bright-NAME, default), 0..255 or #rrggbb; attributes are bold
 * dim underline reverse italic blink (or none). Returns 0, or -1 with a
 * message in err and t unchanged. Pure.
 */
int theme_color_line(struct theme *t, const char *const *words, size_t n, char *err,
    size_t errsz);

/*
 * The palette entry nearest c on a terminal of ncolors colours (8, 16, 88
 * or 256; anything else is treated as the next smaller of those): -1 for
 * the default, an index below ncolors otherwise. Pure.
 */
int theme_nearest(const struct theme_color *c, int ncolors);

#endif
