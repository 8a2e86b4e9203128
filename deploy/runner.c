/* The deploy runner: one thread per deploy action, with its own client and journal handle. */
#include "deploy/runner.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/journal.h"
#include "deploy/rollback.h"
#include "dockerapi/dapi.h"
#include "xmalloc.h"

/* strings a runner copies: dir, what, rollback_to, 9 redeploy options,
 * 4 swarm ones, and a rollback's image and deploy id */
#define MAX_OWN 18

struct runner {
	unsigned long id;
	enum runner_action action;
	struct runner_sink sink;
	struct endpoint ep;
	const char *dir, *what, *rollback_to;
	/* the options, their strings copies in own[] */
	struct redeploy_opts ro;
	struct swarmdeploy_opts so;
	char *own[MAX_OWN];
	size_t nown;
	atomic_bool cancel;
	atomic_bool done;	/* DONE was sent */
	pthread_t thread;
};

static atomic_ulong next_id = 1;

/* A copy of s (NULL stays NULL) that r owns until runner_clear. */
static const char *
keep(struct runner *r, const char *s)
{
	char *copy;

	if (s == NULL)
		return NULL;
	assert(r->nown < MAX_OWN);
	copy = xstrdup(s);
	r->own[r->nown++] = copy;
	return copy;
}

static void
emit(struct runner *r, enum runner_event_kind kind, const char *step, const char *text,
    bool ok, const char *deploy_id)
{
	struct runner_event ev = { .run = r->id, .kind = kind, .step = step != NULL ? step : "",
	    .text = text != NULL ? text : "", .ok = ok,
	    .deploy_id = deploy_id != NULL ? deploy_id : "" };

	if (r->sink.event != NULL)
		r->sink.event(r->sink.arg, &ev);
}

static void
on_redeploy_step(void *arg, const char *step, const char *text)
{
	emit(arg, RUNNER_STEP, step, text, true, NULL);
}

static void
on_swarm_step(void *arg, const char *step, const char *text)
{
	/* swarmdeploy's own "done" line: the DONE event says it */
	if (strcmp(step, "done") != 0)
		emit(arg, RUNNER_STEP, step, text, true, NULL);
}

/* ROLLBACK: the target from the journal into r->ro. Returns 0, or -1 with text. */
static int
rollback_prepare(struct runner *r, struct dapi_client *c, char *text, size_t n)
{
	struct rollback_query q = { r->ro.engine, r->ro.service, r->ro.branch, r->rollback_to };
	struct rollback_target t;
	struct journal_lines l;
	struct journal_error je;
	char line[1400];
	int rc;

	if (journal_read(r->dir, &l, &je) != 0) {
		snprintf(text, n, "%s; nothing was changed", je.text);
		return -1;
	}
	rc = rollback_target(c, r->dir, &l, &q, &t, &je);
	journal_lines_clear(&l);
	if (rc != 0) {
		snprintf(text, n, "%s; nothing was changed", je.text);
		return -1;
	}
	r->ro.image = keep(r, t.ref);
	r->ro.rollback_of = keep(r, t.of);
	snprintf(line, sizeof line, "rolling back to %s (deploy %s)", t.ref, t.of);
	emit(r, RUNNER_LOG, "rollback", line, true, NULL);
	return 0;
}

static void
run_redeploy(struct runner *r, struct dapi_client *c, struct journal *j)
{
	struct redeploy_progress p = { on_redeploy_step, r };
	struct redeploy_result res = { 0 };
	char text[1024];
	bool ok;

	if (r->action == RUNNER_ROLLBACK && rollback_prepare(r, c, text, sizeof text) != 0) {
		emit(r, RUNNER_DONE, redeploy_outcome_name(REDEPLOY_REFUSED), text, false, NULL);
		return;
	}
	redeploy_run(c, j, &r->ro, &p, &res);
	ok = res.outcome == REDEPLOY_OK || res.outcome == REDEPLOY_UNCHANGED;
	emit(r, RUNNER_DONE, redeploy_outcome_name(res.outcome),
	    res.outcome == REDEPLOY_OK ? "deployed" : res.reason, ok, res.id);
}

