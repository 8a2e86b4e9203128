/* The dashboard's context, passed to every view (no global settings). */
#ifndef BERTH_APP_H
#define BERTH_APP_H

#include <stdbool.h>
#include <stdint.h>

#include <curses.h>

#include "dockerapi/endpoint.h"
#include "dockerapi/jobs.h"
#include "dockerapi/watcher.h"
#include "keymaps/config.h"
#include "keymaps/keymap.h"
#include "model/ctable.h"
#include "model/evring.h"
#include "model/msgq.h"
#include "model/statshist.h"
#include "model/updates.h"
#include "tui/prompt.h"
#include "deploy/observe.h"
#include "deploy/runner.h"
#include "views/view.h"

#define APP_MAX_DEPTH 4
#define APP_MAX_ENGINES MSGQ_MAX_ENGINES

/* One watched engine: its thread, its workers and what is known of it. */
struct app_engine {
	struct app *app;	/* the one it belongs to, and its index there */
	int index;		/* (what its sinks tag their messages with) */
	struct endpoint ep;	/* ep.name is unique among the engines */
	struct watcher *watcher;
	struct jobs *jobs;	/* one-off requests to it: actions, inspects */
	struct observe *observe; /* observed deploys -> journal (NULL in berth ps) */
	bool up;
	bool synced;		/* its first list is in and inspected */
	char msg[256];		/* the watcher's last connection message (raw) */
	char api_version[16];
};

struct app_opts {
	bool force_api_stats;
	bool read_only;		/* --read-only or `set read-only true` */
	size_t log_lines;	/* logs pane ring size; 0 = default */
	const struct config *cfg;	/* keys and options; NULL = defaults */
	int default_sort;	/* an enum rowsel_key, -1 = the pane's default */
	const char *state_dir;	/* --state-dir, may be NULL (see journal_dir) */
};

struct app {
	struct app_engine *engines;	/* in the order given; rows carry the index */
	int nengines;
	struct app_opts opts;
	struct ctable *table;
	struct msgq *q;
	struct statshist *hist;	/* stats history for the detail graphs */
	const struct keymap *keys;	/* from opts.cfg, or the defaults */
	struct keymap *own_keys;	/* the defaults when there is no cfg */
	struct evring *events;	/* recent engine events (NULL in `berth ps`) */

	struct prompt *prompt;	/* modal, on top of the pane; NULL if none */
	/* runs once when the prompt closes: the answer and the typed text */
	void (*prompt_done)(struct app *app, void *arg, enum prompt_result res,
	    const char *text);
	void *prompt_arg;
	struct lineedit_history cmd_history;	/* the ':' line's (views/cmdline.c) */
	struct updates_state updates;	/* newer-image checks (views/updcheck.c) */

	bool synced;		/* every engine has synced once */
	int64_t now;		/* wall clock seconds, refreshed each tick */

	WINDOW *body, *statusw;
	int lines, cols;
	bool dirty;
	bool body_fresh;	/* body erased for this draw: keeps_body views repaint all */
	const void *body_owner;	/* view state that drew the body last */
	char status_last[1200];	/* the status line as drawn, "" = repaint */
	attr_t status_attr;
	bool quit;
	char message[256];	/* transient status text (raw; sanitized when drawn) */
	int64_t message_until;	/* wall seconds; 0 = until replaced */

	const struct view *stack[APP_MAX_DEPTH];
	void *state[APP_MAX_DEPTH];
	unsigned owner[APP_MAX_DEPTH];	/* each pane's id (app_owner) */
	int depth;
	unsigned next_owner;	/* the last id given */
	unsigned pushing;	/* the id of the pane being initialised, or 0 */
};

/* The owner of work that belongs to no pane: never dropped. */
#define APP_NO_OWNER 0u

/* Open the dashboard on the n engines eps[] (1 <= n <= APP_MAX_ENGINES; names
 * unique) until the user quits. Returns the exit code. UI thread. */
int app_run(const struct endpoint *eps, int n, const struct app_opts *opts);

/* Engine e, or NULL if there is no such engine. */
struct app_engine *app_engine(struct app *app, int e);

/* Engine e's display name (raw: sanitize before drawing); "?" if none. */
const char *app_engine_name(const struct app *app, int e);

/* Make app->engines for n endpoints (copied), nothing started; each
 * knows app and its index (for app_watcher_sink and app_jobs_sink, which
 * push onto app->q: set it before any thread starts). For `berth ps` and
 * the bench; app_run does it itself. */
void app_engines_init(struct app *app, const struct endpoint *eps, int n);
/* Stop and free every engine's threads and the array. NULL-safe parts. */
void app_engines_free(struct app *app);

/* Push a view on top with its argument (NULL or the pane's own struct,
 * e.g. &(struct target){ engine, id }; see view.h): v->init(app, arg)
 * copies what it keeps. At most APP_MAX_DEPTH panes. UI thread. */
void app_push(struct app *app, const struct view *v, const void *arg);

/* Close the top pane (never the last): its fini runs, and every answer
 * still on its way to it is dropped from now on. UI thread. */
