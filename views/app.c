/* The dashboard runtime: windows, the view stack, messages -> model -> draw. */
#include "views/app.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "deploy/journal.h"
#include "tui/loop.h"
#include "tui/gate.h"
#include "tui/sanitize.h"
#include "tui/term.h"
#include "xmalloc.h"

#define MIN_LINES 3
#define MIN_COLS 16
#define STATUS_NAME_MAX 12	/* columns of an engine's name in the status bar */

static int64_t
wall_now(void)
{
	return (int64_t)time(NULL);
}

struct app_engine *
app_engine(struct app *app, int e)
{
	return e >= 0 && e < app->nengines ? &app->engines[e] : NULL;
}

const char *
app_engine_name(const struct app *app, int e)
{
	if (e < 0 || e >= app->nengines || app->engines[e].ep.name == NULL)
		return "?";
	return app->engines[e].ep.name;
}

void
app_engines_init(struct app *app, const struct endpoint *eps, int n)
{
	app->engines = xcalloc((size_t)(n > 0 ? n : 1), sizeof *app->engines);
	app->nengines = n;
	for (int i = 0; i < n; i++) {
		app->engines[i].app = app;
		app->engines[i].index = i;
		endpoint_copy(&app->engines[i].ep, &eps[i]);
	}
}

void
app_engines_free(struct app *app)
{
	/* observers first: they only write the journal; then the threads that
	 * push onto the queue */
	for (int i = 0; i < app->nengines; i++) {
		observe_free(app->engines[i].observe);
		jobs_free(app->engines[i].jobs);
		watcher_free(app->engines[i].watcher);
		endpoint_clear(&app->engines[i].ep);
	}
	free(app->engines);
	app->engines = NULL;
	app->nengines = 0;
}

static bool
all_synced(const struct app *app)
{
	for (int i = 0; i < app->nengines; i++)
		if (!app->engines[i].synced)
			return false;
	return true;
}

bool
app_apply_msg(struct app *app, struct msg *m)
{
	struct app_engine *e = app_engine(app, m->engine);

	if (e == NULL)
		return false;
	switch (m->kind) {
	case MSG_CONN:
		e->up = m->up;
		snprintf(e->msg, sizeof e->msg, "%s", m->text);
		if (m->version != NULL)
			snprintf(e->api_version, sizeof e->api_version, "%s", m->version);
		if (!m->up)
			ctable_clear_stats(app->table, m->engine);
		return true;
	case MSG_SNAPSHOT:
		return ctable_apply_snapshot(app->table, m->engine, m->containers, m->n);
	case MSG_CONTAINER:
		if (e->observe != NULL)
			return observe_apply_container(e->observe, app->table, m->container);
		return ctable_apply_container(app->table, m->engine, m->container);
	case MSG_REMOVED:
		if (app->hist != NULL)
			statshist_remove(app->hist, m->text);
		if (e->observe != NULL)
			observe_removed(e->observe, app->table, m->text);
		return ctable_remove(app->table, m->engine, m->text);
	case MSG_SYNCED:
		e->synced = true;
		app->synced = all_synced(app);
		return true;
	case MSG_STATS:
		if (app->hist != NULL)
			statshist_add(app->hist, m->stats, m->n);
		return ctable_apply_stats(app->table, m->engine, m->stats, m->n);
	case MSG_EVENT:
		if (app->events == NULL || m->event == NULL)
			return false;
		evring_push_from(app->events, m->event, m->engine);
		/* only the events pane shows them; the container change that
		 * came with the event arrives as its own message */
		return app->depth > 0 && app->stack[app->depth - 1]->wants_events;
	case MSG_CALL:
		return false;
	}
	return false;
}

void
app_message(struct app *app, int secs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_until = secs > 0 ? app->now + secs : 0;
	app->dirty = true;
}

void
app_prompt(struct app *app, struct prompt *p,
    void (*done)(struct app *app, void *arg, enum prompt_result res, const char *text),
    void *arg)
{
	if (app->prompt != NULL) {	/* one at a time: the older one is cancelled */
		struct prompt *old = app->prompt;
		app->prompt = NULL;
		if (app->prompt_done != NULL)
			app->prompt_done(app, app->prompt_arg, PROMPT_CANCEL, "");
		prompt_free(old);
	}
	app->prompt = p;
	app->prompt_done = done;
	app->prompt_arg = arg;
	app->dirty = true;
}

