/* The projects pane's actions: container actions on many at once, project redeploy, compose runs. */
#ifndef BERTH_PROJACTS_H
#define BERTH_PROJACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "keymaps/keymap.h"
#include "model/projects.h"
#include "views/app.h"

#define PROJACTS_NOUT 200	/* output lines kept: progress, compose's output */

struct projacts_bulk;
struct projacts_unit;
struct compose;

/* The actions' state, embedded in the pane's (it must not move: the
 * runner, compose's thread and the jobs point at it). Set up with
 * projacts_init; the fields are the module's, apart from out/nout,
 * which the pane draws. */
struct projacts {
	struct app *app;
	unsigned self;		/* the pane (app_owner) */
	char out[PROJACTS_NOUT][240];	/* raw lines, oldest first; the gate sanitizes */
	size_t nout;
	struct projacts_bulk *bulk;
	struct compose *compose;
	char dir[1024];		/* the journal's */
	struct runner *w;
	struct app_runner_link link;
	struct projacts_unit *units;
	size_t nunits, unit;
};

/* What the cursor is on: a project, one of its services, or one container. */
struct projacts_sel {
	const struct projects_entry *e;
	const char *service;		/* NULL: the whole project */
	const struct ctable_row *one;	/* NULL: every container of e / service */
	struct ctable_row *const *rows;	/* the selection's containers (app's table) */
	size_t n;
	const char *what;		/* "project shop", "service shop/web", ... */
};

/* Set pa up for the pane whose id is self. UI thread. */
void projacts_init(struct projacts *pa, struct app *app, unsigned self);

/* Wait for a redeploy to finish (it is never abandoned), stop compose,
 * let the jobs' answers go to the status bar only. UI thread. */
void projacts_fini(struct projacts *pa);

/*
 * Begin action a on the selection s: KA_START_STOP (stop what runs, or
 * start a stopped selection), KA_RESTART, KA_KILL, KA_REMOVE (one
 * confirmation for all, through views/confirm.c with the targets listed,
 * then one request per container, progress per container in the status
 * bar and the output), KA_REDEPLOY (each container's unit in turn with
 * the deploy runner, stopping at the first failure), KA_COMPOSE_UP,
 * _DOWN (confirmed), _PULL (compose by execve on a thread, its output in
 * pa->out). --read-only refuses them all. Returns VIEW_* bits, or
 * VIEW_IGNORED for any other action. UI thread.
 */
int projacts_key(struct projacts *pa, struct app *app, enum keymap_action a,
    const struct projacts_sel *s);

/* Append a line to the output (printf-style). UI thread. */
void projacts_out(struct projacts *pa, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* What is running, for the status line: "redeploying", "compose running"
 * or "" (static). UI thread. */
const char *projacts_state(const struct projacts *pa);

/* The pane's busy(): a running redeploy's line. UI thread. */
bool projacts_busy(const struct projacts *pa, char *buf, size_t n);

/*
 * `berth projects --json`: app->table's compose projects (model/projects)
 * as a JSON array of {"name", "running", "total", "problem", "engines":
 * [names], "services": [{"name", "running", "total", "problem"}],
 * "config_files", "working_dir"} (strings that are not UTF-8, and absent
 * labels, are null). New reference. Any thread that owns app.
 */
struct json_t *projacts_json(struct app *app);

/* `berth projects`: the same as a table on f, a line per project
 * (problems marked '!'), engine text sanitized. Any thread that owns app. */
void projacts_print(struct app *app, FILE *f);

#endif
