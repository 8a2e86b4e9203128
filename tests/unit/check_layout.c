/* Unit tests for tui/layout.c: which columns survive a width, and how wide. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/layout.h"

#define NCOLS(a)	(sizeof(a) / sizeof((a)[0]))

enum { C_NAME, C_SERVICE, C_IMAGE, C_STATE, C_UPTIME, C_CPU, C_MEM, C_NET,
    C_PORTS };

/* The containers view's columns. */
static const struct layout_col ctr[] = {
	{ "NAME", 8, 24, 0, true },
	{ "SERVICE", 10, 22, 2, false },
	{ "IMAGE", 8, 24, 3, true },
	{ "STATE", 9, 20, 0, false },
	{ "UPTIME", 6, 8, 1, false },
	{ "CPU%", 5, 6, 1, false },
	{ "MEM", 9, 15, 2, false },
	{ "NET", 11, 15, 4, false },
	{ "PORTS", 8, 22, 5, false },
};

/* What the caller will draw: shown widths plus one gap between each. */
static long
total(const int *w, size_t n, int gap)
{
	long sum = 0;
	size_t i, shown = 0;

	for (i = 0; i < n; i++) {
		ck_assert_int_ge(w[i], 0);
		if (w[i] > 0) {
			sum += w[i];
			shown++;
		}
	}
	return shown > 1 ? sum + (long)gap * (long)(shown - 1) : sum;
}

static size_t
count_shown(const int *w, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += w[i] > 0;
	return k;
}

START_TEST(test_width_80)
{
	int w[NCOLS(ctr)];
	size_t n = layout_compute(ctr, NCOLS(ctr), 80, 1, w);

	/* NAME and STATE reserve want (24 + 20); then PORTS, NET and IMAGE go */
	ck_assert_uint_eq(n, 6);
	ck_assert_int_eq(w[C_PORTS], 0);
	ck_assert_int_eq(w[C_NET], 0);
	ck_assert_int_eq(w[C_IMAGE], 0);
	ck_assert_int_gt(w[C_MEM], 0);
	ck_assert_int_eq(total(w, NCOLS(ctr), 1), 80);
	ck_assert_int_eq(w[C_NAME], 24);
	ck_assert_int_eq(w[C_STATE], 20);
	/* the one spare column goes to priority 1, leftmost: UPTIME */
	ck_assert_int_eq(w[C_UPTIME], 7);
}
END_TEST

START_TEST(test_width_200)
{
	int w[NCOLS(ctr)];
	size_t i, n = layout_compute(ctr, NCOLS(ctr), 200, 1, w);

	ck_assert_uint_eq(n, NCOLS(ctr));
	for (i = 0; i < NCOLS(ctr); i++)
		ck_assert_int_ge(w[i], ctr[i].want);
	/* wants 156 + 8 gaps = 164: 36 spare split between NAME and IMAGE */
	ck_assert_int_eq(w[C_NAME], 24 + 18);
	ck_assert_int_eq(w[C_IMAGE], 24 + 18);
	ck_assert_int_eq(w[C_PORTS], 22);
	ck_assert_int_eq(total(w, NCOLS(ctr), 1), 200);
}
END_TEST

START_TEST(test_width_20)
{
	int w[NCOLS(ctr)];
	size_t i, n = layout_compute(ctr, NCOLS(ctr), 20, 1, w);

	ck_assert_uint_eq(n, 2);
	for (i = 0; i < NCOLS(ctr); i++) {
		if (ctr[i].priority == 0)
			ck_assert_int_ge(w[i], ctr[i].min);
		else
			ck_assert_int_eq(w[i], 0);
	}
	ck_assert_int_eq(w[C_NAME], 10);
	ck_assert_int_eq(w[C_STATE], 9);
	ck_assert_int_le(total(w, NCOLS(ctr), 1), 20);
}
END_TEST

START_TEST(test_width_0)
{
	int w[NCOLS(ctr)];
	size_t i;

	memset(w, 0x55, sizeof w);
	ck_assert_uint_eq(layout_compute(ctr, NCOLS(ctr), 0, 1, w), 0);
	for (i = 0; i < NCOLS(ctr); i++)
		ck_assert_int_eq(w[i], 0);
	memset(w, 0x55, sizeof w);
	ck_assert_uint_eq(layout_compute(ctr, NCOLS(ctr), -7, 1, w), 0);
	for (i = 0; i < NCOLS(ctr); i++)
		ck_assert_int_eq(w[i], 0);
}
END_TEST

