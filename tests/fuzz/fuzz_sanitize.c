/* sources: tui/sanitize.c xmalloc.c */
/* Fuzz the sanitizer: whatever the bytes, the output must be safe to draw. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700	/* wcwidth */
#endif

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/sanitize.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const char *s)
{
	size_t i;

	fprintf(stderr, "fuzz_sanitize: %s in output:", what);
	for (i = 0; s[i] != '\0'; i++)
		fprintf(stderr, " %02x", (unsigned char)s[i]);
	fputc('\n', stderr);
	abort();
}

/* Strict UTF-8, kept apart from the module's decoder on purpose. */
static size_t
dec(const unsigned char *p, size_t len, uint32_t *cp)
{
	size_t n, i;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2;
		c = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3;
		c = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static void
check_safe(const char *s, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strnlen(s, cap), i = 0, n;
	uint32_t c;

	if (len == cap)
		fail("missing NUL", "");
	while (i < len) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			fail("control byte", s);
		if (!sanitize_get_utf8() && p[i] >= 0x80)
			fail("non-ASCII byte in ASCII mode", s);
		n = dec(p + i, len - i, &c);
		if (n == 0)
			fail("invalid UTF-8", s);
		if (c >= 0x80 && c <= 0x9f)
			fail("C1 control", s);
		if ((c >= 0x200b && c <= 0x200f) ||
		    (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2060 && c <= 0x2069) || c == 0xfeff || c == 0x061c)
			fail("bidi/format control", s);
		if (c >= 0x80 && wcwidth((wchar_t)c) < 0)
			fail("unprintable character", s);
		i += n;
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "fuzz_sanitize: C.UTF-8 locale missing\n");
		abort();
	}
	return 0;
}

/*
 * Byte 0 picks the mode (bit 7) and the column count; byte 1 the buffer
 * sizes; the rest is the engine's text.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *safe, *again, *small, fit[64];
	const char *in;
	size_t len, outsz, n;
	int cols, w;

	if (size < 2)
		return 0;
	sanitize_set_utf8((data[0] & 0x80) == 0);
	cols = (int)(data[0] & 0x3f) - 4;
	in = (const char *)data + 2;
	len = size - 2;

	safe = sanitize_dup(in, len);
	check_safe(safe, SIZE_MAX);

	again = sanitize_dup(safe, strlen(safe));
	if (strcmp(again, safe) != 0)
		fail("not idempotent", safe);
	free(again);

	outsz = (size_t)(data[1] & 0x1f) + 1;
	small = malloc(outsz);
	if (small == NULL)
		abort();
	n = sanitize_into(in, len, small, outsz);
	check_safe(small, outsz);
	if (n != strlen(small) || strncmp(small, safe, n) != 0)
		fail("sanitize_into disagrees with sanitize_dup", small);
	free(small);

	outsz = (size_t)(data[1] >> 2) + 1;
	w = sanitize_fit(safe, cols, fit, outsz);
	check_safe(fit, outsz);
	if (w > (cols < 0 ? 0 : cols) || w != sanitize_width(fit))
		fail("sanitize_fit too wide", fit);

	free(safe);
	return 0;
}
