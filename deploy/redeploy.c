/* Redeploy: recreate a unit's container from its own config with a new image, or put it back. */
#include "deploy/redeploy.h"

#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/identity.h"
#include "dockerapi/decode.h"
#include "dockerapi/jsonget.h"
#include "xmalloc.h"

#define POLL_MS 200
#define STOP_GRACE_S 10
#define PULL_TIMEOUT_MS (10L * 60 * 1000)

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
	char *ref;
	bool old_running;
	enum redeploy_strategy strat;
	int stop_timeout;
	/* what has been done, for undo */
	bool stopped_old, renamed_old, created, healthy;
};

/* ---------------------------------------------------------------- small helpers */

static int64_t
mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* A JSON string from bytes that may not be UTF-8 (user arguments). */
static json_t *
jstr(const char *s)
{
	json_t *v;
	char *copy;

	if (s == NULL)
		return json_null();
	if ((v = json_string(s)) != NULL)
		return v;
	copy = xstrdup(s);
	for (char *q = copy; *q != '\0'; q++)
		if ((unsigned char)*q >= 0x80)
			*q = '?';
	v = json_string(copy);
	free(copy);
	return v != NULL ? v : json_null();
}

static const char *
sget(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Percent-encode for a URL path or query, keeping the characters image
 * references and names use. */
static void
esc(const char *s, char *out, size_t outsz, bool query)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t j = 0;

	for (; *s != '\0' && j + 4 < outsz; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-_.~:@", ch) != NULL ||
		    (!query && ch == '/')) {
			out[j++] = (char)ch;
		} else {
			out[j++] = '%';
			out[j++] = hex[ch >> 4];
			out[j++] = hex[ch & 15];
		}
	}
	out[j] = '\0';
}