START_TEST(test_no_columns)
{
	int w[1] = { 42 };

	ck_assert_uint_eq(layout_compute(ctr, 0, 80, 1, w), 0);
	ck_assert_int_eq(w[0], 42);
}
END_TEST

/* Whatever the width, the rules hold. */
static void
sweep(int gap)
{
	int w[NCOLS(ctr)], prev[NCOLS(ctr)];
	size_t i, j, n;
	int width;
	long pri0 = 0, npri0 = 0;

	for (i = 0; i < NCOLS(ctr); i++) {
		if (ctr[i].priority == 0) {
			pri0 += ctr[i].min;
			npri0++;
		}
	}
	pri0 += (npri0 - 1) * gap;

	memset(prev, 0, sizeof prev);
	for (width = 0; width <= 300; width++) {
		n = layout_compute(ctr, NCOLS(ctr), width, gap, w);
		ck_assert_msg(total(w, NCOLS(ctr), gap) <= width,
		    "width %d: total %ld", width, total(w, NCOLS(ctr), gap));
		ck_assert_uint_eq(n, count_shown(w, NCOLS(ctr)));
		for (i = 0; i < NCOLS(ctr); i++) {
			/* once the priority-0 set fits, shown means >= min */
			if (width >= pri0 && w[i] > 0)
				ck_assert_int_ge(w[i], ctr[i].min);
			if (width >= pri0 && ctr[i].priority == 0)
				ck_assert_int_gt(w[i], 0);
			/* widening never hides a column */
			if (prev[i] > 0)
				ck_assert_msg(w[i] > 0, "width %d hides %s",
				    width, ctr[i].title);
			/* a shown column implies every more important one */
			if (w[i] == 0)
				continue;
			for (j = 0; j < NCOLS(ctr); j++) {
				if (ctr[j].priority < ctr[i].priority ||
				    (ctr[j].priority == ctr[i].priority &&
				    j < i))
					ck_assert_msg(w[j] > 0 ||
					    width < pri0,
					    "width %d: %s shown, %s not",
					    width, ctr[i].title,
					    ctr[j].title);
			}
		}
		/* with a flex column shown, every column is used */
		if (width >= pri0)
			ck_assert_int_eq(total(w, NCOLS(ctr), gap), width);
		memcpy(prev, w, sizeof w);
	}
}

START_TEST(test_sweep_gap1)
{
	sweep(1);
}
END_TEST

START_TEST(test_sweep_gap0)
{
	sweep(0);
}
END_TEST

START_TEST(test_sweep_gap3)
{
	sweep(3);
}
END_TEST

START_TEST(test_drop_order)
{
	int w[NCOLS(ctr)];

	/* priority 0 at want (44) + others at min (57) + 8 gaps = 109 */
	layout_compute(ctr, NCOLS(ctr), 109, 1, w);
	ck_assert_int_gt(w[C_PORTS], 0);
	layout_compute(ctr, NCOLS(ctr), 108, 1, w);
	ck_assert_int_eq(w[C_PORTS], 0);
	ck_assert_int_gt(w[C_NET], 0);
	layout_compute(ctr, NCOLS(ctr), 99, 1, w);
	ck_assert_int_eq(w[C_NET], 0);
	ck_assert_int_gt(w[C_IMAGE], 0);
	/* next IMAGE (3), then MEM (2, rightmost), then SERVICE (2) */
	layout_compute(ctr, NCOLS(ctr), 87, 1, w);
	ck_assert_int_eq(w[C_IMAGE], 0);
	ck_assert_int_gt(w[C_MEM], 0);
	layout_compute(ctr, NCOLS(ctr), 78, 1, w);
	ck_assert_int_eq(w[C_MEM], 0);
	ck_assert_int_gt(w[C_SERVICE], 0);
	layout_compute(ctr, NCOLS(ctr), 68, 1, w);
	ck_assert_int_eq(w[C_SERVICE], 0);
	ck_assert_int_gt(w[C_UPTIME], 0);
	ck_assert_int_gt(w[C_CPU], 0);
	/* then CPU% (1, rightmost), then UPTIME */
	layout_compute(ctr, NCOLS(ctr), 57, 1, w);
	ck_assert_int_eq(w[C_CPU], 0);
	ck_assert_int_gt(w[C_UPTIME], 0);
	layout_compute(ctr, NCOLS(ctr), 51, 1, w);
	ck_assert_int_eq(w[C_UPTIME], 0);
	/* the 6 spare columns go to the flex NAME */
	ck_assert_int_eq(w[C_NAME], 30);
	ck_assert_int_eq(w[C_STATE], 20);
	/* below 45, priority 0 gives back width, STATE (rightmost) first */
	layout_compute(ctr, NCOLS(ctr), 40, 1, w);
	ck_assert_int_eq(w[C_NAME], 24);
	ck_assert_int_eq(w[C_STATE], 15);
}
END_TEST

