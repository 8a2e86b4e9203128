/* One deploy action on its own thread: the thread, the engine client and the journal belong to it. */
#ifndef BERTH_RUNNER_H
#define BERTH_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

#include "deploy/redeploy.h"
#include "deploy/swarmdeploy.h"
#include "dockerapi/endpoint.h"

enum runner_action {
	RUNNER_REDEPLOY,	/* redeploy_run with opts.redeploy */
	RUNNER_ROLLBACK,	/* rollback_target (opts.rollback_to), then redeploy_run */
	RUNNER_SWARM		/* swarmdeploy_run with opts.swarm */
};

enum runner_event_kind {
	RUNNER_STEP,		/* a step of the deploy: step ("created", ...), text */
	RUNNER_LOG,		/* a line of the runner's own: text (e.g. the rollback's target) */
	RUNNER_DONE		/* the last event of a run: ok, step = result name, text = why */
};

/* What a run reports. Strings are valid during the sink call only. */
struct runner_event {
	unsigned long run;	/* runner_id of the run it is about */
	enum runner_event_kind kind;
	const char *step;	/* STEP: the step; DONE: "ok", "rolled back", "failed", ...; else "" */
	const char *text;	/* a sentence for people (raw engine text: sanitize to draw) */
	bool ok;		/* DONE: it succeeded, or there was nothing to do */
	const char *deploy_id;	/* DONE: the journal's deploy id, "" if none */
};

/* Where events go: called on the runner's thread, in order, DONE last. */
struct runner_sink {
	void (*event)(void *arg, const struct runner_event *ev);
	void *arg;
};

struct runner_opts {
	enum runner_action action;
	const struct endpoint *ep;	/* the engine (copied) */
	const char *dir;		/* the state dir, from journal_dir (copied) */
	/* REDEPLOY, ROLLBACK: copied with its strings. A rollback sets image
	 * and rollback_of itself from the journal. */
	struct redeploy_opts redeploy;
	const char *rollback_to;	/* ROLLBACK: a deploy id; NULL: the previous image */
	/* SWARM: copied with its strings; cancel is the runner's own */
	struct swarmdeploy_opts swarm;
	const char *what;		/* for people: "shop/production", a service's name */
};

struct runner;

/*
 * Start o's action on a new thread, with its own client for o->ep and its
 * own journal handle in o->dir; progress goes to sink (copied; its arg must
 * outlive the runner). Every started run ends with one DONE event, also
 * when the engine or the journal cannot be reached. Returns NULL with err
 * when the thread cannot start (no event is sent then). Any thread; does
 * not block. Free with runner_free.
 */
struct runner *runner_start(const struct runner_opts *o, const struct runner_sink *sink,
    char *err, size_t errsz);

/* The run's id, unique in the process: events carry it. Any thread. */
unsigned long runner_id(const struct runner *r);

/* Is the run still working (its DONE event not sent yet)? Any thread. */
bool runner_busy(const struct runner *r);

/* o->what, for messages ("waiting for the deploy of shop/production"). */
const char *runner_what(const struct runner *r);

/* The action, as started. */
enum runner_action runner_action(const struct runner *r);

/*
 * Ask the run to stop early where that is safe: a swarm action stops
 * watching (the swarm goes on with the update; the journal says so). A
 * redeploy or rollback is never left half-done: it goes on. Any thread;
 * does not block.
 */
void runner_cancel(struct runner *r);

/*
 * Wait for the run to end (a redeploy: up to its timeouts), then free it.
 * NULL-safe. Not on the runner's own thread (not from the sink).
 */
void runner_free(struct runner *r);

#endif
