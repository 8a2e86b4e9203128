/* The projects pane: compose projects, their services and containers, and actions on them all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymaps/keymap.h"
#include "model/projects.h"
#include "tui/gate.h"
#include "tui/table.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/cfmt.h"
#include "views/logs.h"
#include "views/projacts.h"
#include "views/view.h"
#include "xmalloc.h"

/* the column specs, in their enum's order */
enum lcol { LC_NAME, LC_RUNNING, LC_SERVICES, LC_ENGINE, LC_DIR, NLCOLS };

static const struct layout_col list_columns[NLCOLS] = {
	{ "PROJECT", 8, 24, 0, true }, { "RUNNING", 7, 9, 0, false },
	{ "SERVICES", 8, 40, 1, true }, { "ENGINE", 6, 16, 2, false },
	{ "WORKING DIR", 11, 40, 3, true },
};

enum tcol { TC_NAME, TC_STATE, TC_UPTIME, TC_IMAGE, TC_ENGINE, NTCOLS };

static const struct layout_col tree_columns[NTCOLS] = {
	{ "SERVICE / CONTAINER", 12, 32, 0, true }, { "STATE", 9, 17, 0, false },
	{ "UPTIME", 9, 10, 1, false }, { "IMAGE", 8, 28, 2, true },
	{ "ENGINE", 6, 12, 3, false },
};

/* One line of the tree: a service (row NULL), or one of its containers. */
struct pline {
	size_t service;		/* index in the open project's services */
	struct ctable_row *row;
};

struct pview {
	struct app *app;
	unsigned self;
	struct table list, tree;
	size_t lsel, ltop, tsel, ttop;
	struct projects_entry *p;
	size_t np;
	char *open;		/* the project shown as a tree, or NULL */
	struct pline *lines;
	size_t nlines, linecap;
	/* the cursor's project, service and container, kept across rebuilds */
	char *sel_project, *sel_service;
	char sel_id[65];
	int sel_engine;
	struct projacts pa;
};

/* ---------------------------------------------------------------- state */

static const struct projects_entry *
open_entry(const struct pview *v)
{
	for (size_t i = 0; v->open != NULL && i < v->np; i++)
		if (strcmp(v->p[i].name, v->open) == 0)
			return &v->p[i];
	return NULL;
}

/* What the cursor is on, by name: the rows' order changes with their state. */
static void
remember(struct pview *v)
{
	const struct projects_entry *e = open_entry(v);
	const struct pline *l = e != NULL && v->tsel < v->nlines ? &v->lines[v->tsel] : NULL;

	free(v->sel_project);
	free(v->sel_service);
	v->sel_project = v->lsel < v->np ? xstrdup(v->p[v->lsel].name) : NULL;
	v->sel_service = l != NULL ? xstrdup(e->services[l->service].name) : NULL;
	snprintf(v->sel_id, sizeof v->sel_id, "%s", l != NULL && l->row != NULL ? l->row->c.id : "");
	v->sel_engine = l != NULL && l->row != NULL ? l->row->engine : -1;
}

static void
restore(struct pview *v)
{
	const struct projects_entry *e = open_entry(v);

	for (size_t i = 0; v->sel_project != NULL && i < v->np; i++)
		if (strcmp(v->p[i].name, v->sel_project) == 0)
			v->lsel = i;
	for (size_t i = 0; e != NULL && v->sel_service != NULL && i < v->nlines; i++) {
		const struct pline *l = &v->lines[i];
		if (strcmp(e->services[l->service].name, v->sel_service) != 0)
			continue;
		if (v->sel_id[0] == '\0' ? l->row == NULL : l->row != NULL &&
		    l->row->engine == v->sel_engine && strcmp(l->row->c.id, v->sel_id) == 0) {
			v->tsel = i;
			break;
		}
	}
}

/* The projects again from the table, and the open one's tree. */
static void
rebuild(struct pview *v, struct app *app)
{
	const struct projects_entry *e;
	struct ctable_row **rows;
	size_t n;

	projects_free(v->p, v->np);
	projects_build(app->table, &v->p, &v->np);
	v->nlines = 0;
	if ((e = open_entry(v)) == NULL) {
		restore(v);
		remember(v);
		return;
	}
	rows = xcalloc(e->total + 1, sizeof *rows);
	n = projects_rows(app->table, e->name, NULL, rows, e->total);
	v->lines = xgrowarray(v->lines, &v->linecap, e->nservices + n + 1, sizeof *v->lines);
	for (size_t s = 0, i = 0; s < e->nservices; s++) {
		v->lines[v->nlines++] = (struct pline){ s, NULL };
		for (; i < n && strcmp(projects_service_of(rows[i]), e->services[s].name) == 0; i++)
			v->lines[v->nlines++] = (struct pline){ s, rows[i] };
	}
	free(rows);
	restore(v);
	remember(v);
}

