/* Redeploy: recreate a unit's container from its own config with a new image, or put it back. */
#include "deploy/redeploy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/createbody.h"
#include "model/identity.h"
#include "deploy/ready.h"
#include "deploy/testhook.h"
#include "deploy/unit.h"
#include "dockerapi/ctrapi.h"
#include "dockerapi/jsonget.h"
#include "dockerapi/pull.h"
#include "xmalloc.h"

#define STOP_GRACE_S 10
#define PULL_TIMEOUT_MS (10L * 60 * 1000)
#define PULL_REPORT_MS 1000

struct rd {
	struct dapi_client *c;
	struct journal *j;
	const struct redeploy_opts *o;
	const struct redeploy_progress *p;
	struct redeploy_result *res;
	char *service, *branch;
	json_t *old;		/* inspect of the container replaced (NULL: first deploy) */
	json_t *tmpl;		/* what the new one is made from: old, or --from */
	json_t *old_image;	/* inspect of the old container's image, NULL if gone */
	json_t *body;		/* create body */
	json_t *extra_nets;
	char old_id[65], new_id[65];
	char old_name[256], target[256], new_name[320], aside_name[320];
	char from_image[80], from_digest[256], from_commit[128], from_build[128];
	char to_image[80], to_digest[256], commit[128], build[128];
	char who[128];
	char *ref;
	bool old_running;
	enum redeploy_strategy strat;
	int stop_timeout;
	/* what has been done, for undo */
	bool stopped_old, renamed_old, created, healthy;
};

/* ---------------------------------------------------------------- small helpers */

