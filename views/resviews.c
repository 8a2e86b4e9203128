/* The resource panes' machinery: a background plan as each refresh, rows sorted and filtered, removal and prune confirmed. */
#include "views/resviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/journal.h"
#include "dockerapi/dapi.h"
#include "dockerapi/resources.h"
#include "tui/gate.h"
#include "tui/table.h"
#include "views/app.h"
#include "views/confirm.h"
#include "xmalloc.h"

#define REFRESH_SECS 5

/* A worker's way back to the pane that asked (or to the status bar). */
struct resviews_link {
	struct app *app;
	unsigned owner;		/* APP_NO_OWNER: the status bar's */
	struct resviews *r;	/* fn's arg: only touched if owner is open */
	void (*fn)(struct app *app, void *arg, void *payload);
};

void *
resviews_init(struct app *app, const struct resviews_spec *spec, const void *t)
{
	struct resviews *r = xcalloc(1, sizeof *r);
	struct journal_error je;

	r->spec = spec;
	r->sort = spec->sort;
	r->gate = prunerun_gate_new();
	swarmviews_init(&r->l, app, r, t);
	if (journal_dir(app->opts.state_dir, r->dir, sizeof r->dir, &je) != 0)
		r->dir[0] = '\0';
	return r;
}

void
resviews_fini(void *st)
{
	struct resviews *r = st;

	/* a refresh or a prune still out: a moment to finish, then dropped */
	prunerun_gate_close(r->gate, 2000);
	if (r->ext_free != NULL)
		r->ext_free(r->ext);
	if (r->spec->rows_free != NULL)
		r->spec->rows_free(r);
	prunerun_snapshot_free(r->snap);
	free(r->order);
	free(r);
}

const struct prune_item *
resviews_item(const struct resviews *r, const char *id)
{
	if (r->snap == NULL)
		return NULL;
	for (size_t i = 0; i < r->snap->plan.n; i++)
		if (strcmp(r->snap->plan.items[i].id, id) == 0)
			return &r->snap->plan.items[i];
	return NULL;
}

/* ---------------------------------------------------------------- rows */

static const struct resviews *sorting;	/* qsort has no context; UI thread only */

static int
row_cmp(const void *pa, const void *pb)
{
	const struct resviews *r = sorting;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int64_t x, y;
	int c;

	if (r->spec->num != NULL && r->spec->num(r, a, r->sort, &x) &&
	    r->spec->num(r, b, r->sort, &y))
		c = x < y ? -1 : x > y;
	else {
		char ta[TABLE_CELL_MAX], tb[TABLE_CELL_MAX];
		r->spec->cell(r, a, r->sort, ta, sizeof ta);
		r->spec->cell(r, b, r->sort, tb, sizeof tb);
		c = strcmp(ta, tb);
	}
	if (c == 0)
		c = a < b ? -1 : a > b;
	return r->reverse ? -c : c;
}

static bool
row_matches(const struct resviews *r, size_t row)
{
	char t[TABLE_CELL_MAX];

	if (r->filter.text[0] == '\0')
		return true;
	for (int c = 0; c < r->spec->ncols; c++) {
		r->spec->cell(r, row, c, t, sizeof t);
		if (strcasestr(t, r->filter.text) != NULL)
			return true;
	}
	return false;
}

/* The rows shown again: filtered, sorted, the selection kept in range. */
static void
resviews_reorder(struct resviews *r)
{
	size_t n = 0;

	free(r->order);
	r->order = r->nrows > 0 ? xreallocarray(NULL, r->nrows, sizeof *r->order) : NULL;
	for (size_t i = 0; i < r->nrows; i++)
		if (row_matches(r, i))
			r->order[n++] = i;
	sorting = r;
	if (n > 1)
		qsort(r->order, n, sizeof *r->order, row_cmp);
	sorting = NULL;
	swarmviews_loaded(&r->l, n);
}

/* ---------------------------------------------------------------- refresh */

