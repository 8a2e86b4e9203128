/* Tests for the container/image path builders and the URL encoder under them. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/dapi.h"

START_TEST(urlencode)
{
	char out[64];

	ck_assert_uint_eq(dapi_urlencode("a-Z_0.9~", out, sizeof out), 8);
	ck_assert_str_eq(out, "a-Z_0.9~");
	ck_assert_uint_eq(dapi_urlencode("reg:5000/a b?c#d%e@f", out, sizeof out), 34);
	ck_assert_str_eq(out, "reg%3A5000%2Fa%20b%3Fc%23d%25e%40f");
	ck_assert_uint_eq(dapi_urlencode("\xc3\xa9", out, sizeof out), 6);
	ck_assert_str_eq(out, "%C3%A9");
	/* cut before the first escape that does not fit, never inside one */
	ck_assert_uint_eq(dapi_urlencode("ab/cd", out, 5), 7);
	ck_assert_str_eq(out, "ab");
	ck_assert_uint_eq(dapi_urlencode("ab/cd", out, 8), 7);
	ck_assert_str_eq(out, "ab%2Fcd");
	ck_assert_uint_eq(dapi_urlencode("ab", out, 1), 2);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(dapi_urlencode("ab", NULL, 0), 2);
}
END_TEST

START_TEST(paths)
{
	char p[128];

	ck_assert_int_eq(ctrapi_path_inspect(p, sizeof p, "shop-production"), 0);
	ck_assert_str_eq(p, "/containers/shop-production/json");
	/* a reference stays one path segment, whatever it holds */
	ck_assert_int_eq(ctrapi_path_image_inspect(p, sizeof p, "reg:5000/team/shop:v2"), 0);
	ck_assert_str_eq(p, "/images/reg%3A5000%2Fteam%2Fshop%3Av2/json");
	ck_assert_int_eq(ctrapi_path_image_inspect(p, sizeof p, "x?all=1#"), 0);
	ck_assert_str_eq(p, "/images/x%3Fall%3D1%23/json");
	ck_assert_int_eq(ctrapi_path_image_inspect(p, sizeof p, "sha256:abc"), 0);
	ck_assert_str_eq(p, "/images/sha256%3Aabc/json");
	ck_assert_int_eq(ctrapi_path_remove(p, sizeof p, "abc", true, false), 0);
	ck_assert_str_eq(p, "/containers/abc?v=1&force=0");
	ck_assert_int_eq(ctrapi_path_remove(p, sizeof p, "abc", false, true), 0);
	ck_assert_str_eq(p, "/containers/abc?v=0&force=1");
	ck_assert_int_eq(ctrapi_path_container(p, sizeof p, "a/../b", "/start"), 0);
	ck_assert_str_eq(p, "/containers/a%2F..%2Fb/start");
	ck_assert_int_eq(ctrapi_path_container(p, sizeof p, "abc", ""), 0);
	ck_assert_str_eq(p, "/containers/abc");
}
END_TEST

START_TEST(paths_refused)
{
	char p[32], big[200];

	/* an empty id would name another endpoint (/containers/json) */
	ck_assert_int_eq(ctrapi_path_inspect(p, sizeof p, ""), -1);
	ck_assert_str_eq(p, "");
	ck_assert_int_eq(ctrapi_path_inspect(p, sizeof p, NULL), -1);
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert_int_eq(ctrapi_path_image_inspect(p, sizeof p, big), -1);
	ck_assert_str_eq(p, "");
	/* fits, but not with its tail */
	ck_assert_int_eq(ctrapi_path_inspect(p, sizeof p, "0123456789abcdef"), -1);
	ck_assert_str_eq(p, "");
	ck_assert_int_eq(ctrapi_path_inspect(p, 0, "x"), -1);
}
END_TEST

START_TEST(inspect_reads)
{
	json_t *insp = json_pack("{s:s,s:{s:b}}", "Name", "/shop", "State", "Running", 1);

	ck_assert_str_eq(ctrapi_inspect_name(insp), "shop");
	ck_assert(ctrapi_inspect_running(insp));
	json_decref(insp);
	ck_assert_str_eq(ctrapi_inspect_name(NULL), "");
	ck_assert(!ctrapi_inspect_running(NULL));
}
END_TEST

static Suite *
ctrapi_suite(void)
{
	Suite *s = suite_create("ctrapi");
	TCase *tc = tcase_create("paths");

	tcase_add_test(tc, urlencode);
	tcase_add_test(tc, paths);
	tcase_add_test(tc, paths_refused);
	tcase_add_test(tc, inspect_reads);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(ctrapi_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
