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
#include "views/actions.h"
#include "views/swarmviews.h"
#include "tui/sanitize.h"
#include "tui/term.h"
#include "xmalloc.h"

#define MIN_LINES 3
#define MIN_COLS 16

static int64_t
wall_now(void)
{
	return (int64_t)time(NULL);
}

bool
app_apply_msg(struct app *app, struct msg *m)
{
	switch (m->kind) {
	case MSG_CONN:
		app->engine_up = m->up;
		snprintf(app->engine_msg, sizeof app->engine_msg, "%s", m->text);
		if (m->version != NULL)
			snprintf(app->api_version, sizeof app->api_version, "%s", m->version);
		if (!m->up)
			ctable_clear_stats(app->table);
		return true;
	case MSG_SNAPSHOT:
		return ctable_apply_snapshot(app->table, m->containers, m->n);
	case MSG_CONTAINER:
		if (app->observe != NULL)
			return observe_apply_container(app->observe, app->table, m->container);
		return ctable_apply_container(app->table, m->container);
	case MSG_REMOVED:
		if (app->hist != NULL)
			statshist_remove(app->hist, m->text);
		if (app->observe != NULL)
			observe_removed(app->observe, app->table, m->text);
		return ctable_remove(app->table, m->text);
	case MSG_SYNCED:
		app->synced = true;
		return true;
	case MSG_STATS:
		if (app->hist != NULL)
			statshist_add(app->hist, m->stats, m->n);
		return ctable_apply_stats(app->table, m->stats, m->n);
	case MSG_EVENT:
		if (app->events == NULL || m->event == NULL)
			return false;
		evring_push(app->events, m->event);
		/* only the events pane shows them; the container change that
		 * came with the event arrives as its own message */
		return app->depth > 0 && app->stack[app->depth - 1] == &events_view;
	case MSG_JOB:
	case MSG_LOGS:
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

/* Offer a finished job to the views, top of the stack first. */
static void
dispatch_job(struct app *app, const struct jobs_result *r)
{
	for (int i = app->depth - 1; i >= 0; i--) {
		const struct view *v = app->stack[i];
		int res;
		if (v->job == NULL)
			continue;
		res = v->job(app->state[i], app, r);
		if (res & VIEW_REDRAW)
			app->dirty = true;
		if (res & VIEW_HANDLED)
			break;
	}
}

/* Offer a stream message (logs) to the views, top of the stack first. */
static void
dispatch_stream(struct app *app, const struct msg *m)
{
	for (int i = app->depth - 1; i >= 0; i--) {
		const struct view *v = app->stack[i];
		int res;
		if (v->stream == NULL)
			continue;
		res = v->stream(app->state[i], app, m);
		if (res & VIEW_REDRAW)
			app->dirty = true;
		if (res & VIEW_HANDLED)
			break;
	}
}

void
app_push(struct app *app, const struct view *v)
{
	if (app->depth >= APP_MAX_DEPTH)
		return;
	app->stack[app->depth] = v;
	app->state[app->depth] = v->init != NULL ? v->init(app) : NULL;
	app->depth++;
	app->dirty = true;
}

static void
app_pop(struct app *app)
{
	if (app->depth <= 1)
		return;
	app->depth--;
	if (app->stack[app->depth]->fini != NULL)
		app->stack[app->depth]->fini(app->state[app->depth]);
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

static void
draw_status(struct app *app)
{
	char state[300], right[512], line[1200], safe[1200], fit[1200];
	const struct view *v = app->stack[app->depth - 1];
	bool utf8 = sanitize_get_utf8();
	attr_t attr;

	/* Most important first: at 80 columns the tail (the address) is cut. */
	if (app->engine_up)
		snprintf(state, sizeof state, "%s connected", utf8 ? "\u25cf" : "*");
	else
		snprintf(state, sizeof state, "%s disconnected (%s) - retrying", utf8 ? "\u2716" : "x",
		    app->engine_msg[0] ? app->engine_msg : "engine down: connecting");
	right[0] = '\0';
	if (v->status != NULL)
		v->status(app->state[app->depth - 1], app, right, sizeof right);
	snprintf(line, sizeof line, " %s%s%s | %s | %s API %s",
	    app->message, app->message[0] ? " | " : "", state, right, app->ep.url,
	    app->api_version[0] ? app->api_version : "?");
	sanitize_into(line, strlen(line), safe, sizeof safe);
	sanitize_fit(safe, app->cols, fit, sizeof fit);
	attr = term_attr(app->engine_up ? TR_STATUS : TR_STATUS_BAD);
	/* the same line again: leave it untouched, so doupdate skips it */
	if (app->status_last[0] != '\0' && attr == app->status_attr &&
	    strcmp(fit, app->status_last) == 0)
		return;
	snprintf(app->status_last, sizeof app->status_last, "%s", fit);
	app->status_attr = attr;
	wbkgdset(app->statusw, ' ' | attr);
	werase(app->statusw);
	mvwaddstr(app->statusw, 0, 0, fit);
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
		char fit[64];
		app->body_owner = NULL;
		sanitize_fit("terminal too small", app->cols, fit, sizeof fit);
		mvwaddstr(app->body, 0, 0, fit);
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
	int r;

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
	r = v->key(app->state[app->depth - 1], app, code, func);
	if (r & VIEW_REDRAW)
		app->dirty = true;
	if (r & VIEW_BACK)
		app_pop(app);
	if (r & VIEW_QUIT)
		app->quit = true;
}

static void
app_wake(void *arg)
{
	struct app *app = arg;
	struct msg *m = msgq_take_all(app->q);

	while (m != NULL) {
		struct msg *next = m->next;
		if (app_apply_msg(app, m))
			app->dirty = true;
		if (m->kind == MSG_JOB && !actions_job_done(app, m->job) &&
		    !services_job_done(app, m->job))
			dispatch_job(app, m->job);
		else if (m->kind == MSG_LOGS)
			dispatch_stream(app, m);
		msgq_msg_free(m);
		m = next;
	}
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

int
app_run(const struct endpoint *ep, const struct app_opts *opts)
{
	struct app *app = xcalloc(1, sizeof *app);
	struct watcher_opts wo = { .force_api_stats = opts->force_api_stats,
	    .stats_interval_ms = opts->cfg != NULL ? opts->cfg->refresh_ms : 0 };
	struct watcher_sink sink;
	struct jobs_sink jsink;
	struct loop_handlers h;
	struct journal_error je;
	char dir[4096];
	int rc = 0;

	endpoint_copy(&app->ep, ep);
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
	if (app->q == NULL) {
		fprintf(stderr, "berth: cannot create the wake-up pipe\n");
		rc = 1;
		goto out;
	}
	sink = msgq_sink(app->q);
	app->watcher = watcher_new(ep, &wo, &sink);
	if (watcher_start(app->watcher) != 0) {
		fprintf(stderr, "berth: cannot start the engine watcher thread\n");
		rc = 1;
		goto out;
	}
	jsink = msgq_jobs_sink(app->q);
	app->jobs = jobs_new(ep, &jsink, 2, opts->read_only);
	if (app->jobs == NULL) {
		fprintf(stderr, "berth: cannot start the worker threads\n");
		rc = 1;
		goto out;
	}
	/* observed deploys and crash recovery, on their own thread */
	if (journal_dir(opts->state_dir, dir, sizeof dir, &je) == 0)
		app->observe = observe_new(dir, ep, opts->read_only);
	if (term_init(opts->cfg != NULL && opts->cfg->mono) != 0) {
		rc = 1;
		goto out;
	}
	xmalloc_set_fatal_hook(term_fini);
	layout_windows(app);
	app_push(app, &containers_view);
	{
		char warn[512];
		/* one message slot: the endpoint's security warning comes first;
		 * all config errors are printed on stderr at exit anyway */
		if (endpoint_warning(ep, warn, sizeof warn) != NULL)
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
	observe_free(app->observe);
	jobs_free(app->jobs);
	watcher_free(app->watcher);
	msgq_free(app->q);
	ctable_free(app->table);
	statshist_free(app->hist);
	evring_free(app->events);
	keymap_free(app->own_keys);
	endpoint_clear(&app->ep);
	free(app);
	return rc;
}

void
app_bench_frame(struct app *app, int64_t now)
{
	if (app->body == NULL)
		layout_windows(app);
	app_wake(app);
	app_tick_at(app, now);
	app_draw(app);
}
