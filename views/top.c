/* The detail pane's processes section and the processes pane: /top through a job, in the table widget. */
#include "views/top.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/procs.h"
#include "tui/gate.h"
#include "tui/table.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/view.h"
#include "xmalloc.h"

struct top {
	int engine;
	char id[65];
	unsigned owner;
	struct procs p;
	bool have;
	bool plain;		/* the engine refused ps_args: default columns */
	unsigned job;
	int64_t asked_at;	/* wall seconds of the last answer */
	char note[200];		/* why there is nothing to show */
	struct layout_col cols[PROCS_MAX_COLS];
	size_t top;
};

struct top *
top_new(int engine, const char *id, unsigned owner)
{
	struct top *t = xcalloc(1, sizeof *t);

	t->engine = engine;
	snprintf(t->id, sizeof t->id, "%s", id);
	t->owner = owner;
	snprintf(t->note, sizeof t->note, "listing processes...");
	return t;
}

void
top_free(struct top *t)
{
	if (t != NULL)
		procs_clear(&t->p);
	free(t);
}

/* A column spec for a title: the command takes the spare room and stays;
 * the pid stays; the rest drop first on a narrow terminal. */
static struct layout_col
column_for(const char *title)
{
	static const struct {
		const char *title;
		int want;
	} known[] = {
		{ "PID", 7 }, { "PPID", 7 }, { "USER", 8 }, { "UID", 8 }, { "%CPU", 5 },
		{ "%MEM", 5 }, { "TIME", 9 }, { "C", 2 }, { "STIME", 6 }, { "TTY", 6 },
		{ "ELAPSED", 9 },
	};
	int len = (int)strlen(title);
	struct layout_col c = { title, len > 3 ? len : 3, len > 6 ? len : 6, 1, false };

	if (strcmp(title, "COMMAND") == 0 || strcmp(title, "CMD") == 0 ||
	    strcmp(title, "ARGS") == 0) {
		c.min = 10;
		c.want = 20;
		c.priority = 0;
		c.flex = true;
		return c;
	}
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(title, known[i].title) == 0 && known[i].want > len)
			c.want = known[i].want;
	if (strcmp(title, "PID") == 0)
		c.priority = 0;
	return c;
}

static void ask(struct top *t, struct app *app);

/* A new table from a 2xx answer; the last one stays if it does not decode. */
static void
take(struct top *t, const struct jobs_result *r)
{
	struct decode_error err;
	struct procs p;

	if (procs_decode(r->body, r->len, &p, &err) != 0) {
		snprintf(t->note, sizeof t->note, "%s", err.text);
		return;
	}
	procs_clear(&t->p);
	t->p = p;
	t->have = true;
	for (size_t i = 0; i < t->p.ncols; i++)
		t->cols[i] = column_for(procs_title(&t->p, i));
}

static void
on_top(struct app *app, void *arg, const struct jobs_result *r)
{
	struct top *t = arg;

	t->job = 0;
	t->asked_at = app->now;
	if (!r->ok && !t->plain && procs_should_fallback(r->status)) {
		/* Podman's compat API, old engines: their own columns */
		t->plain = true;
		ask(t, app);
		return;
	}
	if (r->ok) {
		take(t, r);
		return;
	}
	procs_clear(&t->p);
	t->have = false;
	snprintf(t->note, sizeof t->note, "%s", r->status == 409 ?
	    "not running: no processes" : r->error != NULL ? r->error : "cannot list processes");
}

static void
ask(struct top *t, struct app *app)
{
	char path[200];

	if (t->id[0] == '\0') {	/* opened by name (`:processes`) with no container */
		snprintf(t->note, sizeof t->note, "no container selected: open it from the detail pane");
		t->asked_at = app->now;
		return;
	}
	ctrapi_path_container(path, sizeof path, t->id, t->plain ? "/top" : PROCS_TOP_PS);
	t->job = app_job(app, t->engine, t->owner, NULL, path, NULL, 5000, on_top, t, NULL);
	if (t->job == 0)
		snprintf(t->note, sizeof t->note, "no connection to the engine");
}

