/* Custom commands (the config's `command` lines) run for the selected or marked containers. */
#ifndef BERTH_RUNCMD_H
#define BERTH_RUNCMD_H

#include <stddef.h>

#include "keymaps/config.h"
#include "model/ctable.h"

struct app;

/*
 * Run cmd once for each of rows[0..n) in turn (n 0: "no container
 * selected"), its placeholders filled from the row, each one argument.
 * Without --in-container berth leaves curses, runs the program by
 * execvp on this host, shows its exit status and comes back after a key
 * (--no-wait: at once); with it, the command runs in the row's container
 * through the exec API. Refused under --read-only (a command may change
 * anything). The last outcome goes to the status bar. Returns VIEW_*
 * bits. Blocks while the command runs. UI thread.
 */
int runcmd_start(struct app *app, const struct config_command *cmd,
    const struct ctable_row *const *rows, size_t n);

/* runcmd_start for the command bound as action a (KA_CUSTOM + n) in
 * app's config; nothing for another action. UI thread. */
int runcmd_action(struct app *app, enum keymap_action a,
    const struct ctable_row *const *rows, size_t n);

#endif
