/* The deploys pane: a service x branch matrix, a unit's history, redeploy and rollback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deploy/journal.h"
#include "deploy/runner.h"
#include "dockerapi/ctrapi.h"
#include "dockerapi/dapi.h"
#include "keymaps/keymap.h"
#include "tui/fmt.h"
#include "tui/gate.h"
#include "tui/sanitize.h"
#include "tui/table.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/updcheck.h"
#include "views/cfmt.h"
#include "views/confirm.h"
#include "views/view.h"
#include "xmalloc.h"


#define MAX_COLS 8
#define NPROGRESS 12

enum dmode { DM_MATRIX, DM_HISTORY };

enum hist_col {
	HC_WHEN, HC_WHO, HC_VIA, HC_FROM, HC_TO, HC_RESULT, HC_SECS, HC_REASON, HC_N
};

static const struct layout_col hist_cols[HC_N] = {
	[HC_WHEN] = { "WHEN", 14, 14, 0, false },
	[HC_WHO] = { "WHO", 6, 10, 1, false },
	[HC_VIA] = { "VIA", 4, 9, 2, false },
	[HC_FROM] = { "FROM", 9, 15, 0, false },
	[HC_TO] = { "TO", 9, 15, 0, false },
	[HC_RESULT] = { "RESULT", 9, 12, 0, false },
	[HC_SECS] = { "SECS", 5, 5, 3, false },
	[HC_REASON] = { "REASON", 6, 30, 4, true },
};

/* A unit is (engine, service, branch); a cell of the matrix is (service,
 * branch), so one service's stages line up side by side whichever engine
 * each lives on. */
struct unit {
	int engine;
	char *service, *branch;
	struct ctable_row *row;	/* the unit's container (running preferred) */
};

struct dview {
	unsigned self;		/* app_owner: its answers are dropped once it closed */
	enum dmode mode;
	/* matrix */
	char **services, **branches;
	size_t nsvc, nbr;
	struct unit *units;
	size_t nunits;
	size_t sel_svc, sel_br, left;
	char want_svc[256], want_br[256];
	int want_engine;	/* the unit opened from a row: its engine first; -1 none */
	/* history of the selected unit, newest first */
	struct journal_history hist;
	size_t hsel, htop;
	/* drawing: the matrix (SERVICE, then a column per shown stage) and history */
	struct layout_col mcols[1 + MAX_COLS];
	struct table mtbl, htbl;
	size_t mtop;
	char dir[4096];
	size_t nbad;
	/* confirmation */
	bool resolving;
	char c_service[256], c_branch[256], c_container[256], c_image[512], c_of[64];
	int c_engine;		/* the unit's engine: requests and the deploy go there */
	unsigned resolve_id;
	/* progress */
	char progress[NPROGRESS][300];
	size_t nprogress;
	struct runner *w;	/* the deploy in flight (deploy/runner.c), or NULL */
	struct app_runner_link link;	/* its sink's arg: outlives it */
	int64_t quit_armed;	/* when q was refused during a deploy: q again quits */
};

/* ---------------------------------------------------------------- the matrix */

static int
branch_rank(const char *b)
{
	static const char *const stages[] = { "integration", "validation", "production" };
	for (int i = 0; i < 3; i++)
		if (strcmp(b, stages[i]) == 0)
			return i;
	return 3;
}

static int
cmp_branch(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int rx = branch_rank(x), ry = branch_rank(y);
	return rx != ry ? rx - ry : strcmp(x, y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_unique(char ***arr, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*arr)[i], s) == 0)
			return;
	*arr = xreallocarray(*arr, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = xstrdup(s);
}

static void
matrix_clear(struct dview *v)
{
	for (size_t i = 0; i < v->nsvc; i++)
		free(v->services[i]);
	for (size_t i = 0; i < v->nbr; i++)
		free(v->branches[i]);
	free(v->services);
	free(v->branches);
	free(v->units);
	v->services = v->branches = NULL;
	v->units = NULL;
	v->nsvc = v->nbr = v->nunits = 0;
}

static bool
temp_name(const char *n)
{
	return n != NULL && (strstr(n, "-berth-new-") != NULL || strstr(n, "-berth-old-") != NULL);
}

