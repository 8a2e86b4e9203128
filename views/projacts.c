/* The projects pane's actions: many containers at once, a project redeploy in turn, compose by execve. */
#include "views/projacts.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "deploy/compose.h"
#include "deploy/journal.h"
#include "deploy/runner.h"
#include "dockerapi/ctrapi.h"
#include "tui/sanitize.h"
#include "views/confirm.h"
#include "views/view.h"
#include "xmalloc.h"

#define MAX_TARGETS 256

/* Container actions on many containers at once: counts and the pane to tell. */
struct projacts_bulk {
	int refs;
	struct projacts *v;	/* NULL once the pane has closed */
	int op;
	char *what;		/* "project shop", "service shop/web" */
	size_t n, ok, failed;
};

/* One container of a bulk action, for its job. */
struct pjob {
	struct projacts_bulk *b;
	char name[256];		/* for messages only */
};

/* One step of a project redeploy: a container and its unit. */
struct projacts_unit {
	int engine;
	char *service, *branch, *container;
};

void
projacts_out(struct projacts *pa, const char *fmt, ...)
{
	va_list ap;

	if (pa->nout == PROJACTS_NOUT) {
		memmove(pa->out[0], pa->out[1], sizeof pa->out[0] * (PROJACTS_NOUT - 1));
		pa->nout--;
	}
	va_start(ap, fmt);
	vsnprintf(pa->out[pa->nout++], sizeof pa->out[0], fmt, ap);
	va_end(ap);
}

void
projacts_init(struct projacts *pa, struct app *app, unsigned self)
{
	struct journal_error je;

	pa->app = app;
	pa->self = self;
	if (journal_dir(app->opts.state_dir, pa->dir, sizeof pa->dir, &je) != 0)
		pa->dir[0] = '\0';
}

static void
units_free(struct projacts *v)
{
	for (size_t i = 0; i < v->nunits; i++) {
		free(v->units[i].service);
		free(v->units[i].branch);
		free(v->units[i].container);
	}
	free(v->units);
	v->units = NULL;
	v->nunits = v->unit = 0;
}

static void
bulk_unref(struct projacts_bulk *b)
{
	if (b != NULL && --b->refs == 0) {
		free(b->what);
		free(b);
	}
}

void
projacts_fini(struct projacts *pa)
{
	/* a redeploy is finished, never abandoned; compose is stopped */
	runner_free(pa->w);
	pa->w = NULL;
	compose_free(pa->compose);
	pa->compose = NULL;
	units_free(pa);
	if (pa->bulk != NULL)
		pa->bulk->v = NULL;
	bulk_unref(pa->bulk);
	pa->bulk = NULL;
}

const char *
projacts_state(const struct projacts *pa)
{
	return runner_busy(pa->w) || pa->nunits > 0 ? "redeploying" :
	    compose_busy(pa->compose) ? "compose running" : "";
}

bool
projacts_busy(const struct projacts *pa, char *buf, size_t n)
{
	if (!runner_busy(pa->w))
		return false;
	snprintf(buf, n, "waiting for the deploy of %s to finish...", runner_what(pa->w));
	return true;
}

/* ---------------------------------------------------------------- container actions */

enum pop { PO_START, PO_STOP, PO_RESTART, PO_KILL, PO_REMOVE, NPOPS };

static const struct {
	const char *verb, *done;
	const char *method, *suffix;
	long timeout_ms;
} pops[NPOPS] = {
	[PO_START] = { "start", "started", "POST", "/start", 30000 },
	[PO_STOP] = { "stop", "stopped", "POST", "/stop", 70000 },
	[PO_RESTART] = { "restart", "restarted", "POST", "/restart", 70000 },
	[PO_KILL] = { "kill", "killed", "POST", "/kill", 30000 },
	[PO_REMOVE] = { "remove", "removed", "DELETE", "", 70000 },
};

/* What the confirmation needs to start the jobs, copied. */
struct pask {
	struct projacts *pa;	/* the pane's: the prompt is modal over it */
	enum pop op;
	char *what;
	size_t n;
	struct pask_one {
		int engine;
		char id[65];
		char *name;
		bool force;
	} *one;
};

static void
pask_free(struct pask *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->one[i].name);
	free(k->one);
	free(k->what);
	free(k);
}

static bool
running_like(enum dapi_state s)
{
	return s == DAPI_ST_RUNNING || s == DAPI_ST_PAUSED || s == DAPI_ST_RESTARTING;
}

