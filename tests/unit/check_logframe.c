/* Tests for the logs demuxer: recorded framed and TTY bodies, chunking, limits. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/logframe.h"
#include "tests/unit/fixture.h"

/* Lines as "S:text" joined with '|'. */
struct sink {
	char text[8192];
	size_t len;
	size_t lines;
};

static void
collect(void *arg, int stream, const char *line, size_t len)
{
	struct sink *k = arg;

	ck_assert(line[len] == '\0');
	ck_assert(memchr(line, '\n', len) == NULL);
	ck_assert_uint_lt(k->len + len + 4, sizeof k->text);
	if (k->lines > 0)
		k->text[k->len++] = '|';
	k->text[k->len++] = (char)('0' + stream);
	k->text[k->len++] = ':';
	memcpy(k->text + k->len, line, len);
	k->len += len;
	k->text[k->len] = '\0';
	k->lines++;
}

static void
run(const char *name, bool tty, size_t chunk, struct sink *k)
{
	size_t len;
	char *buf = fixture(name, &len);
	struct logframe *f = logframe_new(tty, 4096);

	memset(k, 0, sizeof *k);
	for (size_t off = 0; off < len; off += chunk)
		logframe_feed(f, buf + off, len - off < chunk ? len - off : chunk, collect, k);
	logframe_flush(f, collect, k);
	ck_assert_uint_eq(logframe_bad_headers(f), 0);
	logframe_free(f);
	free(buf);
}

static const char *const mux_want =
    "2:err-one|1:out-one|1:no-newline-out|2:\033]0;pwned\007esc|1:out-two";

START_TEST(recorded_mux)
{
	struct sink k;

	run("logs_mux.bin", false, 1 << 20, &k);
	ck_assert_str_eq(k.text, mux_want);
}
END_TEST

START_TEST(recorded_mux_byte_by_byte)
{
	struct sink k;

	for (size_t chunk = 1; chunk < 10; chunk++) {
		run("logs_mux.bin", false, chunk, &k);
		ck_assert_str_eq(k.text, mux_want);
	}
}
END_TEST

START_TEST(recorded_mux_timestamps)
{
	struct sink k;

	run("logs_mux_ts.bin", false, 3, &k);
	ck_assert_uint_eq(k.lines, 5);
	ck_assert(strstr(k.text, "2:2026-11-28T20:19:32.907286837Z err-one|") == k.text);
	ck_assert(strstr(k.text, "Z out-two") != NULL);
}
END_TEST

START_TEST(recorded_tty_raw)
{
	struct sink k;

	/* a TTY body: no headers, CRLF line ends, stderr merged into stdout */
	run("logs_tty.bin", true, 5, &k);
	ck_assert_str_eq(k.text, "1:tty-one|1:tty-err|1:tty-two");
}
END_TEST

START_TEST(tty_body_misread_as_framed_falls_back)
{
	size_t len;
	char *buf = fixture("logs_tty.bin", &len);
	struct logframe *f = logframe_new(false, 4096);
	struct sink k = { .len = 0 };

	logframe_feed(f, buf, len, collect, &k);
	logframe_flush(f, collect, &k);
	ck_assert_uint_eq(logframe_bad_headers(f), 1);
	ck_assert_str_eq(k.text, "1:tty-one|1:tty-err|1:tty-two");
	logframe_free(f);
	free(buf);
}
END_TEST

START_TEST(partial_lines_per_stream)
{
	/* stdout's partial line survives an interleaved stderr frame */
	static const char body[] =
	    "\001\000\000\000\000\000\000\003abc"
	    "\002\000\000\000\000\000\000\004err\n"
	    "\001\000\000\000\000\000\000\004def\n";
	struct logframe *f = logframe_new(false, 64);
	struct sink k = { .len = 0 };

	logframe_feed(f, body, sizeof body - 1, collect, &k);
	ck_assert_str_eq(k.text, "2:err|1:abcdef");
	logframe_free(f);
}
END_TEST

START_TEST(long_line_cut_in_pieces)
{
	char body[8 + 25];
	struct logframe *f = logframe_new(false, 10);
	struct sink k = { .len = 0 };

	memcpy(body, "\001\000\000\000\000\000\000\031", 8);
	memset(body + 8, 'x', 24);
	body[8 + 24] = '\n';
	logframe_feed(f, body, sizeof body, collect, &k);
	ck_assert_str_eq(k.text, "1:xxxxxxxxxx|1:xxxxxxxxxx|1:xxxx");
	logframe_free(f);
}
END_TEST

START_TEST(empty_lines_kept_and_zero_frames)
{
	static const char body[] =
	    "\001\000\000\000\000\000\000\000"
	    "\001\000\000\000\000\000\000\003\n\r\n";
	struct logframe *f = logframe_new(false, 64);
	struct sink k = { .len = 0 };

	logframe_feed(f, body, sizeof body - 1, collect, &k);
	ck_assert_str_eq(k.text, "1:|1:");
	ck_assert_uint_eq(k.lines, 2);
	logframe_free(f);
}
END_TEST

static Suite *
logframe_suite(void)
{
	Suite *s = suite_create("logframe");
	TCase *tc = tcase_create("demux");

	tcase_add_test(tc, recorded_mux);
	tcase_add_test(tc, recorded_mux_byte_by_byte);
	tcase_add_test(tc, recorded_mux_timestamps);
	tcase_add_test(tc, recorded_tty_raw);
	tcase_add_test(tc, tty_body_misread_as_framed_falls_back);
	tcase_add_test(tc, partial_lines_per_stream);
	tcase_add_test(tc, long_line_cut_in_pieces);
	tcase_add_test(tc, empty_lines_kept_and_zero_frames);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(logframe_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
