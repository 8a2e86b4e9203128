/* The /top decoder (dockerapi/procs.c) and the decision to fall back to the default columns. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/procs.h"
#include "fixture.h"

static int
decode(const char *text, struct procs *p)
{
	struct decode_error err;

	return procs_decode(text, strlen(text), p, &err);
}

/* Decode text into p: it must succeed with ncols columns and nrows rows. */
static void
decoded(const char *text, struct procs *p, size_t ncols, size_t nrows)
{
	ck_assert_int_eq(decode(text, p), 0);
	ck_assert_uint_eq(p->ncols, ncols);
	ck_assert_uint_eq(p->nrows, nrows);
}

/* Row `row` of p holds want[0 .. ncols-1]; row -1: the titles. */
static void
row_is(const struct procs *p, long row, const char *const *want)
{
	for (size_t c = 0; c < p->ncols; c++)
		ck_assert_str_eq(row < 0 ? procs_title(p, c) : procs_cell(p, (size_t)row, c), want[c]);
}

START_TEST(test_ps_args_answer)
{
	/* what dockerd answers to ps_args=-eo pid,user,pcpu,pmem,time,args */
	static const char body[] = "{\"Titles\":[\"PID\",\"USER\",\"%CPU\",\"%MEM\",\"TIME\",\"COMMAND\"],"
	    "\"Processes\":[[\"4242\",\"root\",\"0.0\",\"0.1\",\"00:00:00\",\"sleep 100000\"],"
	    "[\"4250\",\"nobody\",\"12.5\",\"3.2\",\"00:01:02\",\"sh -c while :; do :; done\"]]}";
	struct procs p;

	decoded(body, &p, 6, 2);
	row_is(&p, -1, (const char *const[]){ "PID", "USER", "%CPU", "%MEM", "TIME", "COMMAND" });
	row_is(&p, 0, (const char *const[]){ "4242", "root", "0.0", "0.1", "00:00:00",
	    "sleep 100000" });
	row_is(&p, 1, (const char *const[]){ "4250", "nobody", "12.5", "3.2", "00:01:02",
	    "sh -c while :; do :; done" });
	/* outside the table: "" */
	ck_assert_str_eq(procs_cell(&p, 2, 0), "");
	ck_assert_str_eq(procs_cell(&p, 0, 6), "");
	ck_assert_str_eq(procs_title(&p, 6), "");
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

	decoded(body, &p, 8, 3);
	row_is(&p, 0, (const char *const[]){ "root", "1", "0", "0.5", "1m", "?", "0s",
	    "sleep 100000" });
	row_is(&p, 1, (const char *const[]){ "root", "", "", "", "", "", "", "" });
	row_is(&p, 2, (const char *const[]){ "", "", "", "", "", "", "", "" });
	procs_clear(&p);
}
END_TEST

START_TEST(test_no_processes_and_many_titles)
{
	struct procs p;

	decoded("{\"Titles\":[\"PID\"],\"Processes\":null}", &p, 1, 0);
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
	const TTest *tests[] = {
	    test_ps_args_answer, test_default_columns, test_no_processes_and_many_titles,
	    test_bad_bodies, test_fallback_decision,
	};

	return fixture_run("procs", tests, sizeof tests / sizeof tests[0]);
}
