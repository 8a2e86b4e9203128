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

static Suite *
logring_suite(void)
{
	Suite *s = suite_create("logring");
	TCase *tc = tcase_create("ring");

	tcase_add_test(tc, keeps_the_newest_lines);
	tcase_add_test(tc, byte_budget_evicts_too);
	tcase_add_test(tc, memory_bounded_under_a_flood);
	tcase_add_test(tc, stream_and_timestamp_kept);
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
