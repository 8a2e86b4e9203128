/* Swarm service updates: one POST to the Swarm API, then watch UpdateStatus; journaled. */
#include "deploy/swarmdeploy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "model/identity.h"
#include "dockerapi/ctrapi.h"
#include "dockerapi/jsonget.h"
#include "xmalloc.h"

struct sd {
	struct dapi_client *c;
	struct journal *j;
	const struct swarmdeploy_opts *o;
	const struct swarmdeploy_progress *p;
	struct swarmdeploy_result *res;
	struct swarm_update u;
	char *service, *branch;
	char *from_commit, *from_build, *commit, *build;
};

static void say(struct sd *sd, const char *step, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct sd *sd, const char *step, const char *fmt, ...)
{
	char text[700];
	va_list ap;

	if (sd->p == NULL || sd->p->fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	sd->p->fn(sd->p->arg, step, text);
}

const char *
swarmdeploy_strategy(enum swarm_op op)
{
	switch (op) {
	case SWARM_OP_SCALE: return "swarm-scale";
	case SWARM_OP_IMAGE: return "swarm-update";
	case SWARM_OP_FORCE: return "swarm-force";
	case SWARM_OP_ROLLBACK: return "swarm-rollback";
	}
	return "swarm";
}

/* Sleep ms in short steps; false when cancelled. */
static bool
sleep_ms(const struct sd *sd, long ms)
{
	for (long left = ms; left > 0; left -= 100) {
		struct timespec ts = { 0, (left < 100 ? left : 100) * 1000000L };

		if (sd->o->cancel != NULL && atomic_load(sd->o->cancel))
			return false;
		while (nanosleep(&ts, &ts) != 0)
			;
	}
	return sd->o->cancel == NULL || !atomic_load(sd->o->cancel);
}

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *
update_label(const void *u, const char *key)
{
	const struct swarm_update *su = u;

	for (size_t i = 0; i < su->nlabels; i++)
		if (strcmp(su->labels[i].key, key) == 0)
			return su->labels[i].value;
	return NULL;
}

static const char *
json_label(const void *labels, const char *key)
{
	return jsonget_str(json_object_get(labels, key));
}

/* commit and build from an image's labels, by identity's rule. */
static void
image_version(struct sd *sd, const char *ref, char **commit, char **build)
{
	struct dapi_error err;
	struct identity id;
	char shortref[1024];
	json_t *root;

	*commit = *build = NULL;
	swarm_image_short(ref, shortref, sizeof shortref);
	if (ctrapi_image_inspect(sd->c, shortref, &root, &err) != 0)
		return;
	identity_from(json_label, jsonget_path(root, "Config.Labels"), NULL, NULL, &id);
	*commit = id.commit;
	*build = id.build;
	id.commit = id.build = NULL;
	identity_clear(&id);
	json_decref(root);
}

/* The action as the journal's field table sees it (deploy/journal.c); the
 * entry only lends sd's strings to journal_write. */
static void
entry_of(struct sd *sd, struct journal_entry *e, char *who)
{
	memset(e, 0, sizeof *e);
	e->id = sd->res->id;
	e->engine = (char *)sd->o->engine;
	e->service = sd->service;
	e->branch = sd->branch;
	e->container = sd->u.name;
	e->swarm_service = sd->u.id;
	e->via = (char *)(sd->o->via != NULL ? sd->o->via : "swarm");
	e->who = who;
	e->strategy = (char *)swarmdeploy_strategy(sd->o->op);
	e->from_ref = e->from_image = sd->u.from_image;
	e->from_commit = sd->from_commit;
	e->from_build = sd->from_build;
	e->to_ref = e->to_image = sd->u.to_image;
	e->commit = sd->commit;
	e->build = sd->build;
	if (sd->o->op == SWARM_OP_SCALE) {
		e->from_replicas = (struct journal_count){ true, sd->u.from_replicas };
		e->to_replicas = (struct journal_count){ true, sd->u.to_replicas };
	}
	e->result = sd->res->result;
	e->reason = sd->res->reason;
}

static int
journal_start(struct sd *sd)
{
	struct journal_entry e;
	struct journal_error je;
	char who[128];

	journal_who(who, sizeof who);
	entry_of(sd, &e, who);
	if (journal_write(sd->j, JOURNAL_EV_START, &e, &je) != 0) {
		snprintf(sd->res->reason, sizeof sd->res->reason, "%s; nothing was changed", je.text);
		return -1;
	}
	return 0;
}

static void
journal_end(struct sd *sd)
{
	struct journal_entry e;
	struct journal_error je;

	entry_of(sd, &e, NULL);
	if (journal_write(sd->j, JOURNAL_EV_END, &e, &je) != 0)
		say(sd, "warning", "could not journal the result: %s", je.text);
}

/* The service as GET /services?status=true shows it (for ServiceStatus). */
static int
fetch_status(struct sd *sd, struct swarm_service **arr, size_t *n, struct swarm_service **s)
{
	struct dapi_buf b = { 0 };
	struct dapi_error err;
	struct decode_error de;
	char filt[200], enc[400], path[600];
	int rc = -1;

	*arr = NULL;
	*n = 0;
	*s = NULL;
	snprintf(filt, sizeof filt, "{\"id\":[\"%s\"]}", sd->u.id);
	dapi_urlencode(filt, enc, sizeof enc);
	snprintf(path, sizeof path, "/services?status=true&filters=%s", enc);
	if (dapi_request(sd->c, NULL, path, NULL, 0, &b, &err) != 0) {
		say(sd, "status", "cannot read the service: %s", err.text);
		goto out;
	}
	if (swarm_services_decode(b.data, b.len, arr, n, &de) != 0) {
		say(sd, "status", "%s", de.text);
		goto out;
	}
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*arr)[i].id, sd->u.id) == 0)
			*s = &(*arr)[i];
	rc = *s != NULL ? 0 : -1;
	if (rc != 0)
		say(sd, "status", "the service is gone");
