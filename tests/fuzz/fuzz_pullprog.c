/* sources: dockerapi/pullprog.c dockerapi/jsonget.c xmalloc.c */
/*
 * libFuzzer target: the pull message stream in pseudo-random chunks must
 * give the same summary as the whole input in one feed, and the summary
 * must be consistent (done <= layers; a formatted line always ends).
 * Input: chunking seed byte, then the stream.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/pullprog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pullprog *whole, *parts;
	struct pullprog_sum a, b;
	uint32_t seed;
	size_t off, n;
	char line[96];

	if (size < 1)
		return 0;
	seed = data[0] * 2654435761u + 1;
	whole = pullprog_new();
	parts = pullprog_new();
	pullprog_feed(whole, (const char *)data + 1, size - 1);
	for (off = 1; off < size; off += n) {
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 97 + 1;
		if (n > size - off)
			n = size - off;
		pullprog_feed(parts, (const char *)data + off, n);
	}
	pullprog_finish(whole);
	pullprog_finish(parts);
	pullprog_summary(whole, &a);
	pullprog_summary(parts, &b);
	if (a.layers != b.layers || a.done != b.done || a.cur != b.cur || a.total != b.total ||
	    !same_str(a.error, b.error) || !same_str(a.status, b.status))
		abort();
	if (a.done > a.layers || a.layers > 512)
		abort();
	pullprog_format(&a, line, sizeof line);
	if (memchr(line, '\0', sizeof line) == NULL)
		abort();
	pullprog_free(whole);
	pullprog_free(parts);
	return 0;
}
