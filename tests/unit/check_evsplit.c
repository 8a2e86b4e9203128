/* Tests for the /events line splitter, including the recorded stream. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/evsplit.h"
#include "tests/unit/fixture.h"

/* Lines collected from the callback, joined with '|' for easy comparison. */
struct sink {
	char text[65536];
	size_t len;
	size_t lines;
};

static void
collect(const char *line, size_t len, void *arg)
{
	struct sink *k = arg;

	ck_assert_uint_gt(len, 0);
	ck_assert(memchr(line, '\n', len) == NULL);
	ck_assert(line[len - 1] != '\r');
	/* handed out NUL-terminated */
	ck_assert(line[len] == '\0');
	ck_assert_uint_lt(k->len + len + 1, sizeof k->text);
	if (k->lines > 0)
		k->text[k->len++] = '|';
	memcpy(k->text + k->len, line, len);
	k->len += len;
	k->text[k->len] = '\0';
	k->lines++;
}

static void
feed_str(struct evsplit *s, const char *str, struct sink *k)
{
	evsplit_feed(s, str, strlen(str), collect, k);
}

START_TEST(whole_lines)
{
	struct evsplit *s = evsplit_new(64);
	struct sink k = { .len = 0 };

	feed_str(s, "{\"a\":1}\n{\"b\":2}\n", &k);
	ck_assert_str_eq(k.text, "{\"a\":1}|{\"b\":2}");
	ck_assert_uint_eq(k.lines, 2);
	ck_assert_uint_eq(evsplit_dropped(s), 0);
	evsplit_free(s);
}
END_TEST

START_TEST(crlf_and_empty_lines)
{
	struct evsplit *s = evsplit_new(64);
	struct sink k = { .len = 0 };

	feed_str(s, "\n\r\none\r\n\n\ntwo\n\r\n", &k);
	ck_assert_str_eq(k.text, "one|two");
	ck_assert_uint_eq(evsplit_dropped(s), 0);
	/* a '\r' inside a line stays */
	feed_str(s, "a\rb\n", &k);
	ck_assert_str_eq(k.text, "one|two|a\rb");
	evsplit_free(s);
}
END_TEST

START_TEST(partial_lines_across_feeds)
{
	static const char in[] = "first line\r\nsecond\nthird without end";
	struct evsplit *s = evsplit_new(64);
	struct sink k = { .len = 0 };
	size_t i;

	/* one byte at a time, '\r' and '\n' in separate feeds */
	for (i = 0; i < sizeof in - 1; i++)
		evsplit_feed(s, in + i, 1, collect, &k);
	ck_assert_str_eq(k.text, "first line|second");
	feed_str(s, " yet\n", &k);
	ck_assert_str_eq(k.text, "first line|second|third without end yet");
	evsplit_free(s);
}
END_TEST

START_TEST(over_long_dropped)
{
	struct evsplit *s = evsplit_new(8);
	struct sink k = { .len = 0 };

	/* exactly max_line is kept, with or without '\r' */
	feed_str(s, "12345678\n12345678\r\n", &k);
	ck_assert_str_eq(k.text, "12345678|12345678");
	ck_assert_uint_eq(evsplit_dropped(s), 0);

	/* max_line + 1 is dropped whole, also when it looked like "x\r" */
	feed_str(s, "123456789\nok\n12345678x\r\n", &k);
	ck_assert_str_eq(k.text, "12345678|12345678|ok");
	ck_assert_uint_eq(evsplit_dropped(s), 2);

	/* a long line over many feeds is counted once, the next one kept */
	feed_str(s, "aaaaaa", &k);
	feed_str(s, "aaaaaa", &k);
	feed_str(s, "aaaaaa", &k);
	feed_str(s, "aaa\nnext\n", &k);
	ck_assert_str_eq(k.text, "12345678|12345678|ok|next");
	ck_assert_uint_eq(evsplit_dropped(s), 3);

	/* the tail of a dropped line is never taken for a line of its own */
	feed_str(s, "0123456789abcdef", &k);
	feed_str(s, "tail\n", &k);
	ck_assert_str_eq(k.text, "12345678|12345678|ok|next");
	ck_assert_uint_eq(evsplit_dropped(s), 4);
	evsplit_free(s);
}
END_TEST

