/* The deploy runner: one thread per deploy action, with its own client and journal handle. */
#include "deploy/runner.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/journal.h"
#include "deploy/rollback.h"
#include "dockerapi/dapi.h"
#include "xmalloc.h"

struct runner {
	unsigned long id;
	enum runner_action action;
	struct runner_sink sink;
	struct endpoint ep;
	char *dir, *what, *rollback_to;
	/* the options with copies of their strings */
	struct redeploy_opts ro;
	char *r_engine, *r_service, *r_branch, *r_container, *r_from, *r_name, *r_image,
	    *r_via, *r_of;
	struct swarmdeploy_opts so;
	char *s_engine, *s_id, *s_image, *s_via;
	atomic_bool cancel;
	atomic_bool done;	/* DONE was sent */
	pthread_t thread;
};

static atomic_ulong next_id = 1;

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
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
	free(r->r_image);
	free(r->r_of);
	r->ro.image = r->r_image = xstrdup(t.ref);
	r->ro.rollback_of = r->r_of = xstrdup(t.of);
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
	free(r->dir);
	free(r->what);
	free(r->rollback_to);
	free(r->r_engine);
	free(r->r_service);
	free(r->r_branch);
	free(r->r_container);
	free(r->r_from);
	free(r->r_name);
	free(r->r_image);
	free(r->r_via);
	free(r->r_of);
	free(r->s_engine);
	free(r->s_id);
	free(r->s_image);
	free(r->s_via);
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
	r->dir = xstrdup(o->dir != NULL ? o->dir : "");
	r->what = xstrdup(o->what != NULL ? o->what : "?");
	r->rollback_to = dup_or_null(o->rollback_to);
	atomic_init(&r->cancel, false);
	atomic_init(&r->done, false);
	r->ro = *ro;
	r->ro.engine = r->r_engine = dup_or_null(ro->engine);
	r->ro.service = r->r_service = dup_or_null(ro->service);
	r->ro.branch = r->r_branch = dup_or_null(ro->branch);
	r->ro.container = r->r_container = dup_or_null(ro->container);
	r->ro.from = r->r_from = dup_or_null(ro->from);
	r->ro.name = r->r_name = dup_or_null(ro->name);
	r->ro.image = r->r_image = dup_or_null(ro->image);
	r->ro.via = r->r_via = dup_or_null(ro->via);
	r->ro.rollback_of = r->r_of = dup_or_null(ro->rollback_of);
	r->so = *so;
	r->so.engine = r->s_engine = dup_or_null(so->engine);
	r->so.service_id = r->s_id = dup_or_null(so->service_id);
	r->so.image = r->s_image = dup_or_null(so->image);
	r->so.via = r->s_via = dup_or_null(so->via);
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