/* A key for the open prompt; closes it and runs its callback when answered. */
static void
prompt_key_in(struct app *app, int code, bool func)
{
	struct prompt *p = app->prompt;
	enum prompt_result res = prompt_key(p, code, func);
	void (*done)(struct app *, void *, enum prompt_result, const char *);
	void *arg;

	app->dirty = true;
	if (res == PROMPT_OPEN)
		return;
	done = app->prompt_done;
	arg = app->prompt_arg;
	app->prompt = NULL;
	app->prompt_done = NULL;
	app->prompt_arg = NULL;
	if (done != NULL)
		done(app, arg, res, prompt_text(p));	/* may open the next prompt */
	prompt_free(p);
}

void
app_push(struct app *app, const struct view *v, const void *arg)
{
	unsigned id, outer = app->pushing;

	if (app->depth >= APP_MAX_DEPTH)
		return;
	/* the id exists before the state does: init may already ask for work */
	id = ++app->next_owner;
	if (id == APP_NO_OWNER)
		id = ++app->next_owner;
	app->pushing = id;
	app->state[app->depth] = v->init != NULL ? v->init(app, arg) : NULL;
	app->pushing = outer;
	app->stack[app->depth] = v;
	app->owner[app->depth] = id;
	app->depth++;
	app->dirty = true;
}

void
app_pop(struct app *app)
{
	if (app->depth <= 1)
		return;
	/* off the stack first: from now on its answers are dropped */
	app->depth--;
	if (app->stack[app->depth]->fini != NULL)
		app->stack[app->depth]->fini(app->state[app->depth]);
	app->dirty = true;
}

unsigned
app_owner(struct app *app, const void *st)
{
	for (int i = 0; i < app->depth; i++)
		if (app->state[i] == st && st != NULL)
			return app->owner[i];
	if (app->pushing != 0)
		return app->pushing;
	/* nobody's: a fresh id, never on the stack */
	if (++app->next_owner == APP_NO_OWNER)
		++app->next_owner;
	return app->next_owner;
}

static bool
owner_open(const struct app *app, unsigned owner)
{
	if (owner == APP_NO_OWNER)
		return true;
	for (int i = 0; i < app->depth; i++)
		if (app->owner[i] == owner)
			return true;
	return false;
}

/* What app_post queues: the callback, for its owner (the message's). */
struct app_call {
	void (*fn)(struct app *app, void *arg, void *payload);
	void *arg;
	void *payload;
	void (*payload_free)(void *payload);
};

static void
call_free(void *p)
{
	struct app_call *c = p;

	if (c->payload_free != NULL)
		c->payload_free(c->payload);
	free(c);
}

void
app_post(struct app *app, unsigned owner,
    void (*fn)(struct app *app, void *arg, void *payload), void *arg,
    void *payload, void (*payload_free)(void *payload))
{
	struct app_call *c = xcalloc(1, sizeof *c);

	c->fn = fn;
	c->arg = arg;
	c->payload = payload;
	c->payload_free = payload_free;
	msgq_push_call(app->q, 0, owner, c, call_free);
}

static void
deploy_event_free(void *p)
{
	struct app_deploy_event *ev = p;

	free(ev->step);
	free(ev->text);
	free(ev->id);
	free(ev);
}

/* UI thread: the pane's callback (app_post checked its owner). */
static void
deploy_event_run(struct app *app, void *arg, void *payload)
{
	const struct app_runner_link *link = arg;

	link->fn(app, link->arg, payload);
}

/* A runner's event, on its thread: copied, to the pane that started it. */
static void
runner_forward(void *arg, const struct runner_event *ev)
{
	struct app_runner_link *link = arg;
	struct app_deploy_event *d = xcalloc(1, sizeof *d);

	d->run = ev->run;
	d->kind = (int)ev->kind;
	d->ok = ev->ok;
	d->step = xstrdup(ev->step != NULL ? ev->step : "");
	d->text = xstrdup(ev->text != NULL ? ev->text : "");
	d->id = xstrdup(ev->deploy_id != NULL ? ev->deploy_id : "");
	app_post(link->app, link->owner, deploy_event_run, link, d, deploy_event_free);
}

struct runner_sink
app_runner_sink(struct app_runner_link *link)
{
	return (struct runner_sink){ runner_forward, link };
}