static struct unit *
unit_at(struct dview *v, size_t s, size_t b)
{
	struct unit *found = NULL;

	if (s >= v->nsvc || b >= v->nbr)
		return NULL;
	/* the same stage on two engines: the one asked for, else the running
	 * one, else the first */
	for (size_t i = 0; i < v->nunits; i++) {
		struct unit *u = &v->units[i];
		if (strcmp(u->service, v->services[s]) != 0 || strcmp(u->branch, v->branches[b]) != 0)
			continue;
		if (u->engine == v->want_engine)
			return u;
		if (found == NULL || (found->row->c.state != DAPI_ST_RUNNING &&
		    u->row->c.state == DAPI_ST_RUNNING))
			found = u;
	}
	return found;
}

static void
matrix_build(struct dview *v, struct app *app)
{
	size_t n = ctable_count(app->table);

	matrix_clear(v);
	v->units = xcalloc(n + 1, sizeof *v->units);
	/* berth's temporary names count only while the unit has nothing else
	 * (mid-deploy), so the cell does not vanish */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			struct ctable_row *r = ctable_at(app->table, i);
			struct unit *u = NULL;
			if (r->ident.branch == NULL || temp_name(r->c.name) != (pass == 1))
				continue;
			for (size_t k = 0; k < v->nunits; k++)
				if (v->units[k].engine == r->engine &&
				    strcmp(v->units[k].service, r->ident.service) == 0 &&
				    strcmp(v->units[k].branch, r->ident.branch) == 0)
					u = &v->units[k];
			if (u != NULL && pass == 1)
				continue;
			add_unique(&v->services, &v->nsvc, r->ident.service);
			add_unique(&v->branches, &v->nbr, r->ident.branch);
			if (u == NULL) {
				u = &v->units[v->nunits++];
				u->engine = r->engine;
				u->service = r->ident.service;
				u->branch = r->ident.branch;
				u->row = r;
			} else if (r->c.state == DAPI_ST_RUNNING && u->row->c.state != DAPI_ST_RUNNING) {
				u->row = r;
			}
		}
	}
	if (v->nsvc > 1)
		qsort(v->services, v->nsvc, sizeof *v->services, cmp_str);
	if (v->nbr > 1)
		qsort(v->branches, v->nbr, sizeof *v->branches, cmp_branch);
	/* keep the cursor on the same unit */
	for (size_t i = 0; i < v->nsvc; i++)
		if (strcmp(v->services[i], v->want_svc) == 0)
			v->sel_svc = i;
	for (size_t i = 0; i < v->nbr; i++)
		if (strcmp(v->branches[i], v->want_br) == 0)
			v->sel_br = i;
	if (v->sel_svc >= v->nsvc)
		v->sel_svc = v->nsvc > 0 ? v->nsvc - 1 : 0;
	if (v->sel_br >= v->nbr)
		v->sel_br = v->nbr > 0 ? v->nbr - 1 : 0;
}

static void
remember_sel(struct dview *v)
{
	if (v->sel_svc < v->nsvc)
		snprintf(v->want_svc, sizeof v->want_svc, "%s", v->services[v->sel_svc]);
	if (v->sel_br < v->nbr)
		snprintf(v->want_br, sizeof v->want_br, "%s", v->branches[v->sel_br]);
}

/* ---------------------------------------------------------------- journal */

/* The whole journal of this engine, read when the pane opens and after a
 * deploy: a local file, small, never the network or fsync. */
static void
history_load(struct dview *v, struct app *app)
{
	struct journal_lines l;
	struct journal_error je;

	journal_history_clear(&v->hist);
	if (journal_read(v->dir, &l, &je) != 0)
		return;
	v->nbad = l.nbad;
	/* several engines: every engine's records; each unit picks its own */
	journal_fold(&l, app->nengines == 1 ? app->engines[0].ep.url : NULL, NULL, NULL,
	    &v->hist);
	journal_lines_clear(&l);
}

