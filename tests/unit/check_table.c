/* The table widget and the drawing gate, drawn headless on a curses screen over /dev/null. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/gate.h"
#include "tui/sanitize.h"
#include "tui/table.h"

static SCREEN *scr;
static FILE *out, *in;

static void
setup(void)
{
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	ck_assert(out != NULL && in != NULL);
	scr = newterm("xterm", out, in);
	ck_assert(scr != NULL);
	sanitize_set_utf8(false);
}

static void
teardown(void)
{
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* Line y of w as text, trailing blanks cut. */
static void
line_of(WINDOW *w, int y, char *buf, int n)
{
	int len;

	mvwinnstr(w, y, 0, buf, n - 1);
	len = (int)strlen(buf);
	while (len > 0 && buf[len - 1] == ' ')
		buf[--len] = '\0';
}

static bool
any_touched(WINDOW *w)
{
	for (int y = 0; y < getmaxy(w); y++)
		if (is_linetouched(w, y))
			return true;
	return false;
}

/* A row source: names (engine bytes) and a generation per row. */
struct rows {
	const char *name[40];
	unsigned long gen[40];
	bool problem[40];
	bool bold[40];
	int cells;		/* cell() calls */
};

static const struct layout_col cols2[] = {
	{ "NAME", 4, 10, 0, false },
	{ "STATE", 5, 8, 0, false },
};

static void
rows_line(void *ctx, size_t i, struct table_line *l)
{
	struct rows *r = ctx;

	l->mark = r->problem[i] ? '!' : ' ';
	l->attr = r->bold[i] ? A_BOLD : A_NORMAL;
}

static void
rows_cell(void *ctx, size_t i, int col, struct table_cell *c)
{
	struct rows *r = ctx;

	r->cells++;
	snprintf(c->text, sizeof c->text, "%s", col == 0 ? r->name[i] : r->problem[i] ? "bad" : "ok");
}

static void
rows_stamp(void *ctx, size_t i, struct table_stamp *s)
{
	struct rows *r = ctx;

	s->id = &r->name[i];
	s->gen = r->gen[i];
}

