/* Tests for the log ring: line and byte bounds, sequence numbers. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/logring.h"
#include "xmalloc.h"

static void
push(struct logring *r, const char *s)
{
	logring_push_take(r, 1, xstrdup(s), strlen(s), 0);
}

START_TEST(keeps_the_newest_lines)
{
	struct logring *r = logring_new(3, 0);
	char buf[16];

	for (int i = 0; i < 10; i++) {
		snprintf(buf, sizeof buf, "line %d", i);
		push(r, buf);
	}
	ck_assert_uint_eq(logring_count(r), 3);
	ck_assert_uint_eq(logring_first(r), 7);
	ck_assert_uint_eq(logring_end(r), 10);
	ck_assert_ptr_null(logring_get(r, 6));
	ck_assert_ptr_null(logring_get(r, 10));
	ck_assert_str_eq(logring_get(r, 7)->text, "line 7");
	ck_assert_str_eq(logring_get(r, 9)->text, "line 9");
	logring_free(r);
}
END_TEST

START_TEST(byte_budget_evicts_too)
{
	struct logring *r = logring_new(100, 10);

	push(r, "aaaa");
	push(r, "bbbb");
	ck_assert_uint_eq(logring_count(r), 2);
	push(r, "cccc");	/* 12 bytes > 10: the oldest goes */
	ck_assert_uint_eq(logring_count(r), 2);
	ck_assert_uint_le(logring_bytes(r), 10);
	ck_assert_str_eq(logring_get(r, logring_first(r))->text, "bbbb");
	/* one line larger than the whole budget is cut, not refused */
	push(r, "0123456789abcdef");
	ck_assert_uint_eq(logring_count(r), 1);
	ck_assert_str_eq(logring_get(r, logring_first(r))->text, "0123456789");
	logring_free(r);
}
END_TEST

START_TEST(memory_bounded_under_a_flood)
{
	struct logring *r = logring_new(1000, 0);
	char buf[64];

	for (int i = 0; i < 200000; i++) {
		snprintf(buf, sizeof buf, "flood line %d", i);
		push(r, buf);
	}
	ck_assert_uint_eq(logring_count(r), 1000);
	ck_assert_uint_eq(logring_end(r), 200000);
	ck_assert_str_eq(logring_get(r, 199999)->text, "flood line 199999");
	logring_free(r);
}
END_TEST

START_TEST(stream_and_timestamp_kept)
{
	struct logring *r = logring_new(0, 0);
	const char *s = "2024-01-02T03:04:05.000000001Z hello";

	ck_assert_uint_eq(logring_max_lines(r), LOGRING_DEFAULT_LINES);
	logring_push_take(r, 2, xstrdup(s), strlen(s), 31);
	ck_assert_uint_eq(logring_get(r, 0)->stream, 2);
	ck_assert_str_eq(logring_get(r, 0)->text + logring_get(r, 0)->ts_len, "hello");
	logring_clear(r);
	ck_assert_uint_eq(logring_count(r), 0);
	ck_assert_uint_eq(logring_first(r), 1);
	logring_free(r);
}
END_TEST

/* Push "TS text" as a line of source src, sorted. */
static void
push_ts(struct logring *r, const char *ts, const char *text, int src)
{
	struct logring_line l = { .src = (uint8_t)src };
	char buf[128];

	snprintf(buf, sizeof buf, "%s%s%s", ts, ts[0] ? " " : "", text);
	l.text = xstrdup(buf);
	l.len = (uint32_t)strlen(buf);
	l.ts_len = (uint16_t)(ts[0] ? strlen(ts) + 1 : 0);
	logring_push_line(r, &l, true);
}

START_TEST(sorted_push_merges_by_timestamp)
{
	struct logring *r = logring_new(4, 0);
	const char *want[] = { "a1", "b1", "a2", "b2" };

	push_ts(r, "2024-01-02T03:04:05.100000000Z", "a1", 0);
	push_ts(r, "2024-01-02T03:04:05.300000000Z", "a2", 0);
	push_ts(r, "2024-01-02T03:04:05.200000000Z", "b1", 1);
	push_ts(r, "2024-01-02T03:04:05.400000000Z", "b2", 1);
	ck_assert_uint_eq(logring_count(r), 4);
	for (size_t i = 0; i < 4; i++) {
		const struct logring_line *l = logring_get(r, i);
		ck_assert_str_eq(l->text + l->ts_len, want[i]);
	}
	ck_assert_uint_eq(logring_get(r, 1)->src, 1);
	/* full: the oldest goes, an old line still lands in its place */
	push_ts(r, "2024-01-02T03:04:05.250000000Z", "c", 2);
	ck_assert_uint_eq(logring_first(r), 1);
	ck_assert_str_eq(logring_get(r, 2)->text + logring_get(r, 2)->ts_len, "c");
	/* a line without a time goes last, and later ones after it */
	push_ts(r, "", "marker", 0);
	push_ts(r, "2024-01-02T03:04:05.000000000Z", "after", 0);
	ck_assert_str_eq(logring_get(r, logring_end(r) - 2)->text, "marker");
	logring_free(r);
}
END_TEST

START_TEST(timestamps_compare_as_times)
{
	ck_assert_int_lt(logring_ts_cmp("2024-01-02T03:04:05.1234Z", 25,
	    "2024-01-02T03:04:05.12345Z", 26), 0);
	ck_assert_int_gt(logring_ts_cmp("2024-01-02T03:04:06Z", 20,
	    "2024-01-02T03:04:05.9Z", 22), 0);
	ck_assert_int_eq(logring_ts_cmp("2024-01-02T03:04:05.5Z", 22,
	    "2024-01-02T03:04:05.500Z", 24), 0);
	ck_assert_int_lt(logring_ts_cmp("2023-12-31T23:59:59.9Z", 22,
	    "2024-01-01T00:00:00Z", 20), 0);
}
END_TEST

START_TEST(spans_count_in_the_budget)
{
	struct logring *r = logring_new(10, 100);

	for (int i = 0; i < 10; i++) {
		struct logring_line l = { .text = xstrdup("0123456789"), .len = 10 };
		l.spans = xmalloc(30);
		l.extra = 30;
		l.nspans = 2;
		logring_push_line(r, &l, false);
	}
	ck_assert_uint_le(logring_bytes(r), 100);
	ck_assert_uint_eq(logring_count(r), 2);
	logring_free(r);	/* frees the spans too (LSan) */
}
END_TEST

static Suite *
logring_suite(void)
{
	Suite *s = suite_create("logring");
	TCase *tc = tcase_create("ring");

	tcase_add_test(tc, keeps_the_newest_lines);
	tcase_add_test(tc, byte_budget_evicts_too);
	tcase_add_test(tc, memory_bounded_under_a_flood);
	tcase_add_test(tc, stream_and_timestamp_kept);
	tcase_add_test(tc, sorted_push_merges_by_timestamp);
	tcase_add_test(tc, timestamps_compare_as_times);
	tcase_add_test(tc, spans_count_in_the_budget);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(logring_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
