/* The table widget every list pane draws with (after htop's Panel and tmux's mode-tree). */
#ifndef BERTH_TABLE_H
#define BERTH_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "tui/layout.h"
#include "tui/listnav.h"

/* What the row source fills for one cell. */
#define TABLE_CELL_MAX 1024
struct table_cell {
	int width;			/* in: the column's width */
	char text[TABLE_CELL_MAX];	/* raw text (engine bytes welcome): the gate sanitizes it */
	attr_t attr;			/* or'ed onto the line's attributes */
	bool problem;			/* '!' in the gap before the cell (a problem cell) */
};

/* What the row source says about a whole line. */
struct table_line {
	attr_t attr;		/* the line's attributes (TR_SELECTED is added for the cursor row) */
	char mark;		/* drawn at column 0: '!' for a problem row, 0 for none */
	attr_t mark_attr;	/* or'ed onto attr for the mark */
};

/* A cheap summary of what a row shows: same stamp, same line. */
struct table_stamp {
	const void *id;		/* the row's identity; NULL is never a stamp */
	unsigned long gen;	/* bumped whenever the row's data changes */
	char text[24];		/* what changes with the clock alone (an uptime) */
};

/* The rows, by callback; ctx is the pane's. */
struct table_source {
	size_t nrows;
	/* The line's attributes and mark; NULL: A_NORMAL, no mark. */
	void (*line)(void *ctx, size_t row, struct table_line *l);
	/* Fill c (text "", attr 0, problem false on entry) for a shown column. */
	void (*cell)(void *ctx, size_t row, int col, struct table_cell *c);
	/* A column's title into buf; NULL: the column spec's title. */
	void (*title)(void *ctx, int col, char *buf, size_t n);
	/* With the line cache on (table.cache), a line whose stamp and line
	 * attributes did not change is not drawn again. NULL: every draw
	 * draws every line. */
	void (*stamp)(void *ctx, size_t row, struct table_stamp *s);
	void *ctx;
};

struct table_shown;

/* A table: the column specs, selection and scroll, and the line cache.
 * Embedded in the pane's state; set up with table_init. */
struct table {
	const struct layout_col *cols;
	int ncols;			/* at most LAYOUT_MAX_COLS */
	int hidden;			/* a column left out (-1 none), e.g. ENGINE */
	int indent;			/* columns before the first cell (the mark's room) */
	bool highlight;			/* the cursor row gets TR_SELECTED */
	bool cache;			/* redraw only the lines that changed */
	size_t *sel, *top;		/* the pane's cursor row and first row shown */
	int page;			/* rows a page holds, as of the last draw */
	int width[LAYOUT_MAX_COLS];	/* each column's width as of the last layout, 0 hidden */
	/* the line cache (private) */
	struct table_shown *shown;
	int nshown, shown_cols;
	int shown_width[LAYOUT_MAX_COLS];
	char *header;
};

/* Set t up for ncols column specs, and the pane's cursor and first shown
 * row (all kept by pointer; sel may be NULL: no cursor, top only): indent
 * 2, no hidden column, highlight on, cache off, page 10. UI thread. */
void table_init(struct table *t, const struct layout_col *cols, int ncols,
    size_t *sel, size_t *top);

/* Free t's line cache; t can be drawn again afterwards. UI thread. */
void table_clear(struct table *t);

/* Forget what is on screen: the next draw draws every line (the window
 * was erased, or something else drew over the table). UI thread. */
void table_invalidate(struct table *t);

/* Lay the columns out in `cols` terminal columns (minus the indent) into
 * t->width. Returns how many are shown. Pure apart from t. */
size_t table_layout(struct table *t, int cols);

/*
 * Draw src into lines [y0, y0 + lines) of w: the header, then the rows
 * from *t->top, which moves so that *t->sel shows (*t->sel is clamped
 * to the rows; without a cursor *t->top is clamped so a page stays full). Every cell and title goes through the gate (tui/gate), so
 * it is sanitized and fitted. Sets t->page. With t->cache and a stamp
 * callback, only changed lines are drawn, and a table that is unchanged
 * draws nothing at all. UI thread.
 */
void table_draw(struct table *t, WINDOW *w, int y0, int lines, const struct table_source *src);

/* Move the cursor for s among n rows by t->page (tui/listnav; without a
 * cursor, pan *t->top). Returns true if s is a movement. UI thread. */
bool table_move(struct table *t, enum listnav_step s, size_t n);

#endif
