/* The raw inspect text (dockerapi/rawinspect.c): indented, engine order, secrets masked unless revealed. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/rawinspect.h"
#include "xmalloc.h"
#include "fixture.h"

/* The index of the first line holding s, or -1. */
static long
line_with(char **lines, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(lines[i], s) != NULL)
			return (long)i;
	return -1;
}

START_TEST(test_masked_by_default)
{
	size_t len, n;
	char *buf = fixture("inspect_detail.json", &len);
	char **lines;
	struct decode_error err;

	ck_assert_int_eq(rawinspect_lines(buf, len, false, &lines, &n, &err), 0);
	ck_assert_uint_gt(n, 100);
	ck_assert_str_eq(lines[0], "{");
	ck_assert_str_eq(lines[n - 1], "}");
	/* the engine's order: Id first, indented two spaces */
	ck_assert_ptr_nonnull(strstr(lines[1], "  \"Id\": \"71e7c7cf"));
	ck_assert_int_ge(line_with(lines, n, "\"DB_PASSWORD=********\""), 0);
	ck_assert_int_ge(line_with(lines, n, "\"api_token=********\""), 0);
	ck_assert_int_ge(line_with(lines, n, "\"AWS_SECRET_ACCESS_KEY=********\""), 0);
	ck_assert_int_ge(line_with(lines, n, "\"PLAIN=visible\""), 0);
	ck_assert_int_eq(line_with(lines, n, "hunter2"), -1);
	ck_assert_int_eq(line_with(lines, n, "tok123"), -1);
	ck_assert_int_ge(line_with(lines, n, "\"berth.service\": \"shop\""), 0);
	for (size_t i = 0; i < n; i++)
		ck_assert_ptr_null(strchr(lines[i], '\n'));
	xstrv_free(lines);
	free(buf);
}
END_TEST

START_TEST(test_revealed)
{
	size_t len, n, nm;
	char *buf = fixture("inspect_detail.json", &len);
	char **lines, **masked;
	struct decode_error err;

	ck_assert_int_eq(rawinspect_lines(buf, len, true, &lines, &n, &err), 0);
	ck_assert_int_eq(rawinspect_lines(buf, len, false, &masked, &nm, &err), 0);
	ck_assert_uint_eq(n, nm);
	ck_assert_int_ge(line_with(lines, n, "\"DB_PASSWORD=hunter2\""), 0);
	ck_assert_int_eq(line_with(lines, n, "********"), -1);
	xstrv_free(lines);
	xstrv_free(masked);
	free(buf);
}
END_TEST

START_TEST(test_odd_bodies)
{
	static const char *const bad[] = { "", "not json", "{\"a\":", "{} {}" };
	struct decode_error err;
	char **lines;
	size_t n;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.text[0] = '\0';
		ck_assert_int_eq(rawinspect_lines(bad[i], strlen(bad[i]), false, &lines, &n, &err), -1);
		ck_assert_ptr_null(lines);
		ck_assert_uint_eq(n, 0);
		ck_assert(err.text[0] != '\0');
	}
	ck_assert_int_eq(rawinspect_lines(NULL, 0, false, &lines, &n, &err), -1);
	/* Env that is not a list, entries that are not strings or have no '=' */
	ck_assert_int_eq(rawinspect_lines("{\"Config\":{\"Env\":[1,\"TOKEN\",\"X_KEY=\"]}}", 39,
	    false, &lines, &n, &err), 0);
	ck_assert_int_ge(line_with(lines, n, "\"TOKEN\""), 0);
	ck_assert_int_ge(line_with(lines, n, "\"X_KEY=********\""), 0);
	xstrv_free(lines);
	ck_assert_int_eq(rawinspect_lines("{\"Config\":{\"Env\":\"SECRET=1\"}}", 29, false,
	    &lines, &n, &err), 0);
	ck_assert_int_ge(line_with(lines, n, "SECRET=1"), 0);
	xstrv_free(lines);
	/* a scalar is printed as one line */
	ck_assert_int_eq(rawinspect_lines("42", 2, false, &lines, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(lines[0], "42");
	xstrv_free(lines);
}
END_TEST

int
main(void)
{
	const TTest *tests[] = {
	    test_masked_by_default, test_revealed, test_odd_bodies,
	};

	return fixture_run("rawinspect", tests, sizeof tests / sizeof tests[0]);
}
