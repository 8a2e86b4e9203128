/* List movement: the selection keys, keeping the selection in view, and panning. */
#include <check.h>
#include <stdlib.h>

#include "tui/listnav.h"
#include "views/view.h"

START_TEST(test_move_steps)
{
	size_t sel = 5;

	ck_assert(listnav_move(LISTNAV_UP, &sel, 20, 10));
	ck_assert_uint_eq(sel, 4);
	ck_assert(listnav_move(LISTNAV_DOWN, &sel, 20, 10));
	ck_assert_uint_eq(sel, 5);
	ck_assert(listnav_move(LISTNAV_PAGE_DOWN, &sel, 20, 10));
	ck_assert_uint_eq(sel, 15);
	ck_assert(listnav_move(LISTNAV_PAGE_UP, &sel, 20, 10));
	ck_assert_uint_eq(sel, 5);
	ck_assert(listnav_move(LISTNAV_BOTTOM, &sel, 20, 10));
	ck_assert_uint_eq(sel, 19);
	ck_assert(listnav_move(LISTNAV_TOP, &sel, 20, 10));
	ck_assert_uint_eq(sel, 0);
}
END_TEST

START_TEST(test_move_clamps)
{
	size_t sel = 0;

	ck_assert(listnav_move(LISTNAV_UP, &sel, 3, 10));
	ck_assert_uint_eq(sel, 0);
	ck_assert(listnav_move(LISTNAV_PAGE_UP, &sel, 3, 10));
	ck_assert_uint_eq(sel, 0);
	ck_assert(listnav_move(LISTNAV_PAGE_DOWN, &sel, 3, 10));
	ck_assert_uint_eq(sel, 2);
	ck_assert(listnav_move(LISTNAV_DOWN, &sel, 3, 10));
	ck_assert_uint_eq(sel, 2);
	/* a list that shrank under the selection comes back into range */
	sel = 9;
	ck_assert(listnav_move(LISTNAV_UP, &sel, 3, 10));
	ck_assert_uint_eq(sel, 2);
}
END_TEST

START_TEST(test_move_empty_and_others)
{
	size_t sel = 7;

	/* handled, but an empty list keeps whatever sel was */
	ck_assert(listnav_move(LISTNAV_DOWN, &sel, 0, 10));
	ck_assert_uint_eq(sel, 7);
	ck_assert(listnav_move(LISTNAV_BOTTOM, &sel, 0, 10));
	ck_assert_uint_eq(sel, 7);
	sel = 1;
	ck_assert(!listnav_move(views_step(KA_HELP), &sel, 5, 10));
	ck_assert(!listnav_move(views_step(KA_OPEN), &sel, 5, 10));
	ck_assert(!listnav_move(views_step(KA_LEFT), &sel, 5, 10));
	ck_assert(!listnav_move(views_step(KA_NONE), &sel, 5, 10));
	ck_assert_uint_eq(sel, 1);
}
END_TEST

START_TEST(test_scroll)
{
	size_t top = 0;

	listnav_scroll(3, &top, 5);
	ck_assert_uint_eq(top, 0);
	listnav_scroll(4, &top, 5);
	ck_assert_uint_eq(top, 0);
	listnav_scroll(5, &top, 5);
	ck_assert_uint_eq(top, 1);
	listnav_scroll(40, &top, 5);
	ck_assert_uint_eq(top, 36);
	listnav_scroll(38, &top, 5);
	ck_assert_uint_eq(top, 36);
	listnav_scroll(10, &top, 5);
	ck_assert_uint_eq(top, 10);
	listnav_scroll(10, &top, 1);
	ck_assert_uint_eq(top, 10);
	listnav_scroll(11, &top, 1);
	ck_assert_uint_eq(top, 11);
}
END_TEST

START_TEST(test_pan)
{
	size_t top = 0;

	ck_assert(listnav_pan(LISTNAV_UP, &top, 50, 10));
	ck_assert_uint_eq(top, 0);
	ck_assert(listnav_pan(LISTNAV_DOWN, &top, 50, 10));
	ck_assert_uint_eq(top, 1);
	ck_assert(listnav_pan(LISTNAV_PAGE_DOWN, &top, 50, 10));
	ck_assert_uint_eq(top, 11);
	ck_assert(listnav_pan(LISTNAV_PAGE_UP, &top, 50, 10));
	ck_assert_uint_eq(top, 1);
	ck_assert(listnav_pan(LISTNAV_PAGE_UP, &top, 50, 10));
	ck_assert_uint_eq(top, 0);
	ck_assert(listnav_pan(LISTNAV_BOTTOM, &top, 50, 10));
	ck_assert_uint_eq(top, 50);
	/* not clamped here: the pane's draw clamps it to its lines */
	ck_assert(listnav_pan(LISTNAV_DOWN, &top, 50, 10));
	ck_assert_uint_eq(top, 51);
	ck_assert(listnav_pan(LISTNAV_TOP, &top, 50, 10));
	ck_assert_uint_eq(top, 0);
	ck_assert(!listnav_pan(views_step(KA_HELP), &top, 50, 10));
	ck_assert_uint_eq(top, 0);
}
END_TEST

/* The views' keymap actions map onto the six movements and nothing else. */
START_TEST(test_views_step)
{
	ck_assert_int_eq(views_step(KA_UP), LISTNAV_UP);
	ck_assert_int_eq(views_step(KA_DOWN), LISTNAV_DOWN);
	ck_assert_int_eq(views_step(KA_PAGE_UP), LISTNAV_PAGE_UP);
	ck_assert_int_eq(views_step(KA_PAGE_DOWN), LISTNAV_PAGE_DOWN);
	ck_assert_int_eq(views_step(KA_TOP), LISTNAV_TOP);
	ck_assert_int_eq(views_step(KA_BOTTOM), LISTNAV_BOTTOM);
	ck_assert_int_eq(views_step(KA_LEFT), LISTNAV_NONE);
	ck_assert_int_eq(views_step(KA_FILTER), LISTNAV_NONE);
	ck_assert_int_eq(views_step(KA_NONE), LISTNAV_NONE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("listnav");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_move_steps);
	tcase_add_test(tc, test_move_clamps);
	tcase_add_test(tc, test_move_empty_and_others);
	tcase_add_test(tc, test_scroll);
	tcase_add_test(tc, test_pan);
	tcase_add_test(tc, test_views_step);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