void app_pop(struct app *app);

/*
 * The id of the open pane whose state is st, for app_job and app_post.
 * Ids are unique per push and never reused, so an answer for a pane
 * that has closed is recognised as such, even if a new pane has the same
 * address. Inside a view's init(), st is the state being made (not yet
 * on the stack) and gets the new pane's id. For any other st: an id no
 * pane has (what is sent to it is dropped). UI thread.
 */
unsigned app_owner(struct app *app, const void *st);

/*
 * Submit a request to engine `engine`'s worker pool (dockerapi/jobs.h:
 * method NULL = GET, path without the version prefix, body JSON or NULL,
 * timeout_ms 0 = default). Never blocks. on_done(app, arg, r) runs
 * later on the UI thread, from the queue, exactly once, unless `owner`
 * (app_owner; APP_NO_OWNER: none) has closed by then: the answer is then
 * dropped and on_done is not called. arg_free(arg) (may be NULL) runs
 * exactly once in every case, after on_done or instead of it. r is only
 * valid during on_done. The dashboard redraws after on_done.
 * Returns the job id, or 0 if the engine has no pool (arg_free has run).
 * UI thread.
 */
unsigned app_job(struct app *app, int engine, unsigned owner, const char *method,
    const char *path, const char *body, long timeout_ms,
    void (*on_done)(struct app *app, void *arg, const struct jobs_result *r),
    void *arg, void (*arg_free)(void *arg));

/*
 * Run fn(app, arg, payload) on the UI thread, from the queue, for the
 * pane `owner` (app_owner, taken on the UI thread beforehand;
 * APP_NO_OWNER: none). If the owner has closed when the message is
 * taken, fn is not called. Either way payload_free(payload) (may be
 * NULL) runs once afterwards; arg is never freed here (keep it alive
 * while the owner is open, e.g. the pane's state). The dashboard redraws
 * after fn. How a thread of a pane's own (the logs follower, a deploy
 * runner) hands typed results to the pane that started it. Any thread.
 */
void app_post(struct app *app, unsigned owner,
    void (*fn)(struct app *app, void *arg, void *payload), void *arg,
    void *payload, void (*payload_free)(void *payload));

/* Take every queued message: apply each to the model, run the callbacks
 * whose owner is still open (app_job, app_post), free the rest. What the
 * main loop does when the queue's fd is readable. UI thread. */
void app_take_messages(struct app *app);

/* A watcher sink that pushes every callback onto app->q as a message
 * tagged with engine e (made by app_engines_init). Its callbacks run on
 * the watcher thread. */
struct watcher_sink app_watcher_sink(struct app *app, int e);

/* A jobs sink that queues each result onto app->q for the UI thread,
 * where app_take_messages calls its callback (jobs_result_call). */
struct jobs_sink app_jobs_sink(struct app *app, int e);

/*
 * Leave curses, run fn(arg) with the terminal as it was before berth
 * started (e.g. an exec session), then restore the dashboard completely:
 * re-read the size, re-lay out the windows and repaint everything. UI thread.
 */
void app_suspend(struct app *app, void (*fn)(void *arg), void *arg);

/* A deploy runner's event (deploy/runner.h), copied for the UI thread. */
struct app_deploy_event {
	unsigned long run;	/* the run it is about (runner_id) */
	int kind;		/* an enum runner_event_kind */
	bool ok;
	char *step, *text, *id;	/* never NULL */
};

/* A runner sink's arg, filled by the pane: keep it in the pane's state,
 * which outlives the runner (the pane's fini calls runner_free). */
struct app_runner_link {
	struct app *app;
	unsigned owner;		/* the pane (app_owner) */
	void (*fn)(struct app *app, void *arg, const struct app_deploy_event *ev);
	void *arg;
};

/*
 * A deploy runner's sink for the pane behind link: each event is copied
 * on the runner's thread and comes back on the UI thread as
 * link->fn(app, link->arg, ev) through app_post (ev is valid during the
 * call only); once the pane has closed, its events are dropped. UI thread.
 */
struct runner_sink app_runner_sink(struct app_runner_link *link);

/*
 * Show p over the pane (takes it) and send every key to it until it
 * closes; then done(app, arg, answer, text) runs once (it may open the
 * next prompt). If berth quits first, done gets PROMPT_CANCEL. UI thread.
 */
void app_prompt(struct app *app, struct prompt *p,
    void (*done)(struct app *app, void *arg, enum prompt_result res, const char *text),
    void *arg);

/* Show a transient message in the status bar for `secs` seconds (0 = until
 * replaced). printf-style. UI thread. */
void app_message(struct app *app, int secs, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Apply one watcher message to the model (shared with `berth ps`).
 * Returns true if anything visible changed. */
bool app_apply_msg(struct app *app, struct msg *m);

/* For bench/replay.c: one turn of the main loop by hand, on the current
 * curses screen (windows are made on the first call): apply the queued
 * messages, set the clock to `now` (wall seconds), draw if anything changed. */
void app_bench_frame(struct app *app, int64_t now);

#endif