/* The UI thread's half of a refresh: the snapshot taken over. */
static void
on_snapshot(struct app *app, void *arg, void *payload)
{
	struct resviews *r = arg;
	struct prunerun_snapshot *s = payload, *mine;
	(void)app;

	r->l.inflight = false;
	if (s->rc != 0) {
		snprintf(r->l.err, sizeof r->l.err, "cannot list %s: %.250s", r->spec->what, s->err);
		return;
	}
	mine = xmalloc(sizeof *mine);
	*mine = *s;
	memset(s, 0, sizeof *s);	/* payload_free frees only the shell */
	if (r->spec->rows_free != NULL)
		r->spec->rows_free(r);
	prunerun_snapshot_free(r->snap);
	r->snap = mine;
	r->nrows = r->spec->build(r);
	resviews_reorder(r);
}

/* The worker's half of every background step: post s to the UI thread,
 * for the pane k->owner (which may have closed by then). */
static void
link_done(void *arg, struct prunerun_snapshot *s)
{
	struct resviews_link *k = arg;

	app_post(k->app, k->owner, k->fn, k->r, s, prunerun_snapshot_free);
	free(k);
}

static struct resviews_link *
link_new(struct app *app, struct resviews *r, unsigned owner,
    void (*fn)(struct app *app, void *arg, void *payload))
{
	struct resviews_link *k = xcalloc(1, sizeof *k);

	k->app = app;
	k->owner = owner;
	k->r = r;
	k->fn = fn;
	return k;
}

static void
resviews_refresh(struct resviews *r, struct app *app)
{
	if (r->l.ep == NULL || r->l.inflight)
		return;
	r->l.inflight = true;
	r->l.fetched_at = app->now;
	prunerun_async_plan(r->gate, r->l.ep, r->dir, r->l.ep->url, &r->spec->opts, link_done,
	    link_new(app, r, r->l.owner, on_snapshot));
}

/* ---------------------------------------------------------------- draw */

static void
rv_cell(const void *ctx, size_t row, int col, char *buf, size_t n)
{
	const struct resviews *r = ctx;

	r->spec->cell(r, r->order[row], col, buf, n);
}

void
resviews_draw(void *st, struct app *app, WINDOW *w)
{
	struct resviews *r = st;
	struct swarmviews_table t = { r->spec->cols, r->spec->ncols, r->l.n, rv_cell, NULL, r };
	int lines = getmaxy(w);

	if (swarmviews_due(&r->l, app->now, REFRESH_SECS))
		resviews_refresh(r, app);
	r->l.page = swarmviews_table_draw(w, lines, &t, &r->l.sel, &r->l.top);
	if (r->spec->mark != NULL)
		for (size_t i = r->l.top; i < r->l.n && (int)(i - r->l.top) + 1 < lines; i++) {
			char m = r->spec->mark(r, r->order[i]);
			char s[2] = { m, '\0' };
			if (m != 0)
				gate_put(w, (int)(i - r->l.top) + 1, 0, 1,
				    i == r->l.sel ? A_REVERSE | A_BOLD : A_BOLD, s);
		}
	swarmviews_draw_state(&r->l, w, lines, r->filter.text[0] ? "no match" : "none",
	    "loading...");
}

void
resviews_status(void *st, struct app *app, char *buf, size_t n)
{
	struct resviews *r = st;
	char note[300];
	(void)app;

	if (views_filter_status(&r->filter, buf, n))
		return;
	snprintf(buf, n, "%zu %s%s | sort %s%s%s%s | ? help", r->l.n, r->spec->what,
	    r->pruning ? " | planning the prune..." : "",
	    r->spec->cols[r->sort].title, r->reverse ? " (rev)" : "",
	    views_filter_note(&r->filter, note, sizeof note),
	    r->spec->prunable ? " | D remove, P prune" : "");
}

/* ---------------------------------------------------------------- remove */

struct resviews_rm {
	struct resviews_removal rm;
	int engine;
	char service[256], branch[256];
	bool forced;
};

static void rm_confirmed(struct app *app, void *arg, bool yes);

