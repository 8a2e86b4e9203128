/* The swarm services pane: replicas, image and update state, with scale, redeploy and rollback. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/identity.h"
#include "deploy/journal.h"
#include "deploy/runner.h"
#include "dockerapi/dapi.h"
#include "dockerapi/swarm.h"
#include "keymaps/keymap.h"
#include "tui/gate.h"
#include "tui/layout.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/confirm.h"
#include "views/swarmviews.h"
#include "views/view.h"
#include "xmalloc.h"


#define REFRESH_SECS 2
#define NPROGRESS 4

enum col { COL_NAME, COL_MODE, COL_REPLICAS, COL_IMAGE, COL_UPDATE, COL_PORTS, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_NAME] = { "NAME", 8, 20, 0, true },
	[COL_MODE] = { "MODE", 10, 10, 2, false },
	[COL_REPLICAS] = { "REPLICAS", 8, 8, 0, false },
	[COL_IMAGE] = { "IMAGE", 10, 24, 0, true },
	[COL_UPDATE] = { "UPDATE", 9, 30, 1, true },
	[COL_PORTS] = { "PORTS", 8, 20, 3, false },
};

struct sview {
	struct swarmviews_list l;
	struct swarm_service *svc;
	char sel_id[80];
	struct runner *w;	/* the swarm action in flight (deploy/runner.c), or NULL */
	struct app_runner_link link;	/* its sink's arg: outlives it */
	char progress[NPROGRESS][320];
	size_t nprog;
};

/* What the prompts carry, copied: the list is refreshed meanwhile. */
struct sact {
	struct sview *v;
	enum swarm_op op;
	char id[80];
	char *name, *service, *branch, *image;
	uint64_t replicas;
};

/* The strings a struct sact owns. */
static const size_t sact_strs[] = {
	offsetof(struct sact, name), offsetof(struct sact, service),
	offsetof(struct sact, branch), offsetof(struct sact, image),
};

static void
sact_free(struct sact *a)
{
	xfree_members(a, sact_strs, sizeof sact_strs / sizeof sact_strs[0]);
	free(a);
}

/* ---------------------------------------------------------------- opening */

/* What services_open's /info request carries to its answer. */
struct info_ask {
	int engine;
	enum swarm_pane pane;
};

static void
on_info(struct app *app, void *arg, const struct jobs_result *r)
{
	const struct info_ask *ask = arg;
	struct swarm_info info;
	struct decode_error de;
	int e = ask->engine;

	if (!r->ok) {
		app_message(app, 10, "swarm: cannot ask the engine: %s",
		    r->error != NULL ? r->error : "no answer");
		return;
	}
	if (swarm_info_decode(r->body, r->len, &info, &de) != 0) {
		app_message(app, 10, "swarm: %s", de.text);
		return;
	}
	if (!info.manager) {
		if (app->nengines > 1)
			app_message(app, 10, "%s is not a swarm manager (its swarm state: %s%s)",
			    app_engine_name(app, e), info.state, info.active ? ", worker" : "");
		else
			app_message(app, 10, "not a swarm manager (this engine's swarm state: %s%s)",
			    info.state, info.active ? ", worker" : "");
		return;
	}
	app->message[0] = '\0';
	app_push(app, ask->pane == SWARM_PANE_NODES ? &nodes_view : &services_view,
	    &(struct target){ e, NULL, NULL });
}

void
services_open(struct app *app, int e, enum swarm_pane pane)
{
	struct info_ask *ask = xmalloc(sizeof *ask);

	ask->engine = e;
	ask->pane = pane;
	/* the pane opens over whichever pane is shown when the answer comes */
	if (app_job(app, e, APP_NO_OWNER, NULL, "/info", NULL, 0, on_info, ask, free) != 0)
		app_message(app, 5, "asking the engine about swarm mode...");
}

/* ---------------------------------------------------------------- list */