START_TEST(test_header_rows_and_marks)
{
	WINDOW *w = newwin(6, 30, 0, 0);
	struct rows r = { .name = { "alpha", "b\033[2Jx", "averyveryverylongname" },
	    .problem = { false, true, false } };
	struct table_source src = { 3, rows_line, rows_cell, NULL, NULL, &r };
	struct table t;
	size_t sel = 0, top = 0;
	char buf[64];

	table_init(&t, cols2, 2, &sel, &top);
	table_draw(&t, w, 0, 6, &src);
	line_of(w, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "  NAME       STATE");
	line_of(w, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "  alpha      ok");
	/* the ESC reaches the screen as caret notation; the problem row is marked */
	line_of(w, 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "! b^[[2Jx    bad");
	/* cut to the column's width */
	line_of(w, 3, buf, sizeof buf);
	ck_assert_str_eq(buf, "  averyvery~ ok");
	line_of(w, 4, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(t.page, 5);
	table_clear(&t);
	delwin(w);
}
END_TEST

START_TEST(test_scroll_and_move)
{
	WINDOW *w = newwin(5, 30, 0, 0);
	struct rows r = { .name = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9" } };
	struct table_source src = { 10, rows_line, rows_cell, NULL, NULL, &r };
	struct table t;
	size_t sel = 0, top = 0;
	char buf[64];

	table_init(&t, cols2, 2, &sel, &top);
	table_draw(&t, w, 0, 5, &src);
	ck_assert_int_eq(t.page, 4);
	ck_assert(table_move(&t, LISTNAV_BOTTOM, 10));
	ck_assert_uint_eq(sel, 9);
	table_draw(&t, w, 0, 5, &src);
	ck_assert_uint_eq(top, 6);
	line_of(w, 4, buf, sizeof buf);
	ck_assert_str_eq(buf, "  r9         ok");
	ck_assert(table_move(&t, LISTNAV_PAGE_UP, 10));
	ck_assert_uint_eq(sel, 5);
	table_draw(&t, w, 0, 5, &src);
	ck_assert_uint_eq(top, 5);
	ck_assert(!table_move(&t, LISTNAV_NONE, 10));
	/* the rows shrink under the cursor: it is clamped, the page stays full */
	src.nrows = 3;
	table_draw(&t, w, 0, 5, &src);
	ck_assert_uint_eq(sel, 2);
	ck_assert_uint_eq(top, 0);
	table_clear(&t);
	delwin(w);
}
END_TEST

START_TEST(test_line_cache)
{
	WINDOW *w = newwin(6, 30, 0, 0);
	struct rows r = { .name = { "a", "b", "c" } };
	struct table_source src = { 3, rows_line, rows_cell, NULL, rows_stamp, &r };
	struct table t;
	size_t sel = 0, top = 0;

	table_init(&t, cols2, 2, &sel, &top);
	t.cache = true;
	table_draw(&t, w, 0, 6, &src);
	ck_assert_int_eq(r.cells, 6);
	untouchwin(w);
	/* nothing changed: nothing is filled, nothing is touched */
	table_draw(&t, w, 0, 6, &src);
	ck_assert_int_eq(r.cells, 6);
	ck_assert(!any_touched(w));
	/* one row's data changed: only its line */
	r.gen[1]++;
	table_draw(&t, w, 0, 6, &src);
	ck_assert_int_eq(r.cells, 8);
	ck_assert(!is_linetouched(w, 1));
	ck_assert(is_linetouched(w, 2));
	ck_assert(!is_linetouched(w, 3));
	untouchwin(w);
	/* a line's attributes changed (the cursor's, a problem's): that line */
	r.bold[2] = true;
	table_draw(&t, w, 0, 6, &src);
	ck_assert(!is_linetouched(w, 1));
	ck_assert(!is_linetouched(w, 2));
	ck_assert(is_linetouched(w, 3));
	untouchwin(w);
	/* a row went away: its line is cleared, the others are left alone */
	src.nrows = 2;
	table_draw(&t, w, 0, 6, &src);
	ck_assert(!is_linetouched(w, 1) && !is_linetouched(w, 2));
	ck_assert(is_linetouched(w, 3));
	ck_assert_int_eq(mvwinch(w, 3, 2) & A_CHARTEXT, ' ');
	untouchwin(w);
	table_draw(&t, w, 0, 6, &src);
	ck_assert(!any_touched(w));
	/* a column left out moves every cell: every line is drawn again */
	t.hidden = 1;
	table_draw(&t, w, 0, 6, &src);
	ck_assert(is_linetouched(w, 0) && is_linetouched(w, 1) && is_linetouched(w, 2));
	untouchwin(w);
	/* after an invalidate every line is drawn again */
	table_invalidate(&t);
	table_draw(&t, w, 0, 6, &src);
	ck_assert(is_linetouched(w, 0) && is_linetouched(w, 1));
	table_clear(&t);
	delwin(w);
}
END_TEST

START_TEST(test_gate)
{
	WINDOW *w = newwin(3, 10, 0, 0);
	char buf[64];

	/* fitted to the window's edge whatever width is asked for */
	ck_assert_int_eq(gate_put(w, 0, 4, 100, A_NORMAL, "abcdefghij"), 6);
	line_of(w, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "    abcde~");
	/* controls and bad bytes never reach curses raw */
	ck_assert_int_eq(gate_put(w, 1, 0, 10, A_NORMAL, "\033]0;x\007\xff"), 9);
	line_of(w, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "^[]0;x^G?");
	/* nothing outside the window, nothing for width 0 or NULL */
	ck_assert_int_eq(gate_put(w, 3, 0, 10, A_NORMAL, "x"), 0);
	ck_assert_int_eq(gate_put(w, 0, 10, 10, A_NORMAL, "x"), 0);
	ck_assert_int_eq(gate_put(w, 2, 0, 0, A_NORMAL, "x"), 0);
	ck_assert_int_eq(gate_put(w, 2, 0, 5, A_NORMAL, NULL), 0);
	/* embedded NULs with gate_putn */
	ck_assert_int_eq(gate_putn(w, 2, 0, 10, A_NORMAL, "a\0b", 3), 4);
	line_of(w, 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "a^@b");
	delwin(w);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_header_rows_and_marks);
	tcase_add_test(tc, test_scroll_and_move);
	tcase_add_test(tc, test_line_cache);
	tcase_add_test(tc, test_gate);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