static void
say(struct rd *rd, const char *step, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct rd *rd, const char *step, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	if (rd->p == NULL || rd->p->step == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	rd->p->step(rd->p->arg, step, text);
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

/* A request whose JSON answer (if wanted) is parsed into *out. */
static int
api(struct dapi_client *c, const char *method, const char *path, json_t *body,
    long timeout_ms, json_t **out, struct dapi_error *err)
{
	struct dapi_buf b = { 0 };
	char *s = body != NULL ? json_dumps(body, JSON_COMPACT) : NULL;
	int rc;

	if (out != NULL)
		*out = NULL;
	rc = dapi_request(c, method, path, s, timeout_ms, &b, err);
	if (rc == 0 && out != NULL && b.data != NULL)
		*out = json_loadb(b.data, b.len, 0, NULL);
	free(s);
	dapi_buf_free(&b);
	return rc;
}

static int
inspect(struct dapi_client *c, const char *name, json_t **out, struct dapi_error *err)
{
	char path[1024], e[700];

	esc(name, e, sizeof e, false);
	snprintf(path, sizeof path, "/containers/%s/json", e);
	if (api(c, NULL, path, NULL, 0, out, err) != 0)
		return -1;
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		snprintf(err->text, sizeof err->text, "the engine's inspect answer is not an object");
		return -1;
	}
	return 0;
}

static const char *
cname(json_t *insp)
{
	const char *n = sget(insp, "Name");
	return n != NULL && *n == '/' ? n + 1 : n != NULL ? n : "";
}

static bool
is_running(json_t *insp)
{
	return json_is_true(jsonget_path(insp, "State.Running"));
}

static int
rename_to(struct dapi_client *c, const char *id, const char *name, struct dapi_error *err)
{
	char path[1024], e[700];

	esc(name, e, sizeof e, true);
	snprintf(path, sizeof path, "/containers/%s/rename?name=%s", id, e);
	return api(c, "POST", path, NULL, 0, NULL, err);
}

static int
stop(struct dapi_client *c, const char *id, int t, struct dapi_error *err)
{
	char path[256];

	snprintf(path, sizeof path, "/containers/%s/stop?t=%d", id, t);
	if (api(c, "POST", path, NULL, (t + 20) * 1000L, NULL, err) == 0)
		return 0;
	return err->status == 304 ? 0 : -1;	/* already stopped */
}

static int
start(struct dapi_client *c, const char *id, struct dapi_error *err)
{
	char path[256];

	snprintf(path, sizeof path, "/containers/%s/start", id);
	if (api(c, "POST", path, NULL, 30000, NULL, err) == 0)
		return 0;
	return err->status == 304 ? 0 : -1;
}

/* Remove a container; never its volumes (v=0). */
static int
remove_ctr(struct dapi_client *c, const char *id, bool force, struct dapi_error *err)
{
	char path[256];

	snprintf(path, sizeof path, "/containers/%s?v=0&force=%d", id, force ? 1 : 0);
	if (api(c, "DELETE", path, NULL, 30000, NULL, err) == 0)
		return 0;
	return err->status == 404 ? 0 : -1;
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

/* ---------------------------------------------------------------- create body */

static bool
same_value(json_t *a, json_t *b)
{
	if (a == NULL || json_is_null(a))
		return b == NULL || json_is_null(b) ||
		    (json_is_array(b) && json_array_size(b) == 0) ||
		    (json_is_object(b) && json_object_size(b) == 0) ||
		    (json_is_string(b) && *json_string_value(b) == '\0');
	return b != NULL && json_equal(a, b);
}

static bool
is_identity_carried(const char *key)
{
	/* commit and build describe the image: they come from the new one */
	return identity_is_version_label(key);
}

static void
filter_env(json_t *cfg, json_t *img_cfg)
{
	json_t *env = json_object_get(cfg, "Env"), *ienv = json_object_get(img_cfg, "Env");
	json_t *keep = json_array();
	size_t i, k;
	json_t *v, *w;

	json_array_foreach(env, i, v) {
		bool inherited = false;
		json_array_foreach(ienv, k, w)
			if (json_equal(v, w))
				inherited = true;
		if (!inherited)
			json_array_append(keep, v);
	}
	if (json_array_size(keep) > 0)
		json_object_set_new(cfg, "Env", keep);
	else {
		json_decref(keep);
		json_object_del(cfg, "Env");
	}
}

static void
filter_labels(json_t *cfg, json_t *img_cfg)
{
	json_t *labels = json_object_get(cfg, "Labels"), *il = json_object_get(img_cfg, "Labels");
	json_t *keep = json_object();
	const char *k;
	json_t *v;

	json_object_foreach(labels, k, v) {
		if (is_identity_carried(k))
			continue;
		if (json_equal(v, json_object_get(il, k)))
			continue;	/* the old image's own label */
		json_object_set(keep, k, v);
	}
	json_object_set_new(cfg, "Labels", keep);
}

/* Anonymous volumes would be created afresh: name them so the data stays. */
static void
keep_anonymous_volumes(json_t *inspect, json_t *hc)
{
	json_t *mounts = json_object_get(inspect, "Mounts"), *m;
	json_t *binds = json_object_get(hc, "Binds"), *hmounts = json_object_get(hc, "Mounts");
	size_t i, k;

	if (!json_is_array(binds)) {
		binds = json_array();
		json_object_set_new(hc, "Binds", binds);
	}
	json_array_foreach(mounts, i, m) {
		const char *type = sget(m, "Type"), *name = sget(m, "Name"), *dst = sget(m, "Destination");
		bool named = false;
		json_t *b;
		char spec[1024];

		if (type == NULL || strcmp(type, "volume") != 0 || name == NULL || dst == NULL)
			continue;
		json_array_foreach(binds, k, b) {
			const char *s = json_string_value(b);
			size_t nl = strlen(name);
			if (s != NULL && strncmp(s, name, nl) == 0 && s[nl] == ':')
				named = true;
		}
		json_array_foreach(hmounts, k, b) {
			const char *s = sget(b, "Source");
			if (s != NULL && strcmp(s, name) == 0)
				named = true;
		}
		if (named)
			continue;
		snprintf(spec, sizeof spec, "%s:%s%s", name, dst,
		    json_is_false(json_object_get(m, "RW")) ? ":ro" : "");
		json_array_append_new(binds, json_string(spec));
	}
	if (json_array_size(binds) == 0)
		json_object_set_new(hc, "Binds", json_null());
}

static json_t *
endpoint_config(json_t *net, const char *short_id, bool aliases_ok)
{
	json_t *ep = json_object(), *al = json_object_get(net, "Aliases"), *v;
	json_t *keep = json_array();
	size_t i;

	json_array_foreach(al, i, v) {
		const char *s = json_string_value(v);
		/* the engine adds the container's short id itself */
		if (s != NULL && strcmp(s, short_id) != 0)
			json_array_append(keep, v);
	}
	if (aliases_ok && json_array_size(keep) > 0)
		json_object_set_new(ep, "Aliases", keep);
	else
		json_decref(keep);
	v = json_object_get(net, "IPAMConfig");
	if (json_is_object(v) && json_object_size(v) > 0)
		json_object_set(ep, "IPAMConfig", v);
	v = json_object_get(net, "Links");
	if (json_is_array(v) && json_array_size(v) > 0)
		json_object_set(ep, "Links", v);
	v = json_object_get(net, "DriverOpts");
	if (json_is_object(v) && json_object_size(v) > 0)
		json_object_set(ep, "DriverOpts", v);
	return ep;
}

json_t *
redeploy_create_body(json_t *inspect, json_t *old_image, const char *ref, json_t **extra_nets)
{
	static const char *const inherit[] = {
		"Cmd", "Entrypoint", "WorkingDir", "User", "Healthcheck", "ExposedPorts",
		"Volumes", "StopSignal", "Shell", "OnBuild", "ArgsEscaped", "Domainname",
	};
	json_t *cfg = json_deep_copy(json_object_get(inspect, "Config"));
	json_t *img_cfg = json_object_get(old_image, "Config");
	json_t *hc = json_deep_copy(json_object_get(inspect, "HostConfig"));
	json_t *nets = jsonget_path(inspect, "NetworkSettings.Networks");
	const char *id = sget(inspect, "Id"), *mode = sget(hc, "NetworkMode");
	char short_id[13] = "";
	json_t *body, *v;

	*extra_nets = NULL;
	if (!json_is_object(cfg)) {
		json_decref(cfg);
		cfg = json_object();
	}
	if (!json_is_object(hc)) {
		json_decref(hc);
		hc = json_object();
	}
	if (id != NULL)
		snprintf(short_id, sizeof short_id, "%.12s", id);
	for (size_t i = 0; i < sizeof inherit / sizeof inherit[0]; i++) {
		v = json_object_get(cfg, inherit[i]);
		if (v == NULL)
			continue;
		if (json_is_null(v) || (img_cfg != NULL && same_value(v, json_object_get(img_cfg, inherit[i]))))
			json_object_del(cfg, inherit[i]);
	}
	/* the engine names an unnamed host after the container's short id */
	v = json_object_get(cfg, "Hostname");
	if (json_is_string(v) && (strcmp(json_string_value(v), short_id) == 0 ||
	    *json_string_value(v) == '\0'))
		json_object_del(cfg, "Hostname");
	if (img_cfg != NULL)
		filter_env(cfg, img_cfg);
	filter_labels(cfg, img_cfg);
	json_object_set_new(cfg, "Image", jstr(ref));
	keep_anonymous_volumes(inspect, hc);

	body = cfg;
	json_object_set_new(body, "HostConfig", hc);
	if (mode != NULL && strcmp(mode, "host") != 0 && strcmp(mode, "none") != 0 &&
	    strncmp(mode, "container:", 10) != 0 && json_is_object(nets) && json_object_size(nets) > 0) {
		const char *primary = strcmp(mode, "default") == 0 ? "bridge" : mode;
		const char *k;
		json_t *eps = json_object(), *extra = json_object();

		if (json_object_get(nets, primary) == NULL)
			primary = NULL;
		json_object_foreach(nets, k, v) {
			bool user_net = strcmp(k, "bridge") != 0;
			json_t *ep = endpoint_config(v, short_id, user_net);
			if (primary == NULL)
				primary = k;
			/* API < 1.44 creates with one network; the rest are connected after */
			json_object_set_new(strcmp(k, primary) == 0 ? eps : extra, k, ep);
		}
		json_object_set_new(body, "NetworkingConfig", json_pack("{s:o}", "EndpointsConfig", eps));
		if (json_object_size(extra) > 0)
			*extra_nets = extra;
		else
			json_decref(extra);
	}
	return body;
}

/* ---------------------------------------------------------------- journal */

static json_t *
rec_new(struct rd *rd, const char *ev)
{
	json_t *r = json_object();

	json_object_set_new(r, "id", json_string(rd->res->id));
	json_object_set_new(r, "ev", json_string(ev));
	json_object_set_new(r, "t", json_integer(journal_now_ms()));
	return r;
}

static void
opt_set(json_t *r, const char *key, const char *v)
{
	if (v != NULL && *v != '\0')
		json_object_set_new(r, key, jstr(v));
}

static int
append(struct rd *rd, json_t *r)
{
	struct journal_error je;
	int rc = journal_append(rd->j, r, &je);

	json_decref(r);
	if (rc != 0)
		fail(rd, "%s", je.text);
	return rc;
}

static int
journal_start(struct rd *rd)
{
	json_t *r = rec_new(rd, "start");
	char who[128];

	journal_who(who, sizeof who);
	opt_set(r, "engine", rd->o->engine);
	opt_set(r, "service", rd->service);
	opt_set(r, "branch", rd->branch);
	opt_set(r, "container", rd->target);
	opt_set(r, "via", rd->o->via != NULL ? rd->o->via : "cli");
	opt_set(r, "who", who);
	opt_set(r, "strategy", redeploy_strategy_name(rd->strat));
	opt_set(r, "from_image", rd->from_image);
	opt_set(r, "from_ref", jsonget_str(jsonget_path(rd->tmpl, "Config.Image")));
	opt_set(r, "from_digest", rd->from_digest);
	opt_set(r, "from_commit", rd->from_commit);
	opt_set(r, "from_build", rd->from_build);
	opt_set(r, "to_ref", rd->ref);
	opt_set(r, "to_image", rd->to_image);
	opt_set(r, "to_digest", rd->to_digest);
	opt_set(r, "commit", rd->commit);
	opt_set(r, "build", rd->build);
	opt_set(r, "rollback_of", rd->o->rollback_of);
	return append(rd, r);
}

/* Tests stop berth at a chosen step: BERTH_DEPLOY_PAUSE_AT=created. */
static volatile sig_atomic_t pause_resumed;

static void
on_resume(int sig)
{
	(void)sig;
	pause_resumed = 1;
}

/*
 * Tests only: stop at a step until SIGKILL, or until SIGUSR1 when
 * BERTH_DEPLOY_PAUSE_RESUME is set (to break things mid-deploy, then go on).
 */
static void
maybe_pause(const char *step)
{
	const char *at = getenv("BERTH_DEPLOY_PAUSE_AT");
	struct sigaction sa = { 0 };

	if (at == NULL || strcmp(at, step) != 0)
		return;
	if (getenv("BERTH_DEPLOY_PAUSE_RESUME") != NULL) {
		sa.sa_handler = on_resume;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGUSR1, &sa, NULL);
	}
	fprintf(stderr, "berth: paused at %s (BERTH_DEPLOY_PAUSE_AT)\n", step);
	fflush(stderr);
	while (!pause_resumed)
		pause();
}

static int
journal_step(struct rd *rd, const char *step)
{
	json_t *r = rec_new(rd, "step");

	json_object_set_new(r, "step", json_string(step));
	opt_set(r, "old_id", rd->old_id);
	opt_set(r, "old_name", rd->old_name);
	json_object_set_new(r, "old_running", json_boolean(rd->old_running));
	opt_set(r, "new_id", rd->new_id);
	opt_set(r, "new_name", rd->new_name);
	opt_set(r, "aside_name", rd->aside_name);
	if (append(rd, r) != 0)
		return -1;
	maybe_pause(step);
	return 0;
}

static void
journal_end(struct rd *rd, enum journal_result result, const char *reason)
{
	json_t *r = rec_new(rd, "end");
	struct journal_error je;

	json_object_set_new(r, "result", json_string(journal_result_name(result)));
	opt_set(r, "reason", reason);
	opt_set(r, "new_id", rd->new_id);
	if (journal_append(rd->j, r, &je) != 0)
		say(rd, "warning", "could not journal the result: %s", je.text);
	json_decref(r);
}

/* ---------------------------------------------------------------- steps */

static int
resolve_image(struct rd *rd)
{
	struct dapi_error err;
	char path[1024], e[700];
	json_t *img = NULL, *digests, *labels;
	const char *id;

	esc(rd->ref, e, sizeof e, false);
	snprintf(path, sizeof path, "/images/%s/json", e);
	if (api(rd->c, NULL, path, NULL, 0, &img, &err) != 0) {
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

static int
pull(struct rd *rd)
{
	struct dapi_buf b = { 0 };
	struct dapi_error err;
	char path[1024], e[700];
	int rc = -1;

	esc(rd->ref, e, sizeof e, true);
	snprintf(path, sizeof path, "/images/create?fromImage=%s", e);
	say(rd, "pull", "pulling %s", rd->ref);
	if (dapi_request(rd->c, "POST", path, NULL, PULL_TIMEOUT_MS, &b, &err) != 0) {
		fail(rd, "cannot pull %s: %s", rd->ref, err.text);
		goto out;
	}
	/* a failed pull still answers 200; the error is in the progress stream */
	for (char *line = b.data; line != NULL && *line != '\0';) {
		char *nl = strchr(line, '\n');
		json_t *o = json_loadb(line, nl != NULL ? (size_t)(nl - line) : strlen(line), 0, NULL);
		const char *m = sget(o, "error");
		if (m != NULL) {
			fail(rd, "cannot pull %s: %s", rd->ref, m);
			json_decref(o);
			goto out;
		}
		json_decref(o);
		line = nl != NULL ? nl + 1 : NULL;
	}
	rc = 0;
out:
	dapi_buf_free(&b);
	return rc;
}

static bool
has_healthcheck(json_t *insp)
{
	json_t *t = jsonget_path(insp, "Config.Healthcheck.Test");
	const char *first = json_string_value(json_array_get(t, 0));
	return json_array_size(t) > 0 && first != NULL && strcmp(first, "NONE") != 0;
}

static void
last_health_output(json_t *st, char *out, size_t n)
{
	json_t *log = jsonget_path(st, "Health.Log");
	size_t k = json_array_size(log);
	const char *o = k > 0 ? sget(json_array_get(log, k - 1), "Output") : NULL;
	size_t len;

	snprintf(out, n, "%s", o != NULL ? o : "");
	len = strlen(out);
	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == ' '))
		out[--len] = '\0';
	for (char *q = out; *q != '\0'; q++)
		if (*q == '\n' || *q == '\r' || *q == '\t')
			*q = ' ';
}

/* Running (and healthy, with a health check) within the timeout. */
static int
wait_ready(struct rd *rd)
{
	int timeout_s = rd->o->timeout_s > 0 ? rd->o->timeout_s : 60;
	int settle = rd->o->settle_ms > 0 ? rd->o->settle_ms : 2000;
	int64_t deadline = mono_ms() + (int64_t)timeout_s * 1000, since = 0;
	char last[64] = "";

	if (settle > timeout_s * 1000)
		settle = timeout_s * 1000;
	for (;;) {
		struct dapi_error err;
		json_t *insp = NULL, *st;
		const char *status, *health;
		char now[64], out[300];
		int code, restarts;
		bool hc;

		if (inspect(rd->c, rd->new_id, &insp, &err) != 0) {
			fail(rd, "cannot inspect the new container: %s", err.text);
			return -1;
		}
		st = json_object_get(insp, "State");
		status = sget(st, "Status");
		health = jsonget_str(jsonget_path(st, "Health.Status"));
		code = (int)json_integer_value(json_object_get(st, "ExitCode"));
		restarts = (int)json_integer_value(json_object_get(insp, "RestartCount"));
		hc = has_healthcheck(insp);
		snprintf(now, sizeof now, "%s%s%s", status != NULL ? status : "?",
		    hc ? ", " : "", hc ? (health != NULL ? health : "starting") : "");
		if (strcmp(now, last) != 0) {
			say(rd, "wait", "new container: %s", now);
			snprintf(last, sizeof last, "%s", now);
		}
		if (status == NULL || strcmp(status, "exited") == 0 || strcmp(status, "dead") == 0) {
			fail(rd, "the new container exited at once (exit code %d)", code);
			goto bad;
		}
		if (restarts > 0 || json_is_true(json_object_get(st, "Restarting"))) {
			fail(rd, "the new container keeps restarting (exit code %d)", code);
			goto bad;
		}
		if (hc && health != NULL && strcmp(health, "unhealthy") == 0) {
			last_health_output(st, out, sizeof out);
			fail(rd, "the new container's health check failed%s%s", out[0] ? ": " : "", out);
			goto bad;
		}
		if (strcmp(status, "running") == 0) {
			if (hc && health != NULL && strcmp(health, "healthy") == 0) {
				json_decref(insp);
				return 0;
			}
			if (!hc) {
				if (since == 0)
					since = mono_ms();
				if (mono_ms() - since >= settle) {
					json_decref(insp);
					return 0;
				}
			}
		} else {
			since = 0;
		}
		json_decref(insp);
		if (mono_ms() >= deadline) {
			fail(rd, "the new container was not %s within %d s (%s)",
			    hc ? "healthy" : "running", timeout_s, now);
			return -1;
		}
		sleep_ms(POLL_MS);
		continue;
bad:
		json_decref(insp);
		return -1;
	}
}

static int
create_new(struct rd *rd, const char *name)
{
	struct dapi_error err;
	char path[1024], e[700];
	json_t *out = NULL, *ep;
	const char *net;

	esc(name, e, sizeof e, true);
	snprintf(path, sizeof path, "/containers/create?name=%s", e);
	if (name != rd->new_name)
		snprintf(rd->new_name, sizeof rd->new_name, "%s", name);
	if (api(rd->c, "POST", path, rd->body, 60000, &out, &err) != 0) {
		fail(rd, "cannot create the new container: %s", err.text);
		return -1;
	}
	snprintf(rd->new_id, sizeof rd->new_id, "%s", sget(out, "Id") != NULL ? sget(out, "Id") : "");
	json_decref(out);
	if (rd->new_id[0] == '\0') {
		fail(rd, "the engine created a container but sent no Id");
		return -1;
	}
	rd->created = true;
	json_object_foreach(rd->extra_nets, net, ep) {
		json_t *b = json_pack("{s:s,s:O}", "Container", rd->new_id, "EndpointConfig", ep);
		int rc;
		esc(net, e, sizeof e, false);
		snprintf(path, sizeof path, "/networks/%s/connect", e);
		rc = api(rd->c, "POST", path, b, 30000, NULL, &err);
		json_decref(b);
		if (rc != 0) {
			fail(rd, "cannot connect the new container to network %s: %s", net, err.text);
			return -1;
		}
	}
	say(rd, "created", "created %.12s as %s", rd->new_id, name);
	return 0;
}

static int
start_new(struct rd *rd)
{
	struct dapi_error err;

	if (start(rd->c, rd->new_id, &err) != 0) {
		fail(rd, "cannot start the new container: %s", err.text);
		return -1;
	}
	say(rd, "started", "started %.12s", rd->new_id);
	return 0;
}

static int
stop_old(struct rd *rd)
{
	struct dapi_error err;

	if (!rd->old_running)
		return 0;
	say(rd, "stopping", "stopping the old container %s (up to %d s)", rd->old_name, rd->stop_timeout);
	rd->stopped_old = true;	/* even a failed stop may have stopped it */
	if (stop(rd->c, rd->old_id, rd->stop_timeout, &err) != 0) {
		fail(rd, "cannot stop the old container: %s", err.text);
		return -1;
	}
	say(rd, "stopped_old", "stopped the old container %.12s", rd->old_id);
	return 0;
}

static int
rename_old_aside(struct rd *rd)
{
	struct dapi_error err;

	if (rename_to(rd->c, rd->old_id, rd->aside_name, &err) != 0) {
		fail(rd, "cannot rename the old container: %s", err.text);
		return -1;
	}
	rd->renamed_old = true;
	say(rd, "renamed_old", "renamed the old container to %s", rd->aside_name);
	return 0;
}

static int
remove_old(struct rd *rd)
{
	struct dapi_error err;

	if (remove_ctr(rd->c, rd->old_id, true, &err) != 0) {
		fail(rd, "cannot remove the old container: %s", err.text);
		return -1;
	}
	say(rd, "removed_old", "removed the old container %.12s (its image is kept)", rd->old_id);
	return 0;
}

static int
steps_start_first(struct rd *rd)
{
	struct dapi_error err;

	if (create_new(rd, rd->new_name) != 0 || journal_step(rd, "created") != 0)
		return -1;
	if (start_new(rd) != 0 || journal_step(rd, "started") != 0)
		return -1;
	if (wait_ready(rd) != 0)
		return -1;
	rd->healthy = true;
	say(rd, "healthy", "the new container is ready");
	if (journal_step(rd, "healthy") != 0)
		return -1;
	if (rd->old != NULL && (rename_old_aside(rd) != 0 || journal_step(rd, "renamed_old") != 0))
		return -1;
	if (rename_to(rd->c, rd->new_id, rd->target, &err) != 0) {
		fail(rd, "cannot give the new container its name: %s", err.text);
		return -1;
	}
	snprintf(rd->new_name, sizeof rd->new_name, "%s", rd->target);
	say(rd, "renamed_new", "the new container is now %s", rd->target);
	if (journal_step(rd, "renamed_new") != 0)
		return -1;
	if (rd->old == NULL)
		return 0;
	if (stop_old(rd) != 0 || journal_step(rd, "stopped_old") != 0)
		return -1;
	if (remove_old(rd) != 0)
		return -1;
	return journal_step(rd, "removed_old");
}

static int
steps_stop_first(struct rd *rd)
{
	if (rd->old != NULL) {
		if (stop_old(rd) != 0 || journal_step(rd, "stopped_old") != 0)
			return -1;
		if (rename_old_aside(rd) != 0 || journal_step(rd, "renamed_old") != 0)
			return -1;
	}
	if (create_new(rd, rd->target) != 0 || journal_step(rd, "created") != 0)
		return -1;
	if (start_new(rd) != 0 || journal_step(rd, "started") != 0)
		return -1;
	if (wait_ready(rd) != 0)
		return -1;
	rd->healthy = true;
	say(rd, "healthy", "the new container is ready");
	if (journal_step(rd, "healthy") != 0)
		return -1;
	if (rd->old == NULL)
		return 0;
	if (remove_old(rd) != 0)
		return -1;
	return journal_step(rd, "removed_old");
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
		say(rd, "undo", "removing the new container %.12s", rd->new_id);
		if (remove_ctr(rd->c, rd->new_id, true, &err) != 0) {
			snprintf(why, whysz, "cannot remove the new container: %s", err.text);
			rc = -1;
		}
	}
	if (rd->old == NULL)
		return rc;
	if (rd->renamed_old) {
		say(rd, "undo", "renaming the old container back to %s", rd->old_name);
		if (rename_to(rd->c, rd->old_id, rd->old_name, &err) != 0) {
			snprintf(why, whysz, "cannot rename the old container back: %s", err.text);
			rc = -1;
		}
	}
	if (rd->old_running) {
		if (inspect(rd->c, rd->old_id, &insp, &err) != 0) {
			snprintf(why, whysz, "cannot inspect the old container: %s", err.text);
			return -1;
		}
		if (!is_running(insp)) {
			say(rd, "undo", "starting the old container %s", rd->old_name);
			if (start(rd->c, rd->old_id, &err) != 0) {
				snprintf(why, whysz, "cannot start the old container: %s", err.text);
				rc = -1;
			}
		}
		json_decref(insp);
	}
	return rc;
}

