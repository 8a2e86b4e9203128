/* Decodes the detail pane's fields from an inspect body; jansson, no I/O. */
#include "dockerapi/cdetail.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "dockerapi/jsonget.h"
#include "xmalloc.h"

static char *
str_dup_nonempty(const json_t *v)
{
	if (!json_is_string(v) || json_string_length(v) == 0)
		return NULL;
	return jsonget_str_dup(v);
}

/* 0 for anything but a number strictly between -INT_MAX and INT_MAX. */
static int
int_or_zero(const json_t *v)
{
	int x = 0;

	if (!jsonget_int(v, &x) || x <= -INT_MAX || x == INT_MAX)
		return 0;
	return x;
}

/* Append s to a growing string, quoted when it has spaces or is empty. */
static void
append_word(char **out, size_t *len, const char *s)
{
	bool quote = s[0] == '\0' || strpbrk(s, " \t\"'") != NULL;
	size_t need = *len + strlen(s) * 2 + 4;

	*out = xreallocarray(*out, need, 1);
	if (*len > 0)
		(*out)[(*len)++] = ' ';
	if (quote)
		(*out)[(*len)++] = '"';
	for (; *s != '\0'; s++) {
		if (quote && (*s == '"' || *s == '\\'))
			(*out)[(*len)++] = '\\';
		(*out)[(*len)++] = *s;
	}
	if (quote)
		(*out)[(*len)++] = '"';
	(*out)[*len] = '\0';
}

static char *
command_of(json_t *root)
{
	json_t *p = json_object_get(root, "Path"), *args = json_object_get(root, "Args"), *a;
	char *out = NULL;
	size_t len = 0, i;

	if (json_is_string(p) && json_string_length(p) > 0)
		append_word(&out, &len, json_string_value(p));
	json_array_foreach(args, i, a) {
		if (json_is_string(a))
			append_word(&out, &len, json_string_value(a));
	}
	return out;
}

static int
kv_cmp(const void *a, const void *b)
{
	const struct cdetail_kv *x = a, *y = b;
	return strcmp(x->key, y->key);
}

static int
label_cmp(const void *a, const void *b)
{
	const struct dapi_label *x = a, *y = b;
	return strcmp(x->key, y->key);
}

/*
 * The elements of the JSON array arr that fill takes (it returns false,
 * having allocated nothing, for one to skip): a new array of size-byte
 * records, NULL when arr is empty, with their count in *n.
 */
static void *
decode_array(json_t *arr, size_t size, bool (*fill)(json_t *, void *), size_t *n)
{
	size_t i, len = json_array_size(arr);
	char *out;
	json_t *v;

	*n = 0;
	if (len == 0)
		return NULL;
	out = xcalloc(len, size);
	json_array_foreach(arr, i, v) {
		if (fill(v, out + *n * size))
			(*n)++;
	}
	return out;
}

/* "KEY=value", or "KEY" alone (value NULL). */
static bool
env_fill(json_t *v, void *elem)
{
	struct cdetail_kv *kv = elem;
	const char *s, *eq;
	size_t len;

	if (!json_is_string(v))
		return false;
	s = json_string_value(v);
	len = strlen(s);
	eq = strchr(s, '=');
	if (eq != NULL) {
		kv->key = xstrndup(s, (size_t)(eq - s));
		kv->value = xstrndup(eq + 1, len - (size_t)(eq - s) - 1);
	} else {
		kv->key = xstrndup(s, len);
	}
	return true;
}

static void
decode_env(json_t *arr, struct cdetail *d)
{
	d->env = decode_array(arr, sizeof *d->env, env_fill, &d->nenv);
	if (d->nenv > 1)
		qsort(d->env, d->nenv, sizeof *d->env, kv_cmp);
}