/* Does op apply to a container in state s? */
static bool
op_applies(enum pop op, enum dapi_state s)
{
	switch (op) {
	case PO_START: return s != DAPI_ST_RUNNING && s != DAPI_ST_REMOVING;
	case PO_STOP: case PO_KILL: return running_like(s);
	case PO_RESTART: case PO_REMOVE: return s != DAPI_ST_REMOVING;
	case NPOPS: break;
	}
	return false;
}

static void
pjob_done(struct app *app, void *arg, const struct jobs_result *r)
{
	struct pjob *j = arg;
	struct projacts_bulk *b = j->b;
	char line[300];

	if (r->ok || (r->status == 304 && (b->op == PO_START || b->op == PO_STOP))) {
		b->ok++;
		snprintf(line, sizeof line, "%s %s", pops[b->op].done, j->name);
	} else {
		b->failed++;
		snprintf(line, sizeof line, "%s %s failed: %s", pops[b->op].verb, j->name,
		    r->error != NULL ? r->error : "no answer");
	}
	if (b->v != NULL)
		projacts_out(b->v, "%s", line);
	if (b->ok + b->failed < b->n)
		app_message(app, 0, "%s %s: %zu/%zu (%s)", pops[b->op].verb, b->what,
		    b->ok + b->failed, b->n, line);
	else
		app_message(app, 15, "%s %s: %zu/%zu done%s%.0zu%s", pops[b->op].verb, b->what,
		    b->ok, b->n, b->failed ? ", " : "", b->failed, b->failed ? " failed" : "");
}

static void
pjob_free(void *arg)
{
	struct pjob *j = arg;

	bulk_unref(j->b);
	free(j);
}

static void
bulk_submit(struct app *app, struct pask *k)
{
	struct projacts *v = k->pa;
	struct projacts_bulk *b = xcalloc(1, sizeof *b);
	char path[200];

	if (v->bulk != NULL)
		v->bulk->v = NULL;
	bulk_unref(v->bulk);
	*b = (struct projacts_bulk){ 2, v, k->op, xstrdup(k->what), k->n, 0, 0 };
	v->bulk = b;
	projacts_out(v, "%s %s: %zu container%s", pops[k->op].verb, k->what, k->n, k->n == 1 ? "" : "s");
	app_message(app, 0, "%s %s: 0/%zu", pops[k->op].verb, k->what, k->n);
	for (size_t i = 0; i < k->n; i++) {
		struct pjob *j = xcalloc(1, sizeof *j);
		j->b = b;
		b->refs++;
		snprintf(j->name, sizeof j->name, "%s", k->one[i].name);
		if (k->op == PO_REMOVE)
			ctrapi_path_remove(path, sizeof path, k->one[i].id, false, k->one[i].force);
		else
			ctrapi_path_container(path, sizeof path, k->one[i].id, pops[k->op].suffix);
		/* the answers count whichever pane is open: no owner */
		if (app_job(app, k->one[i].engine, APP_NO_OWNER, pops[k->op].method, path, NULL,
		    pops[k->op].timeout_ms, pjob_done, j, pjob_free) == 0) {
			b->failed++;
			projacts_out(v, "%s %s failed: its engine is gone", pops[k->op].verb, k->one[i].name);
		}
	}
	if (b->failed == b->n)
		app_message(app, 15, "%s %s: its engine is gone", pops[k->op].verb, k->what);
	bulk_unref(b);	/* the submitting reference */
}

/* The confirmation's answer (or true, for a start): submit k if yes; free it. */
static void
bulk_answer(struct app *app, void *arg, bool yes)
{
	if (yes)
		bulk_submit(app, arg);
	pask_free(arg);
}

/* The targets' confirm list for rows[0..n). */
static struct confirm_target *
confirm_list(struct ctable_row *const *rows, size_t n)
{
	struct confirm_target *t = xcalloc(n + 1, sizeof *t);

	for (size_t i = 0; i < n; i++)
		t[i] = (struct confirm_target){ rows[i]->c.name != NULL ? rows[i]->c.name :
		    rows[i]->c.id, rows[i]->ident.service, rows[i]->ident.branch };
	return t;
}