/* An app_job's callback and its owner, the jobs result's arg. */
struct app_jobcall {
	struct app *app;
	unsigned owner;
	void (*fn)(struct app *app, void *arg, const struct jobs_result *r);
	void *arg;
	void (*arg_free)(void *arg);
};

static void
jobcall_free(void *p)
{
	struct app_jobcall *c = p;

	if (c->arg_free != NULL)
		c->arg_free(c->arg);
	free(c);
}

/* UI thread (through app_take_messages): the owner is checked here. */
static void
jobcall_done(void *p, const struct jobs_result *r)
{
	struct app_jobcall *c = p;

	if (!owner_open(c->app, c->owner))
		return;		/* its pane has closed: dropped */
	c->fn(c->app, c->arg, r);
	c->app->dirty = true;
}

unsigned
app_job(struct app *app, int engine, unsigned owner, const char *method,
    const char *path, const char *body, long timeout_ms,
    void (*on_done)(struct app *app, void *arg, const struct jobs_result *r),
    void *arg, void (*arg_free)(void *arg))
{
	struct app_engine *e = app_engine(app, engine);
	struct app_jobcall *c;

	if (e == NULL || e->jobs == NULL) {
		if (arg_free != NULL)
			arg_free(arg);
		return 0;
	}
	c = xcalloc(1, sizeof *c);
	c->app = app;
	c->owner = owner;
	c->fn = on_done;
	c->arg = arg;
	c->arg_free = arg_free;
	return jobs_submit(e->jobs, method, path, body, timeout_ms, jobcall_done, c,
	    jobcall_free);
}

/* A MSG_CALL (every one is an app_call): run it if its owner is open. */
static void
run_call(struct app *app, struct msg *m)
{
	struct app_call *c = m->payload;

	if (c == NULL || !owner_open(app, m->owner))
		return;
	c->fn(app, c->arg, c->payload);
	app->dirty = true;
}

/* The one place that sizes windows: start-up and every resize. */
static void
layout_windows(struct app *app)
{
	getmaxyx(stdscr, app->lines, app->cols);
	if (app->body != NULL)
		delwin(app->body);
	if (app->statusw != NULL)
		delwin(app->statusw);
	app->body = app->statusw = NULL;
	if (app->lines >= MIN_LINES && app->cols >= MIN_COLS) {
		app->body = newwin(app->lines - 1, app->cols, 0, 0);
		app->statusw = newwin(1, app->cols, app->lines - 1, 0);
	} else if (app->lines > 0 && app->cols > 0) {
		app->body = newwin(app->lines, app->cols, 0, 0);
	}
	/* After a resize the old contents are meaningless: repaint all once. */
	clearok(curscr, TRUE);
	app->body_owner = NULL;
	app->status_last[0] = '\0';
	app->dirty = true;
}

void
app_suspend(struct app *app, void (*fn)(void *arg), void *arg)
{
	struct winsize ws;

	def_prog_mode();
	endwin();
	fn(arg);
	reset_prog_mode();
	/* fn may have had SIGWINCH to itself: tell curses the size now. */
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	refresh();
	layout_windows(app);
}

/* The engines' states, most important first. One engine: as it always
 * was; several: "a * b * c x disconnected - retrying", compact for 80 columns. */
static bool
engines_state(const struct app *app, char *buf, size_t n)
{
	bool utf8 = sanitize_get_utf8(), all_up = true;
	const char *upg = utf8 ? "\u25cf" : "*", *downg = utf8 ? "\u2716" : "x";
	size_t used = 0;
	int ndown = 0;

	if (app->nengines == 1) {
		const struct app_engine *e = &app->engines[0];
		if (e->up)
			snprintf(buf, n, "%s connected", upg);
		else
			snprintf(buf, n, "%s disconnected (%s) - retrying", downg,
			    e->msg[0] ? e->msg : "engine down: connecting");
		return e->up;
	}
	buf[0] = '\0';
	for (int i = 0; i < app->nengines && used < n; i++) {
		const struct app_engine *e = &app->engines[i];
		const char *name = app_engine_name(app, i);
		char safe[300], fit[300];
		int w;

		/* a long name must not push the others off an 80-column line */
		sanitize_into(name, strlen(name), safe, sizeof safe);
		sanitize_fit(safe, STATUS_NAME_MAX, fit, sizeof fit);
		w = snprintf(buf + used, n - used, "%s%s %s", i > 0 ? " " : "", fit,
		    e->up ? upg : downg);
		if (w < 0)
			break;
		used += (size_t)w;
		if (!e->up) {
			all_up = false;
			ndown++;
		}
	}
	if (ndown == 1 && used < n)
		snprintf(buf + used, n - used, " disconnected - retrying");
	else if (ndown > 1 && used < n)
		snprintf(buf + used, n - used, " %d disconnected - retrying", ndown);
	return all_up;
}

