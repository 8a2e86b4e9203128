/* The events pane: the engine's recent events, newest first, filterable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keymaps/keymap.h"
#include "model/evring.h"
#include "model/rowsel.h"
#include "tui/gate.h"
#include "tui/layout.h"
#include "tui/mouse.h"
#include "tui/table.h"
#include "views/app.h"
#include "views/view.h"
#include "xmalloc.h"

enum col { COL_TIME, COL_ENGINE, COL_TYPE, COL_ACTION, COL_NAME, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_TIME] = { "TIME", 8, 8, 0, false },
	/* only with several engines (see ev_draw) */
	[COL_ENGINE] = { "ENGINE", 6, 12, 0, false },
	[COL_TYPE] = { "TYPE", 9, 9, 0, false },
	[COL_ACTION] = { "ACTION", 8, 20, 0, true },
	[COL_NAME] = { "NAME", 8, 30, 0, true },
};

struct eview {
	struct views_filter filter;
	size_t *idx;		/* ring indices shown, newest first */
	size_t nidx, cap;
	size_t sel, top;
	uint64_t seen_total;	/* ring total at the last rebuild */
	struct table tbl;
};

static void *
ev_init(struct app *app, const void *arg)
{
	struct eview *v = xcalloc(1, sizeof *v);

	(void)arg;
	table_init(&v->tbl, columns, NCOLS, &v->sel, &v->top);
	v->tbl.indent = 1;
	v->seen_total = app->events != NULL ? evring_total(app->events) : 0;
	return v;
}

static void
ev_fini(void *st)
{
	struct eview *v = st;
	table_clear(&v->tbl);
	free(v->idx);
	free(v);
}

/* The name to show: the actor's name, else its id (short when a hex id). */
static const char *
ev_name(const struct dapi_event *e, char *buf, size_t n)
{
	if (e->name != NULL && e->name[0] != '\0')
		return e->name;
	if (e->id == NULL)
		return "";
	if (strlen(e->id) == 64 && strspn(e->id, "0123456789abcdef") == 64) {
		snprintf(buf, n, "%.12s", e->id);
		return buf;
	}
	return e->id;
}

static bool
ev_match(const struct dapi_event *e, const char *engine, const char *f)
{
	char b[16];

	return f[0] == '\0' || rowsel_contains_ci(e->type, f) ||
	    (engine != NULL && rowsel_contains_ci(engine, f)) ||
	    rowsel_contains_ci(e->action, f) ||
	    rowsel_contains_ci(ev_name(e, b, sizeof b), f) ||
	    rowsel_contains_ci(e->id, f);
}

static void
ev_rebuild(struct eview *v, struct app *app)
{
	size_t n = app->events != NULL ? evring_count(app->events) : 0;
	uint64_t total = app->events != NULL ? evring_total(app->events) : 0;
	size_t fresh = 0;

	if (n > v->cap) {
		v->cap = n;
		v->idx = xreallocarray(v->idx, v->cap, sizeof *v->idx);
	}
	v->nidx = 0;
	for (size_t i = n; i > 0; i--) {
		const struct dapi_event *e = evring_at(app->events, i - 1);
		if (!ev_match(e, app->nengines > 1 ?
		    app_engine_name(app, evring_engine_at(app->events, i - 1)) : NULL, v->filter.text))
			continue;
		if (n - i < total - v->seen_total)
			fresh++;
		v->idx[v->nidx++] = i - 1;
	}
	/* scrolled away from the newest: keep the cursor on the same event */
	if (v->sel > 0)
		v->sel += fresh;
	v->seen_total = total;
	if (v->sel >= v->nidx)
		v->sel = v->nidx > 0 ? v->nidx - 1 : 0;
}

static void
ev_cell(const struct dapi_event *e, const char *engine, enum col c, char *buf, size_t n)
{
	char b[16];
	time_t t;
	struct tm tm;

	buf[0] = '\0';
	switch (c) {
	case COL_TIME:
		t = (time_t)(e->time_nano / 1000000000);
		if (localtime_r(&t, &tm) != NULL)
			strftime(buf, n, "%H:%M:%S", &tm);
		break;
	case COL_ENGINE:
		snprintf(buf, n, "%s", engine);
		break;
	case COL_TYPE:
		snprintf(buf, n, "%s", e->type != NULL ? e->type : "");
		break;
	case COL_ACTION:
		snprintf(buf, n, "%s", e->action != NULL ? e->action : "");
		break;
	case COL_NAME:
		snprintf(buf, n, "%s", ev_name(e, b, sizeof b));
		break;
	case NCOLS:
		break;
	}
}

struct events_draw {
	struct eview *v;
	struct app *app;
};

static void
event_cell(void *ctx, size_t i, int c, struct table_cell *tc)
{
	struct events_draw *x = ctx;
	size_t k = x->v->idx[i];

	ev_cell(evring_at(x->app->events, k),
	    app_engine_name(x->app, evring_engine_at(x->app->events, k)), (enum col)c,
	    tc->text, sizeof tc->text);
}

static void
ev_draw(void *st, struct app *app, WINDOW *w)
{
	struct eview *v = st;
	struct events_draw ctx = { v, app };
	struct table_source src = { 0, NULL, event_cell, NULL, NULL, &ctx };

	ev_rebuild(v, app);
	src.nrows = v->nidx;
	/* ENGINE only when several engines are watched */
	v->tbl.hidden = app->nengines < 2 ? COL_ENGINE : -1;
	table_draw(&v->tbl, w, 0, getmaxy(w), &src);
	if (v->nidx == 0)
		gate_put(w, 2, 2, getmaxx(w) - 2, A_NORMAL, v->filter.text[0] ?
		    "no event matches the filter" : "no events since berth started");
	wattrset(w, A_NORMAL);
}

static int
ev_key(void *st, struct app *app, int code, bool func)
{
	struct eview *v = st;
	enum keymap_action a;

	if (v->filter.editing) {
		/* the rows change as it is typed: back to the first */
		v->sel = 0;
		v->top = 0;
		return views_filter_edit(&v->filter, code, func);
	}
	if (func && code == KEY_MOUSE)	/* the wheel scrolls, a click selects */
		return mouse_table_moved(&v->tbl, app->body, v->nidx) ? VIEW_HANDLED | VIEW_REDRAW :
		    VIEW_HANDLED;
	a = views_action(app, "events", code, func);
	if (table_move(&v->tbl, views_step(a), v->nidx) || views_filter_action(&v->filter, a))
		return VIEW_HANDLED | VIEW_REDRAW;
	return views_pane_key(app, a, VIEW_QUIT);
}

static void
ev_status(void *st, struct app *app, char *buf, size_t n)
{
	struct eview *v = st;
	size_t held = app->events != NULL ? evring_count(app->events) : 0;
	char note[300];

	if (views_filter_status(&v->filter, buf, n))
		return;
	snprintf(buf, n, "events: %zu shown of %zu kept%s | q back", v->nidx, held,
	    views_filter_note(&v->filter, note, sizeof note));
}

const struct view events_view = {
	.name = "events",
	.init = ev_init,
	.fini = ev_fini,
	.wants_events = true,
	.draw = ev_draw,
	.key = ev_key,
	.status = ev_status,
};