static void
decode_health(json_t *h, struct cdetail *d)
{
	json_t *log, *e;
	size_t n, from, i;

	if (!json_is_object(h))
		return;
	d->health = str_dup_nonempty(json_object_get(h, "Status"));
	d->failing_streak = int_or_zero(json_object_get(h, "FailingStreak"));
	log = json_object_get(h, "Log");
	n = json_array_size(log);
	from = n > CDETAIL_CHECKS ? n - CDETAIL_CHECKS : 0;
	for (i = from; i < n; i++) {
		struct cdetail_check *c;
		e = json_array_get(log, i);
		if (!json_is_object(e))
			continue;
		c = &d->checks[d->nchecks++];
		c->start = decode_time(json_object_get(e, "Start"), NULL);
		c->exit_code = int_or_zero(json_object_get(e, "ExitCode"));
		c->output = jsonget_str_dup(json_object_get(e, "Output"));
	}
}

static void
add_port(struct cdetail *d, size_t *cap, const char *text)
{
	d->ports = xgrowarray(d->ports, cap, d->nports + 1, sizeof *d->ports);
	d->ports[d->nports++] = xstrdup(text);
}

static void
decode_ports(json_t *obj, struct cdetail *d)
{
	const char *k;
	json_t *v, *b;
	size_t cap = 0, i;
	char buf[256];

	json_object_foreach(obj, k, v) {
		if (json_array_size(v) == 0) {
			add_port(d, &cap, k);
			continue;
		}
		json_array_foreach(v, i, b) {
			const char *ip = json_string_value(json_object_get(b, "HostIp"));
			const char *hp = json_string_value(json_object_get(b, "HostPort"));
			bool v6 = ip != NULL && strchr(ip, ':') != NULL;
			snprintf(buf, sizeof buf, "%s%s%s:%s->%s", v6 ? "[" : "",
			    ip != NULL && ip[0] ? ip : "0.0.0.0", v6 ? "]" : "",
			    hp != NULL ? hp : "?", k);
			add_port(d, &cap, buf);
		}
	}
}

static bool
mount_fill(json_t *m, void *elem)
{
	struct cdetail_mount *o = elem;
	json_t *src;

	if (!json_is_object(m))
		return false;
	o->type = jsonget_str_dup(json_object_get(m, "Type"));
	src = json_object_get(m, "Name");
	if (!json_is_string(src) || json_string_length(src) == 0)
		src = json_object_get(m, "Source");
	o->source = jsonget_str_dup(src);
	o->dest = jsonget_str_dup(json_object_get(m, "Destination"));
	o->rw = json_is_true(json_object_get(m, "RW"));
	return true;
}

static void
decode_nets(json_t *obj, struct cdetail *d)
{
	const char *k;
	json_t *v;
	size_t n = json_object_size(obj);

	if (!json_is_object(obj) || n == 0)
		return;
	d->nets = xcalloc(n, sizeof *d->nets);
	json_object_foreach(obj, k, v) {
		struct cdetail_net *o = &d->nets[d->nnets++];
		o->name = xstrdup(k);
		o->ip = jsonget_str_dup(json_object_get(v, "IPAddress"));
		o->gateway = jsonget_str_dup(json_object_get(v, "Gateway"));
		o->mac = jsonget_str_dup(json_object_get(v, "MacAddress"));
	}
}

int
cdetail_decode(const char *buf, size_t len, struct cdetail *d,
    struct decode_error *err)
{
	json_t *root, *id, *name;
	int rc = -1;

