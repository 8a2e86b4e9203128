/* The /top decoder (dockerapi/procs.c) and the decision to fall back to the default columns. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/procs.h"

static int
decode(const char *text, struct procs *p)
{
	struct decode_error err;

	return procs_decode(text, strlen(text), p, &err);
}

START_TEST(test_ps_args_answer)
{
	/* what dockerd answers to ps_args=-eo pid,user,pcpu,pmem,time,args */
	static const char body[] = "{\"Titles\":[\"PID\",\"USER\",\"%CPU\",\"%MEM\",\"TIME\",\"COMMAND\"],"
	    "\"Processes\":[[\"4242\",\"root\",\"0.0\",\"0.1\",\"00:00:00\",\"sleep 100000\"],"
	    "[\"4250\",\"nobody\",\"12.5\",\"3.2\",\"00:01:02\",\"sh -c while :; do :; done\"]]}";
	struct procs p;

	ck_assert_int_eq(decode(body, &p), 0);
	ck_assert_uint_eq(p.ncols, 6);
	ck_assert_uint_eq(p.nrows, 2);
	ck_assert_str_eq(p.titles[0], "PID");
	ck_assert_str_eq(p.titles[5], "COMMAND");
	ck_assert_str_eq(procs_cell(&p, 0, 5), "sleep 100000");
	ck_assert_str_eq(procs_cell(&p, 1, 1), "nobody");
	ck_assert_str_eq(procs_cell(&p, 1, 5), "sh -c while :; do :; done");
	ck_assert_str_eq(procs_cell(&p, 2, 0), "");
	ck_assert_str_eq(procs_cell(&p, 0, 6), "");
	procs_clear(&p);
	ck_assert_uint_eq(p.nrows, 0);
	procs_clear(&p);
}
END_TEST

START_TEST(test_default_columns)
{
	/* Podman's compat API without ps_args: its own titles; short rows
	 * and odd cells become "" or printed numbers */
	static const char body[] = "{\"Titles\":[\"USER\",\"PID\",\"PPID\",\"%CPU\",\"ELAPSED\",\"TTY\",\"TIME\",\"COMMAND\"],"
	    "\"Processes\":[[\"root\",1,0,0.5,\"1m\",\"?\",\"0s\",\"sleep 100000\"],[\"root\"],7]}";
	struct procs p;

	ck_assert_int_eq(decode(body, &p), 0);
	ck_assert_uint_eq(p.ncols, 8);
	ck_assert_uint_eq(p.nrows, 3);
	ck_assert_str_eq(procs_cell(&p, 0, 1), "1");
	ck_assert_str_eq(procs_cell(&p, 0, 3), "0.5");
	ck_assert_str_eq(procs_cell(&p, 0, 7), "sleep 100000");
	ck_assert_str_eq(procs_cell(&p, 1, 7), "");
	ck_assert_str_eq(procs_cell(&p, 2, 0), "");
	procs_clear(&p);
}
END_TEST

START_TEST(test_no_processes_and_many_titles)
{
	struct procs p;

	ck_assert_int_eq(decode("{\"Titles\":[\"PID\"],\"Processes\":null}", &p), 0);
	ck_assert_uint_eq(p.nrows, 0);
	procs_clear(&p);
	ck_assert_int_eq(decode("{\"Titles\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\"],"
	    "\"Processes\":[[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\",\"12\"]]}", &p), 0);
	ck_assert_uint_eq(p.ncols, PROCS_MAX_COLS);
	ck_assert_str_eq(procs_cell(&p, 0, PROCS_MAX_COLS - 1), "10");
	procs_clear(&p);
}
END_TEST

START_TEST(test_bad_bodies)
{
	static const char *const bad[] = {
		"", "not json", "[]", "{}", "{\"Titles\":[]}", "{\"Titles\":\"PID\"}",
		"{\"Titles\":[\"PID\"],\"Processes\":{}}",
		"{\"message\":\"ps: unrecognized option: e\"}",
	};
	struct decode_error err;
	struct procs p;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.text[0] = '\0';
		ck_assert_int_eq(procs_decode(bad[i], strlen(bad[i]), &p, &err), -1);
		ck_assert_uint_eq(p.ncols, 0);
		ck_assert_ptr_null(p.cells);
		ck_assert(err.text[0] != '\0');
	}
}
END_TEST

START_TEST(test_fallback_decision)
{
	/* Podman's compat API and engines whose ps lacks -o answer 500 */
	ck_assert(procs_should_fallback(500));
	ck_assert(procs_should_fallback(400));
	/* gone or stopped containers, and transport errors, are not */
	ck_assert(!procs_should_fallback(404));
	ck_assert(!procs_should_fallback(409));
	ck_assert(!procs_should_fallback(0));
	ck_assert(!procs_should_fallback(200));
	ck_assert_str_eq(PROCS_TOP_PS, "/top?ps_args=-eo%20pid%2Cuser%2Cpcpu%2Cpmem%2Ctime%2Cargs");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("procs");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_ps_args_answer);
	tcase_add_test(tc, test_default_columns);
	tcase_add_test(tc, test_no_processes_and_many_titles);
	tcase_add_test(tc, test_bad_bodies);
	tcase_add_test(tc, test_fallback_decision);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
