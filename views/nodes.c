/* The nodes pane: the swarm's nodes, their role, availability, status and engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/swarm.h"
#include "keymaps/keymap.h"
#include "tui/sanitize.h"
#include "views/app.h"
#include "views/listnav.h"
#include "views/swarmviews.h"
#include "views/view.h"
#include "xmalloc.h"

#define SWK_NODES (SWK_TAG | 0x20)
#define REFRESH_SECS 5

enum col { COL_HOST, COL_ROLE, COL_AVAIL, COL_STATUS, COL_ENGINE, COL_MANAGER, COL_ADDR, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_HOST] = { "HOSTNAME", 8, 24, 0, true },
	[COL_ROLE] = { "ROLE", 7, 7, 0, false },
	[COL_AVAIL] = { "AVAILABILITY", 6, 12, 0, false },
	[COL_STATUS] = { "STATUS", 6, 8, 0, false },
	[COL_ENGINE] = { "ENGINE", 7, 16, 1, false },
	[COL_MANAGER] = { "MANAGER", 7, 11, 0, false },
	[COL_ADDR] = { "ADDRESS", 9, 16, 2, false },
};

struct nview {
	const struct endpoint *ep;
	struct jobs *jobs;
	struct swarm_node *nodes;
	size_t n;
	bool loaded, inflight;
	int64_t fetched_at;
	char err[300];
	size_t sel, top;
	int page;
};

static void *
nv_init(struct app *app)
{
	struct nview *v = xcalloc(1, sizeof *v);

	/* the pane's opener sets its engine; until then the target's */
	{
		struct app_engine *en = app_engine(app, app->target_engine);
		if (en == NULL)
			en = app_engine(app, 0);
		v->ep = en != NULL ? &en->ep : NULL;
		v->jobs = en != NULL ? en->jobs : NULL;
	}
	v->page = 10;
	return v;
}

static void
nv_fini(void *st)
{
	struct nview *v = st;

	swarm_nodes_free(v->nodes, v->n);
	free(v);
}

void
nodes_open(struct app *app, const struct endpoint *ep, struct jobs *jobs)
{
	struct nview *v;

	app_push(app, &nodes_view);
	if (app->stack[app->depth - 1] != &nodes_view)
		return;
	v = app->state[app->depth - 1];
	v->ep = ep;
	v->jobs = jobs;
}

static void
cell(const void *ctx, size_t row, int col, char *buf, size_t n)
{
	const struct swarm_node *nd = &((const struct nview *)ctx)->nodes[row];

	switch ((enum col)col) {
	case COL_HOST: snprintf(buf, n, "%s", nd->hostname); break;
	case COL_ROLE: snprintf(buf, n, "%s", nd->role); break;
	case COL_AVAIL: snprintf(buf, n, "%s", nd->availability); break;
	case COL_STATUS: snprintf(buf, n, "%s", nd->status); break;
	case COL_ENGINE: snprintf(buf, n, "%s", nd->engine); break;
	case COL_MANAGER:
		snprintf(buf, n, "%s", nd->leader ? "Leader" :
		    strcmp(nd->reachability, "reachable") == 0 ? "Reachable" :
		    nd->reachability[0] ? nd->reachability : "");
		break;
	case COL_ADDR: snprintf(buf, n, "%s", nd->addr); break;
	case NCOLS: break;
	}
}

static bool
problem(const void *ctx, size_t row)
{
	const struct swarm_node *nd = &((const struct nview *)ctx)->nodes[row];

	return strcmp(nd->status, "ready") != 0 ||
	    (nd->reachability[0] && strcmp(nd->reachability, "reachable") != 0);
}

static void
nv_draw(void *st, struct app *app, WINDOW *w)
{
	struct nview *v = st;
	struct services_table t = { columns, NCOLS, v->n, cell, problem, v };
	int lines, cols;
	char safe[700], fit[700];

	if (!v->inflight && v->jobs != NULL &&
	    (!v->loaded || app->now - v->fetched_at >= REFRESH_SECS)) {
		v->inflight = true;
		v->fetched_at = app->now;
		jobs_submit(v->jobs, NULL, "/nodes", NULL, 0, SWK_NODES, v->ep->url);
	}
	getmaxyx(w, lines, cols);
	v->page = services_table_draw(w, lines, &t, v->sel, &v->top);
	if (v->n == 0 || v->err[0]) {
		const char *m = v->err[0] ? v->err : v->loaded ? "no nodes" : "loading nodes...";
		sanitize_into(m, strlen(m), safe, sizeof safe);
		sanitize_fit(safe, cols - 4, fit, sizeof fit);
		mvwaddstr(w, v->n == 0 ? 2 : lines - 1, 2, fit);
	}
}

static int
nv_key(void *st, struct app *app, int code, bool func)
{
	struct nview *v = st;
	enum keymap_action a;

	if (!func && code >= 128)
		return VIEW_IGNORED;
	a = keymap_lookup(app->keys, "nodes", code);
	if (listnav_move(a, &v->sel, v->n, v->page))
		return VIEW_HANDLED | VIEW_REDRAW;
	switch (a) {
	case KA_HELP:
		app_push(app, &help_view);
		break;
	case KA_BACK:
		return VIEW_BACK | VIEW_REDRAW;
	case KA_QUIT:
		return VIEW_QUIT;
	default:
		return VIEW_IGNORED;
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int
nv_job(void *st, struct app *app, const struct jobs_result *r)
{
	struct nview *v = st;
	struct decode_error de;
	struct swarm_node *nodes;
	size_t n;
	(void)app;

	if (r->kind != SWK_NODES || r->label == NULL || strcmp(r->label, v->ep->url) != 0)
		return VIEW_IGNORED;
	v->inflight = false;
	if (!r->ok)
		snprintf(v->err, sizeof v->err, "cannot list nodes: %s",
		    r->error != NULL ? r->error : "no answer");
	else if (swarm_nodes_decode(r->body, r->len, &nodes, &n, &de) != 0)
		snprintf(v->err, sizeof v->err, "%s", de.text);
	else {
		v->err[0] = '\0';
		swarm_nodes_free(v->nodes, v->n);
		v->nodes = nodes;
		v->n = n;
		v->loaded = true;
		if (v->sel >= n)
			v->sel = n > 0 ? n - 1 : 0;
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
nv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct nview *v = st;
	(void)app;

	snprintf(buf, n, "swarm nodes: %zu | q back", v->n);
}

const struct view nodes_view = {
	.name = "nodes",
	.init = nv_init,
	.fini = nv_fini,
	.draw = nv_draw,
	.key = nv_key,
	.status = nv_status,
	.job = nv_job,
};
