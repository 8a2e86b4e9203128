/* SGR (Select Graphic Rendition) in engine text: parsed into styles, no curses. */
#ifndef BERTH_SGR_H
#define BERTH_SGR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* sgr_style.flags */
#define SGR_BOLD	0x01u
#define SGR_DIM		0x02u
#define SGR_ITALIC	0x04u
#define SGR_UNDERLINE	0x08u
#define SGR_REVERSE	0x10u

/* A colour: SGR_DEFAULT, SGR_INDEX | n (0..255: 0-7 normal, 8-15 bright,
 * the 256-colour cube and greys above), or SGR_RGB | 0xRRGGBB. */
#define SGR_DEFAULT	0u
#define SGR_INDEX	0x01000000u
#define SGR_RGB		0x02000000u
#define SGR_KIND(c)	((c) & 0xff000000u)
#define SGR_VALUE(c)	((c) & 0x00ffffffu)

struct sgr_style {
	uint32_t fg, bg;
	uint8_t flags;
};

/* Text from offset off (in the text the spans belong to) on has style st,
 * up to the next span's offset or the end. */
struct sgr_span {
	uint32_t off;
	struct sgr_style st;
};

/* The style of plain text (all defaults). */
#define SGR_PLAIN ((struct sgr_style){ SGR_DEFAULT, SGR_DEFAULT, 0 })

/* Whether a and b look the same. Pure. */
bool sgr_same(const struct sgr_style *a, const struct sgr_style *b);

/*
 * The next piece of raw[0..len) from *pos: every SGR sequence there
 * (ESC '[' digits, ';' and ':' then 'm', at most SGR_MAX_SEQ bytes) is
 * applied to *st and skipped; then *seg_off and *seg_len are the text up to
 * the next SGR sequence or the end, to be shown in style *st. Any other
 * byte, escape sequences that are not SGR included, is text: the caller
 * sanitizes it (tui/sanitize.c) like any engine text. *pos advances past
 * the piece. Returns false when nothing is left (*seg_len 0). Pure.
 */
#define SGR_MAX_SEQ 64
bool sgr_next(const char *raw, size_t len, size_t *pos, struct sgr_style *st,
    size_t *seg_off, size_t *seg_len);

/*
 * raw[0..len) without its SGR sequences, sanitized (sanitize_dup), as a
 * new string (caller frees) of *outlen bytes; with spans != NULL, the
 * styles of its pieces go to spans[0..*nspans) (at most maxspans; past
 * that the rest keeps the last style), offsets into the returned text,
 * plain text included only after a styled piece. *st carries the style
 * in and out (a line may leave colours on for the next). Any thread.
 */
char *sgr_sanitize(const char *raw, size_t len, struct sgr_style *st,
    struct sgr_span *spans, size_t maxspans, size_t *nspans, size_t *outlen);

/* The nearest of the 256 xterm colours (16..255) to 0xRRGGBB. Pure. */
int sgr_rgb_to_256(uint32_t rgb);
/* The nearest of the 16 basic colours to colour c (an SGR_INDEX or
 * SGR_RGB colour); -1 for SGR_DEFAULT. Pure. */
int sgr_to_16(uint32_t c);

#endif
