/* SGR sequences in engine text: a small state machine, then sanitize the rest. */
#include "tui/sgr.h"

#include <stdlib.h>
#include <string.h>

#include "tui/sanitize.h"
#include "xmalloc.h"

bool
sgr_same(const struct sgr_style *a, const struct sgr_style *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->flags == b->flags;
}

/* Length of the SGR sequence at p (ESC [ params m), or 0 if there is none. */
static size_t
seq_len(const char *p, size_t len)
{
	size_t i;

	if (len < 3 || p[0] != '\033' || p[1] != '[')
		return 0;
	for (i = 2; i < len && i < SGR_MAX_SEQ; i++) {
		char c = p[i];
		if (c == 'm')
			return i + 1;
		if (!((c >= '0' && c <= '9') || c == ';' || c == ':'))
			return 0;
	}
	return 0;
}

/* Parameters of one sequence: numbers, and whether each was joined to the
 * one before it by ':' (a sub-parameter). */
#define MAXP 32
struct params {
	long v[MAXP];
	bool sub[MAXP];
	size_t n;
};

static void
split_params(const char *p, size_t n, struct params *ps)
{
	long cur = 0;
	bool sub = false;

	ps->n = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? p[i] : ';';
		if (c >= '0' && c <= '9') {
			if (cur < 100000)
				cur = cur * 10 + (c - '0');
			continue;
		}
		if (ps->n < MAXP) {
			ps->v[ps->n] = cur;
			ps->sub[ps->n] = sub;
			ps->n++;
		}
		cur = 0;
		sub = c == ':';
	}
}

/* An extended colour (38/48 ...) from parameter i (the 38): sets *c and
 * returns the parameters used after the 38. */
static size_t
ext_color(const struct params *ps, size_t i, uint32_t *c)
{
	size_t k = i + 1;

	if (k >= ps->n)
		return 0;
	if (ps->v[k] == 5) {
		if (k + 1 < ps->n) {
			long n = ps->v[k + 1];
			if (n >= 0 && n <= 255)
				*c = SGR_INDEX | (uint32_t)n;
			return 2;
		}
		return 1;
	}
	if (ps->v[k] == 2) {
		/* 38;2;r;g;b, or 38:2:CS:r:g:b with a colour space id */
		size_t at = k + 1;
		if (ps->sub[k] && k + 4 < ps->n && ps->sub[k + 4])
			at++;
		if (at + 2 < ps->n) {
			long r = ps->v[at], g = ps->v[at + 1], b = ps->v[at + 2];
			if (r >= 0 && r <= 255 && g >= 0 && g <= 255 && b >= 0 && b <= 255)
				*c = SGR_RGB | (uint32_t)(r << 16 | g << 8 | b);
			return at + 2 - i;
		}
		return ps->n - 1 - i;
	}
	return 1;
}

static void
apply(const char *p, size_t n, struct sgr_style *st)
{
	struct params ps;

	split_params(p, n, &ps);
	for (size_t i = 0; i < ps.n; i++) {
		long v = ps.v[i];
		if (ps.sub[i])
			continue;	/* a sub-parameter we do not know */
		if (v == 0)
			*st = SGR_PLAIN;
		else if (v == 1)
			st->flags |= SGR_BOLD;
		else if (v == 2)
			st->flags |= SGR_DIM;
		else if (v == 3)
			st->flags |= SGR_ITALIC;
		else if (v == 4) {
			if (i + 1 < ps.n && ps.sub[i + 1] && ps.v[i + 1] == 0)
				st->flags &= (uint8_t)~SGR_UNDERLINE;
			else
				st->flags |= SGR_UNDERLINE;
		} else if (v == 7)
			st->flags |= SGR_REVERSE;
		else if (v == 22)
			st->flags &= (uint8_t)~(SGR_BOLD | SGR_DIM);
		else if (v == 23)
			st->flags &= (uint8_t)~SGR_ITALIC;
		else if (v == 24)
			st->flags &= (uint8_t)~SGR_UNDERLINE;
		else if (v == 27)
			st->flags &= (uint8_t)~SGR_REVERSE;
		else if (v >= 30 && v <= 37)
			st->fg = SGR_INDEX | (uint32_t)(v - 30);
		else if (v >= 40 && v <= 47)
			st->bg = SGR_INDEX | (uint32_t)(v - 40);
		else if (v >= 90 && v <= 97)
			st->fg = SGR_INDEX | (uint32_t)(v - 90 + 8);
		else if (v >= 100 && v <= 107)
			st->bg = SGR_INDEX | (uint32_t)(v - 100 + 8);
		else if (v == 39)
			st->fg = SGR_DEFAULT;
		else if (v == 49)
			st->bg = SGR_DEFAULT;
		else if (v == 38 || v == 48)
			i += ext_color(&ps, i, v == 38 ? &st->fg : &st->bg);
	}
}