/* ---------------------------------------------------------------- finding the container */

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The unit's container: the running one, or the only one. */
static int
find_unit(struct rd *rd, char *id, size_t idsz)
{
	struct dapi_buf b = { 0 };
	struct dapi_error err;
	struct decode_error de;
	struct dapi_container *arr = NULL;
	size_t n = 0, hits = 0, running = 0;
	int rc = -1;

	id[0] = '\0';
	if (dapi_request(rd->c, NULL, "/containers/json?all=1", NULL, 0, &b, &err) != 0) {
		fail(rd, "cannot list containers: %s", err.text);
		goto out;
	}
	if (decode_container_list(b.data, b.len, &arr, &n, &de) != 0) {
		fail(rd, "cannot read the container list: %s", de.text);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct identity ident;
		identity_of(&arr[i], &ident);
		if (streq(ident.service, rd->service) && streq(ident.branch, rd->branch)) {
			bool run = arr[i].state == DAPI_ST_RUNNING;
			hits++;
			if (run)
				running++;
			if (id[0] == '\0' || (run && running == 1))
				snprintf(id, idsz, "%s", arr[i].id);
		}
		identity_clear(&ident);
	}
	if (running > 1 || (running == 0 && hits > 1)) {
		fail(rd, "%zu containers belong to %s/%s; name one with --name", hits,
		    rd->service, rd->branch);
		goto out;
	}
	rc = 0;
out:
	decode_container_array_free(arr, n);
	dapi_buf_free(&b);
	return rc;
}

