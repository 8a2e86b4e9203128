/* Placeholders in a custom command's arguments: {id} {name} {label:KEY} ..., substituted without a shell. */
#ifndef BERTH_CMDTMPL_H
#define BERTH_CMDTMPL_H

#include <stddef.h>

/*
 * Check one argument of a `command` line: every {word} in it must be a
 * placeholder (id short-id name image engine service branch commit port,
 * or label:KEY); "{{" is a literal '{'; a '{' not followed by a
 * lower-case word and '}' ({print $1}) is literal. Returns 0, or -1 with
 * a message in err. Pure.
 */
int cmdtmpl_check(const char *arg, char *err, size_t errsz);

/*
 * arg with each placeholder replaced by get(ctx, name) (name is "id",
 * "label:note", ...; NULL from get: the empty string). The value is
 * copied as it is: it never becomes more than the one argument it is in,
 * and nothing in it is interpreted. Returns a new string (free it). An
 * argument cmdtmpl_check refuses is copied with its bad placeholders
 * left as written. Pure.
 */
char *cmdtmpl_expand(const char *arg, const char *(*get)(void *ctx, const char *name),
    void *ctx);

#endif