bool
sgr_next(const char *raw, size_t len, size_t *pos, struct sgr_style *st,
    size_t *seg_off, size_t *seg_len)
{
	size_t i = *pos, n;

	while (i < len && (n = seq_len(raw + i, len - i)) > 0) {
		apply(raw + i + 2, n - 3, st);
		i += n;
	}
	*seg_off = i;
	while (i < len) {
		const char *e = memchr(raw + i, '\033', len - i);
		if (e == NULL) {
			i = len;
			break;
		}
		i = (size_t)(e - raw);
		if (seq_len(raw + i, len - i) > 0)
			break;
		i++;	/* an ESC that starts no SGR: text, made visible later */
	}
	*seg_len = i - *seg_off;
	*pos = i;
	return *seg_len > 0;
}

char *
sgr_sanitize(const char *raw, size_t len, struct sgr_style *st,
    struct sgr_span *spans, size_t maxspans, size_t *nspans, size_t *outlen)
{
	char *out = NULL;
	size_t cap = 0, used = 0, pos = 0, off, n, ns = 0;

	while (sgr_next(raw, len, &pos, st, &off, &n)) {
		char *piece = sanitize_dup(raw + off, n);
		size_t plen = strlen(piece);
		bool styled = !sgr_same(st, &SGR_PLAIN);
		if (spans != NULL && ns < maxspans && (styled || ns > 0) &&
		    (ns == 0 || !sgr_same(&spans[ns - 1].st, st))) {
			spans[ns].off = (uint32_t)used;
			spans[ns].st = *st;
			ns++;
		}
		out = xgrowarray(out, &cap, used + plen + 1, 1);
		memcpy(out + used, piece, plen);
		used += plen;
		free(piece);
	}
	if (out == NULL)
		out = xstrdup("");
	else
		out[used] = '\0';
	if (nspans != NULL)
		*nspans = ns;
	if (outlen != NULL)
		*outlen = used;
	return out;
}

static const uint8_t cube[6] = { 0, 95, 135, 175, 215, 255 };

static int
cube_step(int v)
{
	int best = 0;

	for (int i = 1; i < 6; i++)
		if (abs(cube[i] - v) < abs(cube[best] - v))
			best = i;
	return best;
}

static long
dist2(int r1, int g1, int b1, int r2, int g2, int b2)
{
	long dr = r1 - r2, dg = g1 - g2, db = b1 - b2;
	return dr * dr + dg * dg + db * db;
}

int
sgr_rgb_to_256(uint32_t rgb)
{
	int r = (int)(rgb >> 16 & 0xff), g = (int)(rgb >> 8 & 0xff), b = (int)(rgb & 0xff);
	int ri = cube_step(r), gi = cube_step(g), bi = cube_step(b);
	int grey = (r + g + b) / 3, gi2 = grey > 238 ? 23 : grey < 8 ? 0 : (grey - 8) / 10;
	int gv = 8 + 10 * gi2;

	if (dist2(r, g, b, gv, gv, gv) < dist2(r, g, b, cube[ri], cube[gi], cube[bi]))
		return 232 + gi2;
	return 16 + 36 * ri + 6 * gi + bi;
}

/* The basic 16 colours as xterm draws them. */
static const uint8_t basic[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

int
sgr_to_16(uint32_t c)
{
	int r, g, b, best = 0;
	uint32_t v = SGR_VALUE(c);

	if (SGR_KIND(c) == SGR_INDEX) {
		if (v < 16)
			return (int)v;
		if (v >= 232) {
			r = g = b = 8 + 10 * (int)(v - 232);
		} else {
			v -= 16;
			r = cube[v / 36];
			g = cube[v / 6 % 6];
			b = cube[v % 6];
		}
	} else if (SGR_KIND(c) == SGR_RGB) {
		r = (int)(v >> 16 & 0xff);
		g = (int)(v >> 8 & 0xff);
		b = (int)(v & 0xff);
	} else {
		return -1;
	}
	for (int i = 1; i < 16; i++)
		if (dist2(r, g, b, basic[i][0], basic[i][1], basic[i][2]) <
		    dist2(r, g, b, basic[best][0], basic[best][1], basic[best][2]))
			best = i;
	return best;
}
