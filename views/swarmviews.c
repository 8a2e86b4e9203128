/* What the swarm panes share: their list's engine, request, keys and state line, and their table. */
#include <stdio.h>
#include <string.h>

#include "tui/layout.h"
#include "tui/sanitize.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/listnav.h"
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
	if (listnav_move(a, &l->sel, l->n, l->page))
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
swarmviews_put(WINDOW *w, int y, int x, int width, const char *text)
{
	char safe[700], fit[700];

	sanitize_into(text, strlen(text), safe, sizeof safe);
	sanitize_fit(safe, width, fit, sizeof fit);
	mvwaddstr(w, y, x, fit);
}

void
swarmviews_draw_state(const struct swarmviews_list *l, WINDOW *w, int lines,
    const char *empty, const char *loading)
{
	if (l->n == 0 || l->err[0])
		swarmviews_put(w, l->n == 0 ? 2 : lines - 1, 2, getmaxx(w) - 4,
		    l->err[0] ? l->err : l->loaded ? empty : loading);
}

int
swarmviews_table_draw(WINDOW *w, int lines, const struct swarmviews_table *t,
    size_t sel, size_t *top)
{
	int width[16], cols, x, page;
	char raw[1024], safe[2048], fit[2048];
	int nc = t->ncols < 16 ? t->ncols : 16;

	cols = getmaxx(w);
	layout_compute(t->cols, (size_t)nc, cols - 2, 1, width);
	page = lines - 1 > 1 ? lines - 1 : 1;
	wattrset(w, term_attr(TR_HEADER));
	mvwhline(w, 0, 0, ' ', cols);
	x = 2;
	for (int c = 0; c < nc; c++) {
		if (width[c] == 0)
			continue;
		sanitize_fit(t->cols[c].title, width[c], fit, sizeof fit);
		mvwaddstr(w, 0, x, fit);
		x += width[c] + 1;
	}
	listnav_scroll(sel, top, page);
	for (int y = 1; y < lines; y++) {
		size_t i = *top + (size_t)(y - 1);
		bool problem;

		wattrset(w, A_NORMAL);
		mvwhline(w, y, 0, ' ', cols);
		if (i >= t->nrows)
			continue;
		problem = t->problem != NULL && t->problem(t->ctx, i);
		wattrset(w, i == sel ? term_attr(TR_SELECTED) :
		    problem ? term_attr(TR_PROBLEM) : A_NORMAL);
		mvwhline(w, y, 0, ' ', cols);
		/* '!' marks problems without relying on colour */
		mvwaddstr(w, y, 0, problem ? "!" : " ");
		x = 2;
		for (int c = 0; c < nc; c++) {
			if (width[c] == 0)
				continue;
			raw[0] = '\0';
			t->cell(t->ctx, i, c, raw, sizeof raw);
			sanitize_into(raw, strlen(raw), safe, sizeof safe);
			sanitize_fit(safe, width[c], fit, sizeof fit);
			mvwaddstr(w, y, x, fit);
			x += width[c] + 1;
		}
	}
	wattrset(w, A_NORMAL);
	return page;
}