static void *
pv_init(struct app *app, const void *arg)
{
	struct pview *v = xcalloc(1, sizeof *v);
	(void)arg;

	projacts_init(&v->pa, app, app_owner(app, v));
	table_init(&v->list, list_columns, NLCOLS, &v->lsel, &v->ltop);
	table_init(&v->tree, tree_columns, NTCOLS, &v->tsel, &v->ttop);
	rebuild(v, app);
	return v;
}


/* ---------------------------------------------------------------- drawing */

struct pdraw {
	struct pview *v;
	struct app *app;
};

static void
engines_text(const struct app *app, unsigned long mask, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int e = 0; e < 64 && len < n; e++)
		if (mask & (1ul << e))
			len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? "," : "",
			    app_engine_name(app, e));
}

static void
list_line(void *ctx, size_t i, struct table_line *l)
{
	const struct projects_entry *e = &((struct pdraw *)ctx)->v->p[i];

	l->attr = e->problem ? term_attr(TR_PROBLEM) : A_NORMAL;
	l->mark = e->problem ? '!' : ' ';
}

static void
list_cell(void *ctx, size_t i, int c, struct table_cell *tc)
{
	struct pdraw *x = ctx;
	const struct projects_entry *e = &x->v->p[i];
	size_t len = 0;

	switch ((enum lcol)c) {
	case LC_NAME:
		snprintf(tc->text, sizeof tc->text, "%s", e->name);
		break;
	case LC_RUNNING:
		snprintf(tc->text, sizeof tc->text, "%zu/%zu", e->running, e->total);
		break;
	case LC_SERVICES:
		for (size_t s = 0; s < e->nservices && len < sizeof tc->text; s++)
			len += (size_t)snprintf(tc->text + len, sizeof tc->text - len, "%s%s%s",
			    s ? " " : "", e->services[s].name, e->services[s].problem ? "!" : "");
		break;
	case LC_ENGINE:
		engines_text(x->app, e->engines, tc->text, sizeof tc->text);
		break;
	case LC_DIR:
		snprintf(tc->text, sizeof tc->text, "%s", e->working_dir ? e->working_dir : "");
		break;
	case NLCOLS:
		break;
	}
}

static void
tree_line(void *ctx, size_t i, struct table_line *l)
{
	struct pdraw *x = ctx;
	const struct pline *pl = &x->v->lines[i];
	const struct projects_entry *e = open_entry(x->v);
	bool problem = pl->row != NULL ? projects_row_problem(pl->row) :
	    e != NULL && e->services[pl->service].problem;

	l->attr = problem ? term_attr(TR_PROBLEM) : pl->row == NULL ? A_BOLD : A_NORMAL;
	l->mark = problem ? '!' : ' ';
}

static void
tree_cell(void *ctx, size_t i, int c, struct table_cell *tc)
{
	struct pdraw *x = ctx;
	const struct pline *pl = &x->v->lines[i];
	const struct projects_entry *e = open_entry(x->v);
	const struct projects_service *s = e != NULL ? &e->services[pl->service] : NULL;
	const struct ctable_row *r = pl->row;

	if (s == NULL)
		return;
	if (r == NULL) {
		if (c == TC_NAME)
			snprintf(tc->text, sizeof tc->text, "%s", s->name[0] ? s->name : "(no service)");
		else if (c == TC_STATE)
			snprintf(tc->text, sizeof tc->text, "%zu/%zu running", s->running, s->total);
		return;
	}
	switch ((enum tcol)c) {
	case TC_NAME:
		snprintf(tc->text, sizeof tc->text, "  %s", r->c.name != NULL ? r->c.name : r->c.id);
		break;
	case TC_STATE: cfmt_state(&r->c, tc->text, sizeof tc->text); break;
	case TC_UPTIME: cfmt_uptime(&r->c, x->app->now, tc->text, sizeof tc->text); break;
	case TC_IMAGE: snprintf(tc->text, sizeof tc->text, "%s", r->c.image ? r->c.image : ""); break;
	case TC_ENGINE: snprintf(tc->text, sizeof tc->text, "%s", app_engine_name(x->app, r->engine)); break;
	case NTCOLS: break;
	}
}