static void
cell(void *ctx, size_t row, int col, struct table_cell *c)
{
	const struct top *t = ctx;

	snprintf(c->text, sizeof c->text, "%s", procs_cell(&t->p, row, (size_t)col));
}

int
top_want(const struct top *t)
{
	return 2 + (t->have ? (int)t->p.nrows : 1);
}

int
top_draw(struct top *t, struct app *app, WINDOW *w, int y, int lines)
{
	struct table tbl;
	struct table_source src = { t->p.nrows, NULL, cell, NULL, NULL, t };
	char head[160];
	int cols = getmaxx(w);

	if (lines < 3)
		return 0;
	if (t->job == 0 && (t->asked_at == 0 || app->now - t->asked_at >= TOP_REFRESH_SECS))
		ask(t, app);
	if (lines > top_want(t))
		lines = top_want(t);
	if (t->have)
		snprintf(head, sizeof head, "Processes (%zu%s, every %ds%s)", t->p.nrows,
		    t->plain ? "; the engine's default columns" : "", TOP_REFRESH_SECS,
		    (size_t)(lines - 2) < t->p.nrows ? "; the first ones shown" : "");
	else
		snprintf(head, sizeof head, "Processes");
	gate_put(w, y, 0, cols, term_attr(TR_HEADER), head);
	wattrset(w, A_NORMAL);
	if (!t->have) {
		gate_put(w, y + 1, 2, cols - 2, A_NORMAL, t->note);
		return 2;
	}
	table_init(&tbl, t->cols, (int)t->p.ncols, NULL, &t->top);
	tbl.highlight = false;
	table_draw(&tbl, w, y + 1, lines - 1, &src);
	table_clear(&tbl);
	return lines;
}

/* The processes pane: the same section on the whole screen, scrollable. */
struct tview {
	struct top *t;
	char name[256];
	int page;
};

/* arg: a struct target (engine, container id). */
static void *
tv_init(struct app *app, const void *arg)
{
	struct tview *v = xcalloc(1, sizeof *v);
	struct ctable_row *r;
	char id[65];
	int engine;

	r = views_container(app, arg, &engine, id, sizeof id);
	snprintf(v->name, sizeof v->name, "processes %.200s  %.12s",
	    r != NULL && r->c.name ? r->c.name : "", id);
	v->t = top_new(engine, id, app_owner(app, v));
	return v;
}

static void
tv_fini(void *st)
{
	struct tview *v = st;

	top_free(v->t);
	free(v);
}

static void
tv_draw(void *st, struct app *app, WINDOW *w)
{
	struct tview *v = st;

	views_title(w, 0, v->name);
	v->page = getmaxy(w) - 3 > 1 ? getmaxy(w) - 3 : 1;
	top_draw(v->t, app, w, 1, getmaxy(w) - 1);
}

static int
tv_key(void *st, struct app *app, int code, bool func)
{
	struct tview *v = st;
	enum keymap_action a = views_action(app, "processes", code, func);

	if (listnav_pan(views_step(a), &v->t->top, v->t->p.nrows, v->page))
		return VIEW_HANDLED | VIEW_REDRAW;
	return views_pane_key(app, a, VIEW_BACK | VIEW_REDRAW);
}

static void
tv_status(void *st, struct app *app, char *buf, size_t n)
{
	const struct top *t = ((const struct tview *)st)->t;

	snprintf(buf, n, "%zu processes on %s | arrows, PgUp/PgDn scroll | q back",
	    t->p.nrows, app_engine_name(app, t->engine));
}

const struct view processes_view = {
	.name = "processes",
	.init = tv_init,
	.fini = tv_fini,
	.draw = tv_draw,
	.key = tv_key,
	.status = tv_status,
};