out:
	dapi_buf_free(&b);
	return rc;
}

/* Watch until done; fills res->result and reason. */
static void
watch(struct sd *sd, const char *prev_started)
{
	long timeout = sd->o->timeout_ms > 0 ? sd->o->timeout_ms : 300000;
	long poll = sd->o->poll_ms > 0 ? sd->o->poll_ms : 1000;
	int64_t t0 = mono_ms();
	char last[300] = "";
	bool rollback = sd->o->op == SWARM_OP_ROLLBACK;
	bool gone_tried = false;

	for (;;) {
		struct swarm_service *arr, *s;
		size_t n;
		char now[300] = "";
		bool done = false;
		int64_t el;

		if (!sleep_ms(sd, poll)) {
			sd->res->result = JOURNAL_FAILED;
			snprintf(sd->res->reason, sizeof sd->res->reason,
			    "berth stopped watching before swarm finished (last: %.400s); "
			    "the update goes on in the swarm", last[0] ? last : "no status");
			return;
		}
		el = mono_ms() - t0;
		if (fetch_status(sd, &arr, &n, &s) == 0) {
			bool fresh = strcmp(s->update_state, "") != 0 &&
			    strcmp(s->update_started, prev_started) != 0;
			const char *st = fresh ? s->update_state : "";

			gone_tried = false;
			snprintf(now, sizeof now, "%s%s%.200s%srunning %llu/%llu",
			    st[0] ? st : "", st[0] && s->update_msg[0] ? ": " : "",
			    st[0] ? s->update_msg : "", st[0] ? ", " : "",
			    (unsigned long long)s->running,
			    (unsigned long long)s->desired);
			if (sd->o->op == SWARM_OP_SCALE) {
				if (s->has_status && s->desired == sd->u.to_replicas &&
				    s->running == s->desired) {
					sd->res->result = JOURNAL_SUCCEEDED;
					snprintf(sd->res->reason, sizeof sd->res->reason,
					    "scaled from %llu to %llu replicas",
					    (unsigned long long)sd->u.from_replicas,
					    (unsigned long long)sd->u.to_replicas);
					done = true;
				}
			} else if (strcmp(st, "completed") == 0 && !rollback) {
				sd->res->result = JOURNAL_SUCCEEDED;
				snprintf(sd->res->reason, sizeof sd->res->reason, "swarm: %.500s",
				    s->update_msg[0] ? s->update_msg : "update completed");
				done = true;
			} else if (strcmp(st, "rollback_completed") == 0) {
				sd->res->result = rollback ? JOURNAL_SUCCEEDED : JOURNAL_ROLLED_BACK;
				snprintf(sd->res->reason, sizeof sd->res->reason, "swarm: %.500s",
				    s->update_msg[0] ? s->update_msg : "rollback completed");
				done = true;
			} else if (strcmp(st, "paused") == 0 || strcmp(st, "rollback_paused") == 0) {
				sd->res->result = JOURNAL_FAILED;
				snprintf(sd->res->reason, sizeof sd->res->reason, "swarm: %s: %.480s",
				    st, s->update_msg[0] ? s->update_msg : "paused");
				done = true;
			} else if (st[0] == '\0' && el >= 10000 && s->has_status &&
			    s->running == s->desired && strcmp(s->image, sd->u.to_image) == 0) {
				/* no update was needed (the spec did not change the tasks) */
				sd->res->result = JOURNAL_SUCCEEDED;
				snprintf(sd->res->reason, sizeof sd->res->reason,
				    "swarm started no update: the tasks already ran this spec");
				done = true;
			}
		} else if (!gone_tried) {
			gone_tried = true;	/* one transient error is forgiven */
		} else {
			sd->res->result = JOURNAL_FAILED;
			snprintf(sd->res->reason, sizeof sd->res->reason,
			    "lost the service while waiting for the update");
			done = true;
		}
		if (now[0] != '\0' && strcmp(now, last) != 0) {
			say(sd, "progress", "%s", now);
			snprintf(last, sizeof last, "%s", now);
		}
		swarm_services_free(arr, n);
		if (done)
			return;
		if (el >= timeout) {
			sd->res->result = JOURNAL_FAILED;
			snprintf(sd->res->reason, sizeof sd->res->reason,
			    "timed out after %ld s waiting for swarm (last: %.400s); "
			    "the update goes on in the swarm", timeout / 1000, last[0] ? last : "no status");
			return;
		}
	}
}

