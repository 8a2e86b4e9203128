/* sources: dockerapi/logframe.c xmalloc.c */
/*
 * libFuzzer target: the logs demuxer fed in pseudo-random chunks must hand
 * out exactly the lines of the same input fed at once, every line within
 * max_line, with no '\n' inside and a NUL after it.
 * Input: flags byte (bit 0: tty), max_line byte, chunking seed byte, body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/logframe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct rec {
	char *text;		/* stream byte, then the line, per line */
	size_t len, cap;
	size_t max_line;
};

static void
cb(void *arg, int stream, const char *line, size_t len)
{
	struct rec *r = arg;

	if (stream < 0 || stream > 3 || len > r->max_line || line[len] != '\0' ||
	    memchr(line, '\n', len) != NULL)
		abort();
	if (r->len + len + 2 > r->cap) {
		r->cap = (r->len + len + 2) * 2;
		r->text = realloc(r->text, r->cap);
		if (r->text == NULL)
			abort();
	}
	r->text[r->len++] = (char)('0' + stream);
	memcpy(r->text + r->len, line, len);
	r->len += len;
	r->text[r->len++] = '\n';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logframe *a, *b;
	struct rec ra = { 0 }, rb = { 0 };
	size_t max_line, off, n;
	uint32_t seed;
	bool tty;

	if (size < 3)
		return 0;
	tty = data[0] & 1;
	max_line = data[1] + 1u;
	seed = data[2] * 2654435761u + 1;
	data += 3;
	size -= 3;
	ra.max_line = rb.max_line = max_line;

	a = logframe_new(tty, max_line);
	logframe_feed(a, data, size, cb, &ra);
	logframe_flush(a, cb, &ra);

	b = logframe_new(tty, max_line);
	for (off = 0; off < size; off += n) {
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 32 + 1;
		if (n > size - off)
			n = size - off;
		logframe_feed(b, data + off, n, cb, &rb);
	}
	logframe_flush(b, cb, &rb);

	if (ra.len != rb.len || (ra.len > 0 && memcmp(ra.text, rb.text, ra.len) != 0))
		abort();
	if (logframe_bad_headers(a) != logframe_bad_headers(b) ||
	    logframe_bad_headers(a) > 1)
		abort();
	logframe_free(a);
	logframe_free(b);
	free(ra.text);
	free(rb.text);
	return 0;
}