static int
cmp_service(const void *a, const void *b)
{
	const struct swarm_service *x = a, *y = b;
	bool px = swarm_service_problem(x), py = swarm_service_problem(y);

	if (px != py)
		return px ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void on_list(struct app *app, void *arg, const struct jobs_result *r);

static void
fetch(struct sview *v, struct app *app)
{
	swarmviews_fetch(&v->l, app, "/services?status=true", on_list, v);
}

static void
on_list(struct app *app, void *arg, const struct jobs_result *r)
{
	struct sview *v = arg;
	struct swarm_service *arr;
	struct decode_error de;
	size_t n;
	(void)app;

	v->l.inflight = false;
	if (!r->ok) {
		swarmviews_failed(&v->l, r, "services");
		return;
	}
	if (swarm_services_decode(r->body, r->len, &arr, &n, &de) != 0) {
		snprintf(v->l.err, sizeof v->l.err, "%s", de.text);
		return;
	}
	v->l.err[0] = '\0';
	if (n > 1)
		qsort(arr, n, sizeof *arr, cmp_service);
	swarm_services_free(v->svc, v->l.n);
	v->svc = arr;
	v->l.n = n;
	v->l.loaded = true;
	v->l.sel = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(arr[i].id, v->sel_id) == 0)
			v->l.sel = i;
	if (n > 0)
		snprintf(v->sel_id, sizeof v->sel_id, "%s", arr[v->l.sel].id);
}

static const struct swarm_service *
selected(const struct sview *v)
{
	return v->l.sel < v->l.n ? &v->svc[v->l.sel] : NULL;
}

/* ---------------------------------------------------------------- actions */

static void
progress_add(struct sview *v, const char *step, const char *text)
{
	if (v->nprog == NPROGRESS) {
		memmove(v->progress[0], v->progress[1], sizeof v->progress[0] * (NPROGRESS - 1));
		v->nprog--;
	}
	snprintf(v->progress[v->nprog++], sizeof v->progress[0], "%-9s %s", step, text);
}

static const char *
verb(enum swarm_op op)
{
	switch (op) {
	case SWARM_OP_SCALE: return "scale";
	case SWARM_OP_IMAGE: return "redeploy";
	case SWARM_OP_FORCE: return "redeploy";
	case SWARM_OP_ROLLBACK: return "rollback";
	}
	return "?";
}

static void sv_deploy(struct app *app, void *arg, const struct app_deploy_event *d);

static void
start_action(struct app *app, struct sact *a)
{
	struct sview *v = a->v;
	struct runner_sink sink;
	struct runner_opts o;
	char dir[4096], err[128];
	struct journal_error je;

	if (app->opts.read_only) {	/* begin() refused already; never send one */
		app_message(app, 5, "read-only: %s is disabled", verb(a->op));
		return;
	}
	if (v->w != NULL) {
		app_message(app, 5, "a swarm action is already running");
		return;
	}
	if (journal_dir(app->opts.state_dir, dir, sizeof dir, &je) != 0) {
		app_message(app, 10, "%s %s: %s", verb(a->op), a->name, je.text);
		return;
	}
	o = (struct runner_opts){ .action = RUNNER_SWARM, .ep = v->l.ep, .dir = dir,
	    .what = a->name, .swarm = { .engine = v->l.ep->url, .service_id = a->id,
	    .op = a->op, .image = a->image, .replicas = a->replicas, .via = "swarm" } };
	v->nprog = 0;
	progress_add(v, verb(a->op), a->name);
	v->link = (struct app_runner_link){ app, v->l.owner, sv_deploy, v };
	sink = app_runner_sink(&v->link);
	if ((v->w = runner_start(&o, &sink, err, sizeof err)) == NULL) {
		app_message(app, 5, "%s", err);
		return;
	}
	app_message(app, 0, "%s %s...", verb(a->op), a->name);
}

static void
on_confirm(struct app *app, void *arg, bool yes)
{
	struct sact *a = arg;

	if (yes)
		start_action(app, a);
	sact_free(a);
}

/* The last question, through the one confirmation policy. */
static void
confirm(struct app *app, struct sact *a, const char *what)
{
	char q[600];

	snprintf(q, sizeof q, "%s: %s?", a->name, what);
	confirm_ask(app, verb(a->op), q, &(struct confirm_target){ .name = a->name,
	    .service = a->service, .branch = a->branch }, 1, on_confirm, a);
}

static void
on_replicas(struct app *app, void *arg, enum prompt_result res, const char *text)
{
	struct sact *a = arg;
	char *end, what[200];
	unsigned long long n;

	if (res != PROMPT_YES) {
		app_message(app, 5, "scale %s: cancelled", a->name);
		sact_free(a);
		return;
	}
	n = strtoull(text, &end, 10);
	if (text[0] < '0' || text[0] > '9' || *end != '\0' || n > 10000) {
		app_message(app, 8, "scale %s: '%.40s' is not a number of replicas (0..10000)",
		    a->name, text);
		sact_free(a);
		return;
	}
	snprintf(what, sizeof what, "scale from %llu to %llu replicas",
	    (unsigned long long)a->replicas, n);
	a->replicas = n;
	confirm(app, a, what);
}