static const char *
sget(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void
redeploy_say(const struct redeploy_progress *p, const char *step, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	if (p == NULL || p->step == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	p->step(p->arg, step, text);
}

static void
fail(struct rd *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(struct rd *rd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rd->res->reason, sizeof rd->res->reason, fmt, ap);
	va_end(ap);
}

/* A step's engine call failed: say "cannot WHAT: why"; returns -1. */
static int
cannot(struct rd *rd, const char *what, const struct dapi_error *err)
{
	fail(rd, "cannot %s: %s", what, err->text);
	return -1;
}

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static const char *
json_label(const void *labels, const char *key)
{
	return jsonget_str(json_object_get(labels, key));
}

/* commit and build from a Config.Labels object, by identity's rule */
static void
version_of(json_t *labels, char *commit, size_t ncommit, char *build, size_t nbuild)
{
	struct identity id;

	identity_from(json_label, labels, NULL, NULL, &id);
	snprintf(commit, ncommit, "%s", id.commit != NULL ? id.commit : "");
	snprintf(build, nbuild, "%s", id.build != NULL ? id.build : "");
	identity_clear(&id);
}

/* ---------------------------------------------------------------- journal */

/*
 * The deploy as the journal's field table sees it; which of these a
 * record carries is the table's business (deploy/journal.c). The entry
 * only lends rd's strings to journal_write, which reads them.
 */
static void
entry_of(struct rd *rd, struct journal_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = rd->res->id;
	e->engine = (char *)rd->o->engine;
	e->service = rd->service;
	e->branch = rd->branch;
	e->container = rd->target;
	e->via = (char *)(rd->o->via != NULL ? rd->o->via : "cli");
	e->who = rd->who;
	e->strategy = (char *)redeploy_strategy_name(rd->strat);
	e->from_image = rd->from_image;
	e->from_ref = (char *)jsonget_str(jsonget_path(rd->tmpl, "Config.Image"));
	e->from_digest = rd->from_digest;
	e->from_commit = rd->from_commit;
	e->from_build = rd->from_build;
	e->to_ref = rd->ref;
	e->to_image = rd->to_image;
	e->to_digest = rd->to_digest;
	e->commit = rd->commit;
	e->build = rd->build;
	e->rollback_of = (char *)rd->o->rollback_of;
	e->old_id = rd->old_id;
	e->old_name = rd->old_name;
	e->old_running = rd->old_running;
	e->new_id = rd->new_id;
	e->new_name = rd->new_name;
	e->aside_name = rd->aside_name;
}

/*
 * Journals ev for the deploy as it stands, with its step, or its result
 * and reason. Returns 0, or -1 when the journal cannot be written: the
 * deploy fails on that, except at its end, which only warns.
 */
static int
journal_rec(struct rd *rd, enum journal_ev ev, const char *step,
    enum journal_result result, const char *reason)
{
	struct journal_entry e;
	struct journal_error je;

	entry_of(rd, &e);
	e.step = (char *)step;
	e.result = result;
	e.reason = (char *)reason;
	if (journal_write(rd->j, ev, &e, &je) == 0)
		return 0;
	if (ev == JOURNAL_EV_END)
		redeploy_say(rd->p, "warning", "could not journal the result: %s", je.text);
	else
		fail(rd, "%s", je.text);
	return -1;
}

static int
journal_start(struct rd *rd)
{
	journal_who(rd->who, sizeof rd->who);
	return journal_rec(rd, JOURNAL_EV_START, NULL, JOURNAL_RUNNING, NULL);
}

static int
journal_step(struct rd *rd, const char *step)
{
	if (journal_rec(rd, JOURNAL_EV_STEP, step, JOURNAL_RUNNING, NULL) != 0)
		return -1;
	testhook_pause_at(step);
	return 0;
}

static int
step_done(struct rd *rd, const char *step, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A step is done: say so (fmt ...) as step, then journal it. Returns
 * journal_step's result. */
static int
step_done(struct rd *rd, const char *step, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	redeploy_say(rd->p, step, "%s", text);
	return journal_step(rd, step);
}

static void
journal_end(struct rd *rd, enum journal_result result, const char *reason)
{
	(void)journal_rec(rd, JOURNAL_EV_END, NULL, result, reason);
}

/* ---------------------------------------------------------------- steps */

static int
resolve_image(struct rd *rd)
{
	struct dapi_error err;
	json_t *img = NULL, *digests, *labels;
	const char *id;

	if (ctrapi_image_inspect(rd->c, rd->ref, &img, &err) != 0) {
		if (err.status == 404)
			fail(rd, "image %s does not exist on this engine", rd->ref);
		else
			fail(rd, "cannot inspect image %s: %s", rd->ref, err.text);
		return -1;
	}
	id = sget(img, "Id");
	if (id == NULL) {
		fail(rd, "the engine's answer for image %s has no Id", rd->ref);
		json_decref(img);
		return -1;
	}
	snprintf(rd->to_image, sizeof rd->to_image, "%s", id);
	digests = json_object_get(img, "RepoDigests");
	snprintf(rd->to_digest, sizeof rd->to_digest, "%s",
	    json_is_string(json_array_get(digests, 0)) ? json_string_value(json_array_get(digests, 0)) : "");
	labels = jsonget_path(img, "Config.Labels");
	version_of(labels, rd->commit, sizeof rd->commit, rd->build, sizeof rd->build);
	json_decref(img);
	return 0;
}

static void
on_pull_progress(void *arg, const struct pullprog_sum *s)
{
	struct rd *rd = arg;
	char line[160];

	pullprog_format(s, line, sizeof line);
	redeploy_say(rd->p, "pull", "pulling %s: %s", rd->ref, line);
}

static int
pull(struct rd *rd)
{
	struct dapi_error err;

	redeploy_say(rd->p, "pull", "pulling %s", rd->ref);
	/* a progress line a second at most: the CLI prints each one */
	if (pull_image(rd->c, rd->ref, PULL_TIMEOUT_MS, PULL_REPORT_MS, on_pull_progress, rd, &err) != 0) {
		fail(rd, "cannot pull %s: %s", rd->ref, err.text);
		return -1;
	}
	return 0;
}

static void
on_state(void *arg, const char *state)
{
	struct rd *rd = arg;

	redeploy_say(rd->p, "wait", "new container: %s", state);
}

/* Running (and healthy, with a health check) within the timeout. */
static int
wait_ready(struct rd *rd)
{
	return ready_wait(rd->c, rd->new_id, rd->o->timeout_s, rd->o->settle_ms, on_state, rd,
	    rd->res->reason, sizeof rd->res->reason);
}

static int
create_new(struct rd *rd, const char *name)
{
	struct dapi_error err;
	json_t *ep;
	const char *net;

	if (name != rd->new_name)
		snprintf(rd->new_name, sizeof rd->new_name, "%s", name);
	if (ctrapi_create(rd->c, name, rd->body, rd->new_id, sizeof rd->new_id, &err) != 0)
		return cannot(rd, "create the new container", &err);
	rd->created = true;
	json_object_foreach(rd->extra_nets, net, ep) {
		if (ctrapi_network_connect(rd->c, net, rd->new_id, ep, &err) != 0) {
			fail(rd, "cannot connect the new container to network %s: %s", net, err.text);
			return -1;
		}
	}
	return step_done(rd, "created", "created %.12s as %s", rd->new_id, name);
}

static int
start_new(struct rd *rd)
{
	struct dapi_error err;

	if (ctrapi_start(rd->c, rd->new_id, &err) != 0)
		return cannot(rd, "start the new container", &err);
	return step_done(rd, "started", "started %.12s", rd->new_id);
}

static int
stop_old(struct rd *rd)
{
	struct dapi_error err;

	if (!rd->old_running)
		return journal_step(rd, "stopped_old");
	redeploy_say(rd->p, "stopping", "stopping the old container %s (up to %d s)", rd->old_name, rd->stop_timeout);
	rd->stopped_old = true;	/* even a failed stop may have stopped it */
	if (ctrapi_stop(rd->c, rd->old_id, rd->stop_timeout, &err) != 0)
		return cannot(rd, "stop the old container", &err);
	return step_done(rd, "stopped_old", "stopped the old container %.12s", rd->old_id);
}

static int
rename_old_aside(struct rd *rd)
{
	struct dapi_error err;

	if (ctrapi_rename(rd->c, rd->old_id, rd->aside_name, &err) != 0)
		return cannot(rd, "rename the old container", &err);
	rd->renamed_old = true;
	return step_done(rd, "renamed_old", "renamed the old container to %s", rd->aside_name);
}

static int
remove_old(struct rd *rd)
{
	struct dapi_error err;

	if (ctrapi_remove(rd->c, rd->old_id, true, false, &err) != 0)
		return cannot(rd, "remove the old container", &err);
	return step_done(rd, "removed_old", "removed the old container %.12s (its image is kept)", rd->old_id);
}

/* Create the new container as NAME, start it and wait until it is ready,
 * journalling each step. */
static int
bring_up_new(struct rd *rd, const char *name)
{
	if (create_new(rd, name) != 0 || start_new(rd) != 0 || wait_ready(rd) != 0)
		return -1;
	rd->healthy = true;
	return step_done(rd, "healthy", "the new container is ready");
}

static int
steps_start_first(struct rd *rd)
{
	struct dapi_error err;

	if (bring_up_new(rd, rd->new_name) != 0)
		return -1;
	if (rd->old != NULL && rename_old_aside(rd) != 0)
		return -1;
	if (ctrapi_rename(rd->c, rd->new_id, rd->target, &err) != 0)
		return cannot(rd, "give the new container its name", &err);
	snprintf(rd->new_name, sizeof rd->new_name, "%s", rd->target);
	if (step_done(rd, "renamed_new", "the new container is now %s", rd->target) != 0)
		return -1;
	if (rd->old == NULL)
		return 0;
	if (stop_old(rd) != 0)
		return -1;
	return remove_old(rd);
}

static int
steps_stop_first(struct rd *rd)
{
	if (rd->old != NULL) {
		if (stop_old(rd) != 0 || rename_old_aside(rd) != 0)
			return -1;
	}
	if (bring_up_new(rd, rd->target) != 0)
		return -1;
	if (rd->old == NULL)
		return 0;
	return remove_old(rd);
}

/* Put the old container back as it was: name, and running if it was. */
static int
undo(struct rd *rd, char *why, size_t whysz)
{
	struct dapi_error err;
	json_t *insp = NULL;
	int rc = 0;

	why[0] = '\0';
	if (rd->created) {
		redeploy_say(rd->p, "undo", "removing the new container %.12s", rd->new_id);
		if (ctrapi_remove(rd->c, rd->new_id, true, false, &err) != 0) {
			snprintf(why, whysz, "cannot remove the new container: %s", err.text);
			rc = -1;
		}
	}
	if (rd->old == NULL)
		return rc;
	if (rd->renamed_old) {
		redeploy_say(rd->p, "undo", "renaming the old container back to %s", rd->old_name);
		if (ctrapi_rename(rd->c, rd->old_id, rd->old_name, &err) != 0) {
			snprintf(why, whysz, "cannot rename the old container back: %s", err.text);
			rc = -1;
		}
	}
	if (rd->old_running) {
		if (ctrapi_inspect(rd->c, rd->old_id, &insp, &err) != 0) {
			snprintf(why, whysz, "cannot inspect the old container: %s", err.text);
			return -1;
		}
		if (!ctrapi_inspect_running(insp)) {
			redeploy_say(rd->p, "undo", "starting the old container %s", rd->old_name);
			if (ctrapi_start(rd->c, rd->old_id, &err) != 0) {
				snprintf(why, whysz, "cannot start the old container: %s", err.text);
				rc = -1;
			}
		}
		json_decref(insp);
	}
	return rc;
}

static bool
publishes_host_ports(json_t *insp)
{
	json_t *hc = json_object_get(insp, "HostConfig"), *pb = json_object_get(hc, "PortBindings");
	json_t *nets = jsonget_path(insp, "NetworkSettings.Networks"), *v;
	const char *k, *mode = sget(hc, "NetworkMode");

	if (json_is_object(pb) && json_object_size(pb) > 0)
		return true;
	if (json_is_true(json_object_get(hc, "PublishAllPorts")))
		return true;
	if (mode != NULL && strcmp(mode, "host") == 0)
		return true;	/* host network: the ports are the host's */
	if (jsonget_str(jsonget_path(insp, "Config.MacAddress")) != NULL &&
	    *jsonget_str(jsonget_path(insp, "Config.MacAddress")) != '\0')
		return true;
	json_object_foreach(nets, k, v) {
		json_t *ipam = json_object_get(v, "IPAMConfig");
		if (json_is_object(ipam) && json_object_size(ipam) > 0)
			return true;	/* a fixed address cannot be held twice */
	}
	return false;
}

/* Load old (or template), the unit, names, strategy. No changes. */
static int
prepare(struct rd *rd)
{
	const struct redeploy_opts *o = rd->o;
	struct dapi_error err;
	char id[65];
	json_t *cfg, *labels;
	const char *img;

	if (o->container != NULL) {
		if (ctrapi_inspect(rd->c, o->container, &rd->old, &err) != 0 && !(err.status == 404 && o->from != NULL)) {
			fail(rd, "cannot find container %s: %s", o->container, err.text);
			return -1;
		}
	} else {
		if (rd->service == NULL || rd->branch == NULL) {
			fail(rd, "name the unit (service and branch) or the container");
			return -1;
		}
		if (unit_find(rd->c, rd->service, rd->branch, id, sizeof id,
		    rd->res->reason, sizeof rd->res->reason) != 0)
			return -1;
		if (id[0] != '\0' && ctrapi_inspect(rd->c, id, &rd->old, &err) != 0) {
			fail(rd, "cannot inspect container %.12s: %s", id, err.text);
			return -1;
		}
	}
	if (rd->old == NULL) {
		if (o->from == NULL) {
			fail(rd, "no container of %s/%s on this engine; a first deploy needs --from CONTAINER",
			    rd->service != NULL ? rd->service : "?", rd->branch != NULL ? rd->branch : "?");
			return -1;
		}
		if (rd->service == NULL || rd->branch == NULL) {
			fail(rd, "a first deploy needs the service and --branch");
			return -1;
		}
		if (ctrapi_inspect(rd->c, o->from, &rd->tmpl, &err) != 0) {
			fail(rd, "cannot find the template container %s: %s", o->from, err.text);
			return -1;
		}
		if (o->name != NULL)
			snprintf(rd->target, sizeof rd->target, "%s", o->name);
		else if (o->container != NULL)
			snprintf(rd->target, sizeof rd->target, "%s", o->container);
		else
			unit_name(rd->service, rd->branch, rd->target, sizeof rd->target);
	} else {
		rd->tmpl = json_incref(rd->old);
		snprintf(rd->old_id, sizeof rd->old_id, "%s", sget(rd->old, "Id") ? sget(rd->old, "Id") : "");
		snprintf(rd->old_name, sizeof rd->old_name, "%s", ctrapi_inspect_name(rd->old));
		snprintf(rd->target, sizeof rd->target, "%s", rd->old_name);
		rd->old_running = ctrapi_inspect_running(rd->old);
		snprintf(rd->from_image, sizeof rd->from_image, "%s", sget(rd->old, "Image") ? sget(rd->old, "Image") : "");
		/* the old image's digest, when it came from a registry */
		if (rd->from_image[0] != '\0') {
			json_decref(rd->old_image);
			if (ctrapi_image_inspect(rd->c, rd->from_image, &rd->old_image, &err) != 0)
				rd->old_image = NULL;	/* deleted: every value counts as explicit */
			if (json_is_string(json_array_get(json_object_get(rd->old_image, "RepoDigests"), 0)))
				snprintf(rd->from_digest, sizeof rd->from_digest, "%s",
				    json_string_value(json_array_get(json_object_get(rd->old_image, "RepoDigests"), 0)));
		}
		labels = jsonget_path(rd->old, "Config.Labels");
		version_of(labels, rd->from_commit, sizeof rd->from_commit, rd->from_build, sizeof rd->from_build);
		/* the unit, when only the container was named */
		if (rd->service == NULL || rd->branch == NULL) {
			unit_of_inspect(rd->old, &rd->service, &rd->branch);
			if (rd->service == NULL || rd->branch == NULL) {
				fail(rd, "container %s has no branch (no %s label, no image tag); give --branch",
				    rd->old_name, identity_label(IDENTITY_BRANCH));
				return -1;
			}
		}
	}
	cfg = json_object_get(rd->tmpl, "Config");
	img = o->image != NULL ? o->image : sget(cfg, "Image");
	if (img == NULL || *img == '\0') {
		fail(rd, "no image to deploy: give --image");
		return -1;
	}
	rd->ref = xstrdup(img);
	rd->stop_timeout = STOP_GRACE_S;
	if (json_is_integer(json_object_get(cfg, "StopTimeout")))
		rd->stop_timeout = (int)json_integer_value(json_object_get(cfg, "StopTimeout"));
	rd->strat = o->strategy;
	if (rd->strat == REDEPLOY_AUTO)
		rd->strat = publishes_host_ports(rd->tmpl) ? REDEPLOY_STOP_FIRST : REDEPLOY_START_FIRST;
	if (rd->old == NULL)
		rd->strat = REDEPLOY_STOP_FIRST;	/* nothing to overlap with */
	return 0;
}

static int
build_body(struct rd *rd)
{
	struct dapi_error err;
	const char *img = sget(rd->tmpl, "Image");

	/* the template's image (the old container's is already loaded) */
	if (img != NULL && rd->old_image == NULL &&
	    ctrapi_image_inspect(rd->c, img, &rd->old_image, &err) != 0)
		rd->old_image = NULL;	/* deleted: keep every value as explicit */
	rd->body = createbody_build(rd->tmpl, rd->old_image, rd->ref, &rd->extra_nets);
	if (rd->old == NULL)	/* a first deploy makes the template's copy a member of the unit */
		createbody_add_unit(rd->body, rd->service, rd->branch);
	return 0;
}

/* ---------------------------------------------------------------- run */

/* each strategy's name, for both directions */
static const char *const strategy_names[] = {
	[REDEPLOY_AUTO] = "auto",
	[REDEPLOY_STOP_FIRST] = "stop-first",
	[REDEPLOY_START_FIRST] = "start-first",
};
#define NSTRATEGIES (sizeof strategy_names / sizeof strategy_names[0])

const char *
redeploy_strategy_name(enum redeploy_strategy s)
{
	return (size_t)s < NSTRATEGIES ? strategy_names[s] : "auto";
}

int
redeploy_strategy_parse(const char *s, enum redeploy_strategy *out)
{
	for (size_t i = 0; i < NSTRATEGIES; i++) {
		if (strcmp(s, strategy_names[i]) == 0) {
			*out = (enum redeploy_strategy)i;
			return 0;
		}
	}
	return -1;
}

const char *
redeploy_outcome_name(enum redeploy_outcome o)
{
	switch (o) {
	case REDEPLOY_OK: return "succeeded";
	case REDEPLOY_UNCHANGED: return "unchanged";
	case REDEPLOY_REFUSED: return "refused";
	case REDEPLOY_ROLLED_BACK: return "rolled back";
	case REDEPLOY_BROKEN: return "failed";
	}
	return "?";
}

static void
rd_clear(struct rd *rd)
{
	json_decref(rd->old);
	json_decref(rd->tmpl);
	json_decref(rd->old_image);
	json_decref(rd->body);
	json_decref(rd->extra_nets);
	free(rd->service);
	free(rd->branch);
	free(rd->ref);
}

int
redeploy_run(struct dapi_client *c, struct journal *j, const struct redeploy_opts *o,
    const struct redeploy_progress *p, struct redeploy_result *res)
{
	struct rd rd = { .c = c, .j = j, .o = o, .p = p, .res = res };
	struct journal_lock *lock = NULL;
	struct journal_error je;
	char why[sizeof res->reason];
	int rc = -1, steps;

	memset(res, 0, sizeof *res);
	res->outcome = REDEPLOY_REFUSED;
	rd.service = o->service != NULL ? xstrdup(o->service) : NULL;
	rd.branch = o->branch != NULL ? xstrdup(o->branch) : NULL;
	/* the lock first: a deploy in progress has two containers of the unit */
	if (rd.service == NULL || rd.branch == NULL) {
		/* only the container is named: its labels say which unit */
		if (prepare(&rd) != 0)
			goto out;
		json_decref(rd.old);
		json_decref(rd.tmpl);
		rd.old = rd.tmpl = NULL;
		free(rd.ref);
		rd.ref = NULL;
	}
	lock = journal_lock_take(journal_dirname(j), o->engine, rd.service, rd.branch,
	    o->lock_wait_ms, &je);
	if (lock == NULL) {
		fail(&rd, "%s", je.text);
		goto out;
	}
	if (journal_lock_stale_pid(lock) != 0)
		redeploy_say(rd.p, "lock", "took over the lock of %s/%s from pid %ld, which is gone",
		    rd.service, rd.branch, journal_lock_stale_pid(lock));
	if (prepare(&rd) != 0)
		goto out;
	journal_new_id(res->id, sizeof res->id);
	redeploy_say(rd.p, "plan", "deploy %s of %s/%s: %s, %s", res->id, rd.service, rd.branch,
	    rd.old != NULL ? rd.old_name : "first deploy", redeploy_strategy_name(rd.strat));
	if (o->pull) {
		/* journal first: a pull is the first change we make */
		if (journal_start(&rd) != 0) {
			snprintf(why, sizeof why, "%s", res->reason);
			fail(&rd, "%s; nothing was changed", why);
			res->id[0] = '\0';
			goto out;
		}
		if (pull(&rd) != 0 || resolve_image(&rd) != 0) {
			journal_end(&rd, JOURNAL_FAILED, res->reason);
			goto out;
		}
	} else if (resolve_image(&rd) != 0) {
		/* nothing touched, but a deploy was asked for: say why in the journal */
		snprintf(why, sizeof why, "%s", res->reason);
		if (journal_start(&rd) == 0)
			journal_end(&rd, JOURNAL_FAILED, why);
		fail(&rd, "%s", why);
		goto out;
	}
	redeploy_say(rd.p, "image", "target %s = %.19s%s%s%s%s", rd.ref, rd.to_image,
	    rd.commit[0] ? " commit " : "", rd.commit, rd.build[0] ? " build " : "", rd.build);
	if (rd.old != NULL && strcmp(rd.to_image, rd.from_image) == 0 && !o->force) {
		fail(&rd, "%s already runs image %.19s (%s); nothing to do (--force redeploys anyway)",
		    rd.old_name, rd.to_image, rd.ref);
		res->outcome = REDEPLOY_UNCHANGED;
		if (o->pull)
			journal_end(&rd, JOURNAL_SUCCEEDED, "image unchanged after pull; nothing to do");
		else
			res->id[0] = '\0';
		rc = 0;
		goto out;
	}
	if (!o->pull && journal_start(&rd) != 0) {
		snprintf(why, sizeof why, "%s", res->reason);
		fail(&rd, "%s; nothing was changed", why);
		res->id[0] = '\0';
		goto out;
	}
	snprintf(rd.aside_name, sizeof rd.aside_name, "%s-berth-old-%s", rd.target, res->id);
	snprintf(rd.new_name, sizeof rd.new_name, "%s", rd.target);
	if (rd.strat == REDEPLOY_START_FIRST)
		snprintf(rd.new_name, sizeof rd.new_name, "%s-berth-new-%s", rd.target, res->id);
	build_body(&rd);
	if (journal_step(&rd, "prepared") != 0) {
		snprintf(why, sizeof why, "%s", res->reason);
		fail(&rd, "%s; nothing was changed", why);
		journal_end(&rd, JOURNAL_FAILED, res->reason);
		goto out;
	}
	steps = rd.strat == REDEPLOY_START_FIRST ? steps_start_first(&rd) : steps_stop_first(&rd);
	if (steps == 0) {
		res->outcome = REDEPLOY_OK;
		snprintf(res->new_id, sizeof res->new_id, "%s", rd.new_id);
		journal_end(&rd, JOURNAL_SUCCEEDED, NULL);
		redeploy_say(rd.p, "done", "deployed %s to %s/%s (%.12s)", rd.ref, rd.service, rd.branch, rd.new_id);
		rc = 0;
		goto out;
	}
	redeploy_say(rd.p, "failed", "%s; rolling back", res->reason);
	snprintf(why, sizeof why, "%s", res->reason);
	if (undo(&rd, res->reason, sizeof res->reason) == 0) {
		res->outcome = REDEPLOY_ROLLED_BACK;
		fail(&rd, "%s", why);
		journal_end(&rd, rd.old != NULL ? JOURNAL_ROLLED_BACK : JOURNAL_FAILED, why);
		redeploy_say(rd.p, "rolled_back", "%s", rd.old != NULL ?
		    "the old container is back as it was" : "the new container was removed");
	} else {
		char both[2 * sizeof res->reason + 64];
		snprintf(both, sizeof both, "%s; the rollback failed too: %s", why, res->reason);
		res->outcome = REDEPLOY_BROKEN;
		fail(&rd, "%s", both);
		journal_end(&rd, JOURNAL_FAILED, both);
	}
out:
	journal_lock_release(lock);
	rd_clear(&rd);
	return rc;
}

void
redeploy_ref_for(struct dapi_client *c, const char *dir, const char *image, char *out, size_t n)
{
	struct journal_lines l;
	struct journal_history h;
	struct journal_error je;

	snprintf(out, n, "%s", image);
	if (journal_read(dir, &l, &je) != 0)
		return;
	journal_fold(&l, NULL, NULL, NULL, &h);
	journal_lines_clear(&l);
	for (size_t i = h.n; i > 0; i--) {
		const struct journal_entry *e = &h.e[i - 1];
		const char *refs[2] = { NULL, NULL };

		if (e->to_image != NULL && strcmp(e->to_image, image) == 0)
			refs[0] = e->to_ref;
		if (e->from_image != NULL && strcmp(e->from_image, image) == 0)
			refs[1] = e->from_ref;
		for (int k = 0; k < 2; k++) {
			struct dapi_error de;
			json_t *img = NULL;
			bool same;

			if (refs[k] == NULL || strchr(refs[k], '?') != NULL || strncmp(refs[k], "sha256:", 7) == 0)
				continue;
			same = ctrapi_image_inspect(c, refs[k], &img, &de) == 0 &&
			    streq(sget(img, "Id"), image);
			json_decref(img);
			if (same) {
				snprintf(out, n, "%s", refs[k]);
				goto out;
			}
		}
	}
	/* no recorded ref names it any more: one of the image's own tags */
	{
		struct dapi_error de;
		json_t *img = NULL, *tag;

		if (ctrapi_image_inspect(c, image, &img, &de) == 0 &&
		    json_is_string(tag = json_array_get(json_object_get(img, "RepoTags"), 0)))
			snprintf(out, n, "%s", json_string_value(tag));
		json_decref(img);
	}
out:
	journal_history_clear(&h);
}
