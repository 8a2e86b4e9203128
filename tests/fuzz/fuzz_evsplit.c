/* sources: dockerapi/evsplit.c xmalloc.c */
/*
 * libFuzzer target: evsplit fed in pseudo-random chunks must give exactly
 * the lines and drop count of a naive whole-input splitter.
 * Input: max_line byte, chunking seed byte, then the stream.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/evsplit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct ref {
	const char *buf;
	size_t len;
	size_t off;
	size_t max_line;
	size_t dropped;
};

/* Next complete, non-empty, short enough line of the whole input. */
static int
ref_next(struct ref *r, const char **line, size_t *len)
{
	const char *nl;
	size_t n;

	while (r->off < r->len) {
		nl = memchr(r->buf + r->off, '\n', r->len - r->off);
		if (nl == NULL)
			return 0;
		n = (size_t)(nl - (r->buf + r->off));
		*line = r->buf + r->off;
		r->off += n + 1;
		if (n > 0 && (*line)[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		if (n > r->max_line) {
			r->dropped++;
			continue;
		}
		*len = n;
		return 1;
	}
	return 0;
}

static void
cb(const char *line, size_t len, void *arg)
{
	struct ref *r = arg;
	const char *want;
	size_t wlen;

	if (!ref_next(r, &want, &wlen) || wlen != len ||
	    memcmp(want, line, len) != 0 || line[len] != '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evsplit *s;
	struct ref r;
	const char *want;
	size_t wlen, off, n;
	uint32_t seed;

	if (size < 2)
		return 0;
	memset(&r, 0, sizeof r);
	r.max_line = data[0];
	seed = data[1] * 2654435761u + 1;
	r.buf = (const char *)data + 2;
	r.len = size - 2;

	s = evsplit_new(r.max_line);
	for (off = 0; off < r.len; off += n) {
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 64 + 1;
		if (n > r.len - off)
			n = r.len - off;
		evsplit_feed(s, r.buf + off, n, cb, &r);
	}
	if (ref_next(&r, &want, &wlen))
		abort();
	/* an unfinished line already too long is counted when it overflows */
	if (r.len - r.off > r.max_line + 1)
		r.dropped++;
	if (r.dropped != evsplit_dropped(s))
		abort();
	evsplit_reset(s);
	evsplit_free(s);
	return 0;
}
