/* berth's picture of the engines' containers, keyed by (engine, id). Owned by the UI thread. */
#ifndef BERTH_CTABLE_H
#define BERTH_CTABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/identity.h"
#include "dockerapi/records.h"

struct ctable_row {
	int engine;		/* index of the engine it runs on (0 with one) */
	struct dapi_container c;
	struct identity ident;
	bool has_stats;
	struct watcher_stat st;
	unsigned gen;		/* changes with every change of this row; never reused
				 * by another row of the table (views key caches on it) */
};

struct ctable;

struct ctable *ctable_new(void);
void ctable_free(struct ctable *t);

/*
 * Every call below is about one engine's rows: `engine` is its index; ids
 * are only unique within one engine.
 *
 * Apply a full list: engine's rows not in arr are removed, the others replaced
 * (an inspected row keeps its details while the summary shows no change).
 * Moves the records out of arr (they are left cleared; the caller still
 * frees the array). Returns true if anything visible changed.
 */
bool ctable_apply_snapshot(struct ctable *t, int engine, struct dapi_container *arr, size_t n);
/* Add or replace one container; moves *c's contents. Returns true. */
bool ctable_apply_container(struct ctable *t, int engine, struct dapi_container *c);
/* Remove by id. Returns true if it was there. */
bool ctable_remove(struct ctable *t, int engine, const char *id);
/* Stats for running rows; unknown ids are ignored. Returns true if any row's
 * figures changed (the same figures again change nothing). */
bool ctable_apply_stats(struct ctable *t, int engine, const struct watcher_stat *arr, size_t n);
/* Forget engine's stats (e.g. engine down). */
void ctable_clear_stats(struct ctable *t, int engine);

size_t ctable_count(const struct ctable *t);
/* Row i in insertion order; valid until the next apply. */
struct ctable_row *ctable_at(const struct ctable *t, size_t i);
struct ctable_row *ctable_find(const struct ctable *t, int engine, const char *id);

/* Unhealthy, restarting, or exited/dead with a non-zero code. */
bool ctable_row_problem(const struct ctable_row *r);
size_t ctable_problem_count(const struct ctable *t);

#endif
