/* The containers pane: one row per container, live state and stats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keymaps/keymap.h"
#include "model/marks.h"
#include "model/rowsel.h"
#include "tui/fmt.h"
#include "tui/layout.h"
#include "tui/mouse.h"
#include "tui/gate.h"
#include "tui/sanitize.h"
#include "tui/table.h"
#include "tui/term.h"
#include "views/actions.h"
#include "views/app.h"
#include "views/copy.h"
#include "views/logs.h"
#include "views/cfmt.h"
#include "views/contmarks.h"
#include "views/runcmd.h"
#include "views/resviews.h"
#include "views/browse.h"
#include "views/exec.h"
#include "views/swarmviews.h"
#include "views/updcheck.h"
#include "views/view.h"
#include "xmalloc.h"

enum col {
	COL_NAME, COL_ENGINE, COL_SVC, COL_IMAGE, COL_STATE, COL_UPTIME, COL_CPU, COL_MEM,
	COL_NET, COL_PORTS, NCOLS
};

static const struct layout_col columns[NCOLS] = {
	[COL_NAME] = { "NAME", 8, 18, 0, true },
	/* only with several engines (see cv_draw) */
	[COL_ENGINE] = { "ENGINE", 6, 12, 1, false },
	[COL_SVC] = { "SERVICE/BRANCH", 16, 26, 2, false },
	[COL_IMAGE] = { "IMAGE", 8, 24, 3, true },
	[COL_STATE] = { "STATE", 9, 17, 0, false },
	[COL_UPTIME] = { "UPTIME", 9, 10, 1, false },
	[COL_CPU] = { "CPU%", 5, 5, 1, false },
	[COL_MEM] = { "MEM", 8, 12, 2, false },
	[COL_NET] = { "NET rx/tx", 11, 13, 4, false },
	[COL_PORTS] = { "PORTS", 8, 28, 5, false },
};

/* Which column shows which sort key; -1 for "problems first". */
static const int key_col[ROWSEL_NKEYS] = {
	[ROWSEL_PROBLEMS] = -1, [ROWSEL_NAME] = COL_NAME, [ROWSEL_SERVICE] = COL_SVC,
	[ROWSEL_IMAGE] = COL_IMAGE, [ROWSEL_STATE] = COL_STATE,
	[ROWSEL_UPTIME] = COL_UPTIME, [ROWSEL_CPU] = COL_CPU,
	[ROWSEL_MEM] = COL_MEM, [ROWSEL_NET] = COL_NET, [ROWSEL_ENGINE] = COL_ENGINE,
};

struct cview {
	struct table tbl;	/* selection, scroll and the line cache */
	bool msg_shown;		/* "no containers" and the like are on screen */
	struct rowsel_opts opts;
	struct views_filter filter;
	struct ctable_row **rows;
	size_t nrows, cap;
	size_t sel, top;
	char sel_id[65];
	int sel_engine;
	bool nested;		/* opened from another pane: q goes back */
	struct marks *marks;	/* by (engine, id): they survive refresh and sort */
};

static void *
cv_init(struct app *app, const void *arg)
{
	struct cview *v = xcalloc(1, sizeof *v);
	const struct containers_arg *ca = arg;

	v->nested = ca != NULL;
	if (ca != NULL && ca->filter != NULL)
		snprintf(v->filter.text, sizeof v->filter.text, "%s", ca->filter);

	v->opts.key = app->opts.default_sort >= 0 && app->opts.default_sort < ROWSEL_NKEYS ?
	    (enum rowsel_key)app->opts.default_sort : ROWSEL_PROBLEMS;
	v->opts.filter = v->filter.text;
	table_init(&v->tbl, columns, NCOLS, &v->sel, &v->top);
	v->tbl.cache = true;
	v->marks = marks_new();
	return v;
}

static void
cv_fini(void *st)
{
	struct cview *v = st;
	table_clear(&v->tbl);
	marks_free(v->marks);
	free(v->rows);
	free(v);
}

static void
remember_sel(struct cview *v)
{
	snprintf(v->sel_id, sizeof v->sel_id, "%s", v->rows[v->sel]->c.id);
	v->sel_engine = v->rows[v->sel]->engine;
}

