/* What the swarm panes share: their list's engine, request, keys and state line, and their table. */
#include <stdio.h>
#include <string.h>

#include "tui/gate.h"
#include "tui/table.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/swarmviews.h"
#include "views/view.h"

void
swarmviews_init(struct swarmviews_list *l, struct app *app, const void *st,
    const struct target *t)
{
	struct app_engine *en = app_engine(app, t != NULL ? t->engine : 0);

	l->engine = en != NULL ? en->index : -1;
	l->ep = en != NULL ? &en->ep : NULL;
	l->owner = app_owner(app, st);
	l->page = 10;
}

bool
swarmviews_due(const struct swarmviews_list *l, int64_t now, int secs)
{
	return !l->inflight && (!l->loaded || now - l->fetched_at >= secs);
}

void
swarmviews_failed(struct swarmviews_list *l, const struct jobs_result *r, const char *what)
{
	snprintf(l->err, sizeof l->err, "cannot list %s: %s", what,
	    r->error != NULL ? r->error : "no answer");
}

void
swarmviews_loaded(struct swarmviews_list *l, size_t n)
{
	l->err[0] = '\0';
	l->n = n;
	l->loaded = true;
	if (l->sel >= n)
		l->sel = n > 0 ? n - 1 : 0;
}

int
swarmviews_key(struct swarmviews_list *l, struct app *app, enum keymap_action a)
{
	if (listnav_move(views_step(a), &l->sel, l->n, l->page))
		return VIEW_HANDLED | VIEW_REDRAW;
	switch (a) {
	case KA_HELP:
		app_push(app, &help_view, NULL);
		return VIEW_HANDLED | VIEW_REDRAW;
	case KA_BACK:
		return VIEW_BACK | VIEW_REDRAW;
	case KA_QUIT:
		return VIEW_QUIT;
	default:
		return VIEW_IGNORED;
	}
}

void
swarmviews_draw_state(const struct swarmviews_list *l, WINDOW *w, int lines,
    const char *empty, const char *loading)
{
	if (l->n == 0 || l->err[0])
		gate_put(w, l->n == 0 ? 2 : lines - 1, 2, getmaxx(w) - 4, A_NORMAL,
		    l->err[0] ? l->err : l->loaded ? empty : loading);
}

static void
swarmviews_line(void *ctx, size_t row, struct table_line *l)
{
	const struct swarmviews_table *t = ctx;
	bool problem = t->problem != NULL && t->problem(t->ctx, row);

	l->attr = problem ? term_attr(TR_PROBLEM) : A_NORMAL;
	l->mark = problem ? '!' : ' ';
}

static void
swarmviews_cell(void *ctx, size_t row, int col, struct table_cell *c)
{
	const struct swarmviews_table *t = ctx;

	t->cell(t->ctx, row, col, c->text, sizeof c->text);
}

int
swarmviews_table_draw(WINDOW *w, int lines, const struct swarmviews_table *t,
    size_t *sel, size_t *top)
{
	struct table tbl;
	struct table_source src = { t->nrows, swarmviews_line, swarmviews_cell, NULL, NULL,
	    (void *)t };

	table_init(&tbl, t->cols, t->ncols, sel, top);
	table_draw(&tbl, w, 0, lines, &src);
	return tbl.page;
}