START_TEST(test_tie_drops_rightmost)
{
	static const struct layout_col c[] = {
		{ "A", 5, 5, 1, false },
		{ "B", 5, 5, 1, false },
		{ "C", 5, 5, 1, false },
	};
	int w[3];

	ck_assert_uint_eq(layout_compute(c, 3, 11, 1, w), 2);
	ck_assert_int_eq(w[0], 5);
	ck_assert_int_eq(w[1], 5);
	ck_assert_int_eq(w[2], 0);
	ck_assert_uint_eq(layout_compute(c, 3, 10, 1, w), 1);
	ck_assert_int_eq(w[0], 5);
}
END_TEST

START_TEST(test_grow_by_priority)
{
	static const struct layout_col c[] = {
		{ "A", 5, 10, 2, false },
		{ "B", 5, 10, 1, false },
		{ "C", 5, 10, 1, false },
	};
	int w[3];

	/* 5+5+5 + 2 gaps = 17; 8 spare: B first, then C, A gets none */
	layout_compute(c, 3, 25, 1, w);
	ck_assert_int_eq(w[0], 5);
	ck_assert_int_eq(w[1], 10);
	ck_assert_int_eq(w[2], 8);
	/* more than all wants and no flex column: the rest stays unused */
	layout_compute(c, 3, 100, 1, w);
	ck_assert_int_eq(w[0], 10);
	ck_assert_int_eq(w[1], 10);
	ck_assert_int_eq(w[2], 10);
}
END_TEST

START_TEST(test_flex_share)
{
	static const struct layout_col c[] = {
		{ "A", 4, 4, 0, true },
		{ "B", 4, 4, 0, false },
		{ "C", 4, 4, 0, true },
	};
	int w[3];

	/* 12 + 2 gaps = 14; 7 spare: 4 to A (left gets the odd one), 3 to C */
	layout_compute(c, 3, 21, 1, w);
	ck_assert_int_eq(w[0], 8);
	ck_assert_int_eq(w[1], 4);
	ck_assert_int_eq(w[2], 7);
}
END_TEST

START_TEST(test_hidden_flex_gets_nothing)
{
	static const struct layout_col c[] = {
		{ "A", 10, 10, 0, false },
		{ "B", 10, 10, 1, true },
	};
	int w[2];

	ck_assert_uint_eq(layout_compute(c, 2, 20, 1, w), 1);
	ck_assert_int_eq(w[0], 10);
	ck_assert_int_eq(w[1], 0);
}
END_TEST

START_TEST(test_priority0_shrinks_left_to_right)
{
	int w[NCOLS(ctr)];

	/* NAME 8 + gap + STATE 9 = 18 */
	ck_assert_uint_eq(layout_compute(ctr, NCOLS(ctr), 18, 1, w), 2);
	ck_assert_int_eq(w[C_NAME], 8);
	ck_assert_int_eq(w[C_STATE], 9);
	ck_assert_uint_eq(layout_compute(ctr, NCOLS(ctr), 17, 1, w), 2);
	ck_assert_int_eq(w[C_NAME], 7);
	ck_assert_int_eq(w[C_STATE], 9);
	ck_assert_uint_eq(layout_compute(ctr, NCOLS(ctr), 11, 1, w), 2);
	ck_assert_int_eq(w[C_NAME], 1);
	ck_assert_int_eq(w[C_STATE], 9);
	/* NAME at 0 is hidden, which frees its gap */
	ck_assert_uint_eq(layout_compute(ctr, NCOLS(ctr), 10, 1, w), 1);
	ck_assert_int_eq(w[C_NAME], 0);
	ck_assert_int_eq(w[C_STATE], 10);
	ck_assert_uint_eq(layout_compute(ctr, NCOLS(ctr), 9, 1, w), 1);
	ck_assert_int_eq(w[C_STATE], 9);
	ck_assert_uint_eq(layout_compute(ctr, NCOLS(ctr), 4, 1, w), 1);
	ck_assert_int_eq(w[C_NAME], 0);
	ck_assert_int_eq(w[C_STATE], 4);
}
END_TEST