/* A container name from the unit: [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
static void
unit_name(const char *service, const char *branch, char *out, size_t n)
{
	size_t j = 0;
	char raw[512];

	snprintf(raw, sizeof raw, "%s-%s", service, branch != NULL ? branch : "");
	for (const char *s = raw; *s != '\0' && j + 1 < n; s++) {
		char ch = *s;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (j > 0 && strchr("_.-", ch) != NULL);
		out[j++] = ok ? ch : '_';
	}
	out[j] = '\0';
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
	struct dapi_container rec = { 0 };
	struct decode_error de;
	char *dump;
	const char *img;

	if (o->container != NULL) {
		if (inspect(rd->c, o->container, &rd->old, &err) != 0 && !(err.status == 404 && o->from != NULL)) {
			fail(rd, "cannot find container %s: %s", o->container, err.text);
			return -1;
		}
	} else {
		if (rd->service == NULL || rd->branch == NULL) {
			fail(rd, "name the unit (service and branch) or the container");
			return -1;
		}
		if (find_unit(rd, id, sizeof id) != 0)
			return -1;
		if (id[0] != '\0' && inspect(rd->c, id, &rd->old, &err) != 0) {
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
		if (inspect(rd->c, o->from, &rd->tmpl, &err) != 0) {
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
		snprintf(rd->old_name, sizeof rd->old_name, "%s", cname(rd->old));
		snprintf(rd->target, sizeof rd->target, "%s", rd->old_name);
		rd->old_running = is_running(rd->old);
		snprintf(rd->from_image, sizeof rd->from_image, "%s", sget(rd->old, "Image") ? sget(rd->old, "Image") : "");
		/* the old image's digest, when it came from a registry */
		if (rd->from_image[0] != '\0') {
			char ipath[256];
			snprintf(ipath, sizeof ipath, "/images/%s/json", rd->from_image);
			json_decref(rd->old_image);
			if (api(rd->c, NULL, ipath, NULL, 0, &rd->old_image, &err) != 0)
				rd->old_image = NULL;	/* deleted: every value counts as explicit */
			if (json_is_string(json_array_get(json_object_get(rd->old_image, "RepoDigests"), 0)))
				snprintf(rd->from_digest, sizeof rd->from_digest, "%s",
				    json_string_value(json_array_get(json_object_get(rd->old_image, "RepoDigests"), 0)));
		}
		labels = jsonget_path(rd->old, "Config.Labels");
		version_of(labels, rd->from_commit, sizeof rd->from_commit, rd->from_build, sizeof rd->from_build);
		/* the unit, when only the container was named */
		if (rd->service == NULL || rd->branch == NULL) {
			dump = json_dumps(rd->old, JSON_COMPACT);
			if (dump != NULL && decode_container_inspect(dump, strlen(dump), &rec, &de) == 0) {
				struct identity ident;
				identity_of(&rec, &ident);
				if (rd->service == NULL)
					rd->service = xstrdup(ident.service);
				if (rd->branch == NULL && ident.branch != NULL)
					rd->branch = xstrdup(ident.branch);
				identity_clear(&ident);
			}
			records_container_clear(&rec);
			free(dump);
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
	char path[256];
	const char *img = sget(rd->tmpl, "Image");
	json_t *labels;

	/* the template's image (the old container's is already loaded) */
	if (img != NULL && rd->old_image == NULL) {
		snprintf(path, sizeof path, "/images/%s/json", img);
		if (api(rd->c, NULL, path, NULL, 0, &rd->old_image, &err) != 0)
			rd->old_image = NULL;	/* deleted: keep every value as explicit */
	}
	rd->body = redeploy_create_body(rd->tmpl, rd->old_image, rd->ref, &rd->extra_nets);
	if (rd->old == NULL) {
		/* a first deploy makes the template's copy a member of the unit */
		labels = json_object_get(rd->body, "Labels");
		json_object_set_new(labels, identity_label(IDENTITY_SERVICE), jstr(rd->service));
		json_object_set_new(labels, identity_label(IDENTITY_BRANCH), jstr(rd->branch));
	}
	return 0;
}