static void
draw_status(struct app *app)
{
	char state[600], right[512], line[2048], tail[400];
	const struct view *v = app->stack[app->depth - 1];
	attr_t attr;
	bool up;

	/* Most important first: at 80 columns the tail (the address) is cut. */
	up = engines_state(app, state, sizeof state);
	right[0] = '\0';
	if (v->status != NULL)
		v->status(app->state[app->depth - 1], app, right, sizeof right);
	tail[0] = '\0';
	if (app->nengines == 1)
		snprintf(tail, sizeof tail, " | %s API %s", app->engines[0].ep.url,
		    app->engines[0].api_version[0] ? app->engines[0].api_version : "?");
	snprintf(line, sizeof line, " %s%s%s | %s%s",
	    app->message, app->message[0] ? " | " : "", state, right, tail);
	attr = term_attr(up ? TR_STATUS : TR_STATUS_BAD);
	/* the same line again: leave it untouched, so doupdate skips it
	 * (a line too long to remember is always drawn) */
	if (app->status_last[0] != '\0' && attr == app->status_attr &&
	    strcmp(line, app->status_last) == 0)
		return;
	if (strlen(line) < sizeof app->status_last)
		snprintf(app->status_last, sizeof app->status_last, "%s", line);
	else
		app->status_last[0] = '\0';
	app->status_attr = attr;
	wbkgdset(app->statusw, ' ' | attr);
	werase(app->statusw);
	gate_put(app->statusw, 0, 0, app->cols, attr, line);
}

static void
app_draw(void *arg)
{
	struct app *app = arg;
	const struct view *v = app->stack[app->depth - 1];

	if (!app->dirty)
		return;
	app->dirty = false;
	if (app->body == NULL)
		return;
	/* A view that keeps the body finds it as it left it, unless another
	 * view drew there or the windows were made anew. */
	app->body_fresh = !v->keeps_body || app->body_owner == NULL ||
	    app->body_owner != app->state[app->depth - 1];
	app->body_owner = app->state[app->depth - 1];
	if (app->body_fresh)
		werase(app->body);
	if (app->statusw == NULL) {
		app->body_owner = NULL;
		gate_put(app->body, 0, 0, app->cols, A_NORMAL, "terminal too small");
		wnoutrefresh(app->body);
		doupdate();
		return;
	}
	v->draw(app->state[app->depth - 1], app, app->body);
	if (app->prompt != NULL) {
		prompt_draw(app->prompt, app->body);
		app->body_owner = NULL;	/* the box covers the view's cells */
	}
	draw_status(app);
	/* nothing changed on screen (an idle second): nothing to update */
	if (!is_wintouched(app->body) && !is_wintouched(app->statusw))
		return;
	wnoutrefresh(app->body);
	wnoutrefresh(app->statusw);
	doupdate();
}

static void
app_key(void *arg, int code, bool func)
{
	struct app *app = arg;
	const struct view *v = app->stack[app->depth - 1];

	if (func && code == KEY_RESIZE) {
		layout_windows(app);
		return;
	}
	if (!func && code == 12) {	/* Ctrl-L */
		clearok(curscr, TRUE);
		app->body_owner = NULL;	/* repaint all, so there is an update */
		app->status_last[0] = '\0';
		app->dirty = true;
		return;
	}
	if (app->statusw == NULL) {	/* too small: only quitting works */
		if (!func && code == 'q')
			app->quit = true;
		return;
	}
	if (app->prompt != NULL) {
		prompt_key_in(app, code, func);
		return;
	}
	views_apply(app, v->key(app->state[app->depth - 1], app, code, func));
}

void
app_take_messages(struct app *app)
{
	struct msg *m = msgq_take_all(app->q);

	while (m != NULL) {
		struct msg *next = m->next;
		if (app_apply_msg(app, m))
			app->dirty = true;
		if (m->kind == MSG_CALL)
			run_call(app, m);
		msgq_msg_free(m);
		m = next;
	}
}