START_TEST(test_odd_inputs)
{
	static const struct layout_col c[] = {
		{ "NEG", -5, -1, -2, false },	/* min < 0, want < min */
		{ "INV", 6, 3, 1, false },	/* want < min */
		{ "ZERO", 0, 0, 2, true },
	};
	int w[3];
	size_t n;

	n = layout_compute(c, 3, 30, 1, w);
	ck_assert_int_eq(w[1], 6);
	ck_assert_uint_eq(n, count_shown(w, 3));
	ck_assert_int_le(total(w, 3, 1), 30);
	n = layout_compute(c, 3, 30, -4, w);	/* negative gap counts as 0 */
	ck_assert_int_le(total(w, 3, 0), 30);
	ck_assert_uint_eq(n, count_shown(w, 3));
}
END_TEST

START_TEST(test_huge_values)
{
	static const struct layout_col c[] = {
		{ "A", INT32_MAX, INT32_MAX, 0, true },
		{ "B", INT32_MAX, INT32_MAX, 0, true },
		{ "C", 1, INT32_MAX, 1, true },
	};
	int w[3];

	layout_compute(c, 3, INT32_MAX, INT32_MAX, w);
	ck_assert_int_le(total(w, 3, INT32_MAX), INT32_MAX);
	layout_compute(c, 3, 100, 1, w);
	ck_assert_int_le(total(w, 3, 1), 100);
	layout_compute(c + 2, 1, INT32_MAX, 1, w);
	ck_assert_int_eq(w[0], INT32_MAX);
}
END_TEST

static uint32_t
rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

START_TEST(test_random_columns)
{
	struct layout_col c[12];
	int w[12];
	uint32_t rng = 0xbe57;
	size_t nc, i, n;
	int round, width, gap;

	for (round = 0; round < 20000; round++) {
		nc = rng_next(&rng) % 13;
		for (i = 0; i < nc; i++) {
			c[i].title = "X";
			c[i].min = (int)(rng_next(&rng) % 30);
			c[i].want = (int)(rng_next(&rng) % 40);
			c[i].priority = (int)(rng_next(&rng) % 5);
			c[i].flex = rng_next(&rng) % 3 == 0;
		}
		width = (int)(rng_next(&rng) % 260) - 10;
		gap = (int)(rng_next(&rng) % 4);
		n = layout_compute(c, nc, width, gap, w);
		ck_assert_uint_eq(n, count_shown(w, nc));
		ck_assert_int_le(total(w, nc, gap), width < 0 ? 0 : width);
	}
}
END_TEST

/* Hiding a column lays the others out as if it were not in the table. */
START_TEST(test_without)
{
	static const struct layout_col cols[] = {
		{ "NAME", 8, 18, 0, true },
		{ "ENGINE", 6, 12, 1, false },
		{ "IMAGE", 10, 20, 2, true },
		{ "STATE", 6, 10, 0, false },
	};
	static const struct layout_col rest[] = { cols[0], cols[2], cols[3] };
	int got[4], want[3];
	size_t n, m;

	for (int width = 0; width <= 90; width++) {
		n = layout_compute_without(cols, 4, 1, width, 1, got);
		m = layout_compute(rest, 3, width, 1, want);
		ck_assert_uint_eq(n, m);
		ck_assert_int_eq(got[1], 0);
		ck_assert_int_eq(got[0], want[0]);
		ck_assert_int_eq(got[2], want[1]);
		ck_assert_int_eq(got[3], want[2]);
	}
	/* -1 hides nothing: the same as layout_compute */
	for (int width = 0; width <= 90; width++) {
		int all[4];
		n = layout_compute_without(cols, 4, -1, width, 1, got);
		m = layout_compute(cols, 4, width, 1, all);
		ck_assert_uint_eq(n, m);
		ck_assert_mem_eq(got, all, sizeof all);
	}
}
END_TEST

static Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc;

	tc = tcase_create("containers");
	tcase_add_test(tc, test_width_80);
	tcase_add_test(tc, test_width_200);
	tcase_add_test(tc, test_width_20);
	tcase_add_test(tc, test_width_0);
	tcase_add_test(tc, test_no_columns);
	tcase_add_test(tc, test_sweep_gap1);
	tcase_add_test(tc, test_sweep_gap0);
	tcase_add_test(tc, test_sweep_gap3);
	tcase_add_test(tc, test_drop_order);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_test(tc, test_tie_drops_rightmost);
	tcase_add_test(tc, test_grow_by_priority);
	tcase_add_test(tc, test_flex_share);
	tcase_add_test(tc, test_hidden_flex_gets_nothing);
	tcase_add_test(tc, test_priority0_shrinks_left_to_right);
	tcase_add_test(tc, test_odd_inputs);
	tcase_add_test(tc, test_huge_values);
	tcase_add_test(tc, test_random_columns);
	tcase_add_test(tc, test_without);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(layout_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
