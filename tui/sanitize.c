/* Make engine bytes safe to draw: no control bytes, valid UTF-8, known width. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700	/* wcwidth */
#endif

#include "sanitize.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "xmalloc.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */
#define ELLIPSIS_UTF8	"\xe2\x80\xa6"	/* U+2026 */
#define ELLIPSIS_ASCII	"~"

/*
 * Written once at start-up, before other threads exist; read-only after.
 * Starts false: UTF-8 sent to an 8-bit terminal can turn into C1 controls.
 */
static bool utf8_mode = false;

/*
 * Output goes through a sink. A growing sink (sanitize_dup) reallocates;
 * a fixed one (sanitize_into) stops for good at the first piece that does
 * not fit, so output is always cut between whole pieces, never inside one.
 */
struct sink {
	char	*buf;
	size_t	 len;
	size_t	 cap;		/* includes room for the NUL */
	bool	 grow;
	bool	 full;
};

void
sanitize_set_utf8(bool utf8)
{
	utf8_mode = utf8;
}

bool
sanitize_get_utf8(void)
{
	return utf8_mode;
}

static void
sink_put(struct sink *s, const char *p, size_t n)
{
	if (s->full)
		return;
	if (s->cap - s->len <= n) {
		if (!s->grow) {
			s->full = true;
			return;
		}
		s->buf = xgrowarray(s->buf, &s->cap, s->len + n + 1, 1);
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

/*
 * Strict UTF-8: decode one character at p, returning its length, or 0 if
 * p does not start a valid sequence (bad lead, truncated, overlong,
 * surrogate, above U+10FFFF). Independent of the locale on purpose.
 */
static size_t
utf8_decode(const unsigned char *p, size_t len, uint32_t *cpp)
{
	uint32_t cp, min;
	size_t need, i;

	if (len == 0)
		return 0;
	if (p[0] < 0x80) {
		*cpp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 2;
		cp = p[0] & 0x1f;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 3;
		cp = p[0] & 0x0f;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 4;
		cp = p[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (len < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*cpp = cp;
	return need;
}

/*
 * Invisible characters that reorder or hide text. U+061C (Arabic letter
 * mark) is not in the header's list but is the same kind of bidi mark.
 */
static bool
is_format(uint32_t cp)
{
	return (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2069) ||
	    cp == 0xfeff || cp == 0x061c;
}

static void
put_replacement(struct sink *s)
{
	if (utf8_mode)
		sink_put(s, REPLACEMENT, sizeof(REPLACEMENT) - 1);
	else
		sink_put(s, "?", 1);
}

/* Emit one decoded character whose encoding is raw[0..n). */
static void
put_char(struct sink *s, uint32_t cp, const char *raw, size_t n)
{
	char tmp[16];
	int w;

	if (cp < 0x20) {
		tmp[0] = '^';
		tmp[1] = (char)(cp + 0x40);
		sink_put(s, tmp, 2);
	} else if (cp == 0x7f)
		sink_put(s, "^?", 2);
	else if (cp < 0x7f)
		sink_put(s, raw, 1);
	else if (cp <= 0x9f) {
		snprintf(tmp, sizeof tmp, "<%02X>", (unsigned)cp);
		sink_put(s, tmp, strlen(tmp));
	} else if (is_format(cp)) {
		snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)cp);
		sink_put(s, tmp, strlen(tmp));
	} else if (!utf8_mode)
		sink_put(s, "?", 1);
	else {
		w = wcwidth((wchar_t)cp);
		if (w < 0)
			put_replacement(s);
		else
			sink_put(s, raw, n);
	}
}

/* Sanitize in (NULL: nothing) into s, then NUL-terminate it. A run of
 * consecutive undecodable bytes becomes one replacement. */
static void
sanitize_run(const char *in, size_t len, struct sink *s)
{
	const unsigned char *p = (const unsigned char *)in;
	bool bad = false;
	uint32_t cp;
	size_t i = 0, n;

	if (in == NULL)
		len = 0;

	while (i < len && !s->full) {
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			bad = true;
			i++;
			continue;
		}
		if (bad) {
			put_replacement(s);
			bad = false;
		}
		put_char(s, cp, in + i, n);
		i += n;
	}
	if (bad)
		put_replacement(s);
	s->buf[s->len] = '\0';
}

char *
sanitize_dup(const char *in, size_t len)
{
	size_t cap = len < 16 ? 32 : len + len / 2 + 1;
	struct sink s = { .buf = xmalloc(cap), .cap = cap, .grow = true };

	sanitize_run(in, len, &s);
	return s.buf;
}

size_t
sanitize_into(const char *in, size_t len, char *out, size_t outsz)
{
	struct sink s = { .buf = out, .cap = outsz };

	if (out == NULL || outsz == 0)
		return 0;
	sanitize_run(in, len, &s);
	return s.len;
}

/*
 * Width of the character at p (length *np). The input should already be
 * sanitized; anything unexpected counts as one column so a width is never
 * negative.
 */
static int
char_width(const char *p, size_t len, size_t *np)
{
	uint32_t cp;
	size_t n;
	int w;

	n = utf8_decode((const unsigned char *)p, len, &cp);
	if (n == 0) {
		*np = 1;
		return 1;
	}
	*np = n;
	if (cp < 0x80 || !utf8_mode)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
sanitize_width(const char *safe)
{
	size_t len, i = 0, n;
	int total = 0, w;

	if (safe == NULL)
		return 0;
	len = strlen(safe);
	while (i < len) {
		w = char_width(safe + i, len - i, &n);
		if (total > INT_MAX - w)
			return INT_MAX;
		total += w;
		i += n;
	}
	return total;
}

/*
 * Longest prefix of safe[0..len) within maxcols columns and maxbytes bytes.
 * Zero-width characters after the last one that fits stay with it.
 */
static size_t
prefix_fit(const char *safe, size_t len, int maxcols, size_t maxbytes,
    int *wp)
{
	size_t i = 0, n;
	int used = 0, w;

	while (i < len) {
		w = char_width(safe + i, len - i, &n);
		if (w > maxcols - used || n > maxbytes - i)
			break;
		used += w;
		i += n;
	}
	*wp = used;
	return i;
}

/* out may be safe itself: safe is read before each byte of out is written. */
int
sanitize_fit(const char *safe, int cols, char *out, size_t outsz)
{
	const char *ell;
	size_t len, cut, elln;
	int w;

	if (out == NULL || outsz == 0)
		return 0;
	if (safe == NULL || cols <= 0) {
		out[0] = '\0';
		return 0;
	}
	len = strlen(safe);

	cut = prefix_fit(safe, len, cols, outsz - 1, &w);
	if (cut == len) {
		memmove(out, safe, len);
		out[len] = '\0';
		return w;
	}

	/* Had to cut: make room for a one-column ellipsis. */
	if (utf8_mode && outsz > sizeof(ELLIPSIS_UTF8) - 1) {
		ell = ELLIPSIS_UTF8;
		elln = sizeof(ELLIPSIS_UTF8) - 1;
	} else if (outsz > 1) {
		ell = ELLIPSIS_ASCII;
		elln = 1;
	} else {
		out[0] = '\0';
		return 0;
	}
	cut = prefix_fit(safe, len, cols - 1, outsz - 1 - elln, &w);
	memmove(out, safe, cut);
	memcpy(out + cut, ell, elln);
	out[cut + elln] = '\0';
	return w + 1;
}