static void
pv_draw(void *st, struct app *app, WINDOW *w)
{
	struct pview *v = st;
	struct pdraw ctx = { v, app };
	struct table_source src;
	int lines, cols, nout, tlines;
	struct table *t = v->open != NULL ? &v->tree : &v->list;

	getmaxyx(w, lines, cols);
	rebuild(v, app);
	if (v->open != NULL && open_entry(v) == NULL) {
		/* its last container went (compose down): back to the list */
		free(v->open);
		v->open = NULL;
		t = &v->list;
	}
	if (v->open != NULL)
		src = (struct table_source){ v->nlines, tree_line, tree_cell, NULL, NULL, &ctx };
	else
		src = (struct table_source){ v->np, list_line, list_cell, NULL, NULL, &ctx };
	/* the output below the table: up to a third of the pane */
	nout = v->pa.nout < (size_t)(lines / 3) ? (int)v->pa.nout : lines / 3;
	tlines = lines - (nout > 0 ? nout + 1 : 0);
	/* ENGINE only with several engines */
	v->list.hidden = app->nengines < 2 ? LC_ENGINE : -1;
	v->tree.hidden = app->nengines < 2 ? TC_ENGINE : -1;
	table_draw(t, w, 0, tlines, &src);
	if (src.nrows == 0)
		gate_put(w, 2, 2, cols - 2, A_NORMAL, !app->synced ? "connecting to the engine..." :
		    "no compose projects (no container has the com.docker.compose.project label)");
	if (nout > 0) {
		wattrset(w, term_attr(TR_HEADER));
		mvwhline(w, tlines, 0, ' ', cols);
		gate_put(w, tlines, 1, cols - 1, term_attr(TR_HEADER), "output");
		for (int i = 0; i < nout; i++)
			gate_put(w, tlines + 1 + i, 1, cols - 1, A_NORMAL,
			    v->pa.out[v->pa.nout - (size_t)nout + (size_t)i]);
	}
	wattrset(w, A_NORMAL);
}

static void
pv_fini(void *st)
{
	struct pview *v = st;

	projacts_fini(&v->pa);
	projects_free(v->p, v->np);
	free(v->open);
	free(v->sel_project);
	free(v->sel_service);
	free(v->lines);
	table_clear(&v->list);
	table_clear(&v->tree);
	free(v);
}

/* ---------------------------------------------------------------- selection */

/* The selection's project, and its service ("" for none: the whole
 * project), and its one container (or NULL). False without one. */
static bool
selection(struct pview *v, const struct projects_entry **e, const char **service,
    const struct ctable_row **one)
{
	*service = NULL;
	*one = NULL;
	if (v->open == NULL) {
		if (v->lsel >= v->np)
			return false;
		*e = &v->p[v->lsel];
		return true;
	}
	if ((*e = open_entry(v)) == NULL || v->tsel >= v->nlines)
		return false;
	*service = (*e)->services[v->lines[v->tsel].service].name;
	*one = v->lines[v->tsel].row;
	return true;
}

static void
selection_name(const struct projects_entry *e, const char *service,
    const struct ctable_row *one, char *buf, size_t n)
{
	if (one != NULL)
		snprintf(buf, n, "container %s", one->c.name != NULL ? one->c.name : one->c.id);
	else if (service != NULL)
		snprintf(buf, n, "service %s/%s", e->name, service);
	else
		snprintf(buf, n, "project %s", e->name);
}

/* l: the container's logs; on a project or a service, one merged logs
 * pane of its containers (views/logs.h), as `docker compose logs`. */
