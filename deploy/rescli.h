/* berth images | volumes | networks | df | prune: the resource commands for people and scripts. */
#ifndef BERTH_RESCLI_H
#define BERTH_RESCLI_H

#include <stddef.h>

#include "dockerapi/dapi.h"

/*
 * If argv names one of the resource commands (its first word, found as
 * deploy/cli.c finds it), run it with its own options and return its exit
 * status (0 ok, 1 error, 2 usage); otherwise return -1 and touch nothing.
 * Engine strings printed as tables go through safe_dup (a new string the
 * caller frees), as in cli_main. Main thread; blocks.
 */
int rescli_main(int argc, char **argv, char *(*safe_dup)(const char *s, size_t len));

/* The usage lines of these commands, for berth --help. */
const char *rescli_usage(void);

#endif