/* ---------------------------------------------------------------- run */

const char *
redeploy_strategy_name(enum redeploy_strategy s)
{
	switch (s) {
	case REDEPLOY_STOP_FIRST: return "stop-first";
	case REDEPLOY_START_FIRST: return "start-first";
	case REDEPLOY_AUTO: break;
	}
	return "auto";
}

int
redeploy_strategy_parse(const char *s, enum redeploy_strategy *out)
{
	if (strcmp(s, "stop-first") == 0)
		*out = REDEPLOY_STOP_FIRST;
	else if (strcmp(s, "start-first") == 0)
		*out = REDEPLOY_START_FIRST;
	else if (strcmp(s, "auto") == 0)
		*out = REDEPLOY_AUTO;
	else
		return -1;
	return 0;
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
		say(&rd, "lock", "took over the lock of %s/%s from pid %ld, which is gone",
		    rd.service, rd.branch, journal_lock_stale_pid(lock));
	if (prepare(&rd) != 0)
		goto out;
	journal_new_id(res->id, sizeof res->id);
	say(&rd, "plan", "deploy %s of %s/%s: %s, %s", res->id, rd.service, rd.branch,
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
	say(&rd, "image", "target %s = %.19s%s%s%s%s", rd.ref, rd.to_image,
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
		say(&rd, "done", "deployed %s to %s/%s (%.12s)", rd.ref, rd.service, rd.branch, rd.new_id);
		rc = 0;
		goto out;
	}
	say(&rd, "failed", "%s; rolling back", res->reason);
	snprintf(why, sizeof why, "%s", res->reason);
	if (undo(&rd, res->reason, sizeof res->reason) == 0) {
		res->outcome = REDEPLOY_ROLLED_BACK;
		fail(&rd, "%s", why);
		journal_end(&rd, rd.old != NULL ? JOURNAL_ROLLED_BACK : JOURNAL_FAILED, why);
		say(&rd, "rolled_back", "%s", rd.old != NULL ?
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
			struct dapi_buf b = { 0 };
			struct dapi_error de;
			char path[1024];
			json_t *img;
			bool same = false;

			if (refs[k] == NULL || strchr(refs[k], '?') != NULL || strncmp(refs[k], "sha256:", 7) == 0)
				continue;
			snprintf(path, sizeof path, "/images/%s/json", refs[k]);
			if (dapi_request(c, NULL, path, NULL, 0, &b, &de) == 0) {
				img = json_loadb(b.data, b.len, 0, NULL);
				same = json_is_string(json_object_get(img, "Id")) &&
				    strcmp(json_string_value(json_object_get(img, "Id")), image) == 0;
				json_decref(img);
			}
			dapi_buf_free(&b);
			if (same) {
				snprintf(out, n, "%s", refs[k]);
				goto out;
			}
		}
	}
	/* no recorded ref names it any more: one of the image's own tags */
	{
		struct dapi_error de;
		char path[256];
		json_t *img = NULL, *tag;

		snprintf(path, sizeof path, "/images/%s/json", image);
		if (api(c, NULL, path, NULL, 0, &img, &de) == 0 &&
		    json_is_string(tag = json_array_get(json_object_get(img, "RepoTags"), 0)))
			snprintf(out, n, "%s", json_string_value(tag));
		json_decref(img);
	}
out:
	journal_history_clear(&h);
}

/* ---------------------------------------------------------------- recovery */

/* A container by id or name; NULL if it does not exist. */
static json_t *
find_ctr(struct dapi_client *c, const char *id_or_name)
{
	struct dapi_error err;
	json_t *insp = NULL;

	if (id_or_name == NULL || *id_or_name == '\0')
		return NULL;
	if (inspect(c, id_or_name, &insp, &err) != 0)
		return NULL;
	return insp;
}

static void
recover_one(struct rd *rd, const struct journal_entry *e)
{
	struct dapi_error err;
	json_t *old = NULL, *nw = NULL;
	const char *target = e->old_name != NULL ? e->old_name : e->container;
	char reason[600], step[64];
	enum journal_result result;
	bool ok = true;

	snprintf(step, sizeof step, "%s", e->step != NULL ? e->step : "start");
	if (e->via != NULL && strcmp(e->via, "swarm") == 0) {
		/* swarm did the work (deploy/swarmdeploy.c): no container to put back */
		result = JOURNAL_FAILED;
		snprintf(reason, sizeof reason, "berth stopped watching this swarm update; "
		    "swarm's own UpdateStatus says how it ended");
		goto record;
	}
	if (e->step == NULL) {
		/* only the start record (e.g. killed while pulling): nothing was touched */
		result = JOURNAL_FAILED;
		snprintf(reason, sizeof reason, "berth stopped before changing any container");
		goto record;
	}
	if (e->old_id != NULL)
		old = find_ctr(rd->c, e->old_id);
	if (e->new_id != NULL)
		nw = find_ctr(rd->c, e->new_id);
	if (nw == NULL && e->new_name != NULL) {
		/* killed between create and its journal record: find it by name */
		nw = find_ctr(rd->c, e->new_name);
		if (nw != NULL && e->old_id != NULL && streq(sget(nw, "Id"), e->old_id)) {
			json_decref(nw);
			nw = NULL;
		}
	}
	snprintf(rd->old_id, sizeof rd->old_id, "%s", e->old_id != NULL ? e->old_id : "");
	snprintf(rd->new_id, sizeof rd->new_id, "%s", nw != NULL ? sget(nw, "Id") : "");
	say(rd, "recover", "deploy %s of %s/%s was interrupted after step '%s'", e->id,
	    e->service != NULL ? e->service : "?", e->branch != NULL ? e->branch : "?", step);
	if (e->healthy && nw != NULL && is_running(nw)) {
		/* the new one had proved itself: finish the deploy */
		if (old != NULL) {
			say(rd, "recover", "removing the old container %.12s", e->old_id);
			if (stop(rd->c, e->old_id, 10, &err) != 0 || remove_ctr(rd->c, e->old_id, true, &err) != 0)
				ok = false;
		}
		if (ok && target != NULL && strcmp(cname(nw), target) != 0) {
			say(rd, "recover", "renaming the new container to %s", target);
			if (rename_to(rd->c, sget(nw, "Id"), target, &err) != 0)
				ok = false;
		}
		result = ok ? JOURNAL_SUCCEEDED : JOURNAL_FAILED;
		snprintf(reason, sizeof reason, "berth stopped after step '%s'; recovery %s the deploy%s%.300s",
		    step, ok ? "completed" : "could not complete", ok ? "" : ": ", ok ? "" : err.text);
	} else {
		if (nw != NULL) {
			say(rd, "recover", "removing the new container %.12s", sget(nw, "Id"));
			if (remove_ctr(rd->c, sget(nw, "Id"), true, &err) != 0)
				ok = false;
		}
		if (old != NULL) {
			if (ok && target != NULL && strcmp(cname(old), target) != 0) {
				say(rd, "recover", "renaming the old container back to %s", target);
				if (rename_to(rd->c, e->old_id, target, &err) != 0)
					ok = false;
			}
			if (ok && e->old_running && !is_running(old)) {
				say(rd, "recover", "starting the old container %s", target);
				if (start(rd->c, e->old_id, &err) != 0)
					ok = false;
			}
			result = ok ? JOURNAL_ROLLED_BACK : JOURNAL_FAILED;
			snprintf(reason, sizeof reason, "berth stopped after step '%s'; recovery %s%s%.300s", step,
			    ok ? "put the old container back" : "could not restore the old container",
			    ok ? "" : ": ", ok ? "" : err.text);
		} else if (e->old_id == NULL) {
			result = JOURNAL_FAILED;
			snprintf(reason, sizeof reason, "berth stopped after step '%s' of a first deploy; "
			    "recovery removed the new container", step);
		} else {
			result = JOURNAL_FAILED;
			snprintf(reason, sizeof reason, "berth stopped after step '%s'; the old container "
			    "is gone and the new one was not ready", step);
		}
	}
record:
	snprintf(rd->res->id, sizeof rd->res->id, "%s", e->id);
	{
		json_t *r = rec_new(rd, "end");
		struct journal_error je;
		json_object_set_new(r, "result", json_string(journal_result_name(result)));
		opt_set(r, "reason", reason);
		json_object_set_new(r, "recovered", json_true());
		if (journal_append(rd->j, r, &je) != 0)
			say(rd, "warning", "could not journal the recovery: %s", je.text);
		json_decref(r);
	}
	say(rd, "recovered", "%s", reason);
	json_decref(old);
	json_decref(nw);
}

int
redeploy_recover(struct dapi_client *c, struct journal *j, const char *engine,
    const struct redeploy_progress *p, size_t *n, struct journal_error *err)
{
	struct journal_lines lines;
	struct journal_history h;
	struct redeploy_result res = { 0 };
	struct redeploy_opts o = { .engine = engine };
	struct rd rd = { .c = c, .j = j, .o = &o, .p = p, .res = &res };

	*n = 0;
	if (journal_read(journal_dirname(j), &lines, err) != 0)
		return -1;
	journal_fold(&lines, engine, NULL, NULL, &h);
	journal_lines_clear(&lines);
	for (size_t i = 0; i < h.n; i++) {
		const struct journal_entry *e = &h.e[i];
		struct journal_lock *lock;
		struct journal_lines again;
		struct journal_history h2 = { 0 };
		struct journal_error je;
		bool still = false;

		if (e->result != JOURNAL_RUNNING || e->start_ms == 0)
			continue;
		lock = journal_lock_take(journal_dirname(j), engine, e->service, e->branch, 0, &je);
		if (lock == NULL)
			continue;	/* a live berth is deploying it */
		/* it may have finished between the read and the lock */
		if (journal_read(journal_dirname(j), &again, &je) == 0) {
			journal_fold(&again, engine, e->service, e->branch, &h2);
			for (size_t k = 0; k < h2.n; k++)
				if (strcmp(h2.e[k].id, e->id) == 0 && h2.e[k].result == JOURNAL_RUNNING)
					still = true;
			journal_lines_clear(&again);
		}
		if (still) {
			for (size_t k = 0; k < h2.n; k++)
				if (strcmp(h2.e[k].id, e->id) == 0)
					recover_one(&rd, &h2.e[k]);
			(*n)++;
		}
		journal_history_clear(&h2);
		journal_lock_release(lock);
	}
	journal_history_clear(&h);
	return 0;
}
