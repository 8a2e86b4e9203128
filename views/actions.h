/* Container lifecycle actions: read-only check, confirmation, request, result. */
#ifndef BERTH_ACTIONS_H
#define BERTH_ACTIONS_H

#include <stdbool.h>

#include "keymaps/keymap.h"
#include "model/ctable.h"

struct app;

/*
 * Begin action a (KA_START_STOP, KA_RESTART, KA_PAUSE, KA_KILL,
 * KA_REMOVE) on row r (may be NULL: "no container selected"). In
 * read-only mode it only says so. Destructive actions open a prompt (the
 * service's name must be typed on a protected branch); the request goes
 * to the row's engine once confirmed (app_job), with progress and the
 * answer in the status bar. Copies
 * what it needs from r. Returns VIEW_* bits. UI thread.
 */
int actions_begin(struct app *app, enum keymap_action a, const struct ctable_row *r);

/*
 * The same for the rows[0..n) (the marked rows; n 0: "no container
 * selected"): each row's own operation (s stops the running, starts the
 * stopped), rows it does not apply to are skipped with the reason in the
 * status bar, ONE confirmation lists the rest (the protected-branch rule
 * once for the set), and progress is counted per row ("stopping 2/3...",
 * "stopped web-1 (2/3)"). With n 1 it is actions_begin. Copies what it
 * needs. Returns VIEW_* bits. UI thread.
 */
int actions_begin_many(struct app *app, enum keymap_action a,
    const struct ctable_row *const *rows, size_t n);

#endif