static void
rm_answered(struct app *app, void *arg, const struct jobs_result *res)
{
	struct resviews_rm *x = arg;

	if (res->ok)
		app_message(app, 5, "removed %s %s", x->rm.what, x->rm.name);
	else if (res->status == 404)
		app_message(app, 5, "%s %s: already gone", x->rm.what, x->rm.name);
	else if (res->status == 409 && x->rm.force_path[0] != '\0' && !x->forced) {
		/* in use: the engine says by what; force only when asked */
		struct resviews_rm *f = xmalloc(sizeof *f);
		char q[900];
		*f = *x;
		f->forced = true;
		snprintf(q, sizeof q, "Force the removal of %.300s? The engine says: %.400s",
		    x->rm.name, res->error != NULL ? res->error : "in use");
		confirm_ask(app, "force-remove", q, &(struct confirm_target){ f->rm.name,
		    f->service[0] ? f->service : NULL, f->branch[0] ? f->branch : NULL }, 1,
		    rm_confirmed, f);
	} else
		app_message(app, 8, "cannot remove %s %s: %s", x->rm.what, x->rm.name,
		    res->error != NULL ? res->error : "no answer");
}

static void
rm_confirmed(struct app *app, void *arg, bool yes)
{
	struct resviews_rm *x = arg;

	if (!yes) {
		free(x);
		return;
	}
	app_job(app, x->engine, APP_NO_OWNER, "DELETE", x->forced ? x->rm.force_path :
	    x->rm.path, NULL, 60000, rm_answered, x, free);
}

