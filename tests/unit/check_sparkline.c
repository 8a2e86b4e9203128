/* Tests for the sparkline widget: levels, alignment, gaps, ASCII, bounds. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tui/sparkline.h"

START_TEST(levels)
{
	ck_assert_int_eq(sparkline_level(0, 100), 0);
	ck_assert_int_eq(sparkline_level(100, 100), 7);
	ck_assert_int_eq(sparkline_level(50, 100), 4);
	ck_assert_int_eq(sparkline_level(500, 100), 7);	/* clipped */
	ck_assert_int_eq(sparkline_level(-1, 100), -1);
	ck_assert_int_eq(sparkline_level(5, 0), 0);
}
END_TEST

START_TEST(utf8_ramp)
{
	double v[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	char out[64];

	ck_assert_int_eq(sparkline_render(v, 8, 8, 7, true, out, sizeof out), 8);
	ck_assert_str_eq(out, "▁▂▃▄▅▆▇█");
}
END_TEST

START_TEST(ascii_ramp_and_auto_max)
{
	double v[8] = { 0, 10, 20, 30, 40, 50, 60, 70 };
	char out[64];

	/* max <= 0: scaled to the largest value shown */
	ck_assert_int_eq(sparkline_render(v, 8, 8, 0, false, out, sizeof out), 8);
	ck_assert_str_eq(out, "_.,-=+*#");
}
END_TEST

START_TEST(right_aligned_with_gaps)
{
	double v[3] = { 4, -1, 8 };
	char out[64];

	ck_assert_int_eq(sparkline_render(v, 3, 6, 8, false, out, sizeof out), 6);
	ck_assert_str_eq(out, "   = #");
}
END_TEST

START_TEST(only_the_newest_fit)
{
	double v[300];
	char out[64];

	for (int i = 0; i < 300; i++)
		v[i] = i < 295 ? 0 : 100;
	ck_assert_int_eq(sparkline_render(v, 300, 10, 100, false, out, sizeof out), 10);
	ck_assert_str_eq(out, "_____#####");
}
END_TEST

START_TEST(small_buffer_never_splits_a_glyph)
{
	double v[4] = { 1, 1, 1, 1 };
	char out[8];	/* room for two 3-byte glyphs and the NUL */

	ck_assert_int_eq(sparkline_render(v, 4, 4, 1, true, out, sizeof out), 2);
	ck_assert_str_eq(out, "██");
	ck_assert_int_eq(sparkline_render(v, 4, 0, 1, true, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(sparkline_render(v, 0, 3, 1, true, out, sizeof out), 3);
	ck_assert_str_eq(out, "   ");
}
END_TEST

static Suite *
sparkline_suite(void)
{
	Suite *s = suite_create("sparkline");
	TCase *tc = tcase_create("render");

	tcase_add_test(tc, levels);
	tcase_add_test(tc, utf8_ramp);
	tcase_add_test(tc, ascii_ramp_and_auto_max);
	tcase_add_test(tc, right_aligned_with_gaps);
	tcase_add_test(tc, only_the_newest_fit);
	tcase_add_test(tc, small_buffer_never_splits_a_glyph);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sparkline_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
