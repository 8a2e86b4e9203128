/* Worker threads for one-off engine requests (actions, inspects), off the UI thread. */
#ifndef BERTH_JOBS_H
#define BERTH_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerapi/endpoint.h"

/* What comes back for every submitted job. */
struct jobs_result {
	unsigned id;		/* as returned by jobs_submit */
	bool ok;		/* 2xx answer */
	long status;		/* HTTP status, 0 if none */
	char *error;		/* engine message or transport error when !ok */
	char *body;		/* response body (NUL-terminated), may be NULL */
	size_t len;
	/* the submitter's callback and its argument, passed through */
	void (*on_done)(void *arg, const struct jobs_result *r);
	void *arg;
	void (*arg_free)(void *arg);	/* frees arg with the result; may be NULL */
};

/*
 * Called on a worker thread; takes r (free with jobs_result_free). The
 * sink decides on which thread r's callback runs: the dashboard's queues r
 * for the UI thread and calls jobs_result_call there.
 */
struct jobs_sink {
	void (*done)(void *arg, struct jobs_result *r);
	void *arg;
};

struct jobs;

/*
 * Start `nworkers` threads, each with its own API client for ep. With
 * read_only, every request but GET is refused before it is sent (the
 * result says why). UI thread. Returns NULL on failure.
 */
struct jobs *jobs_new(const struct endpoint *ep, const struct jobs_sink *sink,
    int nworkers, bool read_only);
/* Stop the workers (a request in flight finishes or times out), free. */
void jobs_free(struct jobs *j);

/*
 * Queue a request: method NULL = GET, path without the version prefix,
 * body JSON or NULL, timeout_ms 0 = default. Never blocks on I/O. The
 * answer carries on_done (may be NULL) and arg to the sink, which calls
 * jobs_result_call on the thread of its choice (after tmux's job_run
 * complete_cb). arg_free(arg) (may be NULL) runs exactly once, when the
 * result is freed, whether on_done was called or not (the answer was
 * dropped, or the pool was freed with the job still queued).
 * Returns the job id (> 0), unique across all pools. Any thread.
 */
unsigned jobs_submit(struct jobs *j, const char *method, const char *path,
    const char *body, long timeout_ms,
    void (*on_done)(void *arg, const struct jobs_result *r), void *arg,
    void (*arg_free)(void *arg));

/*
 * jobs_submit for a request the registry behind image reference auth_ref
 * must authorize (GET /distribution/{ref}/json): on the worker thread,
 * never the caller's, regauth_header(auth_ref) reads the docker CLI's
 * config (and may run its credential helper) and the request carries its
 * X-Registry-Auth line; with no credentials for that registry, none. When
 * the credentials cannot be had (an unreadable config, a failing helper)
 * nothing is sent: the result is !ok, status 0, error "registry
 * credentials: ...". auth_ref NULL is jobs_submit. Any thread.
 */
unsigned jobs_submit_auth(struct jobs *j, const char *method, const char *path,
    const char *body, const char *auth_ref, long timeout_ms,
    void (*on_done)(void *arg, const struct jobs_result *r), void *arg,
    void (*arg_free)(void *arg));

/* Run r's on_done(arg, r), if it has one. The caller's thread. */
void jobs_result_call(const struct jobs_result *r);

/* Free r and, with its arg_free, its arg. NULL-safe. */
void jobs_result_free(struct jobs_result *r);

#endif
