/* The exec pane's session, for the other callers that run a command in a container (custom commands). */
#ifndef BERTH_EXEC_H
#define BERTH_EXEC_H

#include <stddef.h>

#include "dockerapi/endpoint.h"

/*
 * Run argv[0..argc) (at most 31 words; the program is argv[0], no shell)
 * in container id on engine ep with a terminal, as the exec pane does:
 * the terminal is the command's until it ends. Call with curses left
 * (app_suspend). The outcome ("exec X exited (code N)", "exec failed:
 * ...") goes into result. Blocks. UI thread.
 */
void exec_session(const struct endpoint *ep, const char *id, const char *name,
    char *const *argv, size_t argc, char *result, size_t resultsz);

#endif
