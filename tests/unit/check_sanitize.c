/* Unit tests for tui/sanitize.c: what engine bytes become before curses sees them. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700	/* wcwidth */
#endif

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/sanitize.h"

#define FFFD	"\xef\xbf\xbd"
#define ELL	"\xe2\x80\xa6"

static void
setup_utf8(void)
{
	sanitize_set_utf8(true);
}

/* `in` is a string literal, so sizeof counts embedded NULs too. */
#define DUP_EQ(in, want) do {						\
	char *got_ = sanitize_dup((in), sizeof(in) - 1);		\
	ck_assert_str_eq(got_, (want));					\
	free(got_);							\
} while (0)

/* Strict UTF-8 decoder, written separately from the module's on purpose. */
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

static int
is_format(uint32_t c)
{
	return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x2069) || c == 0xfeff || c == 0x061c;
}

/*
 * The safety property: valid UTF-8, no C0, DEL, C1 or bidi/format
 * characters, nothing wcwidth() cannot draw, ASCII only in ASCII mode.
 * Returns NULL or a reason.
 */
static const char *
unsafe_reason(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	uint32_t c;

	while (i < len) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return "control byte";
		if (!sanitize_get_utf8() && p[i] >= 0x80)
			return "non-ASCII byte in ASCII mode";
		n = dec(p + i, len - i, &c);
		if (n == 0)
			return "invalid UTF-8";
		if (c >= 0x80 && c <= 0x9f)
			return "C1 control";
		if (is_format(c))
			return "bidi/format control";
		if (c >= 0x80 && wcwidth((wchar_t)c) < 0)
			return "unprintable character";
		i += n;
	}
	return NULL;
}

#define ASSERT_SAFE(s) do {						\
	const char *why_ = unsafe_reason(s);				\
	ck_assert_msg(why_ == NULL, "unsafe output (%s)", why_);	\
} while (0)

/* --- C0, DEL, NUL --- */

START_TEST(test_ascii_passes)
{
	DUP_EQ("hello, world ~!@#$%^&*()_+{}|:\"<>?", "hello, world ~!@#$%^&*()_+{}|:\"<>?");
	DUP_EQ("", "");
}
END_TEST

START_TEST(test_c0_caret)
{
	DUP_EQ("\x1b[31mred\x1b[0m", "^[[31mred^[[0m");
	DUP_EQ("a\tb\r\nc", "a^Ib^M^Jc");
	DUP_EQ("\a\b\f\v", "^G^H^L^K");
	DUP_EQ("\x1f", "^_");
}
END_TEST

START_TEST(test_c0_all)
{
	char in[1], want[3], *got;
	int c;

	for (c = 0; c < 0x20; c++) {
		in[0] = (char)c;
		want[0] = '^';
		want[1] = (char)(c + 0x40);
		want[2] = '\0';
		got = sanitize_dup(in, 1);
		ck_assert_str_eq(got, want);
		free(got);
	}
}
END_TEST

START_TEST(test_del)
{
	DUP_EQ("a\x7f" "b", "a^?b");
}
END_TEST

START_TEST(test_embedded_nul)
{
	DUP_EQ("a\0b", "a^@b");
	DUP_EQ("\0", "^@");
}
END_TEST

