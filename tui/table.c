/* The table widget: column layout, header, cursor and scroll, problem marks, a line cache. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/gate.h"
#include "tui/table.h"
#include "tui/term.h"
#include "xmalloc.h"

/* What one screen line shows, as drawn. */
struct table_shown {
	bool drawn;			/* false: known to be blank */
	struct table_stamp stamp;	/* id NULL: unknown, draw it again */
	struct table_line line;
};

#define TABLE_HEADER_MAX 2048

void
table_init(struct table *t, const struct layout_col *cols, int ncols, size_t *sel,
    size_t *top)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols < LAYOUT_MAX_COLS ? ncols : LAYOUT_MAX_COLS;
	t->hidden = -1;
	t->indent = 2;
	t->highlight = true;
	t->page = 10;
	t->sel = sel;
	t->top = top;
}

void
table_clear(struct table *t)
{
	free(t->shown);
	free(t->header);
	t->shown = NULL;
	t->header = NULL;
	t->nshown = 0;
}

void
table_invalidate(struct table *t)
{
	/* every line unknown: rows are drawn again, blank lines cleared */
	for (int i = 0; i < t->nshown; i++) {
		t->shown[i].drawn = true;
		t->shown[i].stamp.id = NULL;
	}
	if (t->header != NULL)
		t->header[0] = '\0';
}

size_t
table_layout(struct table *t, int cols)
{
	int width = cols - t->indent;

	return layout_compute_without(t->cols, (size_t)t->ncols, t->hidden,
	    width > 0 ? width : 0, 1, t->width);
}

static void
title_of(const struct table *t, const struct table_source *src, int c, char *buf, size_t n)
{
	buf[0] = '\0';
	if (src->title != NULL)
		src->title(src->ctx, c, buf, n);
	else
		snprintf(buf, n, "%s", t->cols[c].title != NULL ? t->cols[c].title : "");
}

/* The header; with the cache, only when its titles or widths changed. */
static void
draw_header(struct table *t, WINDOW *w, int y, int cols, const struct table_source *src)
{
	char key[TABLE_HEADER_MAX], title[256];
	size_t off;
	int x = t->indent;

	off = (size_t)snprintf(key, sizeof key, "%d|", cols);
	for (int c = 0; c < t->ncols && off < sizeof key; c++) {
		if (t->width[c] == 0)
			continue;
		title_of(t, src, c, title, sizeof title);
		off += (size_t)snprintf(key + off, sizeof key - off, "%d:%s|", t->width[c], title);
	}
	if (t->cache) {
		if (t->header == NULL)
			t->header = xcalloc(1, TABLE_HEADER_MAX);
		else if (strcmp(t->header, key) == 0)
			return;
		snprintf(t->header, TABLE_HEADER_MAX, "%s", key);
	}
	wattrset(w, term_attr(TR_HEADER));
	mvwhline(w, y, 0, ' ', cols);
	for (int c = 0; c < t->ncols; c++) {
		if (t->width[c] == 0)
			continue;
		title_of(t, src, c, title, sizeof title);
		gate_put(w, y, x, t->width[c], term_attr(TR_HEADER), title);
		x += t->width[c] + 1;
	}
	wattrset(w, A_NORMAL);
}

static void
draw_line(struct table *t, WINDOW *w, int y, int cols, size_t row,
    const struct table_line *l, const struct table_source *src)
{
	struct table_cell cell;
	char mark[2] = { 0, 0 };
	int x = t->indent;

	wattrset(w, l->attr);
	mvwhline(w, y, 0, ' ', cols);
	/* '!' marks problems without relying on colour */
	if (l->mark != 0 && t->indent > 0) {
		mark[0] = l->mark;
		gate_put(w, y, 0, 1, l->attr | l->mark_attr, mark);
	}
	for (int c = 0; c < t->ncols; c++) {
		if (t->width[c] == 0)
			continue;
		cell.width = t->width[c];
		cell.text[0] = '\0';
		cell.attr = 0;
		cell.problem = false;
		src->cell(src->ctx, row, c, &cell);
		if (cell.problem && x > 0)
			gate_put(w, y, x - 1, 1, l->attr | term_attr(TR_PROBLEM), "!");
		gate_put(w, y, x, t->width[c], l->attr | cell.attr |
		    (cell.problem ? term_attr(TR_PROBLEM) : 0), cell.text);
		x += t->width[c] + 1;
	}
	wattrset(w, A_NORMAL);
}

static bool
same_line(const struct table_shown *k, const struct table_stamp *s, const struct table_line *l)
{
	return k->drawn && k->stamp.id == s->id && k->stamp.gen == s->gen &&
	    strcmp(k->stamp.text, s->text) == 0 && k->line.attr == l->attr &&
	    k->line.mark == l->mark && k->line.mark_attr == l->mark_attr;
}

void
table_draw(struct table *t, WINDOW *w, int y0, int lines, const struct table_source *src)
{
	int cols = getmaxx(w);
	bool cached = t->cache && src->stamp != NULL;

	if (lines < 1 || cols < 1)
		return;
	table_layout(t, cols);
	t->page = lines - 1 > 1 ? lines - 1 : 1;
	if (cached && (t->nshown != lines || t->shown_cols != cols)) {
		free(t->shown);
		t->shown = xcalloc((size_t)lines, sizeof *t->shown);
		t->nshown = lines;
		t->shown_cols = cols;
		table_invalidate(t);
	}
	/* other column widths: every row's cells moved */
	if (cached && memcmp(t->shown_width, t->width, sizeof t->width) != 0) {
		memcpy(t->shown_width, t->width, sizeof t->width);
		table_invalidate(t);
	}
	draw_header(t, w, y0, cols, src);

	if (t->sel != NULL) {
		if (src->nrows == 0)
			*t->sel = 0;
		else if (*t->sel >= src->nrows)
			*t->sel = src->nrows - 1;
		listnav_scroll(*t->sel, t->top, t->page);
	}
	if (*t->top > 0 && *t->top + (size_t)t->page > src->nrows)
		*t->top = src->nrows > (size_t)t->page ? src->nrows - (size_t)t->page : 0;

	for (int y = 1; y < lines; y++) {
		size_t i = *t->top + (size_t)(y - 1);
		struct table_shown *k = cached ? &t->shown[y] : NULL;
		struct table_line l = { A_NORMAL, 0, 0 };
		struct table_stamp s;

		if (i >= src->nrows) {
			if (k == NULL || k->drawn) {
				wattrset(w, A_NORMAL);
				mvwhline(w, y0 + y, 0, ' ', cols);
			}
			if (k != NULL)
				k->drawn = false;
			continue;
		}
		if (src->line != NULL)
			src->line(src->ctx, i, &l);
		if (t->highlight && t->sel != NULL && i == *t->sel)
			l.attr |= term_attr(TR_SELECTED);
		if (k != NULL) {
			memset(&s, 0, sizeof s);
			src->stamp(src->ctx, i, &s);
			if (s.id != NULL && same_line(k, &s, &l))
				continue;
			k->drawn = true;
			k->stamp = s;
			k->line = l;
		}
		draw_line(t, w, y0 + y, cols, i, &l, src);
	}
	wattrset(w, A_NORMAL);
}

bool
table_move(struct table *t, enum listnav_step s, size_t n)
{
	if (t->sel == NULL)
		return listnav_pan(s, t->top, n, t->page);
	return listnav_move(s, t->sel, n, t->page);
}