/* Is journal entry e about engine `engine`'s unit service/branch? */
static bool
entry_of(const struct journal_entry *e, struct app *app, int engine,
    const char *service, const char *branch)
{
	struct app_engine *en = app_engine(app, engine);

	if (e->service == NULL || e->branch == NULL || strcmp(e->service, service) != 0 ||
	    strcmp(e->branch, branch) != 0)
		return false;
	if (app->nengines == 1)
		return true;	/* folded for this engine already */
	return en != NULL && e->engine != NULL && strcmp(e->engine, en->ep.url) == 0;
}

/* The newest journal entry of a unit, or NULL. */
static const struct journal_entry *
last_entry(struct dview *v, struct app *app, const struct unit *u)
{
	for (size_t i = v->hist.n; i > 0; i--) {
		const struct journal_entry *e = &v->hist.e[i - 1];
		if (entry_of(e, app, u->engine, u->service, u->branch))
			return e;
	}
	return NULL;
}

/* History lines of the selected unit, newest first: indexes into hist. */
static size_t
unit_history(struct dview *v, struct app *app, size_t *idx, size_t cap)
{
	struct unit *u = unit_at(v, v->sel_svc, v->sel_br);
	size_t n = 0;
	int engine = u != NULL ? u->engine : 0;

	if (v->sel_svc >= v->nsvc || v->sel_br >= v->nbr)
		return 0;
	for (size_t i = v->hist.n; i > 0 && n < cap; i--) {
		const struct journal_entry *e = &v->hist.e[i - 1];
		if (entry_of(e, app, engine, v->services[v->sel_svc], v->branches[v->sel_br]))
			idx[n++] = i - 1;
	}
	return n;
}

/* ---------------------------------------------------------------- the deploy */

static void
progress_add(struct dview *v, const char *step, const char *text)
{
	if (v->nprogress == NPROGRESS) {
		memmove(v->progress[0], v->progress[1], sizeof v->progress[0] * (NPROGRESS - 1));
		v->nprogress--;
	}
	snprintf(v->progress[v->nprogress++], sizeof v->progress[0], "%-12s %s", step, text);
}

/* The confirmed redeploy (or rollback to deploy c_of) of the c_ unit: the
 * runner does it; this pane shows its events (dv_deploy). */
static void dv_deploy(struct app *app, void *arg, const struct app_deploy_event *d);

static void
start_deploy(struct dview *v, struct app *app)
{
	struct app_engine *e = app_engine(app, v->c_engine);
	struct runner_sink sink;
	struct runner_opts o;
	char what[600], err[128];

	if (e == NULL) {
		app_message(app, 5, "the unit's engine is gone");
		return;
	}
	snprintf(what, sizeof what, "%s/%s", v->c_service, v->c_branch);
	o = (struct runner_opts){ .action = v->c_of[0] ? RUNNER_ROLLBACK : RUNNER_REDEPLOY,
	    .ep = &e->ep, .dir = v->dir, .what = what,
	    .rollback_to = v->c_of[0] ? v->c_of : NULL,
	    .redeploy = { .engine = e->ep.url, .service = v->c_service, .branch = v->c_branch,
	    .container = v->c_container, .image = v->c_of[0] ? NULL : v->c_image,
	    .via = "tui" } };
	v->nprogress = 0;
	progress_add(v, "start", v->c_of[0] ? "rollback" : "redeploy");
	v->link = (struct app_runner_link){ app, v->self, dv_deploy, v };
	sink = app_runner_sink(&v->link);
	if ((v->w = runner_start(&o, &sink, err, sizeof err)) == NULL)
		app_message(app, 5, "%s", err);
}

/* A runner event: progress lines, and at the end the journal read again. */
static void
dv_deploy(struct app *app, void *arg, const struct app_deploy_event *d)
{
	struct dview *v = arg;

	if (v->w == NULL || d->run != runner_id(v->w))
		return;
	progress_add(v, d->step, d->text);
	if (d->kind == RUNNER_DONE) {
		runner_free(v->w);
		v->w = NULL;
		history_load(v, app);
		app_message(app, 10, "deploy %s: %s", d->step, d->text);
	}
}