START_TEST(test_len_respected)
{
	char *got = sanitize_dup("abcdef", 3);

	ck_assert_str_eq(got, "abc");
	free(got);
	got = sanitize_dup(NULL, 0);
	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

START_TEST(test_osc_title)
{
	/* OSC 0 set-title, terminated by BEL and by ST */
	DUP_EQ("\x1b]0;pwned\x07ok", "^[]0;pwned^Gok");
	DUP_EQ("\x1b]8;;http://x\x1b\\link", "^[]8;;http://x^[\\link");
}
END_TEST

/* --- C1 --- */

START_TEST(test_c1_codepoints)
{
	DUP_EQ("\xc2\x80", "<80>");
	DUP_EQ("a\xc2\x9b" "31m", "a<9B>31m");
	DUP_EQ("\xc2\x9d" "0;t\xc2\x9c", "<9D>0;t<9C>");
	DUP_EQ("\xc2\x9f", "<9F>");
	DUP_EQ("\xc2\xa0", "\xc2\xa0");	/* NBSP is printable */
}
END_TEST

START_TEST(test_c1_raw_bytes)
{
	/* a bare 0x9b is not UTF-8 at all, so it is a bad byte */
	DUP_EQ("\x9b" "31m", FFFD "31m");
	DUP_EQ("\x1b\x9b", "^[" FFFD);
}
END_TEST

/* --- bidi and invisible format characters --- */

START_TEST(test_bidi_override)
{
	DUP_EQ("abc\xe2\x80\xae" "fdp.exe", "abc<U+202E>fdp.exe");
	DUP_EQ("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    "<U+202A><U+202B><U+202C><U+202D>");
	DUP_EQ("\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>");
	DUP_EQ("\xe2\x80\x8e\xe2\x80\x8f", "<U+200E><U+200F>");
	DUP_EQ("\xd8\x9c", "<U+061C>");
}
END_TEST

START_TEST(test_zero_width_format)
{
	DUP_EQ("a\xe2\x80\x8b" "b", "a<U+200B>b");
	DUP_EQ("\xef\xbb\xbfx", "<U+FEFF>x");
	DUP_EQ("\xe2\x81\xa0", "<U+2060>");
	DUP_EQ("\xe2\x80\x8d", "<U+200D>");
}
END_TEST

START_TEST(test_format_neighbours_pass)
{
	DUP_EQ("\xe2\x80\x8a", "\xe2\x80\x8a");	/* U+200A hair space */
	DUP_EQ("\xe2\x80\xaf", "\xe2\x80\xaf");	/* U+202F narrow nbsp */
	DUP_EQ("\xe2\x81\xb0", "\xe2\x81\xb0");	/* U+2070 superscript 0 */
}
END_TEST

/* --- invalid UTF-8 --- */

START_TEST(test_bad_lead)
{
	DUP_EQ("a\xff" "b", "a" FFFD "b");
	DUP_EQ("\x80", FFFD);
	DUP_EQ("\xf5\x80\x80\x80", FFFD);
	DUP_EQ("\xfe", FFFD);
}
END_TEST

START_TEST(test_overlong)
{
	DUP_EQ("\xc0\xaf", FFFD);		/* '/' in two bytes */
	DUP_EQ("\xc1\xbf", FFFD);
	DUP_EQ("\xe0\x80\xaf", FFFD);
	DUP_EQ("\xe0\x9f\xbf", FFFD);
	DUP_EQ("\xf0\x80\x80\xaf", FFFD);
	DUP_EQ("\xf0\x8f\xbf\xbf", FFFD);
	DUP_EQ("\xc0\x80", FFFD);		/* overlong NUL */
	DUP_EQ("\xc0\x9b", FFFD);		/* overlong ESC */
}
END_TEST

START_TEST(test_surrogates)
{
	DUP_EQ("\xed\xa0\x80", FFFD);
	DUP_EQ("\xed\xbf\xbf", FFFD);
	DUP_EQ("\xed\xa0\xbd\xed\xb8\x80", FFFD);	/* CESU-8 pair */
	DUP_EQ("\xed\x9f\xbb", "\xed\x9f\xbb");		/* U+D7FB is fine */
	DUP_EQ("\xee\x80\x80", "\xee\x80\x80");		/* so is U+E000 */
}
END_TEST

START_TEST(test_above_max)
{
	DUP_EQ("\xf4\x90\x80\x80", FFFD);
	DUP_EQ("\xf7\xbf\xbf\xbf", FFFD);
}
END_TEST

START_TEST(test_truncated)
{
	DUP_EQ("ab\xe2\x82", "ab" FFFD);
	DUP_EQ("\xe2\x82" "A", FFFD "A");
	DUP_EQ("\xf0\x9f\x98", FFFD);
	DUP_EQ("\xc3", FFFD);
	DUP_EQ("\xe2\x82\x1b", FFFD "^[");
}
END_TEST

START_TEST(test_bad_run_collapses)
{
	DUP_EQ("\xff\xfe\xfd\x80\x80", FFFD);
	DUP_EQ("\xff" "a\xff", FFFD "a" FFFD);
	DUP_EQ("\xc3\xc3\xa9", FFFD "\xc3\xa9");	/* bad, then é */
}
END_TEST

/* --- width and printability --- */

START_TEST(test_unprintable_to_fffd)
{
	DUP_EQ("a\xe2\x80\xa8" "b", "a" FFFD "b");	/* U+2028 */
	DUP_EQ("\xcd\xb8", FFFD);			/* U+0378 unassigned */
	DUP_EQ("\xef\xbf\xbf", FFFD);			/* U+FFFF */
	DUP_EQ("\xf4\x8f\xbf\xbf", FFFD);		/* U+10FFFF */
}
END_TEST

START_TEST(test_printable_pass)
{
	DUP_EQ("\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87");
	DUP_EQ("e\xcc\x81", "e\xcc\x81");
	DUP_EQ("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	DUP_EQ("caf\xc3\xa9", "caf\xc3\xa9");
	DUP_EQ(FFFD, FFFD);
}
END_TEST

START_TEST(test_idempotent)
{
	static const char in[] = "\x1b[1m\xe4\xb8\xad\xc2\x9b\xe2\x80\xae\xff"
	    "\xe2\x80\xa8" "e\xcc\x81\x7f\0z";
	char *once, *twice;

	once = sanitize_dup(in, sizeof(in) - 1);
	twice = sanitize_dup(once, strlen(once));
	ck_assert_str_eq(once, twice);
	free(once);
	free(twice);
}
END_TEST

START_TEST(test_large_input_grows)
{
	size_t n = 100000, i;
	char *in = malloc(n), *got;

	ck_assert_ptr_nonnull(in);
	memset(in, '\x1b', n);
	got = sanitize_dup(in, n);
	ck_assert_uint_eq(strlen(got), 2 * n);
	for (i = 0; i < 2 * n; i += 2)
		ck_assert(got[i] == '^' && got[i + 1] == '[');
	free(got);
	memset(in, '\xff', n);
	got = sanitize_dup(in, n);
	ck_assert_str_eq(got, FFFD);
	free(got);
	for (i = 0; i + 3 <= n; i += 3)
		memcpy(in + i, "\xe2\x80\xae", 3);
	got = sanitize_dup(in, n - n % 3);
	ck_assert_uint_eq(strlen(got), (n / 3) * 8);
	free(got);
	free(in);
}
END_TEST

/* --- sanitize_into --- */

START_TEST(test_into_fits)
{
	char out[64];
	size_t n;

	n = sanitize_into("a\x1b" "b", 3, out, sizeof out);
	ck_assert_str_eq(out, "a^[b");
	ck_assert_uint_eq(n, 4);
}
END_TEST

START_TEST(test_into_truncates_at_boundary)
{
	char out[16];
	size_t n;

	n = sanitize_into("ab\x1b", 3, out, 4);
	ck_assert_str_eq(out, "ab");		/* "^[" is not split */
	ck_assert_uint_eq(n, 2);

	n = sanitize_into("\xe4\xb8\xad\xe6\x96\x87", 6, out, 6);
	ck_assert_str_eq(out, "\xe4\xb8\xad");
	ck_assert_uint_eq(n, 3);

	n = sanitize_into("x\xe2\x80\xae", 4, out, 8);
	ck_assert_str_eq(out, "x");		/* "<U+202E>" is not split */
	ck_assert_uint_eq(n, 1);

	n = sanitize_into("x\xff", 2, out, 4);
	ck_assert_str_eq(out, "x");		/* nor is U+FFFD */

	n = sanitize_into("abc\x1b" "def", 7, out, 5);
	ck_assert_str_eq(out, "abc");		/* stops; does not resume */
}
END_TEST

START_TEST(test_into_tiny)
{
	char out[4] = "zzz";
	size_t n;

	n = sanitize_into("abc", 3, out, 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(out, "zzz");		/* untouched */
	n = sanitize_into("abc", 3, out, 1);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(out, "");
	n = sanitize_into(NULL, 0, out, sizeof out);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(out, "");
}
END_TEST

/* --- sanitize_width --- */

START_TEST(test_width)
{
	ck_assert_int_eq(sanitize_width(""), 0);
	ck_assert_int_eq(sanitize_width(NULL), 0);
	ck_assert_int_eq(sanitize_width("hello"), 5);
	ck_assert_int_eq(sanitize_width("^["), 2);
	ck_assert_int_eq(sanitize_width("\xe4\xb8\xad\xe6\x96\x87"), 4);
	ck_assert_int_eq(sanitize_width("e\xcc\x81"), 1);
	ck_assert_int_eq(sanitize_width("\xf0\x9f\x98\x80!"), 3);
	ck_assert_int_eq(sanitize_width(FFFD ELL), 2);
	ck_assert_int_eq(sanitize_width("<U+202E>"), 8);
}
END_TEST

START_TEST(test_width_unsanitized_never_negative)
{
	ck_assert_int_eq(sanitize_width("\xff\xfe"), 2);
	ck_assert_int_eq(sanitize_width("\xe2\x80\xa8"), 1);
}
END_TEST

/* --- sanitize_fit --- */

START_TEST(test_fit_whole)
{
	char out[32];

	ck_assert_int_eq(sanitize_fit("hello", 5, out, sizeof out), 5);
	ck_assert_str_eq(out, "hello");
	ck_assert_int_eq(sanitize_fit("hello", 80, out, sizeof out), 5);
	ck_assert_str_eq(out, "hello");
	ck_assert_int_eq(sanitize_fit("", 3, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_fit_cut)
{
	char out[32];

	ck_assert_int_eq(sanitize_fit("hello world", 5, out, sizeof out), 5);
	ck_assert_str_eq(out, "hell" ELL);
	ck_assert_int_eq(sanitize_fit("hello", 4, out, sizeof out), 4);
	ck_assert_str_eq(out, "hel" ELL);
	ck_assert_int_eq(sanitize_fit("hello", 1, out, sizeof out), 1);
	ck_assert_str_eq(out, ELL);
}
END_TEST

START_TEST(test_fit_zero_negative)
{
	char out[8] = "zzz";

	ck_assert_int_eq(sanitize_fit("hello", 0, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	memcpy(out, "zzz", 4);
	ck_assert_int_eq(sanitize_fit("hello", -5, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	memcpy(out, "zzz", 4);
	ck_assert_int_eq(sanitize_fit("hello", 3, out, 0), 0);
	ck_assert_str_eq(out, "zzz");		/* untouched */
}
END_TEST

START_TEST(test_fit_double_width)
{
	char out[32];
	const char *s = "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97";	/* 6 cols */

	ck_assert_int_eq(sanitize_fit(s, 6, out, sizeof out), 6);
	ck_assert_str_eq(out, s);
	ck_assert_int_eq(sanitize_fit(s, 5, out, sizeof out), 5);
	ck_assert_str_eq(out, "\xe4\xb8\xad\xe6\x96\x87" ELL);
	/* 4 columns: the second glyph would need 2 + 1 for the ellipsis */
	ck_assert_int_eq(sanitize_fit(s, 4, out, sizeof out), 3);
	ck_assert_str_eq(out, "\xe4\xb8\xad" ELL);
	ck_assert_int_eq(sanitize_fit(s, 2, out, sizeof out), 1);
	ck_assert_str_eq(out, ELL);
	ck_assert_int_eq(sanitize_fit("a\xe4\xb8\xad", 2, out, sizeof out), 2);
	ck_assert_str_eq(out, "a" ELL);
}
END_TEST

START_TEST(test_fit_keeps_combining)
{
	char out[32];

	ck_assert_int_eq(sanitize_fit("abe\xcc\x81" "fg", 4, out, sizeof out),
	    4);
	ck_assert_str_eq(out, "abe\xcc\x81" ELL);
}
END_TEST

START_TEST(test_fit_small_buffer)
{
	char out[8];

	/* fits in columns but not in bytes: still cut, still marked */
	ck_assert_int_eq(sanitize_fit("abcdefgh", 80, out, 6), 3);
	ck_assert_str_eq(out, "ab" ELL);
	ck_assert_int_eq(sanitize_fit("abcdefgh", 80, out, 4), 1);
	ck_assert_str_eq(out, ELL);
	/* no room for "…": fall back to "~" */
	ck_assert_int_eq(sanitize_fit("abcdefgh", 80, out, 3), 2);
	ck_assert_str_eq(out, "a~");
	ck_assert_int_eq(sanitize_fit("abcdefgh", 80, out, 2), 1);
	ck_assert_str_eq(out, "~");
	ck_assert_int_eq(sanitize_fit("abcdefgh", 80, out, 1), 0);
	ck_assert_str_eq(out, "");
	/* exactly enough bytes */
	ck_assert_int_eq(sanitize_fit("abc", 80, out, 4), 3);
	ck_assert_str_eq(out, "abc");
	/* never splits a multibyte character for lack of bytes */
	ck_assert_int_eq(sanitize_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 80,
	    out, 8), 3);
	ck_assert_str_eq(out, "\xe4\xb8\xad" ELL);
}
END_TEST

START_TEST(test_fit_sweep)
{
	const char *s = "ab\xe4\xb8\xad" "e\xcc\x81" "<9B>\xf0\x9f\x98\x80z^[";
	char out[64];
	int cols, w, full = sanitize_width(s);
	size_t outsz, len;

	for (cols = -2; cols <= full + 2; cols++) {
		for (outsz = 1; outsz <= sizeof out; outsz++) {
			memset(out, 'X', sizeof out);
			w = sanitize_fit(s, cols, out, outsz);
			len = strlen(out);
			ck_assert_uint_lt(len, outsz);
			ck_assert_int_le(w, cols < 0 ? 0 : cols);
			ck_assert_int_eq(w, sanitize_width(out));
			ASSERT_SAFE(out);
			if (cols >= full && outsz > strlen(s))
				ck_assert_str_eq(out, s);
			else if (len >= 3 && memcmp(out + len - 3, ELL, 3) == 0)
				ck_assert(memcmp(out, s, len - 3) == 0);
			else if (len > 0 && out[len - 1] == '~')
				ck_assert(memcmp(out, s, len - 1) == 0);
			else
				ck_assert_uint_eq(len, 0);
			/* nothing written past the NUL */
			if (outsz < sizeof out)
				ck_assert(out[outsz] == 'X');
		}
	}
}
END_TEST

START_TEST(test_fit_in_place)
{
	char buf[16] = "hello world";

	ck_assert_int_eq(sanitize_fit(buf, 5, buf, sizeof buf), 5);
	ck_assert_str_eq(buf, "hell" ELL);
}
END_TEST

/* --- ASCII locale --- */

START_TEST(test_ascii_mode)
{
	char out[16];

	sanitize_set_utf8(false);
	ck_assert(!sanitize_get_utf8());
	DUP_EQ("h\xc3\xa9llo", "h?llo");
	DUP_EQ("\xe4\xb8\xad\xe6\x96\x87", "??");
	DUP_EQ("e\xcc\x81", "e?");
	DUP_EQ("\xff\xfe" "a", "?a");
	DUP_EQ("\xc2\x9b", "<9B>");
	DUP_EQ("\xe2\x80\xae", "<U+202E>");
	DUP_EQ("\x1b", "^[");
	DUP_EQ("\xe2\x80\xa8", "?");
	ck_assert_int_eq(sanitize_fit("hello world", 5, out, sizeof out), 5);
	ck_assert_str_eq(out, "hell~");
	ck_assert_int_eq(sanitize_width("h?llo"), 5);
	sanitize_set_utf8(true);
	ck_assert(sanitize_get_utf8());
}
END_TEST

/* --- the property: whatever goes in, safe text comes out --- */

static uint64_t
rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static const char *const pieces[] = {
	"\x1b", "\x1b[2J", "\x1b]0;t\x07", "\x1bP", "\x9b", "\xc2\x9b",
	"\xc2\x85", "\xe2\x80\xae", "\xe2\x81\xa6", "\xef\xbb\xbf",
	"\xd8\x9c", "\xe4\xb8\xad", "e\xcc\x81", "\xf0\x9f\x98\x80",
	"\xed\xa0\x80", "\xc0\xaf", "\xe0\x80\x80", "\xf4\x90\x80\x80",
	"\xe2\x80\xa8", "\xe2", "\xf0\x9f", "\xc3", "\xef\xbf\xbf", "A",
	"\x7f", "\0", "\t", "\r\n", "^[", "<9B>",
};

/* Mostly raw random bytes, sometimes a nasty fragment. */
static size_t
random_input(uint64_t *rng, char *buf, size_t cap)
{
	size_t len = (size_t)(rng_next(rng) % 64), n = 0, k;
	const char *p;

	while (n < len) {
		if (rng_next(rng) % 3 == 0) {
			p = pieces[rng_next(rng) % (sizeof pieces /
			    sizeof pieces[0])];
			k = p[0] == '\0' ? 1 : strlen(p);
			if (n + k > cap)
				break;
			memcpy(buf + n, p, k);
			n += k;
		} else
			buf[n++] = (char)(rng_next(rng) & 0xff);
	}
	return n;
}

static void
random_cases(uint64_t seed, int ncase)
{
	uint64_t rng = seed;
	char in[256], small[32], fit[32], *got, *again;
	size_t len, outsz, n;
	int i, cols, w;

	for (i = 0; i < ncase; i++) {
		len = random_input(&rng, in, sizeof in);
		got = sanitize_dup(in, len);
		ASSERT_SAFE(got);

		again = sanitize_dup(got, strlen(got));
		ck_assert_str_eq(again, got);
		free(again);

		outsz = (size_t)(rng_next(&rng) % sizeof small) + 1;
		n = sanitize_into(in, len, small, outsz);
		ck_assert_uint_eq(n, strlen(small));
		ck_assert_uint_lt(n, outsz);
		ck_assert(strncmp(small, got, n) == 0);
		ASSERT_SAFE(small);

		cols = (int)(rng_next(&rng) % 24) - 2;
		outsz = (size_t)(rng_next(&rng) % sizeof fit) + 1;
		w = sanitize_fit(got, cols, fit, outsz);
		ck_assert_int_le(w, cols < 0 ? 0 : cols);
		ck_assert_int_eq(w, sanitize_width(fit));
		ck_assert_uint_lt(strlen(fit), outsz);
		ASSERT_SAFE(fit);
		free(got);
	}
}

START_TEST(test_random_utf8)
{
	random_cases(0x6265727468ULL, 10000);
}
END_TEST

START_TEST(test_random_ascii)
{
	sanitize_set_utf8(false);
	random_cases(0x73616665ULL, 10000);
	sanitize_set_utf8(true);
}
END_TEST

START_TEST(test_every_two_byte_input)
{
	char in[2], *got;
	int a, b;

	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			in[0] = (char)a;
			in[1] = (char)b;
			got = sanitize_dup(in, 2);
			ASSERT_SAFE(got);
			free(got);
		}
	}
}
END_TEST

static Suite *
sanitize_suite(void)
{
	Suite *s = suite_create("sanitize");
	TCase *tc;

	tc = tcase_create("controls");
	tcase_add_checked_fixture(tc, setup_utf8, NULL);
	tcase_add_test(tc, test_ascii_passes);
	tcase_add_test(tc, test_c0_caret);
	tcase_add_test(tc, test_c0_all);
	tcase_add_test(tc, test_del);
	tcase_add_test(tc, test_embedded_nul);
	tcase_add_test(tc, test_len_respected);
	tcase_add_test(tc, test_osc_title);
	tcase_add_test(tc, test_c1_codepoints);
	tcase_add_test(tc, test_c1_raw_bytes);
	tcase_add_test(tc, test_bidi_override);
	tcase_add_test(tc, test_zero_width_format);
	tcase_add_test(tc, test_format_neighbours_pass);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_checked_fixture(tc, setup_utf8, NULL);
	tcase_add_test(tc, test_bad_lead);
	tcase_add_test(tc, test_overlong);
	tcase_add_test(tc, test_surrogates);
	tcase_add_test(tc, test_above_max);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_bad_run_collapses);
	tcase_add_test(tc, test_unprintable_to_fffd);
	tcase_add_test(tc, test_printable_pass);
	tcase_add_test(tc, test_idempotent);
	tcase_add_test(tc, test_large_input_grows);
	suite_add_tcase(s, tc);

	tc = tcase_create("into");
	tcase_add_checked_fixture(tc, setup_utf8, NULL);
	tcase_add_test(tc, test_into_fits);
	tcase_add_test(tc, test_into_truncates_at_boundary);
	tcase_add_test(tc, test_into_tiny);
	suite_add_tcase(s, tc);

	tc = tcase_create("width_fit");
	tcase_add_checked_fixture(tc, setup_utf8, NULL);
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_width_unsanitized_never_negative);
	tcase_add_test(tc, test_fit_whole);
	tcase_add_test(tc, test_fit_cut);
	tcase_add_test(tc, test_fit_zero_negative);
	tcase_add_test(tc, test_fit_double_width);
	tcase_add_test(tc, test_fit_keeps_combining);
	tcase_add_test(tc, test_fit_small_buffer);
	tcase_add_test(tc, test_fit_sweep);
	tcase_add_test(tc, test_fit_in_place);
	suite_add_tcase(s, tc);

	tc = tcase_create("ascii");
	tcase_add_checked_fixture(tc, setup_utf8, NULL);
	tcase_add_test(tc, test_ascii_mode);
	suite_add_tcase(s, tc);

	tc = tcase_create("property");
	tcase_add_checked_fixture(tc, setup_utf8, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_random_utf8);
	tcase_add_test(tc, test_random_ascii);
	tcase_add_test(tc, test_every_two_byte_input);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	/* widths come from wcwidth(), so the tests need a UTF-8 locale */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "check_sanitize: C.UTF-8 locale missing\n");
		return EXIT_FAILURE;
	}
	sr = srunner_create(sanitize_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
