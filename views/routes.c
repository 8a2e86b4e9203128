/* The routes pane: one row per VIRTUAL_HOST name, problem rows first (model/routes.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/routes.h"
#include "model/rowsel.h"
#include "tui/gate.h"
#include "tui/table.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/view.h"
#include "xmalloc.h"

enum col { COL_HOST, COL_CONTAINERS, COL_UNIT, COL_STATE, COL_PORT, COL_PROBLEM, NCOLS };

/* in the enum's order: title, width range, priority, flexible */
static const struct layout_col columns[NCOLS] = {
	{ "HOST", 10, 32, 0, true }, { "CONTAINERS", 10, 36, 0, true },
	{ "SERVICE/BRANCH", 14, 32, 1, true }, { "STATE", 8, 24, 1, true },
	{ "PORT", 10, 12, 2, false }, { "PROBLEM", 12, 60, 0, true },
};

struct rview {
	struct routes_host *h;	/* the hosts shown (filtered), rebuilt each draw */
	size_t n, all;		/* shown, and before the filter */
	size_t sel, top;
	struct views_filter filter;
	struct table tbl;
};

static void *
rv_init(struct app *app, const void *arg)
{
	struct rview *v = xcalloc(1, sizeof *v);

	(void)app;
	(void)arg;
	table_init(&v->tbl, columns, NCOLS, &v->sel, &v->top);
	return v;
}

static void
rv_fini(void *st)
{
	struct rview *v = st;

	table_clear(&v->tbl);
	routes_free(v->h, v->n);
	free(v);
}

static bool
host_match(const struct routes_host *h, const char *f)
{
	if (rowsel_contains_ci(h->host, f))
		return true;
	for (size_t i = 0; i < h->nb; i++)
		if (rowsel_contains_ci(h->b[i].name, f) || rowsel_contains_ci(h->b[i].service, f))
			return true;
	return false;
}

/* The routes of the table now, the filter applied. */
static void
rebuild(struct rview *v, struct app *app)
{
	size_t k = 0;

	routes_free(v->h, v->n);
	v->h = routes_of_table(app->table, &v->all);
	for (size_t i = 0; i < v->all; i++) {
		if (v->filter.text[0] == '\0' || host_match(&v->h[i], v->filter.text))
			v->h[k++] = v->h[i];
		else
			routes_host_clear(&v->h[i]);
	}
	v->n = k;
}