static void
app_wake(void *arg)
{
	app_take_messages(arg);
}

static void
app_tick_at(struct app *app, int64_t now)
{
	if (now != app->now) {
		app->now = now;
		app->dirty = true;	/* uptimes move */
	}
	if (app->message_until != 0 && now >= app->message_until) {
		app->message[0] = '\0';
		app->message_until = 0;
	}
}

static void
app_tick(void *arg)
{
	app_tick_at(arg, wall_now());
}

static bool
app_done(void *arg)
{
	return ((struct app *)arg)->quit;
}

/* Quitting while a pane has work that must end first (a deploy): say so
 * on screen before the panes' fini waits for it. */
static void
say_waiting(struct app *app)
{
	char what[256];

	for (int i = app->depth - 1; i >= 0; i--) {
		const struct view *v = app->stack[i];
		if (v->busy == NULL || !v->busy(app->state[i], what, sizeof what))
			continue;
		app_message(app, 0, "%s", what);
		app_draw(app);
		return;
	}
}

int
app_run(const struct endpoint *eps, int n, const struct app_opts *opts)
{
	struct app *app = xcalloc(1, sizeof *app);
	struct watcher_opts wo = { .force_api_stats = opts->force_api_stats,
	    .stats_interval_ms = opts->cfg != NULL ? opts->cfg->refresh_ms : 0 };
	struct loop_handlers h;
	struct journal_error je;
	char dir[4096];
	bool have_dir;
	int rc = 0;

	if (n < 1 || n > APP_MAX_ENGINES) {
		fprintf(stderr, "berth: from 1 to %d engines, not %d\n", APP_MAX_ENGINES, n);
		free(app);
		return 1;
	}
	app->opts = *opts;
	if (opts->cfg != NULL) {
		app->keys = opts->cfg->keys;
	} else {
		app->own_keys = keymap_new();
		app->keys = app->own_keys;
	}
	app->events = evring_new(EVRING_DEFAULT_CAP);
	app->table = ctable_new();
	app->hist = statshist_new();
	app->q = msgq_new();
	app->now = wall_now();
	app_engines_init(app, eps, n);
	if (app->q == NULL) {
		fprintf(stderr, "berth: cannot create the wake-up pipe\n");
		rc = 1;
		goto out;
	}
	have_dir = journal_dir(opts->state_dir, dir, sizeof dir, &je) == 0;
	/* one watcher thread and one worker pool per engine: a slow or dead
	 * engine never delays the others */
	for (int i = 0; i < n; i++) {
		struct app_engine *e = &app->engines[i];
		struct watcher_sink sink = app_watcher_sink(app, i);
		struct jobs_sink jsink = app_jobs_sink(app, i);

		e->watcher = watcher_new(&e->ep, &wo, &sink);
		if (watcher_start(e->watcher) != 0) {
			fprintf(stderr, "berth: cannot start the engine watcher thread\n");
			rc = 1;
			goto out;
		}
		e->jobs = jobs_new(&e->ep, &jsink, 2, opts->read_only);
		if (e->jobs == NULL) {
			fprintf(stderr, "berth: cannot start the worker threads\n");
			rc = 1;
			goto out;
		}
		/* observed deploys and crash recovery, on their own thread */
		if (have_dir)
			e->observe = observe_new(dir, &e->ep, i, opts->read_only);
	}
	if (term_init(opts->cfg != NULL ? &opts->cfg->theme : NULL) != 0) {
		rc = 1;
		goto out;
	}
	xmalloc_set_fatal_hook(term_fini);
	layout_windows(app);
	app_push(app, &containers_view, NULL);
	{
		char warn[512];
		/* one message slot: the endpoint's security warning comes first;
		 * all config errors are printed on stderr at exit anyway */
		const char *w = NULL;
		for (int i = 0; i < n && w == NULL; i++)
			w = endpoint_warning(&eps[i], warn, sizeof warn);
		if (w != NULL)
			app_message(app, 60, "%s", warn);
		else if (opts->cfg != NULL && opts->cfg->nerrors > 0)
			app_message(app, 30, "config: %s%s", opts->cfg->errors[0],
			    opts->cfg->nerrors + opts->cfg->nerrors_dropped > 1 ?
			    " (more on exit)" : "");
	}

	h = (struct loop_handlers){
		.key = app_key, .wake = app_wake, .tick = app_tick,
		.draw = app_draw, .done = app_done,
		.wake_fd = msgq_fd(app->q), .tick_ms = 1000, .arg = app,
	};
	loop_run(&h);

	if (app->prompt != NULL) {	/* its callback owns state to release */
		struct prompt *p = app->prompt;
		app->prompt = NULL;
		if (app->prompt_done != NULL)
			app->prompt_done(app, app->prompt_arg, PROMPT_CANCEL, "");
		prompt_free(p);
	}
	say_waiting(app);
	while (app->depth > 0) {
		app->depth--;
		if (app->stack[app->depth]->fini != NULL)
			app->stack[app->depth]->fini(app->state[app->depth]);
	}
	if (app->body != NULL)
		delwin(app->body);
	if (app->statusw != NULL)
		delwin(app->statusw);
	term_release();
out:
	app_engines_free(app);
	msgq_free(app->q);
	ctable_free(app->table);
	statshist_free(app->hist);
	evring_free(app->events);
	updates_state_clear(&app->updates);
	keymap_free(app->own_keys);
	free(app);
	return rc;
}

