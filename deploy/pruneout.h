/* A prune's report for berth prune and berth deploy --keep: lines for people, JSON for scripts. */
#ifndef BERTH_PRUNEOUT_H
#define BERTH_PRUNEOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "deploy/prune.h"
#include "dockerapi/dapi.h"

/* What makes engine text safe for the terminal (tui/sanitize's
 * sanitize_dup, from berth.c); set before anything is printed. Main thread. */
void pruneout_set_safe(char *(*safe_dup)(const char *s, size_t len));

/* printf one line of engine text, made safe, to f (stdout, stderr). */
void pruneout_say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A JSON string of s even when it is not UTF-8 (journal_json_string). */
json_t *pruneout_str(const char *s);
/* Print v compactly on one line and drop it. */
void pruneout_print_json(json_t *v);

/*
 * Print plan: each item kept with its reason; with dry, each that would
 * go and the space it would free; otherwise remove them on c
 * (prunerun_apply), printing each, and the space reclaimed as /system/df
 * measures it before and after. json: one object instead ({"dry_run",
 * "removed" | "would_remove", "kept", "failed", "reclaimed" |
 * "would_reclaim"}). Returns 0, or 1 when a removal failed. Blocks.
 */
int pruneout_run(struct dapi_client *c, const struct prune_plan *plan, bool dry, bool json);

/*
 * berth deploy --keep N: after a successful deploy of (service, branch)
 * on c (engine: the endpoint's URL), remove that unit's images that no
 * container uses and that its rollback does not need (keep N; see
 * deploy/prune.h), printing each and the space reclaimed. Returns 0, 1
 * when a removal failed, -1 when it could not plan. Blocks.
 */
int pruneout_deploy_keep(struct dapi_client *c, const char *dir, const char *engine,
    const char *service, const char *branch, int keep,
    char *(*safe_dup)(const char *s, size_t len));

#endif