/* Quitting waits for the deploy: say which. */
static bool
dv_busy(void *st, char *buf, size_t n)
{
	struct dview *v = st;

	if (!runner_busy(v->w))
		return false;
	snprintf(buf, n, "waiting for the %s of %s to finish...",
	    runner_action(v->w) == RUNNER_ROLLBACK ? "rollback" : "deploy", runner_what(v->w));
	return true;
}

/* ---------------------------------------------------------------- confirmation */

static void
on_confirmed(struct app *app, void *arg, bool yes)
{
	struct dview *v = arg;

	if (yes && v->w != NULL)
		app_message(app, 5, "a deploy is already running");
	else if (yes)
		start_deploy(v, app);
}

/* Ask through the one confirmation policy (views/confirm.c). */
static void
ask_confirm(struct dview *v, struct app *app, const char *commit, const char *build)
{
	char q[512], name[200];

	snprintf(q, sizeof q, "%s %.60s/%.40s on branch %.40s to commit %.40s%s%.20s (%.100s)?",
	    v->c_of[0] ? "Roll back" : "Redeploy", v->c_service, v->c_branch, v->c_branch,
	    commit != NULL && *commit ? commit : "?", build != NULL && *build ? " build " : "",
	    build != NULL ? build : "", v->c_image[0] ? v->c_image : "current image");
	snprintf(name, sizeof name, "%.60s/%.40s", v->c_service, v->c_branch);
	confirm_ask(app, v->c_of[0] ? "rollback" : "redeploy", q, &(struct confirm_target){
	    .name = name, .service = v->c_service, .branch = v->c_branch }, 1, on_confirmed, v);
}

static void on_resolve(struct app *app, void *arg, const struct jobs_result *r);

/* Why `what` cannot start now (read-only, or a deploy already running),
 * said in the status bar: the key's result; 0 when it may start. */