	memset(d, 0, sizeof *d);
	if ((root = decode_load(buf, len, JSON_OBJECT, "container inspect", err)) == NULL)
		goto out;
	id = json_object_get(root, "Id");
	if (!json_is_string(id) || json_string_length(id) == 0 ||
	    json_string_length(id) > 64) {
		decode_set_err(err, "container inspect: no usable \"Id\"");
		goto out;
	}
	snprintf(d->id, sizeof d->id, "%s", json_string_value(id));
	name = json_object_get(root, "Name");
	if (json_is_string(name)) {
		const char *s = json_string_value(name);
		d->name = xstrdup(s[0] == '/' ? s + 1 : s);
	}
	d->image = jsonget_str_dup(jsonget_path(root, "Config.Image"));
	d->image_id = jsonget_str_dup(json_object_get(root, "Image"));
	d->command = command_of(root);
	d->created = decode_time(json_object_get(root, "Created"), NULL);
	d->started_at = decode_time(jsonget_path(root, "State.StartedAt"), NULL);
	d->finished_at = decode_time(jsonget_path(root, "State.FinishedAt"), NULL);
	d->state = jsonget_str_dup(jsonget_path(root, "State.Status"));
	d->exit_code = int_or_zero(jsonget_path(root, "State.ExitCode"));
	d->oom_killed = json_is_true(jsonget_path(root, "State.OOMKilled"));
	d->error = str_dup_nonempty(jsonget_path(root, "State.Error"));
	d->restart_policy = str_dup_nonempty(jsonget_path(root, "HostConfig.RestartPolicy.Name"));
	d->restart_max = int_or_zero(jsonget_path(root, "HostConfig.RestartPolicy.MaximumRetryCount"));
	d->restart_count = int_or_zero(json_object_get(root, "RestartCount"));
	d->tty = json_is_true(jsonget_path(root, "Config.Tty"));
	d->network_mode = str_dup_nonempty(jsonget_path(root, "HostConfig.NetworkMode"));
	decode_health(jsonget_path(root, "State.Health"), d);
	decode_ports(jsonget_path(root, "NetworkSettings.Ports"), d);
	d->mounts = decode_array(json_object_get(root, "Mounts"), sizeof *d->mounts,
	    mount_fill, &d->nmounts);
	decode_nets(jsonget_path(root, "NetworkSettings.Networks"), d);
	d->nlabels = decode_labels(jsonget_path(root, "Config.Labels"), &d->labels);
	if (d->nlabels > 1)
		qsort(d->labels, d->nlabels, sizeof *d->labels, label_cmp);
	decode_env(jsonget_path(root, "Config.Env"), d);
	rc = 0;
out:
	json_decref(root);
	if (rc != 0)
		cdetail_clear(d);
	return rc;
}

static void
kv_free(struct cdetail_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kv[i].key);
		free(kv[i].value);
	}
	free(kv);
}

/* The strings a struct cdetail owns outside its arrays. */
static const size_t cdetail_strs[] = {
	offsetof(struct cdetail, name), offsetof(struct cdetail, image),
	offsetof(struct cdetail, image_id), offsetof(struct cdetail, command),
	offsetof(struct cdetail, state), offsetof(struct cdetail, error),
	offsetof(struct cdetail, restart_policy), offsetof(struct cdetail, network_mode),
	offsetof(struct cdetail, health),
};

void
cdetail_clear(struct cdetail *d)
{
	if (d == NULL)
		return;
	xfree_members(d, cdetail_strs, sizeof cdetail_strs / sizeof cdetail_strs[0]);
	for (size_t i = 0; i < d->nchecks; i++)
		free(d->checks[i].output);
	for (size_t i = 0; i < d->nports; i++)
		free(d->ports[i]);
	free(d->ports);
	for (size_t i = 0; i < d->nmounts; i++) {
		free(d->mounts[i].type);
		free(d->mounts[i].source);
		free(d->mounts[i].dest);
	}
	free(d->mounts);
	for (size_t i = 0; i < d->nnets; i++) {
		free(d->nets[i].name);
		free(d->nets[i].ip);
		free(d->nets[i].gateway);
		free(d->nets[i].mac);
	}
	free(d->nets);
	records_labels_free(d->labels, d->nlabels);
	kv_free(d->env, d->nenv);
	memset(d, 0, sizeof *d);
}

char *
cdetail_image_digest(const char *buf, size_t len)
{
	json_t *root, *first;
	char *out = NULL;

	if (buf == NULL)
		return NULL;
	root = json_loadb(buf, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	first = json_array_get(json_object_get(root, "RepoDigests"), 0);
	if (json_is_string(first) && json_string_length(first) > 0)
		out = jsonget_str_dup(first);
	json_decref(root);
	return out;
}

static bool
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

bool
cdetail_env_is_secret(const char *name)
{
	static const char *const words[] = { "PASSWORD", "SECRET", "TOKEN", "KEY" };

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (contains_ci(name, words[i]))
			return true;
	return false;
}

bool
cdetail_is_routing(const char *name)
{
	return strcmp(name, "VIRTUAL_HOST") == 0 || strcmp(name, "VIRTUAL_PORT") == 0 ||
	    strncmp(name, "berth.", 6) == 0;
}
