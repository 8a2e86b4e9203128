/* Container lifecycle actions: read-only check, confirmation, request, result. */
#ifndef BERTH_ACTIONS_H
#define BERTH_ACTIONS_H

#include <stdbool.h>

#include "dockerapi/jobs.h"
#include "keymaps/keymap.h"
#include "model/ctable.h"

struct app;

/*
 * Begin action a (KA_START_STOP, KA_RESTART, KA_PAUSE, KA_KILL,
 * KA_REMOVE) on row r (may be NULL: "no container selected"). In
 * read-only mode it only says so. Destructive actions open a prompt (the
 * service's name must be typed on a protected branch); the request goes
 * to app->jobs once confirmed, with progress in the status bar. Copies
 * what it needs from r. Returns VIEW_* bits. UI thread.
 */
int actions_begin(struct app *app, enum keymap_action a, const struct ctable_row *r);

/* If r is an action's result, report it in the status bar and return
 * true (r stays the caller's). UI thread. */
bool actions_job_done(struct app *app, const struct jobs_result *r);

#endif