static int
refuse_deploy(const struct dview *v, struct app *app, const char *what)
{
	if (confirm_refused(app, what))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (v->w == NULL)
		return 0;
	app_message(app, 5, "a deploy is already running");
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* R: resolve the image first (a job), then ask with its commit. */
static int
ask_redeploy(struct dview *v, struct app *app)
{
	struct unit *u = unit_at(v, v->sel_svc, v->sel_br);
	struct app_engine *e;
	char path[1100];
	int refused = refuse_deploy(v, app, "redeploy");

	if (refused)
		return refused;
	if (u == NULL || u->row->c.image == NULL ||
	    (e = app_engine(app, u->engine)) == NULL || e->jobs == NULL) {
		app_message(app, 5, "no container for this service and branch");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	v->c_engine = u->engine;
	snprintf(v->c_service, sizeof v->c_service, "%s", u->service);
	snprintf(v->c_branch, sizeof v->c_branch, "%s", u->branch);
	snprintf(v->c_container, sizeof v->c_container, "%s", u->row->c.name != NULL ? u->row->c.name : u->row->c.id);
	snprintf(v->c_image, sizeof v->c_image, "%s", u->row->c.image);
	v->c_of[0] = '\0';
	ctrapi_path_image_inspect(path, sizeof path, u->row->c.image);
	v->resolving = true;
	v->resolve_id = app_job(app, u->engine, v->self, NULL, path, NULL, 0, on_resolve, v, NULL);
	app_message(app, 0, "looking up %s ...", u->row->c.image);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int
ask_rollback(struct dview *v, struct app *app)
{
	size_t idx[512], n = unit_history(v, app, idx, 512);
	struct unit *u = unit_at(v, v->sel_svc, v->sel_br);
	const struct journal_entry *e;
	int refused = refuse_deploy(v, app, "rollback");

	if (refused)
		return refused;
	if (v->hsel >= n || u == NULL) {
		app_message(app, 5, "nothing to roll back to");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	e = &v->hist.e[idx[v->hsel]];
	if (e->to_image == NULL) {
		app_message(app, 5, "this entry names no image");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	snprintf(v->c_service, sizeof v->c_service, "%s", u->service);
	snprintf(v->c_branch, sizeof v->c_branch, "%s", u->branch);
	snprintf(v->c_container, sizeof v->c_container, "%s", u->row->c.name != NULL ? u->row->c.name : u->row->c.id);
	snprintf(v->c_image, sizeof v->c_image, "%s", e->to_image);
	snprintf(v->c_of, sizeof v->c_of, "%s", e->id);
	v->c_engine = u->engine;
	ask_confirm(v, app, e->commit, e->build);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* ---------------------------------------------------------------- view */

/* arg: a struct deploys_arg (the unit to select first), or NULL. */
static void *
dv_init(struct app *app, const void *arg)
{
	const struct deploys_arg *da = arg;
	struct dview *v = xcalloc(1, sizeof *v);
	struct journal_error je;

	v->self = app_owner(app, v);
	if (journal_dir(app->opts.state_dir, v->dir, sizeof v->dir, &je) != 0)
		v->dir[0] = '\0';
	v->want_engine = da != NULL ? da->engine : -1;
	if (da != NULL && da->service != NULL)
		snprintf(v->want_svc, sizeof v->want_svc, "%s", da->service);
	if (da != NULL && da->branch != NULL)
		snprintf(v->want_br, sizeof v->want_br, "%s", da->branch);
	history_load(v, app);
	matrix_build(v, app);
	table_init(&v->mtbl, v->mcols, 1, &v->sel_svc, &v->mtop);
	v->mtbl.highlight = false;	/* the cursor is a cell */
	table_init(&v->htbl, hist_cols, HC_N, &v->hsel, &v->htop);
	if (da != NULL && da->redeploy)
		ask_redeploy(v, app);
	return v;
}

static void
dv_fini(void *st)
{
	struct dview *v = st;

	runner_free(v->w);	/* a deploy is finished, never abandoned */
	matrix_clear(v);
	journal_history_clear(&v->hist);
	table_clear(&v->mtbl);
	table_clear(&v->htbl);
	free(v);
}

/* Whether raw, once sanitized, fits in width columns. */
static bool
fits(const char *raw, int width)
{
	char safe[1024];

	sanitize_into(raw, strlen(raw), safe, sizeof safe);
	return sanitize_width(safe) <= width;
}

/*
 * One matrix cell, as much of it as fits `width`: in full "commit #build
 * age who state", else "commit #build state", else "commit ✓", else the
 * commit alone; with several engines all but the last start "engine: ".
 * Returns true when it is a problem.
 */
static bool
cell_text(struct dview *v, struct app *app, struct unit *u, int width, char *buf, size_t n)
{
	const struct journal_entry *e = last_entry(v, app, u);
	const struct dapi_container *c = &u->row->c;
	char age[32], st[64], eng[96] = "", commit[16];
	bool problem = ctable_row_problem(u->row) || c->state != DAPI_ST_RUNNING;
	bool deploying = false, utf8 = sanitize_get_utf8();
	const char *state = st, *build = u->row->ident.build ? u->row->ident.build : "-";

	fmt_duration(c->started_at > 0 ? app->now - c->started_at : -1, age, sizeof age);
	if (c->state == DAPI_ST_RUNNING)
		snprintf(st, sizeof st, "%s", c->health == DAPI_HEALTH_HEALTHY ? "healthy" :
		    c->health == DAPI_HEALTH_UNHEALTHY ? "UNHEALTHY" : "running");
	else
		cfmt_state(c, st, sizeof st);
	if (v->w != NULL && v->c_engine == u->engine && strcmp(v->c_service, u->service) == 0 &&
	    strcmp(v->c_branch, u->branch) == 0) {
		state = "deploying";
		deploying = true;
	} else if (e != NULL && (e->result == JOURNAL_FAILED || e->result == JOURNAL_ROLLED_BACK)) {
		state = e->result == JOURNAL_FAILED ? "deploy failed" : "rolled back";
		problem = true;
	}
	/* several engines: the cell says where the stage runs */
	if (app->nengines > 1)
		snprintf(eng, sizeof eng, "%s: ", app_engine_name(app, u->engine));
	snprintf(commit, sizeof commit, "%.7s", u->row->ident.commit ? u->row->ident.commit : "-");
	snprintf(buf, n, "%s%s #%s %s %s %s", eng, commit, build, age,
	    e != NULL && e->who != NULL ? e->who : e != NULL && e->via != NULL ? e->via : "-", state);
	if (fits(buf, width))
		return problem;
	snprintf(buf, n, "%s%s #%s %s", eng, commit, build, state);
	if (fits(buf, width))
		return problem;
	snprintf(buf, n, "%s%s %s", eng, commit, deploying ? (utf8 ? "\u21bb" : "..") :
	    problem ? (utf8 ? "\u2717" : "!!") : (utf8 ? "\u2713" : "ok"));
	if (!fits(buf, width))
		snprintf(buf, n, "%s", commit);
	return problem;
}

/* What the matrix's and history's table callbacks get. */
struct deploys_draw {
	struct dview *v;
	struct app *app;
	size_t *idx;		/* history: indexes into hist, newest first */
};

/* The cursor's row is marked '>'; its cell is the selected one. */
static void
matrix_line(void *ctx, size_t s, struct table_line *l)
{
	struct dview *v = ((struct deploys_draw *)ctx)->v;

	l->mark = s == v->sel_svc ? '>' : ' ';
	l->mark_attr = A_BOLD;
}

static void
matrix_cell(void *ctx, size_t s, int col, struct table_cell *c)
{
	struct deploys_draw *x = ctx;
	struct dview *v = x->v;
	size_t b = v->left + (size_t)col - 1;
	struct unit *u;

	if (col == 0) {
		snprintf(c->text, sizeof c->text, "%s", v->services[s]);
		c->attr = s == v->sel_svc ? A_BOLD : A_NORMAL;
		return;
	}
	u = unit_at(v, s, b);
	if (u != NULL && updcheck_of(x->app, u->row) == UPDATES_AVAILABLE) {
		/* '^': the registry has a newer image under its tag */
		c->problem = cell_text(v, x->app, u, c->width - 1, c->text + 1, sizeof c->text - 1);
		c->text[0] = '^';
	} else if (u != NULL)
		c->problem = cell_text(v, x->app, u, c->width, c->text, sizeof c->text);
	else
		snprintf(c->text, sizeof c->text, ".");
	if (s == v->sel_svc && b == v->sel_br)
		c->attr |= term_attr(TR_SELECTED);
}

/* SERVICE, then the stages from v->left, as many as fit and at least one;
 * the selected stage is always among them. */
static void
matrix_columns(struct dview *v, int cols)
{
	for (;;) {
		size_t k, n = v->nbr - v->left < MAX_COLS ? v->nbr - v->left : MAX_COLS;

		v->mcols[0] = (struct layout_col){ "SERVICE", 8, 16, 0, false };
		/* stages share the width evenly; the rightmost drops first */
		for (k = 0; k < n; k++)
			v->mcols[1 + k] = (struct layout_col){ v->branches[v->left + k], 12, 12,
			    k == 0 ? 0 : 1, true };
		v->mtbl.ncols = 1 + (int)n;
		table_layout(&v->mtbl, cols);
		for (k = 0; k < n && v->mtbl.width[1 + k] > 0; k++)
			;
		if (v->sel_br >= v->left + k && k > 0 && v->left < v->sel_br)
			v->left++;
		else
			return;
	}
}

static void
draw_matrix(struct dview *v, struct app *app, WINDOW *w, int lines, int cols)
{
	struct deploys_draw ctx = { v, app, NULL };
	struct table_source src = { v->nsvc, matrix_line, matrix_cell, NULL, NULL, &ctx };

	if (v->sel_br < v->left)
		v->left = v->sel_br;
	if (v->left >= v->nbr)
		v->left = 0;
	if (v->nbr == 0) {
		v->mcols[0] = (struct layout_col){ "SERVICE", 8, 16, 0, false };
		v->mtbl.ncols = 1;
	} else {
		matrix_columns(v, cols);
	}
	table_draw(&v->mtbl, w, 0, lines, &src);
	if (v->nsvc == 0)
		gate_put(w, 2, 2, cols - 2, A_NORMAL, app->synced ?
		    "no containers with a service and branch" : "connecting to the engine...");
}

static void
fmt_ver(const char *commit, const char *build, const char *image, char *out, size_t n)
{
	const char *img = image != NULL && strncmp(image, "sha256:", 7) == 0 ? image + 7 : image;

	if (commit != NULL || build != NULL)
		snprintf(out, n, "%.7s#%s", commit ? commit : "-", build ? build : "-");
	else
		snprintf(out, n, "%.12s", img ? img : "-");
}

static void
hist_line(void *ctx, size_t i, struct table_line *l)
{
	struct deploys_draw *x = ctx;
	const struct journal_entry *e = &x->v->hist.e[x->idx[i]];
	bool problem = e->result == JOURNAL_FAILED || e->result == JOURNAL_ROLLED_BACK;

	l->attr = problem ? term_attr(TR_PROBLEM) : A_NORMAL;
	l->mark = problem ? '!' : ' ';
}

static void
hist_cell(void *ctx, size_t i, int col, struct table_cell *c)
{
	struct deploys_draw *x = ctx;
	const struct journal_entry *e = &x->v->hist.e[x->idx[i]];
	char *buf = c->text;
	size_t n = sizeof c->text;
	time_t t = (time_t)(e->start_ms / 1000);
	struct tm tm;

	switch ((enum hist_col)col) {
	case HC_WHEN:
		if (localtime_r(&t, &tm) != NULL)
			strftime(buf, n, "%m-%d %H:%M:%S", &tm);
		else
			snprintf(buf, n, "-");
		break;
	case HC_WHO: snprintf(buf, n, "%s", e->who ? e->who : "-"); break;
	case HC_VIA: snprintf(buf, n, "%s", e->via ? e->via : "-"); break;
	case HC_FROM: fmt_ver(e->from_commit, e->from_build, e->from_image, buf, n); break;
	case HC_TO: fmt_ver(e->commit, e->build, e->to_image, buf, n); break;
	case HC_RESULT: snprintf(buf, n, "%s", journal_result_name(e->result)); break;
	case HC_SECS:
		if (e->end_ms > 0)
			snprintf(buf, n, "%*.1f", c->width, (double)(e->end_ms - e->start_ms) / 1000.0);
		else
			snprintf(buf, n, "%*s", c->width, "-");
		break;
	case HC_REASON: snprintf(buf, n, "%s", e->reason ? e->reason : ""); break;
	case HC_N: break;
	}
}

static void
draw_history(struct dview *v, struct app *app, WINDOW *w, int lines, int cols)
{
	size_t idx[512], n = unit_history(v, app, idx, 512);
	struct deploys_draw ctx = { v, app, idx };
	struct table_source src = { n, hist_line, hist_cell, NULL, NULL, &ctx };
	char title[600];

	snprintf(title, sizeof title, "history of %s/%s, newest first (B rolls back to the selected entry, Esc leaves)",
	    v->sel_svc < v->nsvc ? v->services[v->sel_svc] : "?", v->sel_br < v->nbr ? v->branches[v->sel_br] : "?");
	wattrset(w, term_attr(TR_HEADER));
	mvwhline(w, 0, 0, ' ', cols);
	gate_put(w, 0, 0, cols, term_attr(TR_HEADER), title);
	table_draw(&v->htbl, w, 1, lines - 1, &src);
	if (n == 0)
		gate_put(w, 2, 2, cols - 2, A_NORMAL, "no deploys in the journal yet");
}

static void
dv_draw(void *st, struct app *app, WINDOW *w)
{
	struct dview *v = st;
	int lines, cols, tl;

	getmaxyx(w, lines, cols);
	updcheck_poll(app);
	matrix_build(v, app);
	tl = lines - (v->nprogress > 0 ? 6 : 0);
	if (v->mode == DM_MATRIX)
		draw_matrix(v, app, w, tl, cols);
	else
		draw_history(v, app, w, tl, cols);
	if (v->nprogress > 0) {
		int y0 = lines - 6;
		size_t first = v->nprogress > 5 ? v->nprogress - 5 : 0;
		gate_put(w, y0, 0, cols, term_attr(TR_HEADER), v->w != NULL ? "deploy in progress:" : "last deploy:");
		for (size_t i = first; i < v->nprogress; i++)
			gate_put(w, y0 + 1 + (int)(i - first), 2, cols - 2, A_NORMAL, v->progress[i]);
	}
	wattrset(w, A_NORMAL);
}

static int
dv_key(void *st, struct app *app, int code, bool func)
{
	struct dview *v = st;
	enum keymap_action a;
	size_t idx[512];

	a = views_action(app, "deploys", code, func);
	switch (a) {
	/* up, down, page up, page down, home, end: the shared list movement */
	case KA_UP:
	case KA_DOWN:
	case KA_PAGE_UP:
	case KA_PAGE_DOWN:
	case KA_TOP:
	case KA_BOTTOM:
		if (v->mode == DM_HISTORY)
			table_move(&v->htbl, views_step(a), unit_history(v, app, idx, 512));
		else
			table_move(&v->mtbl, views_step(a), v->nsvc);
		break;
	case KA_LEFT:
		if (v->mode == DM_MATRIX && v->sel_br > 0)
			v->sel_br--;
		break;
	case KA_RIGHT:
		if (v->mode == DM_MATRIX && v->sel_br + 1 < v->nbr)
			v->sel_br++;
		break;
	case KA_OPEN:
		if (v->mode == DM_MATRIX && unit_at(v, v->sel_svc, v->sel_br) != NULL) {
			history_load(v, app);
			v->mode = DM_HISTORY;
			v->hsel = v->htop = 0;
		}
		break;
	case KA_REDEPLOY:
		if (v->mode == DM_MATRIX)
			return ask_redeploy(v, app);
		break;
	case KA_ROLLBACK:
		if (v->mode == DM_HISTORY)
			return ask_rollback(v, app);
		break;
	case KA_HELP:
		app_push(app, &help_view, NULL);
		break;
	case KA_CMDLINE:
		return views_pane_key(app, a, VIEW_QUIT);
	case KA_BACK:
	case KA_QUIT:
		if (v->mode == DM_HISTORY) {
			v->mode = DM_MATRIX;
			break;
		}
		if (v->w != NULL) {
			/* the pane must stay: it shows the deploy; q again quits
			 * berth, which waits for the deploy to finish */
			if (v->quit_armed != 0 && app->now - v->quit_armed <= 5)
				return VIEW_QUIT | VIEW_REDRAW;
			v->quit_armed = app->now;
			app_message(app, 5, "a deploy is running; q again quits berth when it is done");
			break;
		}
		return VIEW_BACK | VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
	remember_sel(v);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static const char *
image_label(const void *labels, const char *key)
{
	return json_string_value(json_object_get(labels, key));
}

/* The image of the unit to redeploy: its labels name the commit (identity's rule). */
static void
on_resolve(struct app *app, void *arg, const struct jobs_result *r)
{
	struct dview *v = arg;
	json_t *img, *labels;
	struct identity id;

	if (!v->resolving || r->id != v->resolve_id)
		return;		/* an older R's answer */
	v->resolving = false;
	app->message[0] = '\0';
	if (!r->ok) {
		app_message(app, 8, "cannot redeploy: image %s: %s", v->c_image, r->error ? r->error : "?");
		return;
	}
	img = json_loadb(r->body != NULL ? r->body : "", r->len, 0, NULL);
	labels = json_object_get(json_object_get(img, "Config"), "Labels");
	identity_from(image_label, labels, NULL, NULL, &id);
	json_decref(img);
	ask_confirm(v, app, id.commit, id.build);
	identity_clear(&id);
}

static void
dv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct dview *v = st;

	(void)app;
	if (v->mode == DM_HISTORY)
		snprintf(buf, n, "history | B roll back | Esc back%s", v->nbad ? " | journal has skipped lines" : "");
	else
		snprintf(buf, n, "%s/%s | %zu services x %zu branches | Enter history | R redeploy | q back",
		    v->sel_svc < v->nsvc ? v->services[v->sel_svc] : "-",
		    v->sel_br < v->nbr ? v->branches[v->sel_br] : "-", v->nsvc, v->nbr);
}

const struct view deploys_view = {
	.name = "deploys",
	.init = dv_init,
	.fini = dv_fini,
	.draw = dv_draw,
	.key = dv_key,
	.status = dv_status,
	.busy = dv_busy,
};
