/* The nodes pane: the swarm's nodes, their role, availability, status and engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/swarm.h"
#include "keymaps/keymap.h"
#include "views/app.h"
#include "views/swarmviews.h"
#include "views/view.h"
#include "xmalloc.h"

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
	struct swarmviews_list l;
	struct swarm_node *nodes;
};

/* arg: a struct target (the engine). */
static void *
nv_init(struct app *app, const void *arg)
{
	struct nview *v = xcalloc(1, sizeof *v);

	swarmviews_init(&v->l, app, v, arg);
	return v;
}

static void
nv_fini(void *st)
{
	struct nview *v = st;

	swarm_nodes_free(v->nodes, v->l.n);
	free(v);
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
on_nodes(struct app *app, void *arg, const struct jobs_result *r)
{
	struct nview *v = arg;
	struct decode_error de;
	struct swarm_node *nodes;
	size_t n;
	(void)app;

	v->l.inflight = false;
	if (!r->ok)
		swarmviews_failed(&v->l, r, "nodes");
	else if (swarm_nodes_decode(r->body, r->len, &nodes, &n, &de) != 0)
		snprintf(v->l.err, sizeof v->l.err, "%s", de.text);
	else {
		swarm_nodes_free(v->nodes, v->l.n);
		v->nodes = nodes;
		swarmviews_loaded(&v->l, n);
	}
}

static void
nv_draw(void *st, struct app *app, WINDOW *w)
{
	struct nview *v = st;
	struct swarmviews_table t = { columns, NCOLS, v->l.n, cell, problem, v };
	int lines = getmaxy(w);

	if (v->l.ep != NULL && swarmviews_due(&v->l, app->now, REFRESH_SECS)) {
		v->l.fetched_at = app->now;
		v->l.inflight = app_job(app, v->l.engine, v->l.owner, NULL, "/nodes", NULL, 0,
		    on_nodes, v, NULL) != 0;
	}
	v->l.page = swarmviews_table_draw(w, lines, &t, &v->l.sel, &v->l.top);
	swarmviews_draw_state(&v->l, w, lines, "no nodes", "loading nodes...");
}

static int
nv_key(void *st, struct app *app, int code, bool func)
{
	struct nview *v = st;

	if (!func && code >= 128)
		return VIEW_IGNORED;
	return swarmviews_key(&v->l, app, keymap_lookup(app->keys, "nodes", code));
}


static void
nv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct nview *v = st;
	(void)app;

	snprintf(buf, n, "swarm nodes: %zu | q back", v->l.n);
}

const struct view nodes_view = {
	.name = "nodes",
	.init = nv_init,
	.fini = nv_fini,
	.draw = nv_draw,
	.key = nv_key,
	.status = nv_status,
};
