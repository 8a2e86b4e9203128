/* Mouse events on a table: the wheel, clicks, double clicks and header clicks (KEY_MOUSE from curses). */
#ifndef BERTH_MOUSE_H
#define BERTH_MOUSE_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "tui/table.h"

enum mouse_kind {
	MOUSE_NONE,		/* not for the table, or nothing to do */
	MOUSE_WHEEL,		/* the cursor moved by the wheel */
	MOUSE_CLICK,		/* the cursor is on the clicked row */
	MOUSE_DOUBLE,		/* the same row clicked twice quickly: open it */
	MOUSE_HEADER		/* a column title clicked: hit->col */
};

struct mouse_hit {
	size_t row;		/* the row clicked */
	int col;		/* the column clicked (header), -1 for none */
};

#define MOUSE_WHEEL_ROWS 3
#define MOUSE_DOUBLE_MS 400

/*
 * Take the pending mouse event (getmouse) and apply it to table t, drawn
 * from line 0 of w over nrows rows: the wheel moves the cursor by
 * MOUSE_WHEEL_ROWS, a press on a row puts the cursor there (a second
 * press on it within MOUSE_DOUBLE_MS is a double click), a press on the
 * header names the column under it. Returns what happened. UI thread.
 */
enum mouse_kind mouse_table(struct table *t, WINDOW *w, size_t nrows, struct mouse_hit *hit);

/* mouse_table for a pane where only the wheel and a click mean something
 * (a double click is a click, header clicks are ignored): true when the
 * cursor or the scroll moved. UI thread. */
bool mouse_table_moved(struct table *t, WINDOW *w, size_t nrows);

/* Which column of t (as last drawn) covers screen column x; -1 none. Pure. */
int mouse_column(const struct table *t, int x);

#endif
