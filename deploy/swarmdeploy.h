/* Swarm service updates (scale, redeploy, rollback) through the Swarm API, journaled. */
#ifndef BERTH_SWARMDEPLOY_H
#define BERTH_SWARMDEPLOY_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deploy/journal.h"
#include "dockerapi/dapi.h"
#include "dockerapi/swarm.h"

struct swarmdeploy_opts {
	const char *engine;	/* the engine's URL, for the journal */
	const char *service_id;	/* swarm service ID (or name) */
	enum swarm_op op;
	const char *image;	/* SWARM_OP_IMAGE */
	uint64_t replicas;	/* SWARM_OP_SCALE */
	const char *via;	/* "swarm" when NULL */
	long timeout_ms;	/* waiting for the update; 0 = 300 s */
	long poll_ms;		/* status polling period; 0 = 1 s */
	/* set by another thread: stop watching (the end record says so; the
	 * swarm goes on with the update). May be NULL. */
	const atomic_bool *cancel;
};

/* Progress lines, called on the caller's thread. */
struct swarmdeploy_progress {
	void (*fn)(void *arg, const char *step, const char *text);
	void *arg;
};

struct swarmdeploy_result {
	enum journal_result result;	/* SUCCEEDED, FAILED or ROLLED_BACK */
	bool started;			/* the engine accepted the update */
	char id[32];			/* the journal's deploy id ("" if none) */
	char reason[600];
};

/*
 * Run op on the service: GET /services/{id}, journal a "start" record
 * (via "swarm", strategy "swarm-scale" | "swarm-update" | "swarm-force" |
 * "swarm-rollback"; service and branch from the spec's labels, commit and
 * build from the images' labels), POST /services/{id}/update?version=N
 * (with &rollback=previous for a rollback), then poll the service until
 * Swarm reports the update completed, paused or rolled back (a scale:
 * until RunningTasks reaches the new count), and journal the "end".
 * Berth itself starts and stops nothing. Blocks (up to timeout); not for
 * the UI thread. Returns 0 when res->result is SUCCEEDED, else -1.
 */
int swarmdeploy_run(struct dapi_client *c, struct journal *j,
    const struct swarmdeploy_opts *o, const struct swarmdeploy_progress *p,
    struct swarmdeploy_result *res);

/* "swarm-scale", ... for op. Static. */
const char *swarmdeploy_strategy(enum swarm_op op);

#endif
