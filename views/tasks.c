/* The tasks pane: one swarm service's tasks, newest first, with node, state and error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/dapi.h"
#include "dockerapi/swarm.h"
#include "keymaps/keymap.h"
#include "tui/fmt.h"
#include "tui/sanitize.h"
#include "views/app.h"
#include "views/listnav.h"
#include "views/swarmviews.h"
#include "views/view.h"
#include "xmalloc.h"

#define SWK_TASKS (SWK_TAG | 0x10)
#define SWK_TASK_NODES (SWK_TAG | 0x11)
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
	const struct endpoint *ep;
	struct jobs *jobs;
	char id[80];
	char *name;
	struct swarm_task *tasks;
	size_t n;
	struct swarm_node *nodes;
	size_t nnodes;
	bool loaded, inflight, nodes_inflight;
	int64_t fetched_at, now;
	char err[300];
	size_t sel, top;
	int page;
};

static void *
tv_init(struct app *app)
{
	struct tview *v = xcalloc(1, sizeof *v);

	/* the pane's opener sets its engine; until then the target's */
	{
		struct app_engine *en = app_engine(app, app->target_engine);
		if (en == NULL)
			en = app_engine(app, 0);
		v->ep = en != NULL ? &en->ep : NULL;
		v->jobs = en != NULL ? en->jobs : NULL;
	}
	v->name = xstrdup("");
	v->page = 10;
	return v;
}

static void
tv_fini(void *st)
{
	struct tview *v = st;

	swarm_tasks_free(v->tasks, v->n);
	swarm_nodes_free(v->nodes, v->nnodes);
	free(v->name);
	free(v);
}

void
tasks_open(struct app *app, const struct endpoint *ep, struct jobs *jobs,
    const char *id, const char *name)
{
	struct tview *v;

	app_push(app, &tasks_view);
	if (app->stack[app->depth - 1] != &tasks_view)
		return;
	v = app->state[app->depth - 1];
	v->ep = ep;
	v->jobs = jobs;
	snprintf(v->id, sizeof v->id, "%s", id);
	free(v->name);
	v->name = xstrdup(name);
}

static void
fetch(struct tview *v, struct app *app)
{
	char filt[200], enc[400], path[600];

	if (v->inflight || v->jobs == NULL || v->id[0] == '\0')
		return;
	v->inflight = v->nodes_inflight = true;
	v->fetched_at = app->now;
	/* node names first, so the tasks' NODE column has them */
	jobs_submit(v->jobs, NULL, "/nodes", NULL, 0, SWK_TASK_NODES, v->ep->url);
	snprintf(filt, sizeof filt, "{\"service\":[\"%s\"]}", v->id);
	dapi_urlencode(filt, enc, sizeof enc);
	snprintf(path, sizeof path, "/tasks?filters=%s", enc);
	jobs_submit(v->jobs, NULL, path, NULL, 0, SWK_TASKS, v->ep->url);
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
	struct services_table t = { columns, NCOLS, v->n, cell, problem, v };
	int lines, cols;
	char safe[700], fit[700];

	v->now = app->now;
	if (!v->inflight && (!v->loaded || app->now - v->fetched_at >= REFRESH_SECS))
		fetch(v, app);
	getmaxyx(w, lines, cols);
	v->page = services_table_draw(w, lines, &t, v->sel, &v->top);
	if (v->n == 0 || v->err[0]) {
		const char *m = v->err[0] ? v->err : v->loaded ? "no tasks" : "loading tasks...";
		sanitize_into(m, strlen(m), safe, sizeof safe);
		sanitize_fit(safe, cols - 4, fit, sizeof fit);
		mvwaddstr(w, v->n == 0 ? 2 : lines - 1, 2, fit);
	}
}

static int
tv_key(void *st, struct app *app, int code, bool func)
{
	struct tview *v = st;
	enum keymap_action a;

	if (!func && code >= 128)
		return VIEW_IGNORED;
	a = keymap_lookup(app->keys, "tasks", code);
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
tv_job(void *st, struct app *app, const struct jobs_result *r)
{
	struct tview *v = st;
	struct decode_error de;
	(void)app;

	if ((r->kind != SWK_TASKS && r->kind != SWK_TASK_NODES) ||
	    r->label == NULL || strcmp(r->label, v->ep->url) != 0)
		return VIEW_IGNORED;
	if (r->kind == SWK_TASK_NODES) {
		struct swarm_node *nodes;
		size_t n;
		v->nodes_inflight = false;
		if (r->ok && swarm_nodes_decode(r->body, r->len, &nodes, &n, &de) == 0) {
			swarm_nodes_free(v->nodes, v->nnodes);
			v->nodes = nodes;
			v->nnodes = n;
		}
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	v->inflight = false;
	if (!r->ok) {
		snprintf(v->err, sizeof v->err, "cannot list tasks: %s",
		    r->error != NULL ? r->error : "no answer");
	} else {
		struct swarm_task *tasks;
		size_t n;
		if (swarm_tasks_decode(r->body, r->len, &tasks, &n, &de) != 0) {
			snprintf(v->err, sizeof v->err, "%s", de.text);
		} else {
			v->err[0] = '\0';
			swarm_tasks_free(v->tasks, v->n);
			v->tasks = tasks;
			v->n = n;
			v->loaded = true;
			if (v->sel >= n)
				v->sel = n > 0 ? n - 1 : 0;
		}
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
tv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct tview *v = st;
	(void)app;

	snprintf(buf, n, "tasks of %.80s: %zu, newest first | q back", v->name, v->n);
}

const struct view tasks_view = {
	.name = "tasks",
	.init = tv_init,
	.fini = tv_fini,
	.draw = tv_draw,
	.key = tv_key,
	.status = tv_status,
	.job = tv_job,
};