static void
run_swarm(struct runner *r, struct dapi_client *c, struct journal *j)
{
	struct swarmdeploy_progress p = { on_swarm_step, r };
	struct swarmdeploy_result res;

	swarmdeploy_run(c, j, &r->so, &p, &res);
	emit(r, RUNNER_DONE, journal_result_name(res.result), res.reason,
	    res.result == JOURNAL_SUCCEEDED, res.id);
}

static void *
runner_main(void *arg)
{
	struct runner *r = arg;
	struct dapi_client *c = dapi_client_new(&r->ep);
	/* what a failure before the run is called, as each engine names it */
	const char *refused = r->action == RUNNER_SWARM ? journal_result_name(JOURNAL_FAILED) :
	    redeploy_outcome_name(REDEPLOY_REFUSED);
	struct journal_error je;
	struct dapi_error err;
	struct journal *j = NULL;
	char text[1024];

	if (dapi_ping(c, &err) != 0) {
		snprintf(text, sizeof text, "cannot reach the engine: %s", err.text);
		emit(r, RUNNER_DONE, refused, text, false, NULL);
		goto out;
	}
	if ((j = journal_open(r->dir, &je)) == NULL) {
		snprintf(text, sizeof text, "%s; nothing was changed", je.text);
		emit(r, RUNNER_DONE, refused, text, false, NULL);
		goto out;
	}
	if (r->action == RUNNER_SWARM)
		run_swarm(r, c, j);
	else
		run_redeploy(r, c, j);
out:
	atomic_store(&r->done, true);
	journal_free(j);
	dapi_client_free(c);
	return NULL;
}

static void
runner_clear(struct runner *r)
{
	for (size_t i = 0; i < r->nown; i++)
		free(r->own[i]);
	endpoint_clear(&r->ep);
}

struct runner *
runner_start(const struct runner_opts *o, const struct runner_sink *sink, char *err,
    size_t errsz)
{
	struct runner *r = xcalloc(1, sizeof *r);
	const struct redeploy_opts *ro = &o->redeploy;
	const struct swarmdeploy_opts *so = &o->swarm;

	r->id = atomic_fetch_add(&next_id, 1);
	r->action = o->action;
	r->sink = *sink;
	endpoint_copy(&r->ep, o->ep);
	r->dir = keep(r, o->dir != NULL ? o->dir : "");
	r->what = keep(r, o->what != NULL ? o->what : "?");
	r->rollback_to = keep(r, o->rollback_to);
	atomic_init(&r->cancel, false);
	atomic_init(&r->done, false);
	r->ro = *ro;
	r->ro.engine = keep(r, ro->engine);
	r->ro.service = keep(r, ro->service);
	r->ro.branch = keep(r, ro->branch);
	r->ro.container = keep(r, ro->container);
	r->ro.from = keep(r, ro->from);
	r->ro.name = keep(r, ro->name);
	r->ro.image = keep(r, ro->image);
	r->ro.via = keep(r, ro->via);
	r->ro.rollback_of = keep(r, ro->rollback_of);
	r->so = *so;
	r->so.engine = keep(r, so->engine);
	r->so.service_id = keep(r, so->service_id);
	r->so.image = keep(r, so->image);
	r->so.via = keep(r, so->via);
	r->so.cancel = &r->cancel;
	if (pthread_create(&r->thread, NULL, runner_main, r) != 0) {
		snprintf(err, errsz, "cannot start the deploy thread");
		runner_clear(r);
		free(r);
		return NULL;
	}
	return r;
}

unsigned long
runner_id(const struct runner *r)
{
	return r->id;
}

bool
runner_busy(const struct runner *r)
{
	return r != NULL && !atomic_load(&r->done);
}

const char *
runner_what(const struct runner *r)
{
	return r->what;
}

enum runner_action
runner_action(const struct runner *r)
{
	return r->action;
}

void
runner_cancel(struct runner *r)
{
	if (r != NULL)
		atomic_store(&r->cancel, true);
}

void
runner_free(struct runner *r)
{
	if (r == NULL)
		return;
	pthread_join(r->thread, NULL);
	runner_clear(r);
	free(r);
}