/* Rebuild the visible list and keep the selection on the same container. */
static void
cv_rebuild(struct cview *v, struct app *app)
{
	size_t n = ctable_count(app->table);

	if (n > v->cap) {
		v->cap = n;
		v->rows = xreallocarray(v->rows, v->cap, sizeof *v->rows);
	}
	v->nrows = rowsel_build(app->table, &v->opts, v->rows);
	if (marks_count(v->marks) > 0)
		marks_prune(v->marks, app->table);
	if (v->sel_id[0] != '\0') {
		for (size_t i = 0; i < v->nrows; i++) {
			if (v->rows[i]->engine == v->sel_engine &&
			    strcmp(v->rows[i]->c.id, v->sel_id) == 0) {
				v->sel = i;
				return;
			}
		}
	}
	if (v->sel >= v->nrows)
		v->sel = v->nrows > 0 ? v->nrows - 1 : 0;
	if (v->nrows > 0)
		remember_sel(v);
}

static void
cell(const struct app *app, struct ctable_row *r, enum col c, int64_t now, char *buf, size_t n)
{
	char a[32], b[32];

	buf[0] = '\0';
	switch (c) {
	case COL_NAME:
		snprintf(buf, n, "%s", r->c.name != NULL ? r->c.name : r->c.id);
		break;
	case COL_ENGINE:
		snprintf(buf, n, "%s", app_engine_name(app, r->engine));
		break;
	case COL_SVC:
		snprintf(buf, n, "%s%s%s", r->ident.service,
		    r->ident.branch != NULL ? "/" : "",
		    r->ident.branch != NULL ? r->ident.branch : "");
		break;
	case COL_IMAGE:	/* ^: the registry has a newer image (views/updcheck.c) */
		snprintf(buf, n, "%s%s", updcheck_mark(app, r),
		    r->c.image != NULL ? r->c.image : "");
		break;
	case COL_STATE:
		cfmt_state(&r->c, buf, n);
		break;
	case COL_UPTIME:
		cfmt_uptime(&r->c, now, buf, n);
		break;
	case COL_CPU:
		if (r->has_stats)
			fmt_percent(r->st.cpu_percent, buf, n);
		else
			snprintf(buf, n, "-");
		break;
	case COL_MEM:
		if (r->has_stats)
			snprintf(buf, n, "%s/%s", fmt_bytes(r->st.mem_used, a, sizeof a),
			    fmt_bytes(r->st.mem_limit, b, sizeof b));
		else
			snprintf(buf, n, "-");
		break;
	case COL_NET:
		if (r->has_stats && r->st.rx_rate >= 0)
			snprintf(buf, n, "%s/%s", fmt_bytes((uint64_t)r->st.rx_rate, a, sizeof a),
			    fmt_bytes((uint64_t)r->st.tx_rate, b, sizeof b));
		else
			snprintf(buf, n, "-");
		break;
	case COL_PORTS:
		cfmt_ports(&r->c, buf, n);
		break;
	case NCOLS:
		break;
	}
}

static bool
natural_desc(enum rowsel_key k)
{
	return rowsel_key_needs_stats(k);
}

/* Each engine's watcher hears about its own visible rows. */
static void
tell_watcher(struct cview *v, struct app *app, int page)
{
	char (*ids)[65];
	size_t end = v->top + (size_t)page;

	if (end > v->nrows)
		end = v->nrows;
	ids = xcalloc(end - v->top + 1, sizeof *ids);
	for (int e = 0; e < app->nengines; e++) {
		size_t n = 0;
		if (app->engines[e].watcher == NULL)
			continue;
		for (size_t i = v->top; i < end; i++)
			if (v->rows[i]->engine == e)
				snprintf(ids[n++], 65, "%s", v->rows[i]->c.id);
		watcher_set_wanted(app->engines[e].watcher, (const char (*)[65])ids, n,
		    rowsel_key_needs_stats(v->opts.key));
	}
	free(ids);
}

/* What the table's callbacks get. */
struct containers_draw {
	struct cview *v;
	struct app *app;
};