static void
on_image(struct app *app, void *arg, enum prompt_result res, const char *text)
{
	struct sact *a = arg;
	char what[1200];
	bool same;

	if (res != PROMPT_YES || text[0] == '\0') {
		app_message(app, 5, "redeploy %s: cancelled", a->name);
		sact_free(a);
		return;
	}
	same = strcmp(text, a->image) == 0;
	snprintf(what, sizeof what, same ? "force a redeploy of %.500s (new tasks, same image)" :
	    "update the image from %.300s to %.500s", same ? text : a->image, text);
	free(a->image);
	a->image = xstrdup(text);
	a->op = same ? SWARM_OP_FORCE : SWARM_OP_IMAGE;
	confirm(app, a, what);
}

static const char *
service_label(const void *s, const char *key)
{
	return swarm_service_label(s, key);
}

static int
begin(struct sview *v, struct app *app, enum keymap_action ka)
{
	const struct swarm_service *s = selected(v);
	struct sact *a;
	struct identity ident;
	char img[1024], q[1400];

	if (confirm_refused(app, keymap_action_name(ka)))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (s == NULL) {
		app_message(app, 5, "no service selected");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (v->w != NULL) {
		app_message(app, 5, "a swarm action is already running");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (ka == KA_SCALE && s->global) {
		app_message(app, 8, "%s is a %s service: it cannot be scaled", s->name, s->mode);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (ka == KA_ROLLBACK && s->prev_image == NULL) {
		app_message(app, 8, "%s has no previous spec to roll back to", s->name);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	a = xcalloc(1, sizeof *a);
	a->v = v;
	snprintf(a->id, sizeof a->id, "%s", s->id);
	a->name = xstrdup(s->name);
	swarm_image_short(s->image, img, sizeof img);
	identity_from(service_label, s, s->name, img, &ident);
	a->service = ident.service;
	a->branch = ident.branch;
	free(ident.commit);
	free(ident.build);
	a->image = xstrdup(img);
	a->replicas = s->replicas;
	switch (ka) {
	case KA_SCALE:
		a->op = SWARM_OP_SCALE;
		snprintf(q, sizeof q, "Scale %s (now %llu replicas) to how many?", s->name,
		    (unsigned long long)s->replicas);
		app_prompt(app, prompt_new_text(q, "Enter a number; Esc cancels", NULL), on_replicas, a);
		break;
	case KA_REDEPLOY:
		a->op = SWARM_OP_IMAGE;
		snprintf(q, sizeof q, "Redeploy %s with which image?", s->name);
		app_prompt(app, prompt_new_text(q,
		    "The same image forces new tasks; Esc cancels", img), on_image, a);
		break;
	default: {
		char prev[1024], what[1200];
		a->op = SWARM_OP_ROLLBACK;
		swarm_image_short(s->prev_image, prev, sizeof prev);
		snprintf(what, sizeof what, "roll back to swarm's previous spec (image %.500s)", prev);
		confirm(app, a, what);
		break;
	}
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* ---------------------------------------------------------------- view */

/* arg: a struct target (the engine). */
static void *
sv_init(struct app *app, const void *arg)
{
	struct sview *v = xcalloc(1, sizeof *v);

	swarmviews_init(&v->l, app, v, arg);
	return v;
}

static void
sv_fini(void *st)
{
	struct sview *v = st;

	runner_cancel(v->w);	/* stops watching at once; swarm goes on */
	runner_free(v->w);
	swarm_services_free(v->svc, v->l.n);
	free(v);
}

static void
cell(const void *ctx, size_t row, int col, char *buf, size_t n)
{
	const struct swarm_service *s = &((const struct sview *)ctx)->svc[row];

	switch ((enum col)col) {
	case COL_NAME:
		snprintf(buf, n, "%s", s->name);
		break;
	case COL_MODE:
		snprintf(buf, n, "%s", s->mode);
		break;
	case COL_REPLICAS:
		if (s->has_status)
			snprintf(buf, n, "%llu/%llu", (unsigned long long)s->running,
			    (unsigned long long)s->desired);
		else
			snprintf(buf, n, "?/%llu", (unsigned long long)s->replicas);
		break;
	case COL_IMAGE:
		swarm_image_short(s->image, buf, n);
		break;
	case COL_UPDATE:
		snprintf(buf, n, "%s%s%s", s->update_state,
		    s->update_state[0] && s->update_msg[0] ? ": " : "", s->update_msg);
		break;
	case COL_PORTS:
		snprintf(buf, n, "%s", s->ports);
		break;
	case NCOLS:
		break;
	}
}

static bool
problem(const void *ctx, size_t row)
{
	return swarm_service_problem(&((const struct sview *)ctx)->svc[row]);
}

static void
sv_draw(void *st, struct app *app, WINDOW *w)
{
	struct sview *v = st;
	struct swarmviews_table t = { columns, NCOLS, v->l.n, cell, problem, v };
	int lines, cols, tl;

	if (swarmviews_due(&v->l, app->now, REFRESH_SECS))
		fetch(v, app);
	getmaxyx(w, lines, cols);
	tl = lines - (v->nprog > 0 ? (int)v->nprog + 1 : 0);
	if (tl < 3)
		tl = lines;
	v->l.page = swarmviews_table_draw(w, tl, &t, &v->l.sel, &v->l.top);
	/* the error sits on the table's last line, wider than the other panes' */
	if (v->l.n == 0)
		swarmviews_draw_state(&v->l, w, tl, "no services in this swarm", "loading services...");
	else if (v->l.err[0])
		gate_put(w, tl - 1, 2, cols - 2, A_NORMAL, v->l.err);
	if (tl < lines) {
		wattrset(w, term_attr(TR_HEADER));
		mvwhline(w, tl, 0, ' ', cols);
		gate_put(w, tl, 1, cols - 1, term_attr(TR_HEADER),
		    v->w != NULL ? "swarm action (running)" : "swarm action");
		wattrset(w, A_NORMAL);
		for (size_t i = 0; i < v->nprog; i++) {
			mvwhline(w, tl + 1 + (int)i, 0, ' ', cols);
			gate_put(w, tl + 1 + (int)i, 1, cols - 2, A_NORMAL, v->progress[i]);
		}
	}
}

static int
sv_key(void *st, struct app *app, int code, bool func)
{
	struct sview *v = st;
	enum keymap_action ka;

	ka = views_action(app, "services", code, func);
	if (listnav_move(views_step(ka), &v->l.sel, v->l.n, v->l.page)) {
		/* the selection follows the service across refreshes */
		if (v->l.n > 0)
			snprintf(v->sel_id, sizeof v->sel_id, "%s", v->svc[v->l.sel].id);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	switch (ka) {
	case KA_OPEN:
		if (selected(v) != NULL)
			app_push(app, &tasks_view, &(struct target){ v->l.engine,
			    selected(v)->id, selected(v)->name });
		break;
	case KA_NODES:
		app_push(app, &nodes_view, &(struct target){ v->l.engine, NULL, NULL });
		break;
	case KA_SCALE:
	case KA_REDEPLOY:
	case KA_ROLLBACK:
		return begin(v, app, ka);
	default:
		return swarmviews_key(&v->l, app, ka);
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* A runner event of this pane's swarm action. */
static void
sv_deploy(struct app *app, void *arg, const struct app_deploy_event *d)
{
	struct sview *v = arg;

	if (v->w == NULL || d->run != runner_id(v->w))
		return;
	progress_add(v, d->step, d->text);
	if (d->kind == RUNNER_DONE) {
		app_message(app, 15, "swarm action %s: %s", d->step, d->text);
		runner_free(v->w);
		v->w = NULL;
	} else {
		app_message(app, 0, "%s: %s", d->step, d->text);
	}
	fetch(v, app);
}

/* Quitting stops the watching (swarm goes on): say so while it stops. */
static bool
sv_busy(void *st, char *buf, size_t n)
{
	struct sview *v = st;

	if (!runner_busy(v->w))
		return false;
	snprintf(buf, n, "stopping the watch of the swarm action on %s (swarm goes on)...",
	    runner_what(v->w));
	return true;
}

static void
sv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct sview *v = st;
	size_t problems = 0;
	(void)app;

	for (size_t i = 0; i < v->l.n; i++)
		problems += swarm_service_problem(&v->svc[i]);
	snprintf(buf, n, "services: %zu%s%.0zu%s | Enter tasks | x scale | R redeploy | B rollback | N nodes | q back",
	    v->l.n, problems ? ", " : "", problems,
	    problems == 0 ? "" : problems == 1 ? " problem" : " problems");
}

const struct view services_view = {
	.name = "services",
	.init = sv_init,
	.fini = sv_fini,
	.draw = sv_draw,
	.key = sv_key,
	.status = sv_status,
	.busy = sv_busy,
};
