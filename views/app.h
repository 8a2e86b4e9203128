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
#include "tui/prompt.h"
#include "deploy/observe.h"
#include "deploy/runner.h"
#include "views/view.h"

#define APP_MAX_DEPTH 4
#define APP_MAX_ENGINES MSGQ_MAX_ENGINES

/* One watched engine: its thread, its workers and what is known of it. */
struct app_engine {
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
	char target_id[65];	/* the container a pushed pane is about */
	int target_engine;	/* and its engine */
	const struct keymap *keys;	/* from opts.cfg, or the defaults */
	struct keymap *own_keys;	/* the defaults when there is no cfg */
	struct evring *events;	/* recent engine events (NULL in `berth ps`) */

	struct prompt *prompt;	/* modal, on top of the pane; NULL if none */
	/* runs once when the prompt closes: the answer and the typed text */
	void (*prompt_done)(struct app *app, void *arg, enum prompt_result res,
	    const char *text);
	void *prompt_arg;

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
	int depth;
};

/* Open the dashboard on the n engines eps[] (1 <= n <= APP_MAX_ENGINES; names
 * unique) until the user quits. Returns the exit code. UI thread. */
int app_run(const struct endpoint *eps, int n, const struct app_opts *opts);

/* Engine e, or NULL if there is no such engine. */
struct app_engine *app_engine(struct app *app, int e);

/* Engine e's display name (raw: sanitize before drawing); "?" if none. */
const char *app_engine_name(const struct app *app, int e);

/* Make app->engines for n endpoints (copied), nothing started. For
 * `berth ps` and the bench; app_run does it itself. */
void app_engines_init(struct app *app, const struct endpoint *eps, int n);
/* Stop and free every engine's threads and the array. NULL-safe parts. */
void app_engines_free(struct app *app);

/* Push a view on top (e.g. help). */
void app_push(struct app *app, const struct view *v);

/*
 * Leave curses, run fn(arg) with the terminal as it was before berth
 * started (e.g. an exec session), then restore the dashboard completely:
 * re-read the size, re-lay out the windows and repaint everything. UI thread.
 */
void app_suspend(struct app *app, void (*fn)(void *arg), void *arg);

/*
 * A deploy runner's sink for a pane: each event comes back on the UI
 * thread as a MSG_DEPLOY, offered to the panes' stream() (m->deploy; a
 * pane takes the ones whose run is its runner's id). UI thread.
 */
struct runner_sink app_runner_sink(struct app *app);

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
