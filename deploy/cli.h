/* berth deploy | history | rollback | recover: the deploy commands for CI and scripts. */
#ifndef BERTH_CLI_H
#define BERTH_CLI_H

#include <stddef.h>

/*
 * If argv names one of the deploy commands (the first word that is not an
 * option or an option's argument), run it with its own option parsing and
 * return its exit status; otherwise return -1 and touch nothing. Main
 * thread; blocks for the whole deploy.
 *
 * Every engine string it prints goes through safe_dup (berth.c passes
 * tui/sanitize.h's sanitize_dup, so that deploy/ needs nothing of tui/),
 * which returns a new string the caller frees.
 *
 * Exit status: 0 success (or nothing to do), 1 error before anything was
 * touched (engine, journal, lock, image missing), 2 usage, 3 deploy failed
 * and was rolled back, 4 deploy failed and the rollback failed too.
 */
int cli_main(int argc, char **argv, char *(*safe_dup)(const char *s, size_t len));

/* The command word of argv: the first argument that is neither an option
 * nor the value of -H, --host, --state-dir or --keep; NULL if none. Pure. */
const char *cli_command(int argc, char **argv);

/* The usage lines of these commands, for berth --help. */
const char *cli_usage(void);

#endif