static int
resviews_remove(struct resviews *r, struct app *app)
{
	struct resviews_rm *x;
	char q[800];

	if (r->spec->removal == NULL || r->l.n == 0)
		return VIEW_HANDLED;
	if (confirm_refused(app, "remove"))
		return VIEW_HANDLED | VIEW_REDRAW;
	x = xcalloc(1, sizeof *x);
	if (!r->spec->removal(r, r->order[r->l.sel], &x->rm)) {
		free(x);
		return VIEW_HANDLED;
	}
	x->engine = r->l.engine;
	snprintf(x->service, sizeof x->service, "%s", x->rm.service ? x->rm.service : "");
	snprintf(x->branch, sizeof x->branch, "%s", x->rm.branch ? x->rm.branch : "");
	snprintf(q, sizeof q, "Remove %s %.600s?", x->rm.what, x->rm.name);
	confirm_ask(app, "remove", q, &(struct confirm_target){ x->rm.name,
	    x->service[0] ? x->service : NULL, x->branch[0] ? x->branch : NULL }, 1,
	    rm_confirmed, x);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* ---------------------------------------------------------------- prune */

struct resviews_pr {
	struct prune_plan plan;
	struct prunerun_gate *gate;	/* the pane's (open while the question is) */
	const struct endpoint *ep;
	bool read_only;
	char what[32];
};

static void
on_applied(struct app *app, void *arg, void *payload)
{
	struct prunerun_snapshot *s = payload;
	char sz[24];
	(void)arg;

	resources_size(s->reclaimed, sz, sizeof sz);
	if (s->rc != 0)
		app_message(app, 8, "prune: %s", s->err);
	else if (s->failed > 0)
		app_message(app, 10, "prune: removed %zu, %zu failed (%s); reclaimed %s",
		    s->plan.ngo - s->failed, s->failed, s->first_error, sz);
	else
		app_message(app, 8, "prune: removed %zu; reclaimed %s", s->plan.ngo, sz);
}

static void
pr_free(struct resviews_pr *p)
{
	prune_plan_clear(&p->plan);
	free(p);
}

static void
prune_confirmed(struct app *app, void *arg, bool yes)
{
	struct resviews_pr *p = arg;
	struct resviews_link *k;

	if (yes) {
		k = link_new(app, NULL, APP_NO_OWNER, on_applied);
		prunerun_async_apply(p->gate, p->ep, &p->plan, p->read_only, link_done, k);
		app_message(app, 0, "pruning %s...", p->what);
	}
	pr_free(p);
}

/* The plan for P is in: one confirmation listing what goes and its size. */
static void
on_prune_plan(struct app *app, void *arg, void *payload)
{
	struct resviews *r = arg;
	struct prunerun_snapshot *s = payload;
	struct confirm_target *t;
	struct resviews_pr *p;
	char q[300], sz[24];
	size_t n = 0;

	r->pruning = false;
	if (s->rc != 0) {
		app_message(app, 8, "prune: %s", s->err);
		return;
	}
	if (s->plan.ngo == 0) {
		app_message(app, 6, "prune: no %s to remove (%zu kept)", r->spec->what, s->plan.n);
		return;
	}
	p = xcalloc(1, sizeof *p);
	p->plan = s->plan;
	memset(&s->plan, 0, sizeof s->plan);
	p->ep = r->l.ep;
	p->gate = r->gate;
	p->read_only = app->opts.read_only;
	snprintf(p->what, sizeof p->what, "%s", r->spec->what);
	t = xreallocarray(NULL, p->plan.ngo, sizeof *t);
	for (size_t i = 0; i < p->plan.n; i++)
		if (p->plan.items[i].go)
			t[n++] = (struct confirm_target){ p->plan.items[i].name,
			    p->plan.items[i].service, p->plan.items[i].branch };
	resources_size(p->plan.bytes, sz, sizeof sz);
	snprintf(q, sizeof q, "Prune %zu %s, freeing about %s? (%zu kept: in use, or a "
	    "rollback needs them)", n, r->spec->what, sz, p->plan.n - n);
	confirm_ask(app, "prune", q, t, n, prune_confirmed, p);
	free(t);
	r->l.fetched_at = 0;
}

static int
resviews_prune(struct resviews *r, struct app *app)
{
	if (!r->spec->prunable)
		return VIEW_HANDLED;
	if (confirm_refused(app, "prune"))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (r->pruning || r->l.ep == NULL)
		return VIEW_HANDLED;
	r->pruning = true;
	prunerun_async_plan(r->gate, r->l.ep, r->dir, r->l.ep->url, &r->spec->opts, link_done,
	    link_new(app, r, r->l.owner, on_prune_plan));
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* ---------------------------------------------------------------- keys */

int
resviews_key(void *st, struct app *app, int code, bool func)
{
	struct resviews *r = st;
	enum keymap_action a;
	int ret;

	if (r->filter.editing) {
		int rc = views_filter_edit(&r->filter, code, func);
		resviews_reorder(r);
		return rc;
	}
	/* what the resource panes share (and the global keys), then the pane's
	 * own (images: Enter) */
	if ((a = views_action(app, "resources", code, func)) == KA_NONE)
		a = views_action(app, r->spec->pane, code, func);
	if (a == KA_CLEAR && r->filter.text[0] == '\0')
		return VIEW_BACK | VIEW_REDRAW;		/* Esc without a filter: back */
	if (views_filter_action(&r->filter, a)) {
		resviews_reorder(r);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	switch (a) {
	case KA_SORT_NEXT:
		r->sort = (r->sort + 1) % r->spec->ncols;
		r->reverse = false;
		resviews_reorder(r);
		return VIEW_HANDLED | VIEW_REDRAW;
	case KA_SORT_REVERSE:
		r->reverse = !r->reverse;
		resviews_reorder(r);
		return VIEW_HANDLED | VIEW_REDRAW;
	case KA_REMOVE:
		return resviews_remove(r, app);
	case KA_PRUNE:
		return resviews_prune(r, app);
	case KA_OPEN:
		if (r->spec->open != NULL && r->l.n > 0)
			r->spec->open(r, app, r->order[r->l.sel]);
		return VIEW_HANDLED | VIEW_REDRAW;
	default:
		if (r->spec->action != NULL && (ret = r->spec->action(r, app, a)) != 0)
			return ret;
		return swarmviews_key(&r->l, app, a);
	}
}

bool
resviews_removal_set(struct resviews_removal *rm, const char *what, const char *name,
    const char *collection, const char *id)
{
	char enc[1000];

	snprintf(rm->what, sizeof rm->what, "%s", what);
	snprintf(rm->name, sizeof rm->name, "%s", name);
	return dapi_urlencode(id, enc, sizeof enc) < sizeof enc &&
	    (size_t)snprintf(rm->path, sizeof rm->path, "%s/%s", collection, enc) < sizeof rm->path;
}

void
resviews_open(struct app *app, const struct view *v, int e)
{
	app_push(app, v, &(struct target){ e, NULL, NULL });
}
