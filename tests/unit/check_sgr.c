/* Unit tests for tui/sgr.c (SGR parsing into styles) and tui/clip.c's base64. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/clip.h"
#include "tui/sanitize.h"
#include "tui/sgr.h"
#include "fixture.h"

/* The style after the SGR parameters p (as in ESC [ p m). */
static struct sgr_style
after(const char *p)
{
	char seq[128];
	struct sgr_style st = SGR_PLAIN;
	size_t pos = 0, off, n;

	snprintf(seq, sizeof seq, "\033[%sm", p);
	(void)sgr_next(seq, strlen(seq), &pos, &st, &off, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(pos, strlen(seq));
	return st;
}

START_TEST(test_params)
{
	struct sgr_style st;

	st = after("31");
	ck_assert_uint_eq(st.fg, SGR_INDEX | 1);
	ck_assert_uint_eq(st.bg, SGR_DEFAULT);
	st = after("1;4;7;3;2");
	ck_assert_uint_eq(st.flags, SGR_BOLD | SGR_UNDERLINE | SGR_REVERSE | SGR_ITALIC | SGR_DIM);
	st = after("1;22");
	ck_assert_uint_eq(st.flags, 0);
	st = after("4;24;7;27;3;23");
	ck_assert_uint_eq(st.flags, 0);
	st = after("4:0");
	ck_assert_uint_eq(st.flags, 0);
	st = after("92;104");
	ck_assert_uint_eq(st.fg, SGR_INDEX | 10);
	ck_assert_uint_eq(st.bg, SGR_INDEX | 12);
	st = after("38;5;208;48;5;17");
	ck_assert_uint_eq(st.fg, SGR_INDEX | 208);
	ck_assert_uint_eq(st.bg, SGR_INDEX | 17);
	st = after("38;2;1;2;3;1");
	ck_assert_uint_eq(st.fg, SGR_RGB | 0x010203);
	ck_assert_uint_eq(st.flags, SGR_BOLD);
	st = after("38:2::10:20:30");
	ck_assert_uint_eq(st.fg, SGR_RGB | 0x0a141e);
	st = after("38:2:10:20:30");
	ck_assert_uint_eq(st.fg, SGR_RGB | 0x0a141e);
	st = after("38:5:99");
	ck_assert_uint_eq(st.fg, SGR_INDEX | 99);
	st = after("31;39;41;49");
	ck_assert_uint_eq(st.fg, SGR_DEFAULT);
	ck_assert_uint_eq(st.bg, SGR_DEFAULT);
	st = after("1;31;0");
	ck_assert(sgr_same(&st, &SGR_PLAIN));
	st = after("");	/* ESC [ m is a reset */
	ck_assert(sgr_same(&st, &SGR_PLAIN));
	/* out of range and truncated: ignored, never out of bounds */
	st = after("38;5;300");
	ck_assert_uint_eq(st.fg, SGR_DEFAULT);
	st = after("38;2;1;2");
	ck_assert_uint_eq(st.fg, SGR_DEFAULT);
	st = after("38;5");
	ck_assert_uint_eq(st.fg, SGR_DEFAULT);
	st = after("48;2;256;0;0;32");
	ck_assert_uint_eq(st.bg, SGR_DEFAULT);
	st = after("99999999999999;31");
	ck_assert_uint_eq(st.fg, SGR_INDEX | 1);
}
END_TEST

/* sgr_sanitize of in[0..len) from the plain style gives want and nspans. */
static void
strip_is(const char *in, size_t len, bool spans, size_t max, const char *want, size_t nspans)
{
	struct sgr_span sp[8];
	struct sgr_style st = SGR_PLAIN;
	size_t ns, n;
	char *out = sgr_sanitize(in, len, &st, spans ? sp : NULL, max, &ns, &n);

	ck_assert_str_eq(out, want);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_uint_eq(ns, nspans);
	free(out);
}

START_TEST(test_sanitize_spans_and_hostile)
{
	struct sgr_span sp[8];
	struct sgr_style st = SGR_PLAIN;
	size_t ns, len;
	const char in[] = "a\033[31mred\033[0m plain \033[1mb";
	char *out = sgr_sanitize(in, sizeof in - 1, &st, sp, 8, &ns, &len);

	ck_assert_str_eq(out, "ared plain b");
	ck_assert_uint_eq(len, strlen(out));
	ck_assert_uint_eq(ns, 3);
	ck_assert_uint_eq(sp[0].off, 1);
	ck_assert_uint_eq(sp[0].st.fg, SGR_INDEX | 1);
	ck_assert_uint_eq(sp[1].off, 4);
	ck_assert(sgr_same(&sp[1].st, &SGR_PLAIN));
	ck_assert_uint_eq(sp[2].off, 11);
	ck_assert_uint_eq(sp[2].st.flags, SGR_BOLD);
	/* the style goes on to the next line */
	ck_assert_uint_eq(st.flags, SGR_BOLD);
	free(out);

	/* plain text has no spans at all; at most maxspans; without spans,
	 * the sequences are dropped all the same */
	strip_is("plain", 5, true, 8, "plain", 0);
	strip_is("\033[31ma\033[32mb\033[33mc", 18, true, 2, "abc", 2);
	strip_is("\033[31mx\033[0m", 10, false, 0, "x", 0);

	/* hostile bytes around an SGR: only the SGR is taken */
	st = SGR_PLAIN;
	{
		static const char bad[] = "\033]0;t\a\033[2J\033[32mok\033[0m\033[5n\033[31"
		    "\033[1;31x\033[?1049h\033";
		out = sgr_sanitize(bad, sizeof bad - 1, &st, sp, 8, &ns, &len);
	}

	/* only the SGR went; every other escape is caret text */
	ck_assert_str_eq(out, "^[]0;t^G^[[2Jok^[[5n^[[31^[[1;31x^[[?1049h^[");
	ck_assert_ptr_null(strchr(out, '\033'));
	ck_assert_uint_eq(ns, 2);
	ck_assert_uint_eq(sp[0].st.fg, SGR_INDEX | 2);
	free(out);

	/* an SGR longer than SGR_MAX_SEQ is not one */
	{
		char big[200];
		memset(big, '1', sizeof big);
		big[0] = '\033';
		big[1] = '[';
		big[sizeof big - 1] = 'm';
		st = SGR_PLAIN;
		out = sgr_sanitize(big, sizeof big, &st, sp, 8, &ns, &len);
		ck_assert(strncmp(out, "^[[111", 6) == 0);
		ck_assert_uint_eq(ns, 0);
		free(out);
	}
}
END_TEST

START_TEST(test_colour_mapping)
{
	ck_assert_int_eq(sgr_rgb_to_256(0xff0000), 196);
	ck_assert_int_eq(sgr_rgb_to_256(0x000000), 16);
	ck_assert_int_eq(sgr_rgb_to_256(0xffffff), 231);
	ck_assert_int_eq(sgr_rgb_to_256(0x808080), 244);
	ck_assert_int_eq(sgr_rgb_to_256(0x5f87af), 16 + 36 * 1 + 6 * 2 + 3);
	ck_assert_int_eq(sgr_to_16(SGR_INDEX | 9), 9);
	ck_assert_int_eq(sgr_to_16(SGR_RGB | 0x00c800), 2);
	ck_assert_int_eq(sgr_to_16(SGR_RGB | 0xff0000), 9);
	ck_assert_int_eq(sgr_to_16(SGR_INDEX | 196), 9);
	ck_assert_int_eq(sgr_to_16(SGR_INDEX | 232), 0);
	ck_assert_int_eq(sgr_to_16(SGR_INDEX | 255), 7);	/* grey 238: light grey */
	ck_assert_int_eq(sgr_to_16(SGR_INDEX | 231), 15);
	ck_assert_int_eq(sgr_to_16(SGR_DEFAULT), -1);
}
END_TEST

START_TEST(test_base64)
{
	char out[64];

	ck_assert_uint_eq(clip_base64((const unsigned char *)"", 0, out), 0);
	ck_assert_str_eq(out, "");
	clip_base64((const unsigned char *)"f", 1, out);
	ck_assert_str_eq(out, "Zg==");
	clip_base64((const unsigned char *)"fo", 2, out);
	ck_assert_str_eq(out, "Zm8=");
	clip_base64((const unsigned char *)"foo", 3, out);
	ck_assert_str_eq(out, "Zm9v");
	clip_base64((const unsigned char *)"foobar", 6, out);
	ck_assert_str_eq(out, "Zm9vYmFy");
	clip_base64((const unsigned char *)"\033]52\a\xff", 6, out);
	ck_assert_str_eq(out, "G101Mgf/");
}
END_TEST

/* The sequence as written to a file: ESC ] 52 ; c ; base64 BEL, bounded,
 * never cut inside a UTF-8 character. */
START_TEST(test_osc52_bounded)
{
	size_t n = CLIP_MAX + 11, got;
	char *text = malloc(n), *buf = malloc(2 * n);
	FILE *f = tmpfile();
	long copied;

	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i + 1 < n; i += 2) {
		text[i] = '\xc3';
		text[i + 1] = '\xa9';	/* e-acute */
	}
	text[n - 1] = '\033';
	copied = clip_osc52(fileno(f), text, n);
	ck_assert_int_le(copied, CLIP_MAX);
	ck_assert_int_eq(copied % 2, 0);
	rewind(f);
	got = fread(buf, 1, 2 * n, f);
	ck_assert_uint_eq(got, 7 + 4 * (((size_t)copied + 2) / 3) + 1);
	ck_assert(memcmp(buf, "\033]52;c;", 7) == 0);
	ck_assert_int_eq(buf[got - 1], '\a');
	for (size_t i = 7; i + 1 < got; i++)
		ck_assert(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
		    buf[i]) != NULL);
	fclose(f);
	/* a short text is copied whole */
	f = tmpfile();
	ck_assert_int_eq(clip_osc52(fileno(f), "lc-app", 6), 6);
	rewind(f);
	got = fread(buf, 1, 64, f);
	buf[got] = '\0';
	ck_assert_str_eq(buf, "\033]52;c;bGMtYXBw\a");
	fclose(f);
	free(text);
	free(buf);
}
END_TEST

int
main(void)
{
	const TTest *tests[] = {
	    test_params, test_sanitize_spans_and_hostile, test_colour_mapping,
	    test_base64, test_osc52_bounded,
	};

	/* every test draws UTF-8 (a forked test inherits this) */
	sanitize_set_utf8(true);
	return fixture_run("sgr", tests, sizeof tests / sizeof tests[0]);
}
