/* Fixed-capacity circular array of lines, with a byte budget on top. */
#include "model/logring.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct logring {
	struct logring_line *slots;
	size_t max_lines, max_bytes;
	size_t head;		/* slot of the oldest line */
	size_t count;
	size_t bytes;
	uint64_t first;		/* sequence of the oldest line */
};

struct logring *
logring_new(size_t max_lines, size_t max_bytes)
{
	struct logring *r = xcalloc(1, sizeof *r);

	r->max_lines = max_lines > 0 ? max_lines : LOGRING_DEFAULT_LINES;
	r->max_bytes = max_bytes > 0 ? max_bytes : LOGRING_DEFAULT_BYTES;
	r->slots = xcalloc(r->max_lines, sizeof *r->slots);
	return r;
}

static void
drop_oldest(struct logring *r)
{
	struct logring_line *l = &r->slots[r->head];

	r->bytes -= l->len + l->extra;
	free(l->text);
	free(l->spans);
	memset(l, 0, sizeof *l);
	r->head = (r->head + 1) % r->max_lines;
	r->count--;
	r->first++;
}

void
logring_clear(struct logring *r)
{
	while (r->count > 0)
		drop_oldest(r);
}

void
logring_free(struct logring *r)
{
	if (r == NULL)
		return;
	logring_clear(r);
	free(r->slots);
	free(r);
}

void
logring_push_take(struct logring *r, int stream, char *text, size_t len,
    size_t ts_len)
{
	struct logring_line l = { .text = text, .len = (uint32_t)len,
	    .ts_len = (uint16_t)(ts_len < 65535 ? ts_len : 0), .stream = (uint8_t)stream };

	logring_push_line(r, &l, false);
}

/* The fraction digits of an RFC 3339 time after its seconds, and the end. */
static size_t
ts_main(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] != '.' && s[i] != 'Z' && s[i] != '+' && s[i] != ' ')
		i++;
	return i;
}

int
logring_ts_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	size_t am = ts_main(a, al), bm = ts_main(b, bl), ai, bi;
	int c;

	c = memcmp(a, b, am < bm ? am : bm);
	if (c != 0 || am != bm)
		return c != 0 ? c : am < bm ? -1 : 1;
	/* fractions: digit by digit, a missing digit is a 0 */
	ai = am < al && a[am] == '.' ? am + 1 : am;
	bi = bm < bl && b[bm] == '.' ? bm + 1 : bm;
	for (;;) {
		char ca = ai < al && a[ai] >= '0' && a[ai] <= '9' ? a[ai] : '0';
		char cb = bi < bl && b[bi] >= '0' && b[bi] <= '9' ? b[bi] : '0';
		bool ea = !(ai < al && a[ai] >= '0' && a[ai] <= '9');
		bool eb = !(bi < bl && b[bi] >= '0' && b[bi] <= '9');
		if (ea && eb)
			return 0;
		if (ca != cb)
			return ca < cb ? -1 : 1;
		ai += !ea;
		bi += !eb;
	}
}

static struct logring_line *
slot(struct logring *r, size_t i)
{
	return &r->slots[(r->head + i) % r->max_lines];
}

void
logring_push_line(struct logring *r, const struct logring_line *in, bool sorted)
{
	struct logring_line l = *in;
	size_t at;

	if (l.len > r->max_bytes) {
		/* one line over the whole budget: keep its head only */
		l.len = (uint32_t)r->max_bytes;
		l.text[l.len] = '\0';
		if (l.ts_len > l.len)
			l.ts_len = 0;
		free(l.spans);
		l.spans = NULL;
		l.nspans = 0;
		l.extra = 0;
	}
	if (l.ts_len > l.len)
		l.ts_len = 0;
	while (r->count > 0 &&
	    (r->count == r->max_lines || r->bytes + l.len + l.extra > r->max_bytes))
		drop_oldest(r);
	at = r->count;
	if (sorted && l.ts_len > 0) {
		size_t lim = r->count > LOGRING_SORT_WINDOW ? r->count - LOGRING_SORT_WINDOW : 0;
		while (at > lim) {
			const struct logring_line *p = slot(r, at - 1);
			if (p->ts_len == 0 ||
			    logring_ts_cmp(p->text, p->ts_len, l.text, l.ts_len) <= 0)
				break;
			at--;
		}
		for (size_t i = r->count; i > at; i--)
			*slot(r, i) = *slot(r, i - 1);
	}
	*slot(r, at) = l;
	r->count++;
	r->bytes += l.len + l.extra;
}

uint64_t
logring_first(const struct logring *r)
{
	return r->first;
}

uint64_t
logring_end(const struct logring *r)
{
	return r->first + r->count;
}

size_t
logring_count(const struct logring *r)
{
	return r->count;
}

size_t
logring_max_lines(const struct logring *r)
{
	return r->max_lines;
}

size_t
logring_bytes(const struct logring *r)
{
	return r->bytes;
}

const struct logring_line *
logring_get(const struct logring *r, uint64_t seq)
{
	if (seq < r->first || seq >= r->first + r->count)
		return NULL;
	return &r->slots[(r->head + (size_t)(seq - r->first)) % r->max_lines];
}