/* The sort key's column carries an arrow. */
static void
sort_title(void *ctx, int c, char *buf, size_t n)
{
	struct cview *v = ((struct containers_draw *)ctx)->v;
	bool utf8 = sanitize_get_utf8();

	if (key_col[v->opts.key] == c) {
		bool desc = natural_desc(v->opts.key) != v->opts.reverse;
		snprintf(buf, n, "%s%s", columns[c].title,
		    utf8 ? (desc ? "\u25bc" : "\u25b2") : (desc ? "v" : "^"));
	} else {
		snprintf(buf, n, "%s", columns[c].title);
	}
}

static void
container_line(void *ctx, size_t i, struct table_line *l)
{
	struct containers_draw *x = ctx;
	struct cview *v = x->v;
	struct ctable_row *r = v->rows[i];
	bool problem = ctable_row_problem(r);
	bool marked = marks_count(v->marks) > 0 && marks_has(v->marks, r->engine, r->c.id);

	l->attr = A_NORMAL;
	if (problem)
		l->attr |= term_attr(TR_PROBLEM);
	else if (r->c.state != DAPI_ST_RUNNING)
		l->attr |= term_attr(TR_DIM);
	if (marked)
		l->attr |= term_attr(TR_MARKED);
	l->mark = problem ? '!' : updcheck_mark(x->app, r)[0] != '\0' ? '^' : ' ';
	if (marked)	/* '*' without colour; a marked problem is still bold/red */
		l->mark = '*';
}

static void
container_cell(void *ctx, size_t i, int c, struct table_cell *tc)
{
	struct containers_draw *x = ctx;

	cell(x->app, x->v->rows[i], (enum col)c, x->app->now, tc->text, sizeof tc->text);
}

/* A line is drawn again only when its row, the row's data (gen) or its
 * uptime text changed (the table adds its attributes). */
static void
container_stamp(void *ctx, size_t i, struct table_stamp *s)
{
	struct containers_draw *x = ctx;
	struct ctable_row *r = x->v->rows[i];

	s->id = r;
	s->gen = (unsigned long)r->gen << 2 | (unsigned long)updcheck_of(x->app, r);
	if (x->v->tbl.width[COL_UPTIME] > 0)
		cfmt_uptime(&r->c, x->app->now, s->text, sizeof s->text);
}

static bool
any_up(const struct app *app)
{
	for (int i = 0; i < app->nengines; i++)
		if (app->engines[i].up)
			return true;
	return false;
}

/*
 * Lines keep what they showed (the table's line cache): an idle second
 * costs a comparison per line, and doupdate finds nothing touched.
 */
static void
cv_draw(void *st, struct app *app, WINDOW *w)
{
	struct cview *v = st;
	struct containers_draw ctx = { v, app };
	struct table_source src = { 0, container_line, container_cell, sort_title, container_stamp, &ctx };
	int lines, cols;

	getmaxyx(w, lines, cols);
	updcheck_poll(app);
	cv_rebuild(v, app);
	src.nrows = v->nrows;
	/* ENGINE only when several engines are watched */
	v->tbl.hidden = app->nengines < 2 ? COL_ENGINE : -1;

	if (app->body_fresh || v->tbl.nshown != lines || v->msg_shown || v->nrows == 0) {
		if (!app->body_fresh) {
			wattrset(w, A_NORMAL);
			wmove(w, 0, 0);
			wclrtobot(w);
		}
		table_invalidate(&v->tbl);
		v->msg_shown = false;
	}
	table_draw(&v->tbl, w, 0, lines, &src);
	if (v->nrows == 0) {
		const char *msg = !any_up(app) && !app->synced ? "connecting to the engine..." :
		    ctable_count(app->table) == 0 ? "no containers" : "no container matches";
		gate_put(w, 2, 2, cols - 2, A_NORMAL, msg);
		v->msg_shown = true;
	}
	wattrset(w, A_NORMAL);
	tell_watcher(v, app, v->tbl.page);
}

static int cv_key(void *st, struct app *app, int code, bool func);

/* A click selects, a double click opens (Enter), the wheel scrolls, a
 * header click sorts by that column (again: reversed). */
