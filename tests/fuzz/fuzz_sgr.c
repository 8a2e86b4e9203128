/* sources: tui/sgr.c tui/sanitize.c xmalloc.c */
/* Fuzz the SGR parser: whatever the bytes, the text is safe to draw, the
 * styles' offsets are in order and inside it, and the parse terminates. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/sanitize.h"
#include "tui/sgr.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_sgr: %s\n", what);
	abort();
}

static void
check_style(const struct sgr_style *st)
{
	uint32_t c[2] = { st->fg, st->bg };

	for (int i = 0; i < 2; i++) {
		if (SGR_KIND(c[i]) != SGR_DEFAULT && SGR_KIND(c[i]) != SGR_INDEX &&
		    SGR_KIND(c[i]) != SGR_RGB)
			fail("bad colour kind");
		if (SGR_KIND(c[i]) == SGR_DEFAULT && SGR_VALUE(c[i]) != 0)
			fail("default colour with a value");
		if (SGR_KIND(c[i]) == SGR_INDEX && SGR_VALUE(c[i]) > 255)
			fail("colour index above 255");
		if (c[i] != SGR_DEFAULT) {
			int n = sgr_to_16(c[i]);
			if (n < 0 || n > 15)
				fail("sgr_to_16 out of range");
		}
		if (SGR_KIND(c[i]) == SGR_RGB) {
			int n = sgr_rgb_to_256(SGR_VALUE(c[i]));
			if (n < 16 || n > 255)
				fail("sgr_rgb_to_256 out of range");
		}
	}
	if (st->flags & ~0x1fu)
		fail("unknown flag");
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		fail("C.UTF-8 locale missing");
	return 0;
}

/* Byte 0: the mode (bit 7) and the most spans kept (low bits). */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sgr_span spans[32];
	struct sgr_style st = SGR_PLAIN;
	size_t ns = 99, len, max, pos = 0, off, n, steps = 0;
	const char *in;
	char *out, *again;

	if (size < 1)
		return 0;
	sanitize_set_utf8((data[0] & 0x80) == 0);
	max = data[0] & 0x1f;
	in = (const char *)data + 1;
	size--;

	out = sgr_sanitize(in, size, &st, spans, max, &ns, &len);
	if (strlen(out) != len)
		fail("length disagrees");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			fail("control byte in the output");
	again = sanitize_dup(out, len);
	if (strcmp(again, out) != 0)
		fail("output not sanitized");
	free(again);
	if (ns > max)
		fail("more spans than allowed");
	for (size_t i = 0; i < ns; i++) {
		if (spans[i].off > len)
			fail("span past the end");
		if (i > 0 && spans[i].off < spans[i - 1].off)
			fail("spans out of order");
		check_style(&spans[i].st);
	}
	check_style(&st);
	free(out);

	/* the iterator alone always moves on */
	st = SGR_PLAIN;
	while (sgr_next(in, size, &pos, &st, &off, &n)) {
		if (off + n != pos || pos > size)
			fail("segment outside the input");
		if (++steps > size + 1)
			fail("no progress");
	}
	if (pos != size)
		fail("did not reach the end");
	return 0;
}