void
app_bench_frame(struct app *app, int64_t now)
{
	if (app->body == NULL)
		layout_windows(app);
	app_take_messages(app);
	app_tick_at(app, now);
	app_draw(app);
}

/* ---------------------------------------------------------------- sinks */

/* The I/O threads' side: each sink's arg is its engine (app_engine); the
 * message is queued as filled in, about that engine. */
static void
push_engine(void *arg, struct msg fill)
{
	const struct app_engine *e = arg;
	struct msg *m = msgq_msg_new(fill.kind, e->index);

	*m = fill;
	m->engine = e->index;
	msgq_push(e->app->q, m);
}

static void
sink_conn(void *arg, bool up, const char *message, const char *version)
{
	push_engine(arg, (struct msg){ .kind = MSG_CONN, .up = up,
	    .text = xstrdup(message != NULL ? message : ""),
	    .version = version != NULL ? xstrdup(version) : NULL });
}

static void
sink_snapshot(void *arg, struct dapi_container *arr, size_t n)
{
	push_engine(arg, (struct msg){ .kind = MSG_SNAPSHOT, .containers = arr, .n = n });
}

static void
sink_container(void *arg, struct dapi_container *c)
{
	push_engine(arg, (struct msg){ .kind = MSG_CONTAINER, .container = c });
}

static void
sink_removed(void *arg, const char *id)
{
	push_engine(arg, (struct msg){ .kind = MSG_REMOVED, .text = xstrdup(id) });
}

static void
sink_synced(void *arg, size_t count)
{
	push_engine(arg, (struct msg){ .kind = MSG_SYNCED, .n = count });
}

static void
sink_stats(void *arg, struct watcher_stat *arr, size_t n)
{
	push_engine(arg, (struct msg){ .kind = MSG_STATS, .stats = arr, .n = n });
}

static void
sink_event(void *arg, struct dapi_event *ev)
{
	push_engine(arg, (struct msg){ .kind = MSG_EVENT, .event = ev });
}

struct watcher_sink
app_watcher_sink(struct app *app, int e)
{
	struct watcher_sink s = {
		.conn = sink_conn, .snapshot = sink_snapshot,
		.container = sink_container, .removed = sink_removed,
		.synced = sink_synced, .stats = sink_stats, .event = sink_event,
		.arg = app_engine(app, e) != NULL ? app_engine(app, e) : app_engine(app, 0),
	};
	return s;
}

/* UI thread: the result's own callback (app_job's checks its owner). */
static void
deliver_result(struct app *app, void *arg, void *payload)
{
	(void)app;
	(void)arg;
	jobs_result_call(payload);
}

static void
result_free(void *payload)
{
	jobs_result_free(payload);
}

/* A worker thread: to the UI thread with it. */
static void
sink_job(void *arg, struct jobs_result *r)
{
	const struct app_engine *e = arg;
	struct app_call *c = xcalloc(1, sizeof *c);

	c->fn = deliver_result;
	c->payload = r;
	c->payload_free = result_free;
	msgq_push_call(e->app->q, e->index, APP_NO_OWNER, c, call_free);
}

struct jobs_sink
app_jobs_sink(struct app *app, int e)
{
	struct jobs_sink s = { .done = sink_job,
	    .arg = app_engine(app, e) != NULL ? app_engine(app, e) : app_engine(app, 0) };
	return s;
}