static int
cv_mouse(struct cview *v, struct app *app)
{
	struct mouse_hit h;

	switch (mouse_table(&v->tbl, app->body, v->nrows, &h)) {
	case MOUSE_NONE:
		return VIEW_HANDLED;
	case MOUSE_HEADER:
		for (int k = 0; k < ROWSEL_NKEYS; k++)
			if (key_col[k] == h.col) {
				v->opts.reverse = v->opts.key == (enum rowsel_key)k && !v->opts.reverse;
				v->opts.key = (enum rowsel_key)k;
			}
		return VIEW_HANDLED | VIEW_REDRAW;
	case MOUSE_DOUBLE:
		remember_sel(v);
		return cv_key(v, app, KEYMAP_ENTER, false);
	default:
		if (v->nrows > 0)
			remember_sel(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
}

static int
cv_key(void *st, struct app *app, int code, bool func)
{
	struct cview *v = st;
	enum keymap_action a;

	if (v->filter.editing) {
		/* the rows change as it is typed: back to the first */
		v->sel = 0;
		v->top = 0;
		v->sel_id[0] = '\0';
		return views_filter_edit(&v->filter, code, func);
	}
	if (func && code == KEY_MOUSE)
		return cv_mouse(v, app);
	a = views_action(app, "containers", code, func);
	if (a == KA_CLEAR && marks_count(v->marks) > 0)
		return contmarks_clear(app, v->marks);
	if (table_move(&v->tbl, views_step(a), v->nrows)) {
		if (v->nrows > 0)
			remember_sel(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (views_filter_action(&v->filter, a))
		return VIEW_HANDLED | VIEW_REDRAW;
	switch (a) {
	case KA_SORT_NEXT:
		v->opts.key = (enum rowsel_key)((v->opts.key + 1) % ROWSEL_NKEYS);
		if (v->opts.key == ROWSEL_ENGINE && app->nengines < 2)
			v->opts.key = (enum rowsel_key)((v->opts.key + 1) % ROWSEL_NKEYS);
		v->opts.reverse = false;
		break;
	case KA_ENGINE_NEXT:	/* all -> engine 0 -> engine 1 ... -> all */
		if (app->nengines < 2)
			return VIEW_HANDLED;
		if (!v->opts.one_engine) {
			v->opts.one_engine = true;
			v->opts.engine = 0;
		} else if (++v->opts.engine >= app->nengines) {
			v->opts.one_engine = false;
			v->opts.engine = 0;
		}
		v->sel = 0;
		v->top = 0;
		v->sel_id[0] = '\0';
		break;
	case KA_SORT_REVERSE:
		v->opts.reverse = !v->opts.reverse;
		break;
	case KA_TOGGLE_ALL:
		v->opts.running_only = !v->opts.running_only;
		break;
	case KA_MARK:
	case KA_MARK_ALL:
		if (v->nrows == 0)
			return VIEW_HANDLED;
		if (a == KA_MARK) {
			marks_toggle(v->marks, v->rows[v->sel]->engine, v->rows[v->sel]->c.id);
			table_move(&v->tbl, LISTNAV_DOWN, v->nrows);
			remember_sel(v);
		}
		for (size_t i = 0; a == KA_MARK_ALL && i < v->nrows; i++)
			marks_add(v->marks, v->rows[i]->engine, v->rows[i]->c.id);
		break;
	case KA_MOUSE:
		contmarks_mouse_toggle(app);
		break;
	/* logs, detail, exec: panes about the selected container */
	case KA_LOGS:
		if (marks_count(v->marks) > 0)
			return contmarks_logs(app, v->marks);
		/* FALLTHROUGH */
	case KA_DETAIL:
	case KA_EXEC:
		if (v->nrows == 0)
			return VIEW_HANDLED;
		app_push(app, a == KA_LOGS ? &logs_view : a == KA_DETAIL ? &detail_view : &exec_view,
		    &(struct target){ v->rows[v->sel]->engine, v->rows[v->sel]->c.id, NULL });
		break;
	case KA_ATTACH:
	case KA_BROWSE:
		if (v->nrows > 0)
			(a == KA_ATTACH ? exec_attach : browse_open)(app, &(struct target){
			    v->rows[v->sel]->engine, v->rows[v->sel]->c.id, NULL });
		break;
	case KA_COPY:
	case KA_COPY_ID: {
		const struct ctable_row *r = v->nrows > 0 ? v->rows[v->sel] : NULL;
		const char *t = r == NULL ? NULL : a == KA_COPY_ID || r->c.name == NULL ?
		    r->c.id : r->c.name;
		if (t != NULL)
			views_copy(app, t, strlen(t), a == KA_COPY_ID ? "id" : "name");
		break;
	}
	case KA_UNIT_LOGS:
		if (v->nrows > 0)
			app_push(app, &logs_many_view, &(struct logs_arg){ .engine =
			    v->rows[v->sel]->engine, .service = v->rows[v->sel]->ident.service,
			    .branch = v->rows[v->sel]->ident.branch });
		break;
	case KA_DEPLOYS:
	case KA_REDEPLOY:
		if (v->nrows > 0)
			app_push(app, &deploys_view, &(struct deploys_arg){
			    v->rows[v->sel]->engine, v->rows[v->sel]->ident.service,
			    v->rows[v->sel]->ident.branch, a == KA_REDEPLOY });
		else if (a == KA_DEPLOYS)
			app_push(app, &deploys_view, NULL);
		break;
	/* container lifecycle and the events pane */
	case KA_START_STOP:
	case KA_RESTART:
	case KA_PAUSE:
	case KA_KILL:
	case KA_REMOVE:
		cv_rebuild(v, app);	/* the selection as the user sees it now */
		if (marks_count(v->marks) > 0)
			return contmarks_act(app, v->marks, a);
		return actions_begin(app, a, v->nrows > 0 ? v->rows[v->sel] : NULL);
	case KA_EVENTS:
		app_push(app, &events_view, NULL);
		break;
	case KA_PROJECTS:
		app_push(app, &projects_view, NULL);
		break;
	case KA_SERVICES:
	case KA_NODES: {
		/* the swarm of the engine in view: the one filtered to, else
		 * the selected row's, else the first */
		int e = v->opts.one_engine ? v->opts.engine :
		    v->nrows > 0 ? v->rows[v->sel]->engine : 0;
		services_open(app, e, a == KA_NODES ? SWARM_PANE_NODES : SWARM_PANE_SERVICES);
		break;
	}
	case KA_IMAGES:
	case KA_VOLUMES:
	case KA_NETWORKS:
	case KA_DISK_USAGE:	/* the engine in view, as for the swarm panes */
		resviews_open(app, a == KA_IMAGES ? &images_view : a == KA_VOLUMES ? &volumes_view :
		    a == KA_NETWORKS ? &networks_view : &df_view, v->opts.one_engine ?
		    v->opts.engine : v->nrows > 0 ? v->rows[v->sel]->engine : 0);
		break;
	default:
		if (keymap_is_custom(a)) {
			cv_rebuild(v, app);
			if (marks_count(v->marks) > 0)
				return contmarks_act(app, v->marks, a);
			return runcmd_action(app, a, v->nrows > 0 ?
			    (const struct ctable_row *const *)&v->rows[v->sel] : NULL, v->nrows > 0);
		}
		return views_pane_key(app, a, v->nested ? VIEW_BACK | VIEW_REDRAW : VIEW_QUIT);
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
cv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct cview *v = st;
	size_t problems = ctable_problem_count(app->table);
	char note[300];

	if (views_filter_status(&v->filter, buf, n))
		return;
	char eng[96] = "", mk[48];

	if (v->opts.one_engine)
		snprintf(eng, sizeof eng, " | engine %s", app_engine_name(app, v->opts.engine));
	snprintf(buf, n, "%s%zu container%s%s%.0zu%s | %s%s | sort %s%s%s | ? help",
	    contmarks_note(v->marks, mk, sizeof mk),
	    ctable_count(app->table), ctable_count(app->table) == 1 ? "" : "s",
	    problems ? ", " : "", problems,
	    problems == 0 ? "" : problems == 1 ? " problem" : " problems",
	    v->opts.running_only ? "running only" : "all", eng,
	    rowsel_key_name(v->opts.key), v->opts.reverse ? " (rev)" : "",
	    views_filter_note(&v->filter, note, sizeof note));
}

const struct view containers_view = {
	.name = "containers",
	.init = cv_init,
	.fini = cv_fini,
	.draw = cv_draw,
	.key = cv_key,
	.status = cv_status,
	.keeps_body = true,
};
