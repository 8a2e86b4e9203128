/* The dashboard's context, passed to every view (no global settings). */
#ifndef BERTH_APP_H
#define BERTH_APP_H

#include <stdbool.h>
#include <stdint.h>

#include <curses.h>

#include "dockerapi/endpoint.h"
#include "dockerapi/jobs.h"
#include "dockerapi/watcher.h"
#include "model/ctable.h"
#include "model/msgq.h"
#include "views/view.h"

#define APP_MAX_DEPTH 4

struct app_opts {
	const char *host;	/* -H, may be NULL */
	bool force_api_stats;
	bool read_only;
};

struct app {
	struct endpoint ep;
	struct app_opts opts;
	struct ctable *table;
	struct msgq *q;
	struct watcher *watcher;
	struct jobs *jobs;	/* one-off requests: actions, inspects */

	bool engine_up;
	char engine_msg[256];
	char api_version[16];
	bool synced;
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

/* Open the dashboard on ep until the user quits. Returns the exit code. UI thread. */
int app_run(const struct endpoint *ep, const struct app_opts *opts);

/* Push a view on top (e.g. help). */
void app_push(struct app *app, const struct view *v);

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