static int
selection_logs(struct pview *v, struct app *app)
{
	struct ctable_row *rows[LOGS_MAX_SOURCES];
	struct target t[LOGS_MAX_SOURCES];
	const struct projects_entry *e;
	const struct ctable_row *one;
	const char *service;
	char title[300];
	size_t n, k;

	if (!selection(v, &e, &service, &one))
		return VIEW_HANDLED;
	if (one != NULL) {
		app_push(app, &logs_view, &(struct target){ one->engine, one->c.id, NULL });
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	n = projects_rows(app->table, e->name, service, rows, LOGS_MAX_SOURCES);
	if (n == 0) {
		app_message(app, 5, "l: no container to follow");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	k = n < LOGS_MAX_SOURCES ? n : LOGS_MAX_SOURCES;
	for (size_t i = 0; i < k; i++)
		t[i] = (struct target){ rows[i]->engine, rows[i]->c.id, NULL };
	selection_name(e, service, NULL, title, sizeof title);
	app_push(app, &logs_many_view, &(struct logs_arg){ .t = t, .n = k, .title = title });
	if (n > k)
		app_message(app, 8, "logs: the first %zu of the %zu containers", k, n);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* Action a on the selection's containers (views/projacts.c), VIEW_IGNORED
 * for an action that is not one of them. */
static int
selection_act(struct pview *v, struct app *app, enum keymap_action a)
{
	struct ctable_row *rows[256];
	struct projacts_sel s = { NULL, NULL, NULL, rows, 0, NULL };
	char what[300];

	if (selection(v, &s.e, &s.service, &s.one)) {
		selection_name(s.e, s.service, s.one, what, sizeof what);
		s.what = what;
		if (s.one != NULL) {
			rows[0] = (struct ctable_row *)s.one;
			s.n = 1;
		} else {
			s.n = projects_rows(app->table, s.e->name, s.service, rows, 256);
			s.n = s.n < 256 ? s.n : 256;
		}
	}
	return projacts_key(&v->pa, app, a, s.e != NULL ? &s : NULL);
}

/* ---------------------------------------------------------------- keys */

static int
pv_key(void *st, struct app *app, int code, bool func)
{
	struct pview *v = st;
	enum keymap_action a = views_action(app, "projects", code, func);
	struct table *t = v->open != NULL ? &v->tree : &v->list;
	int r;

	rebuild(v, app);
	if (table_move(t, views_step(a), v->open != NULL ? v->nlines : v->np)) {
		remember(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	switch (a) {
	case KA_OPEN:
		if (v->open == NULL && v->lsel < v->np) {
			v->open = xstrdup(v->p[v->lsel].name);
			v->tsel = v->ttop = 0;
			table_invalidate(&v->tree);
			rebuild(v, app);
			v->tsel = 0;
			remember(v);
		} else if (v->open != NULL && v->tsel < v->nlines && v->lines[v->tsel].row != NULL) {
			const struct ctable_row *c = v->lines[v->tsel].row;
			app_push(app, &detail_view, &(struct target){ c->engine, c->c.id, NULL });
		}
		return VIEW_HANDLED | VIEW_REDRAW;
	case KA_LOGS:
		return selection_logs(v, app);
	case KA_BACK:
		if (v->open != NULL) {
			free(v->open);
			v->open = NULL;
			table_invalidate(&v->list);
			remember(v);
			return VIEW_HANDLED | VIEW_REDRAW;
		}
		return VIEW_BACK | VIEW_REDRAW;
	default:
		break;
	}
	if ((r = selection_act(v, app, a)) != VIEW_IGNORED)
		return r;
	return views_pane_key(app, a, VIEW_BACK | VIEW_REDRAW);
}

static void
pv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct pview *v = st;
	const struct projects_entry *e = open_entry(v);
	size_t problems = 0;
	(void)app;

	for (size_t i = 0; i < v->np; i++)
		problems += v->p[i].problem;
	if (e != NULL)
		snprintf(buf, n, "project %s: %zu/%zu running%s%s | s r K D R U W L | q back | ? help",
		    e->name, e->running, e->total, *projacts_state(&v->pa) ? " | " : "",
		    projacts_state(&v->pa));
	else
		snprintf(buf, n, "%zu project%s%s%.0zu%s | Enter open | s r K D R U W L | q back | ? help",
		    v->np, v->np == 1 ? "" : "s", problems ? ", " : "", problems,
		    problems == 0 ? "" : problems == 1 ? " problem" : " problems");
}

static bool
pv_busy(void *st, char *buf, size_t n)
{
	return projacts_busy(&((struct pview *)st)->pa, buf, n);
}

const struct view projects_view = {
	.name = "projects", .init = pv_init, .fini = pv_fini, .draw = pv_draw,
	.key = pv_key, .status = pv_status, .busy = pv_busy,
};
