/* Sessions on a container's terminal with berth suspended: exec (the exec pane, custom commands) and attach. */
#ifndef BERTH_EXEC_H
#define BERTH_EXEC_H

#include <stddef.h>

#include "dockerapi/endpoint.h"
#include "views/view.h"

struct app;

/*
 * Run argv[0..argc) (at most 31 words; the program is argv[0], no shell)
 * in container id on engine ep with a terminal, as the exec pane does:
 * the terminal is the command's until it ends. Call with curses left
 * (app_suspend). The outcome ("exec X exited (code N)", "exec failed:
 * ...") goes into result. Blocks. UI thread.
 */
void exec_session(const struct endpoint *ep, const char *id, const char *name,
    char *const *argv, size_t argc, char *result, size_t resultsz);

/* The detach keys when docker's config.json names none. */
#define EXEC_DETACH_KEYS "ctrl-p,ctrl-q"

/*
 * Attach the terminal to the main process of t's container (berth
 * suspended) over the hijacked /attach connection, until the user types
 * the detach keys (docker's config.json "detachKeys", from $DOCKER_CONFIG
 * or ~/.docker; else ctrl-p ctrl-q) or the process ends; then the
 * dashboard comes back with the outcome in the status bar. Detaching
 * closes the connection and sends no signal. A container with a TTY gets
 * the terminal raw and resized; one without gets its output streamed
 * (demultiplexed), and the keys reach it only if it has OpenStdin. Under
 * --read-only the session is output only and the TTY is not resized.
 * Blocks the UI thread for the session, as exec does. UI thread.
 */
void exec_attach(struct app *app, const struct target *t);

#endif
