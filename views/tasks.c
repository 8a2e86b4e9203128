/* The tasks pane: one swarm service's tasks, newest first, with node, state and error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/dapi.h"
#include "dockerapi/swarm.h"
#include "keymaps/keymap.h"
#include "tui/fmt.h"
#include "views/app.h"
#include "views/swarmviews.h"
#include "views/view.h"
#include "xmalloc.h"

#define REFRESH_SECS 2

enum col { COL_TASK, COL_NODE, COL_STATE, COL_ERROR, COL_AGE, COL_IMAGE, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_TASK] = { "TASK", 8, 16, 1, false },
	[COL_NODE] = { "NODE", 8, 16, 0, true },
	[COL_STATE] = { "STATE", 12, 20, 0, false },
	[COL_ERROR] = { "ERROR", 8, 40, 0, true },
	[COL_AGE] = { "AGE", 5, 6, 0, false },
	[COL_IMAGE] = { "IMAGE", 8, 20, 2, true },
};

struct tview {
	struct swarmviews_list l;
	char id[80];
	char *name;
	struct swarm_task *tasks;
	struct swarm_node *nodes;
	size_t nnodes;
	bool nodes_inflight;
	int64_t now;
};

/* arg: a struct target (the engine, the service's id and name). */
static void *
tv_init(struct app *app, const void *arg)
{
	const struct target *t = arg;
	struct tview *v = xcalloc(1, sizeof *v);

	swarmviews_init(&v->l, app, v, t);
	snprintf(v->id, sizeof v->id, "%s", t != NULL && t->id != NULL ? t->id : "");
	v->name = xstrdup(t != NULL && t->name != NULL ? t->name : "");
	return v;
}

static void
tv_fini(void *st)
{
	struct tview *v = st;

	swarm_tasks_free(v->tasks, v->l.n);
	swarm_nodes_free(v->nodes, v->nnodes);
	free(v->name);
	free(v);
}

static void
on_nodes(struct app *app, void *arg, const struct jobs_result *r)
{
	struct tview *v = arg;
	struct decode_error de;
	struct swarm_node *nodes;
	size_t n;
	(void)app;

	v->nodes_inflight = false;
	if (r->ok && swarm_nodes_decode(r->body, r->len, &nodes, &n, &de) == 0) {
		swarm_nodes_free(v->nodes, v->nnodes);
		v->nodes = nodes;
		v->nnodes = n;
	}
}

static void
on_tasks(struct app *app, void *arg, const struct jobs_result *r)
{
	struct tview *v = arg;
	struct decode_error de;
	(void)app;

	v->l.inflight = false;
	if (!r->ok) {
		swarmviews_failed(&v->l, r, "tasks");
	} else {
		struct swarm_task *tasks;
		size_t n;

		if (swarm_tasks_decode(r->body, r->len, &tasks, &n, &de) != 0) {
			snprintf(v->l.err, sizeof v->l.err, "%s", de.text);
		} else {
			swarm_tasks_free(v->tasks, v->l.n);
			v->tasks = tasks;
			swarmviews_loaded(&v->l, n);
		}
	}
}

static void
fetch(struct tview *v, struct app *app)
{
	char filt[200], enc[400], path[600];

	if (v->l.inflight || v->l.ep == NULL || v->id[0] == '\0')
		return;
	v->l.fetched_at = app->now;
	/* node names first, so the tasks' NODE column has them */
	v->nodes_inflight = app_job(app, v->l.engine, v->l.owner, NULL, "/nodes", NULL, 0,
	    on_nodes, v, NULL) != 0;
	snprintf(filt, sizeof filt, "{\"service\":[\"%s\"]}", v->id);
	dapi_urlencode(filt, enc, sizeof enc);
	snprintf(path, sizeof path, "/tasks?filters=%s", enc);
	v->l.inflight = app_job(app, v->l.engine, v->l.owner, NULL, path, NULL, 0,
	    on_tasks, v, NULL) != 0;
}

static void
cell(const void *ctx, size_t row, int col, char *buf, size_t n)
{
	const struct tview *v = ctx;
	const struct swarm_task *t = &v->tasks[row];
	const char *host;

	switch ((enum col)col) {
	case COL_TASK:
		if (t->slot > 0)
			snprintf(buf, n, "%s.%lld", v->name, (long long)t->slot);
		else
			snprintf(buf, n, "%.12s", t->id);
		break;
	case COL_NODE:
		host = swarm_node_hostname(v->nodes, v->nnodes, t->node_id);
		snprintf(buf, n, "%s", host != NULL ? host : t->node_id[0] ? t->node_id : "-");
		break;
	case COL_STATE:
		snprintf(buf, n, "%s/%s", t->state, t->desired);
		break;
	case COL_ERROR:
		snprintf(buf, n, "%s", t->error);
		break;
	case COL_AGE:
		fmt_duration(t->created > 0 ? v->now - t->created : -1, buf, n);
		break;
	case COL_IMAGE: {
		char img[512];
		snprintf(buf, n, "%s", swarm_image_short(t->image, img, sizeof img));
		break;
	}
	case NCOLS:
		break;
	}
}

static bool
problem(const void *ctx, size_t row)
{
	const struct swarm_task *t = &((const struct tview *)ctx)->tasks[row];

	return t->error[0] != '\0' && strcmp(t->desired, "running") == 0;
}

static void
tv_draw(void *st, struct app *app, WINDOW *w)
{
	struct tview *v = st;
	struct swarmviews_table t = { columns, NCOLS, v->l.n, cell, problem, v };
	int lines = getmaxy(w);

	v->now = app->now;
	if (swarmviews_due(&v->l, app->now, REFRESH_SECS))
		fetch(v, app);
	v->l.page = swarmviews_table_draw(w, lines, &t, &v->l.sel, &v->l.top);
	swarmviews_draw_state(&v->l, w, lines, "no tasks", "loading tasks...");
}

static int
tv_key(void *st, struct app *app, int code, bool func)
{
	struct tview *v = st;

	if (!func && code >= 128)
		return VIEW_IGNORED;
	return swarmviews_key(&v->l, app, keymap_lookup(app->keys, "tasks", code));
}


static void
tv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct tview *v = st;
	(void)app;

	snprintf(buf, n, "tasks of %.80s: %zu, newest first | q back", v->name, v->l.n);
}

const struct view tasks_view = {
	.name = "tasks",
	.init = tv_init,
	.fini = tv_fini,
	.draw = tv_draw,
	.key = tv_key,
	.status = tv_status,
};