int
swarmdeploy_run(struct dapi_client *c, struct journal *j,
    const struct swarmdeploy_opts *o, const struct swarmdeploy_progress *p,
    struct swarmdeploy_result *res)
{
	struct sd sd = { .c = c, .j = j, .o = o, .p = p, .res = res };
	struct dapi_buf b = { 0 }, ub = { 0 };
	struct dapi_error err;
	struct decode_error de;
	struct journal_lock *lock = NULL;
	struct journal_error je;
	struct swarm_service *arr = NULL, *s;
	size_t n = 0;
	char path[600], shortimg[1024], prev_started[128] = "";
	struct identity ident;

	memset(res, 0, sizeof *res);
	res->result = JOURNAL_FAILED;
	if (o->service_id == NULL || o->service_id[0] == '\0' ||
	    strspn(o->service_id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
	    strlen(o->service_id)) {
		snprintf(res->reason, sizeof res->reason, "not a service name or ID");
		return -1;
	}
	if (o->op == SWARM_OP_ROLLBACK && dapi_version_cmp(c, "1.28") < 0) {
		/* older engines ignore rollback=previous and would re-apply the spec */
		snprintf(res->reason, sizeof res->reason,
		    "swarm's rollback needs API 1.28; this engine speaks %s", dapi_version(c));
		return -1;
	}
	snprintf(path, sizeof path, "/services/%s", o->service_id);
	if (dapi_request(c, NULL, path, NULL, 0, &b, &err) != 0) {
		snprintf(res->reason, sizeof res->reason, "cannot read the service: %s", err.text);
		goto out;
	}
	if (swarm_update_prepare(b.data, b.len, o->op, o->image, o->replicas, &sd.u, &de) != 0) {
		snprintf(res->reason, sizeof res->reason, "%s", de.text);
		goto out;
	}
	identity_from(update_label, &sd.u, sd.u.name != NULL ? sd.u.name : o->service_id,
	    swarm_image_short(sd.u.from_image, shortimg, sizeof shortimg), &ident);
	sd.service = ident.service;
	sd.branch = ident.branch != NULL ? ident.branch : xstrdup("latest");
	image_version(&sd, sd.u.from_image, &sd.from_commit, &sd.from_build);
	image_version(&sd, sd.u.to_image, &sd.commit, &sd.build);
	/* the service's own labels when its image names no version */
	if (sd.from_commit == NULL)
		sd.from_commit = ident.commit;
	else
		free(ident.commit);
	if (sd.from_build == NULL)
		sd.from_build = ident.build;
	else
		free(ident.build);
	if (o->op == SWARM_OP_SCALE || o->op == SWARM_OP_FORCE ||
	    (o->op == SWARM_OP_IMAGE && strcmp(sd.u.from_image, sd.u.to_image) == 0)) {
		if (sd.commit == NULL && sd.from_commit != NULL)
			sd.commit = xstrdup(sd.from_commit);
		if (sd.build == NULL && sd.from_build != NULL)
			sd.build = xstrdup(sd.from_build);
	}
	lock = journal_lock_take(journal_dirname(j), o->engine, sd.service, sd.branch, 0, &je);
	if (lock == NULL) {
		snprintf(res->reason, sizeof res->reason, "%s/%s is being deployed: %s",
		    sd.service, sd.branch, je.text);
		goto out;
	}
	/* the update status before ours, to tell ours apart from it */
	if (fetch_status(&sd, &arr, &n, &s) == 0)
		snprintf(prev_started, sizeof prev_started, "%s", s->update_started);
	swarm_services_free(arr, n);
	journal_new_id(res->id, sizeof res->id);
	if (journal_start(&sd) != 0) {
		res->id[0] = '\0';
		goto out;
	}
	if (o->op == SWARM_OP_SCALE)
		say(&sd, "start", "%s %s: %llu -> %llu replicas", swarmdeploy_strategy(o->op),
		    sd.u.name, (unsigned long long)sd.u.from_replicas,
		    (unsigned long long)sd.u.to_replicas);
	else
		say(&sd, "start", "%s %s: %s -> %s", swarmdeploy_strategy(o->op), sd.u.name,
		    sd.u.from_image, sd.u.to_image);
	swarm_update_path(&sd.u, o->op, path, sizeof path);
	if (dapi_request(c, "POST", path, sd.u.body, 30000, &ub, &err) != 0) {
		snprintf(res->reason, sizeof res->reason, "the engine refused the update: %s", err.text);
		journal_end(&sd);
		goto out;
	}
	res->started = true;
	say(&sd, "posted", "swarm accepted the update");
	watch(&sd, prev_started);
	journal_end(&sd);
out:
	say(&sd, "done", "%s: %s", journal_result_name(res->result), res->reason);
	journal_lock_release(lock);
	dapi_buf_free(&b);
	dapi_buf_free(&ub);
	swarm_update_clear(&sd.u);
	free(sd.service);
	free(sd.branch);
	free(sd.from_commit);
	free(sd.from_build);
	free(sd.commit);
	free(sd.build);
	return res->result == JOURNAL_SUCCEEDED ? 0 : -1;
}