static int
bulk_begin(struct projacts *v, struct app *app, enum keymap_action a,
    const struct projacts_sel *s)
{
	struct ctable_row *pick[MAX_TARGETS];
	struct confirm_target *targets;
	struct pask *k;
	size_t m = 0;
	enum pop op;
	char q[400];

	if (confirm_refused(app, keymap_action_name(a)))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (s == NULL || s->n == 0) {
		app_message(app, 5, "no project selected");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	op = a == KA_RESTART ? PO_RESTART : a == KA_KILL ? PO_KILL : a == KA_REMOVE ? PO_REMOVE :
	    PO_START;
	if (a == KA_START_STOP)
		for (size_t i = 0; i < s->n; i++)
			if (running_like(s->rows[i]->c.state))
				op = PO_STOP;
	for (size_t i = 0; i < s->n && m < MAX_TARGETS; i++)
		if (op_applies(op, s->rows[i]->c.state))
			pick[m++] = s->rows[i];
	if (m == 0) {
		app_message(app, 5, "%s: nothing to %s", s->what, pops[op].verb);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	k = xcalloc(1, sizeof *k);
	*k = (struct pask){ v, op, xstrdup(s->what), m, xcalloc(m, sizeof *k->one) };
	for (size_t i = 0; i < m; i++) {
		k->one[i].engine = pick[i]->engine;
		snprintf(k->one[i].id, sizeof k->one[i].id, "%s", pick[i]->c.id);
		k->one[i].name = xstrdup(pick[i]->c.name != NULL ? pick[i]->c.name : pick[i]->c.id);
		k->one[i].force = op == PO_REMOVE && running_like(pick[i]->c.state);
	}
	if (op == PO_START) {
		bulk_answer(app, k, true);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	snprintf(q, sizeof q, "%c%s %s (%zu container%s%s)?", pops[op].verb[0] - 'a' + 'A',
	    pops[op].verb + 1, s->what, m, m == 1 ? "" : "s",
	    op == PO_REMOVE ? ", running ones forced; volumes are kept" : "");
	targets = confirm_list(pick, m);
	confirm_ask(app, pops[op].verb, q, targets, m, bulk_answer, k);
	free(targets);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* ---------------------------------------------------------------- redeploy */

static void pv_deploy(struct app *app, void *arg, const struct app_deploy_event *d);

/* Start the deploy runner on units[unit]; false when it could not start. */
static bool
unit_start(struct projacts *v, struct app *app)
{
	const struct projacts_unit *u = &v->units[v->unit];
	struct app_engine *e = app_engine(app, u->engine);
	struct runner_sink sink;
	struct runner_opts o;
	char what[600], err[128];

	if (e == NULL) {
		projacts_out(v, "redeploy %s: its engine is gone", u->container);
		return false;
	}
	snprintf(what, sizeof what, "%s/%s", u->service, u->branch ? u->branch : "");
	o = (struct runner_opts){ .action = RUNNER_REDEPLOY, .ep = &e->ep, .dir = v->dir,
	    .what = what, .redeploy = { .engine = e->ep.url, .service = u->service,
	    .branch = u->branch, .container = u->container, .via = "tui" } };
	projacts_out(v, "redeploy %zu/%zu: %s (%s)", v->unit + 1, v->nunits, what, u->container);
	v->link = (struct app_runner_link){ app, v->self, pv_deploy, v };
	sink = app_runner_sink(&v->link);
	if ((v->w = runner_start(&o, &sink, err, sizeof err)) == NULL) {
		projacts_out(v, "redeploy %s: %s", what, err);
		return false;
	}
	return true;
}

static void
pv_deploy(struct app *app, void *arg, const struct app_deploy_event *d)
{
	struct projacts *v = arg;

	if (v->w == NULL || d->run != runner_id(v->w))
		return;
	projacts_out(v, "  %-12s %s", d->step, d->text);
	if (d->kind != RUNNER_DONE)
		return;
	runner_free(v->w);
	v->w = NULL;
	if (!d->ok) {
		app_message(app, 15, "project redeploy stopped at %zu/%zu: %s %s", v->unit + 1,
		    v->nunits, d->step, d->text);
		projacts_out(v, "stopped at the first failure (%s); the units after it were left alone",
		    d->step);
		units_free(v);
		return;
	}
	if (++v->unit < v->nunits && unit_start(v, app))
		return;
	if (v->unit >= v->nunits)
		app_message(app, 10, "project redeploy: %zu unit%s done", v->nunits,
		    v->nunits == 1 ? "" : "s");
	units_free(v);
}

static void
on_redeploy_confirm(struct app *app, void *arg, bool yes)
{
	struct projacts *v = arg;

	/* no, or the first unit could not start: nothing runs */
	if (!yes || !unit_start(v, app))
		units_free(v);
}

static int
redeploy_begin(struct projacts *v, struct app *app, const struct projacts_sel *s)
{
	struct confirm_target *targets;
	size_t n;
	char q[400];

	if (confirm_refused(app, "redeploy"))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (v->w != NULL || v->nunits > 0) {
		app_message(app, 5, "a project redeploy is already running");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (s == NULL || s->n == 0) {
		app_message(app, 5, "no project selected");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	n = s->n;
	v->units = xcalloc(n, sizeof *v->units);
	for (size_t i = 0; i < n; i++)
		v->units[v->nunits++] = (struct projacts_unit){ s->rows[i]->engine,
		    xstrdup(s->rows[i]->ident.service),
		    s->rows[i]->ident.branch ? xstrdup(s->rows[i]->ident.branch) : NULL,
		    xstrdup(s->rows[i]->c.id) };
	snprintf(q, sizeof q, "Redeploy %s, one container at a time (%zu)? It stops at the first failure.",
	    s->what, n);
	targets = confirm_list(s->rows, n);
	confirm_ask(app, "redeploy", q, targets, n, on_redeploy_confirm, v);
	free(targets);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* ---------------------------------------------------------------- compose */

struct pcompose_end {
	bool ok;
	char text[120];
};

static void
on_compose_line(struct app *app, void *arg, void *payload)
{
	(void)app;
	projacts_out(arg, "  %s", (const char *)payload);
}

static void
on_compose_done(struct app *app, void *arg, void *payload)
{
	struct projacts *v = arg;
	const struct pcompose_end *end = payload;

	compose_free(v->compose);
	v->compose = NULL;
	projacts_out(v, "compose %s", end->ok ? "done" : end->text);
	app_message(app, 10, "compose %s", end->ok ? "done" : end->text);
}

static void
compose_sink_line(void *arg, const char *line)
{
	struct projacts *v = arg;

	app_post(v->app, v->self, on_compose_line, v, xstrdup(line), free);
}

static void
compose_sink_done(void *arg, bool ok, const char *text)
{
	struct projacts *v = arg;
	struct pcompose_end *end = xcalloc(1, sizeof *end);

	end->ok = ok;
	snprintf(end->text, sizeof end->text, "%s", text);
	app_post(v->app, v->self, on_compose_done, v, end, free);
}

/* The compose run for the selection: verb, project, its labels, engine. */
struct pcompose_ask {
	struct projacts *v;
	enum compose_verb verb;
	int engine;
	char project[256], service[256];	/* service "": the whole project */
	char dir[4096], files[8192];
};

/* Run c if yes (the down confirmation's answer, or true), then free it. */
static void
compose_go(struct app *app, void *arg, bool yes)
{
	struct pcompose_ask *c = arg;
	struct projacts *v = c->v;
	struct app_engine *e = app_engine(app, c->engine);
	struct compose_sink sink = { compose_sink_line, compose_sink_done, v };
	struct compose_opts o = { c->verb, c->project, c->files, c->dir,
	    e != NULL ? e->ep.url : NULL, c->service, NULL };
	char err[200], certs[4096];
	const char *slash;

	/* a TLS engine's files, as DOCKER_CERT_PATH wants them: one directory */
	if (e != NULL && e->ep.tls && e->ep.tls_verify && e->ep.cert != NULL &&
	    (slash = strrchr(e->ep.cert, '/')) != NULL) {
		snprintf(certs, sizeof certs, "%.*s", (int)(slash - e->ep.cert), e->ep.cert);
		o.cert_path = certs;
	}

	if (yes) {
		projacts_out(v, "compose %s %s %s (engine %s)", compose_verb_name(c->verb),
		    c->project, c->service, app_engine_name(app, c->engine));
		if ((v->compose = compose_start(&o, &sink, err, sizeof err)) == NULL) {
			projacts_out(v, "compose: %s", err);
			app_message(app, 10, "%s", err);
		}
	}
	free(c);
}

static int
compose_begin(struct projacts *v, struct app *app, enum keymap_action a,
    const struct projacts_sel *s)
{
	const struct projects_entry *e = s != NULL ? s->e : NULL;
	struct ctable_row *rows[MAX_TARGETS];
	struct pcompose_ask *c;
	struct confirm_target *targets;
	char prog[1024], q[400];
	bool plugin;
	size_t n;

	if (confirm_refused(app, keymap_action_name(a)))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (compose_busy(v->compose)) {
		app_message(app, 5, "compose is still running");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (compose_find(prog, sizeof prog, &plugin) != 0) {
		projacts_out(v, "neither `docker compose` nor docker-compose is installed");
		app_message(app, 10, "neither `docker compose` nor docker-compose is installed");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (e == NULL) {
		app_message(app, 5, "no project selected");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (e->config_files == NULL && e->working_dir == NULL) {
		app_message(app, 10, "project %s has no compose file labels", e->name);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	c = xcalloc(1, sizeof *c);
	c->v = v;
	c->verb = a == KA_COMPOSE_UP ? COMPOSE_UP : a == KA_COMPOSE_DOWN ? COMPOSE_DOWN :
	    COMPOSE_PULL;
	c->engine = s->one != NULL ? s->one->engine : e->first_engine;
	if ((size_t)snprintf(c->project, sizeof c->project, "%s", e->name) >= sizeof c->project ||
	    (size_t)snprintf(c->service, sizeof c->service, "%s",
	    s->service != NULL ? s->service : "") >= sizeof c->service ||
	    (size_t)snprintf(c->files, sizeof c->files, "%s",
	    e->config_files ? e->config_files : "") >= sizeof c->files ||
	    (size_t)snprintf(c->dir, sizeof c->dir, "%s",
	    e->working_dir ? e->working_dir : "") >= sizeof c->dir) {
		app_message(app, 10, "project %s: its compose labels are too long", e->name);
		free(c);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (c->verb != COMPOSE_DOWN) {
		compose_go(app, c, true);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	/* down is the whole project's, whatever the cursor is on */
	snprintf(q, sizeof q, "Compose down project %s (removes its %zu container%s and networks)?",
	    e->name, e->total, e->total == 1 ? "" : "s");
	n = projects_rows(app->table, e->name, NULL, rows, MAX_TARGETS);
	n = n < MAX_TARGETS ? n : MAX_TARGETS;
	targets = confirm_list(rows, n);
	confirm_ask(app, "down", q, targets, n, compose_go, c);
	free(targets);
	return VIEW_HANDLED | VIEW_REDRAW;
}


int
projacts_key(struct projacts *pa, struct app *app, enum keymap_action a,
    const struct projacts_sel *s)
{
	switch (a) {
	case KA_START_STOP:
	case KA_RESTART:
	case KA_KILL:
	case KA_REMOVE:
		return bulk_begin(pa, app, a, s);
	case KA_REDEPLOY:
		return redeploy_begin(pa, app, s);
	case KA_COMPOSE_UP:
	case KA_COMPOSE_DOWN:
	case KA_COMPOSE_PULL:
		return compose_begin(pa, app, a, s);
	default:
		return VIEW_IGNORED;
	}
}

/* A JSON string, or null for NULL or a string that is not UTF-8. */
static json_t *
jstring(const char *s)
{
	json_t *j = s != NULL ? json_string(s) : NULL;

	return j != NULL ? j : json_null();
}

json_t *
projacts_json(struct app *app)
{
	json_t *arr = json_array();
	struct projects_entry *p;
	size_t n;

	projects_build(app->table, &p, &n);
	for (size_t i = 0; i < n; i++) {
		json_t *svcs = json_array(), *engs = json_array();

		for (int e = 0; e < app->nengines && e < 64; e++)
			if (p[i].engines & (1ul << e))
				json_array_append_new(engs, jstring(app_engine_name(app, e)));
		for (size_t k = 0; k < p[i].nservices; k++)
			json_array_append_new(svcs, json_pack("{s:o,s:I,s:I,s:b}",
			    "name", jstring(p[i].services[k].name),
			    "running", (json_int_t)p[i].services[k].running,
			    "total", (json_int_t)p[i].services[k].total,
			    "problem", p[i].services[k].problem));
		json_array_append_new(arr, json_pack("{s:o,s:I,s:I,s:b,s:o,s:o,s:o,s:o}",
		    "name", jstring(p[i].name), "running", (json_int_t)p[i].running,
		    "total", (json_int_t)p[i].total, "problem", p[i].problem,
		    "engines", engs, "services", svcs,
		    "config_files", jstring(p[i].config_files),
		    "working_dir", jstring(p[i].working_dir)));
	}
	projects_free(p, n);
	return arr;
}

/* A sanitized copy of raw engine text s (NULL: ""). */
static char *
safe(const char *s)
{
	return sanitize_dup(s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

void
projacts_print(struct app *app, FILE *f)
{
	struct projects_entry *p;
	size_t n;
	char run[48], *t;

	projects_build(app->table, &p, &n);
	fprintf(f, "%-1s %-24s %-9s %-16s %s\n", "", "PROJECT", "RUNNING", "ENGINE", "SERVICES");
	for (size_t i = 0; i < n; i++) {
		snprintf(run, sizeof run, "%zu/%zu", p[i].running, p[i].total);
		fprintf(f, "%-1s %-24s %-9s", p[i].problem ? "!" : "", (t = safe(p[i].name)), run);
		free(t);
		fprintf(f, " %-16s", (t = safe(app_engine_name(app, p[i].first_engine))));
		free(t);
		for (size_t k = 0; k < p[i].nservices; k++) {
			fprintf(f, " %s", (t = safe(p[i].services[k].name)));
			free(t);
		}
		fputc('\n', f);
	}
	projects_free(p, n);
}