START_TEST(zero_max_line)
{
	struct evsplit *s = evsplit_new(0);
	struct sink k = { .len = 0 };

	feed_str(s, "a\n\n\r\nb", &k);
	feed_str(s, "c\n", &k);
	ck_assert_uint_eq(k.lines, 0);
	ck_assert_uint_eq(evsplit_dropped(s), 2);
	evsplit_free(s);
}
END_TEST

START_TEST(huge_max_line)
{
	struct evsplit *s = evsplit_new((size_t)-1);
	struct sink k = { .len = 0 };

	feed_str(s, "x", &k);
	feed_str(s, "y\n", &k);
	ck_assert_str_eq(k.text, "xy");
	ck_assert_uint_eq(evsplit_dropped(s), 0);
	evsplit_free(s);
}
END_TEST

START_TEST(reset_drops_partial)
{
	struct evsplit *s = evsplit_new(8);
	struct sink k = { .len = 0 };

	feed_str(s, "{\"half", &k);
	evsplit_reset(s);
	feed_str(s, "new\n", &k);
	ck_assert_str_eq(k.text, "new");

	/* reset also ends the discarding of an over-long line */
	feed_str(s, "0123456789", &k);
	evsplit_reset(s);
	feed_str(s, "fresh\n", &k);
	ck_assert_str_eq(k.text, "new|fresh");
	ck_assert_uint_eq(evsplit_dropped(s), 1);
	evsplit_free(s);
	evsplit_free(NULL);
}
END_TEST

struct linecheck {
	const char *buf;	/* the fixture: lines must match it in order */
	size_t len;
	size_t off;
	size_t lines;
};

static void
check_line(const char *line, size_t len, void *arg)
{
	struct linecheck *lc = arg;
	const char *nl = memchr(lc->buf + lc->off, '\n', lc->len - lc->off);

	ck_assert_ptr_nonnull(nl);
	ck_assert_uint_eq((size_t)(nl - (lc->buf + lc->off)), len);
	ck_assert(memcmp(line, lc->buf + lc->off, len) == 0);
	ck_assert(line[0] == '{' && line[len - 1] == '}');
	lc->off += len + 1;
	lc->lines++;
}

/* The recorded stream in chunks of every size from 1 to 97 bytes. */
START_TEST(recorded_stream)
{
	struct linecheck lc;
	struct evsplit *s;
	size_t len, chunk, off, n;
	char *buf = fixture("events.jsonl", &len);

	for (chunk = 1; chunk < 98; chunk++) {
		s = evsplit_new(4096);
		memset(&lc, 0, sizeof lc);
		lc.buf = buf;
		lc.len = len;
		for (off = 0; off < len; off += n) {
			n = len - off < chunk ? len - off : chunk;
			evsplit_feed(s, buf + off, n, check_line, &lc);
		}
		ck_assert_uint_eq(lc.lines, 117);
		ck_assert_uint_eq(lc.off, len);
		ck_assert_uint_eq(evsplit_dropped(s), 0);
		evsplit_free(s);
	}
	free(buf);
}
END_TEST

static void
count_line(const char *line, size_t len, void *arg)
{
	size_t *n = arg;

	(void)line;
	ck_assert_uint_le(len, 320);
	(*n)++;
}

/* With a small bound only the short lines (network events) survive. */
START_TEST(recorded_stream_small_bound)
{
	struct evsplit *s = evsplit_new(320);
	size_t len, i, start, kept = 0, want = 0, dropped = 0;
	char *buf = fixture("events.jsonl", &len);

	for (start = 0, i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (i - start <= 320)
			want++;
		else
			dropped++;
		start = i + 1;
	}
	ck_assert_uint_gt(want, 0);
	ck_assert_uint_gt(dropped, 0);
	evsplit_feed(s, buf, len, count_line, &kept);
	ck_assert_uint_eq(kept, want);
	ck_assert_uint_eq(evsplit_dropped(s), dropped);
	evsplit_free(s);
	free(buf);
}
END_TEST

static Suite *
evsplit_suite(void)
{
	Suite *s = suite_create("evsplit");
	TCase *tc = tcase_create("split");

	tcase_add_test(tc, whole_lines);
	tcase_add_test(tc, crlf_and_empty_lines);
	tcase_add_test(tc, partial_lines_across_feeds);
	tcase_add_test(tc, over_long_dropped);
	tcase_add_test(tc, zero_max_line);
	tcase_add_test(tc, huge_max_line);
	tcase_add_test(tc, reset_drops_partial);
	tcase_add_test(tc, recorded_stream);
	tcase_add_test(tc, recorded_stream_small_bound);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(evsplit_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