/* One value per backend, joined: what part() gives for b. */
static void
joined(const struct routes_host *h, char *buf, size_t n,
    const char *(*part)(const struct routes_backend *b, char *tmp, size_t tn))
{
	size_t used = 0;
	char tmp[300];

	buf[0] = '\0';
	for (size_t i = 0; i < h->nb && used + 1 < n; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i > 0 ? ", " : "",
		    part(&h->b[i], tmp, sizeof tmp));
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static const char *
part_name(const struct routes_backend *b, char *tmp, size_t n)
{
	(void)tmp;
	(void)n;
	return b->name;
}

static const char *
part_unit(const struct routes_backend *b, char *tmp, size_t n)
{
	snprintf(tmp, n, "%s/%s", b->service, b->branch != NULL ? b->branch : "-");
	return tmp;
}

static const char *
part_state(const struct routes_backend *b, char *tmp, size_t n)
{
	if (b->health == DAPI_HEALTH_NONE)
		return records_state_name(b->state);
	snprintf(tmp, n, "%s (%s)", records_state_name(b->state), records_health_name(b->health));
	return tmp;
}

static const char *
part_port(const struct routes_backend *b, char *tmp, size_t n)
{
	(void)tmp;
	(void)n;
	return b->port != NULL ? b->port : "-";
}

static void
line(void *ctx, size_t row, struct table_line *l)
{
	const struct rview *v = ctx;

	if (v->h[row].nproblems > 0) {
		l->mark = '!';
		l->mark_attr = term_attr(TR_PROBLEM);
	}
}

static void
cell(void *ctx, size_t row, int col, struct table_cell *c)
{
	const struct routes_host *h = &((const struct rview *)ctx)->h[row];

	switch ((enum col)col) {
	case COL_HOST: snprintf(c->text, sizeof c->text, "%s", h->host); break;
	case COL_CONTAINERS: joined(h, c->text, sizeof c->text, part_name); break;
	case COL_UNIT: joined(h, c->text, sizeof c->text, part_unit); break;
	case COL_STATE: joined(h, c->text, sizeof c->text, part_state); break;
	case COL_PORT: joined(h, c->text, sizeof c->text, part_port); break;
	case COL_PROBLEM:
		if (h->nproblems > 0) {
			snprintf(c->text, sizeof c->text, "%s%s", h->problems[0],
			    h->nproblems > 1 ? " (+more)" : "");
			c->attr = term_attr(TR_PROBLEM);
		}
		break;
	case NCOLS: break;
	}
}

static void
rv_draw(void *st, struct app *app, WINDOW *w)
{
	struct rview *v = st;
	struct table_source src = { 0, line, cell, NULL, NULL, v };

	rebuild(v, app);
	src.nrows = v->n;
	table_draw(&v->tbl, w, 0, getmaxy(w), &src);
	if (v->n == 0 && v->all > 0)
		gate_put(w, 2, 2, getmaxx(w) - 2, A_NORMAL, "no route matches the filter");
	else if (v->n == 0)
		gate_put(w, 2, 2, getmaxx(w) - 2, A_NORMAL, "no container sets VIRTUAL_HOST");
	wattrset(w, A_NORMAL);
}

static void
rv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct rview *v = st;
	size_t bad = 0;
	char note[300];
	(void)app;

	if (views_filter_status(&v->filter, buf, n))
		return;
	for (size_t i = 0; i < v->n; i++)
		bad += v->h[i].nproblems > 0;
	snprintf(buf, n, "routes: %zu host%s, %zu with problems%s | Enter containers | q back",
	    v->n, v->n == 1 ? "" : "s", bad, views_filter_note(&v->filter, note, sizeof note));
}

static int
rv_key(void *st, struct app *app, int code, bool func)
{
	struct rview *v = st;
	enum keymap_action a;

	if (v->filter.editing) {
		v->sel = v->top = 0;
		return views_filter_edit(&v->filter, code, func);
	}
	a = views_action(app, "routes", code, func);
	if (table_move(&v->tbl, views_step(a), v->n) || views_filter_action(&v->filter, a))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (a == KA_OPEN && v->sel < v->n) {
		/* the containers that claim the host: a containers pane filtered to it */
		app_push(app, &containers_view, &(struct containers_arg){ v->h[v->sel].host });
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	return views_pane_key(app, a, VIEW_BACK | VIEW_REDRAW);
}

const struct view routes_view = {
	.name = "routes",
	.init = rv_init,
	.fini = rv_fini,
	.draw = rv_draw,
	.key = rv_key,
	.status = rv_status,
};

static json_t *
str_or_null(const char *s)
{
	json_t *j = s != NULL ? json_string(s) : NULL;	/* NULL: not UTF-8 */

	return j != NULL ? j : json_null();
}

json_t *
routes_view_json(struct app *app)
{
	size_t n;
	struct routes_host *h = routes_of_table(app->table, &n);
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *cs = json_array(), *ps = json_array();
		for (size_t k = 0; k < h[i].nb; k++) {
			const struct routes_backend *b = &h[i].b[k];
			json_t *o = json_object();
			json_object_set_new(o, "name", str_or_null(b->name));
			json_object_set_new(o, "engine", str_or_null(app_engine_name(app, b->engine)));
			json_object_set_new(o, "service", str_or_null(b->service));
			json_object_set_new(o, "branch", str_or_null(b->branch));
			json_object_set_new(o, "state", json_string(records_state_name(b->state)));
			json_object_set_new(o, "health", json_string(records_health_name(b->health)));
			json_object_set_new(o, "port", str_or_null(b->port));
			json_array_append_new(cs, o);
		}
		for (size_t k = 0; k < h[i].nproblems; k++)
			json_array_append_new(ps, str_or_null(h[i].problems[k]));
		json_array_append_new(arr, json_pack("{s:o,s:o,s:o}", "host",
		    str_or_null(h[i].host), "containers", cs, "problems", ps));
	}
	routes_free(h, n);
	return arr;
}
