/* Running a prune: gather the engine's lists and the journal, plan (deploy/prune.c), remove, measure. Blocking. */
#ifndef BERTH_PRUNERUN_H
#define BERTH_PRUNERUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deploy/journal.h"
#include "deploy/prune.h"
#include "dockerapi/dapi.h"
#include "dockerapi/resources.h"

/* Everything a plan is made from; owned here. */
struct prunerun_data {
	struct resources_image *images;
	size_t nimages;
	struct resources_user *users;
	size_t nusers;
	struct resources_volume *volumes;
	size_t nvolumes;
	struct resources_network *networks;
	size_t nnetworks;
	struct resources_df df;
	bool have_df;
	struct journal_history h;
};

/*
 * GET the containers (always), the images, volumes and networks when
 * asked, and /system/df (d->have_df says whether it answered) from c
 * into d (free with prunerun_data_clear). Returns 0, or -1 with err.
 * Blocks; never the UI thread.
 */
int prunerun_gather(struct dapi_client *c, bool images, bool volumes, bool networks,
    struct prunerun_data *d, char *err, size_t errsz);

/*
 * GET the images, containers, volumes, networks (only what o asks for)
 * and /system/df from c (pinged), and fold the journal of state dir
 * `dir` for engine (the endpoint's URL, as the journal records it).
 * Then *plan is the plan of o (prune_plan_make). Returns 0, or -1 with
 * err (nothing planned). Blocks on the engine and the file system: never
 * on the UI thread. Free d with prunerun_data_clear, plan with
 * prune_plan_clear.
 */
int prunerun_plan(struct dapi_client *c, const char *dir, const char *engine,
    const struct prune_opts *o, struct prunerun_data *d, struct prune_plan *plan,
    char *err, size_t errsz);
void prunerun_data_clear(struct prunerun_data *d);

/* Called once per item that goes, after its removal: rc 0, or -1 with
 * the engine's message (a 409 says what uses it; a 404 counts as gone). */
typedef void prunerun_say(void *arg, const struct prune_item *it, int rc, const char *msg);

/*
 * Remove every item of plan that goes (containers, then images, volumes,
 * networks), on c: DELETE /containers/{id}, /images/{tag} for each tag
 * (/images/{id} for an untagged one), /volumes/{name}, /networks/{id};
 * never forced. Returns how many failed. Blocks; not the UI thread.
 */
size_t prunerun_apply(struct dapi_client *c, const struct prune_plan *plan,
    prunerun_say *say, void *arg);

/* The bytes /system/df counts (image layers + containers' writable
 * layers + volumes), or -1 when it cannot be asked. Blocks. */
int64_t prunerun_df_total(struct dapi_client *c);

/* The DELETE path of one image reference or id, percent-encoded (a
 * tag: noprune off, so its dangling parents go with it). Pure. */
int prunerun_path_image(char *buf, size_t sz, const char *ref);

/* ---------------------------------------------------------------- on a thread */

/* What a background plan or apply hands back. */
struct prunerun_snapshot {
	int rc;			/* 0, or -1 with err */
	char err[512];
	struct prunerun_data d;	/* a plan's lists (empty after an apply) */
	struct prune_plan plan;	/* the plan made, or the plan applied */
	bool applied;
	size_t failed;		/* an apply's failed removals */
	char first_error[300];	/* the first failure's engine message */
	int64_t reclaimed;	/* an apply's bytes freed (/system/df before - after), -1 unknown */
};
/* Free a struct prunerun_snapshot (a void * so it can be a payload's free). NULL-safe. */
void prunerun_snapshot_free(void *s);

/* done(arg, s) runs once on the worker thread with s, which it takes. */
typedef void prunerun_done(void *arg, struct prunerun_snapshot *s);

/*
 * What a pane's background work answers through: while the gate is open
 * a worker's done runs; once prunerun_gate_close has run, a worker that
 * finishes later drops its snapshot and free()s its arg instead, so
 * nothing of the pane (or the app) is touched after it closed.
 */
struct prunerun_gate;
struct prunerun_gate *prunerun_gate_new(void);
/* Wait up to wait_ms for the gate's workers to finish, then close it and
 * let go of it (the last worker frees it). UI thread (a pane's fini). */
void prunerun_gate_close(struct prunerun_gate *g, long wait_ms);

/*
 * For a worker of the caller's own (e.g. views/imgpull.c's pull thread):
 * prunerun_gate_hold counts it in g before it starts (UI thread); then
 * prunerun_gate_call runs fn(arg) on the worker only while g is open
 * (under g's lock, so a close waits for the call) and says whether it
 * ran; prunerun_gate_release, once, when the worker is done with g
 * (the last reference frees it). Any thread.
 */
void prunerun_gate_hold(struct prunerun_gate *g);
/* Close g to its workers now (prunerun_gate_call no longer runs), without
 * letting go of it: prunerun_gate_close still follows (and waits). And
 * whether that has happened (a worker's cue to give up). Any thread. */
void prunerun_gate_stop(struct prunerun_gate *g);
bool prunerun_gate_stopped(struct prunerun_gate *g);
bool prunerun_gate_call(struct prunerun_gate *g, void (*fn)(void *arg), void *arg);
void prunerun_gate_release(struct prunerun_gate *g);

/*
 * On a new detached thread with its own client for ep (copied), answering
 * through gate g, prunerun_plan for the journal of
 * dir and engine (both copied) under o (copied; o->service and
 * o->branch must be NULL), then done. Never blocks. Any thread.
 */
void prunerun_async_plan(struct prunerun_gate *g, const struct endpoint *ep, const char *dir,
    const char *engine, const struct prune_opts *o, prunerun_done *done, void *arg);

/*
 * On a new detached thread: prunerun_apply of plan (taken) with the
 * space measured before and after, then done. With read_only nothing is
 * sent and s->rc is -1 ("read-only"). Never blocks. Any thread.
 */
void prunerun_async_apply(struct prunerun_gate *g, const struct endpoint *ep,
    struct prune_plan *plan, bool read_only, prunerun_done *done, void *arg);

#endif
