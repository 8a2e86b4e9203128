/* Decoders from Docker Engine API JSON bodies to records; jansson, no I/O. */
#include "dockerapi/decode.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/jsonget.h"
#include "xmalloc.h"

/* Unix seconds of Go's zero time, 0001-01-01T00:00:00Z: "never". */
#define GO_ZERO_TIME	(-62135596800LL)
#define NS_PER_SEC	1000000000LL

void
decode_set_err(struct decode_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof err->text, fmt, ap);
	va_end(ap);
}

static const char *
type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "something else";
}

json_t *
decode_load(const char *buf, size_t len, json_type want, const char *what,
    struct decode_error *err)
{
	json_error_t jerr;
	json_t *root;

	if (buf == NULL) {
		decode_set_err(err, "%s: no data", what);
		return NULL;
	}
	root = jsonget_load(buf, len, &jerr);
	if (root == NULL) {
		decode_set_err(err, "%s: not valid JSON: %s (byte %zu)", what,
		    jerr.text, (size_t)jerr.position);
		return NULL;
	}
	if (json_typeof(root) != want) {
		decode_set_err(err, "%s: expected %s, got %s", what,
		    want == JSON_ARRAY ? "a JSON array" : "a JSON object",
		    type_name(root));
		json_decref(root);
		return NULL;
	}
	return root;
}

static uint64_t
u64_or_zero(const json_t *v)
{
	uint64_t x = 0;

	jsonget_u64(v, &x);
	return x;
}

static char
ascii_lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

static bool
ascii_caseeq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		if (ascii_lower(*a) != ascii_lower(*b))
			return false;
	}
	return *a == *b;
}

/* Read exactly n digits; -1 if any is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/*
 * "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+hh:mm|-hh:mm)" -> seconds and
 * nanoseconds (fraction digits past the ninth are dropped). Go's zero
 * time comes out as 0 s, 0 ns. Returns 0 or -1.
 */
static int
rfc3339_ns(const char *s, int64_t *sec, int64_t *nsec)
{
	int y, mo, d, h, mi, se, oh, om, i;
	int64_t ns = 0, off = 0, t;

	if (s == NULL)
		return -1;
	for (i = 0; i < 20; i++) {
		if (s[i] == '\0')
			return -1;
	}
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	se = digits(s + 17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || se < 0 || se > 60)
		return -1;
	if (d > days_in_month(y, mo))
		return -1;
	if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
	    s[13] != ':' || s[16] != ':')
		return -1;
	s += 19;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		for (i = 0; *s >= '0' && *s <= '9'; s++, i++) {
			if (i < 9)
				ns = ns * 10 + (*s - '0');
		}
		for (; i < 9; i++)
			ns *= 10;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		oh = digits(s + 1, 2);
		if (oh < 0 || oh > 23 || s[3] != ':')
			return -1;
		om = digits(s + 4, 2);
		if (om < 0 || om > 59)
			return -1;
		off = (int64_t)oh * 3600 + om * 60;
		if (*s == '-')
			off = -off;
		s += 6;
	} else
		return -1;
	if (*s != '\0')
		return -1;
	t = days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 +
	    mi * 60 + se - off;
	if (t == GO_ZERO_TIME && ns == 0)
		t = 0;
	*sec = t;
	*nsec = ns;
	return 0;
}

int
decode_rfc3339(const char *s, int64_t *out)
{
	int64_t sec, nsec;

	if (rfc3339_ns(s, &sec, &nsec) != 0)
		return -1;
	*out = sec;
	return 0;
}

int64_t
decode_time(const json_t *v, int64_t *frac_ns)
{
	int64_t sec, nsec;

	if (rfc3339_ns(jsonget_str(v), &sec, &nsec) != 0 || sec < 0)
		sec = nsec = 0;
	if (frac_ns != NULL)
		*frac_ns = nsec;
	return sec;
}

static bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * The list's Status text is the engine's State.String():
 * "Up 2 hours (healthy)", "Up 3 seconds (Paused)", "Exited (137) 5 minutes
 * ago", "Restarting (1) 2 seconds ago", "Created", "Dead", "Removal In
 * Progress". Health and exit code exist nowhere else in the list; the
 * state is taken from here only when State is missing (API < 1.25).
 */
static void
status_parse(const char *st, struct dapi_container *c, bool need_state)
{
	const char *p;
	long code;
	char *end;

	if (strstr(st, "(healthy)") != NULL)
		c->health = DAPI_HEALTH_HEALTHY;
	else if (strstr(st, "(unhealthy)") != NULL)
		c->health = DAPI_HEALTH_UNHEALTHY;
	else if (strstr(st, "(health: starting)") != NULL)
		c->health = DAPI_HEALTH_STARTING;

	if (starts_with(st, "Exited (") || starts_with(st, "Restarting (")) {
		p = strchr(st, '(') + 1;
		code = strtol(p, &end, 10);
		if (end != p && *end == ')' && code >= -2147483647L - 1 &&
		    code <= 2147483647L)
			c->exit_code = (int)code;
	}

	if (!need_state)
		return;
	if (starts_with(st, "Up"))
		c->state = strstr(st, "(Paused)") != NULL ? DAPI_ST_PAUSED :
		    DAPI_ST_RUNNING;
	else if (starts_with(st, "Restarting"))
		c->state = DAPI_ST_RESTARTING;
	else if (starts_with(st, "Exited"))
		c->state = DAPI_ST_EXITED;
	else if (starts_with(st, "Created"))
		c->state = DAPI_ST_CREATED;
	else if (starts_with(st, "Removal In Progress"))
		c->state = DAPI_ST_REMOVING;
	else if (starts_with(st, "Dead"))
		c->state = DAPI_ST_DEAD;
}

size_t
decode_labels(const json_t *obj, struct dapi_label **out)
{
	const char *key;
	json_t *v;
	size_t n = 0;

	*out = NULL;
	if (!json_is_object(obj) || json_object_size(obj) == 0)
		return 0;
	*out = xreallocarray(NULL, json_object_size(obj), sizeof **out);
	json_object_foreach((json_t *)obj, key, v) {
		if (!json_is_string(v))
			continue;
		(*out)[n].key = xstrdup(key);
		(*out)[n].value = jsonget_str_dup(v);
		n++;
	}
	if (n == 0) {
		free(*out);
		*out = NULL;
	}
	return n;
}

static bool
port_number(const json_t *v, uint16_t *out)
{
	int64_t x;

	if (!jsonget_i64(v, &x) || x < 0 || x > 65535)
		return false;
	*out = (uint16_t)x;
	return true;
}

/* List Ports: [{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,
 * "Type":"tcp"}]; IP only counts when published. */
static void
list_ports_parse(const json_t *arr, struct dapi_container *c)
{
	struct dapi_port *p;
	const json_t *e;
	const char *ip, *type;
	size_t i;

	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return;
	c->ports = xcalloc(json_array_size(arr), sizeof *c->ports);
	for (i = 0; i < json_array_size(arr); i++) {
		e = json_array_get(arr, i);
		p = &c->ports[c->nports];
		if (!json_is_object(e) ||
		    !port_number(json_object_get(e, "PrivatePort"),
		    &p->private_port))
			continue;
		if (!port_number(json_object_get(e, "PublicPort"),
		    &p->public_port))
			p->public_port = 0;
		ip = jsonget_str(json_object_get(e, "IP"));
		if (p->public_port != 0 && ip != NULL && *ip != '\0')
			p->ip = xstrdup(ip);
		type = jsonget_str(json_object_get(e, "Type"));
		snprintf(p->proto, sizeof p->proto, "%s",
		    type != NULL && *type != '\0' ? type : "tcp");
		c->nports++;
	}
	if (c->nports == 0) {
		free(c->ports);
		c->ports = NULL;
	}
}

static void
add_port(struct dapi_container *c, size_t *cap, uint16_t priv,
    const char *proto, const char *ip, uint16_t pub)
{
	struct dapi_port *p;

	c->ports = xgrowarray(c->ports, cap, c->nports + 1, sizeof *c->ports);
	p = &c->ports[c->nports++];
	memset(p, 0, sizeof *p);
	p->private_port = priv;
	p->public_port = pub;
	p->ip = pub != 0 && ip != NULL && *ip != '\0' ? xstrdup(ip) : NULL;
	snprintf(p->proto, sizeof p->proto, "%s", proto);
}

/*
 * Inspect NetworkSettings.Ports: {"80/tcp":[{"HostIp":"0.0.0.0",
 * "HostPort":"8080"}], "443/tcp":null}. One record per binding; an
 * exposed port without bindings is one unpublished record.
 */
static void
inspect_ports_parse(const json_t *obj, struct dapi_container *c)
{
	const char *key, *slash, *proto, *hp;
	const json_t *b;
	json_t *v;
	size_t cap = 0, i, nbound;
	uint16_t priv, pub;
	char *end;
	long x;

	if (!json_is_object(obj))
		return;
	json_object_foreach((json_t *)obj, key, v) {
		x = strtol(key, &end, 10);
		if (end == key || x < 0 || x > 65535 ||
		    (*end != '\0' && *end != '/'))
			continue;
		priv = (uint16_t)x;
		slash = strchr(key, '/');
		proto = slash != NULL && slash[1] != '\0' ? slash + 1 : "tcp";
		nbound = 0;
		for (i = 0; json_is_array(v) && i < json_array_size(v); i++) {
			b = json_array_get(v, i);
			if (!json_is_object(b))
				continue;
			pub = 0;
			hp = jsonget_str(json_object_get(b, "HostPort"));
			if (hp != NULL) {
				x = strtol(hp, &end, 10);
				if (end != hp && *end == '\0' && x > 0 &&
				    x <= 65535)
					pub = (uint16_t)x;
			}
			add_port(c, &cap, priv, proto,
			    jsonget_str(json_object_get(b, "HostIp")), pub);
			nbound++;
		}
		if (nbound == 0)
			add_port(c, &cap, priv, proto, NULL, 0);
	}
}

/* Id must be 1..64 bytes; anything else cannot name a container. */
static bool
id_set(const json_t *v, struct dapi_container *c)
{
	const char *id = jsonget_str(v);
	size_t n;

	if (id == NULL)
		return false;
	n = strlen(id);
	if (n == 0 || n >= sizeof c->id)
		return false;
	memcpy(c->id, id, n + 1);
	return true;
}

static char *
name_dup(const char *s)
{
	return xstrdup(s[0] == '/' ? s + 1 : s);
}

/*
 * Names[] also holds link aliases ("/web/db"); like the docker CLI prefer
 * the first name with no further '/', else take Names[0].
 */
static char *
list_name(const json_t *names)
{
	const char *s, *first = NULL;
	size_t i;

	if (json_is_string(names))
		return name_dup(json_string_value(names));
	for (i = 0; json_is_array(names) && i < json_array_size(names); i++) {
		s = jsonget_str(json_array_get(names, i));
		if (s == NULL)
			continue;
		if (first == NULL)
			first = s;
		if (strchr(s[0] == '/' ? s + 1 : s, '/') == NULL)
			return name_dup(s);
	}
	return first != NULL ? name_dup(first) : NULL;
}

static int
list_entry(const json_t *e, struct dapi_container *c)
{
	const char *st;

	if (!id_set(json_object_get(e, "Id"), c))
		return -1;
	c->name = list_name(json_object_get(e, "Names"));
	c->image = jsonget_str_dup(json_object_get(e, "Image"));
	c->image_id = jsonget_str_dup(json_object_get(e, "ImageID"));
	c->command = jsonget_str_dup(json_object_get(e, "Command"));
	jsonget_i64(json_object_get(e, "Created"), &c->created);
	c->state = records_state_parse(jsonget_str(json_object_get(e, "State")));
	st = jsonget_str(json_object_get(e, "Status"));
	if (st != NULL)
		status_parse(st, c, c->state == DAPI_ST_UNKNOWN);
	c->nlabels = decode_labels(json_object_get(e, "Labels"), &c->labels);
	list_ports_parse(json_object_get(e, "Ports"), c);
	st = jsonget_str(json_object_get(json_object_get(e, "HostConfig"), "NetworkMode"));
	c->host_network = st != NULL && strcmp(st, "host") == 0;
	return 0;
}

int
decode_container_list(const char *buf, size_t len,
    struct dapi_container **out, size_t *n, struct decode_error *err)
{
	struct dapi_container *arr = NULL;
	json_t *root;
	size_t i, count = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	root = decode_load(buf, len, JSON_ARRAY, "container list", err);
	if (root == NULL)
		goto out;
	arr = xcalloc(json_array_size(root), sizeof *arr);
	for (i = 0; i < json_array_size(root); i++) {
		json_t *e = json_array_get(root, i);

		if (!json_is_object(e))
			continue;
		if (list_entry(e, &arr[count]) == 0)
			count++;
		else
			records_container_clear(&arr[count]);
	}
	*out = arr;
	*n = count;
	arr = NULL;
	rc = 0;
out:
	free(arr);
	json_decref(root);
	return rc;
}

void
decode_container_array_free(struct dapi_container *arr, size_t n)
{
	size_t i;

	if (arr == NULL)
		return;
	for (i = 0; i < n; i++)
		records_container_clear(&arr[i]);
	free(arr);
}

/* As the engine's list does: args containing a space are single-quoted. */
static char *
command_join(const json_t *cpath, const json_t *args)
{
	const char *p = jsonget_str(cpath), *a;
	size_t i, need, off;
	char *s;

	if (p == NULL)
		return NULL;
	need = strlen(p) + 1;
	for (i = 0; json_is_array(args) && i < json_array_size(args); i++) {
		a = jsonget_str(json_array_get(args, i));
		if (a != NULL)
			need += strlen(a) + 3;
	}
	s = xmalloc(need);
	off = (size_t)snprintf(s, need, "%s", p);
	for (i = 0; json_is_array(args) && i < json_array_size(args); i++) {
		a = jsonget_str(json_array_get(args, i));
		if (a == NULL)
			continue;
		off += (size_t)snprintf(s + off, need - off,
		    strchr(a, ' ') != NULL ? " '%s'" : " %s", a);
	}
	return s;
}

/* No State.Status: derive it from the booleans as the engine does. */
static enum dapi_state
state_from_flags(const json_t *st)
{
	if (json_is_true(json_object_get(st, "Restarting")))
		return DAPI_ST_RESTARTING;
	if (json_is_true(json_object_get(st, "Paused")))
		return DAPI_ST_PAUSED;
	if (json_is_true(json_object_get(st, "Running")))
		return DAPI_ST_RUNNING;
	if (json_is_true(json_object_get(st, "Dead")))
		return DAPI_ST_DEAD;
	if (decode_time(json_object_get(st, "StartedAt"), NULL) != 0)
		return DAPI_ST_EXITED;
	if (json_is_object(st) && json_object_size(st) > 0)
		return DAPI_ST_CREATED;
	return DAPI_ST_UNKNOWN;
}

/* VIRTUAL_HOST and VIRTUAL_PORT from Config.Env ("KEY=value" strings;
 * the last one wins, as in a shell). */
static void
inspect_proxy_env(json_t *env, struct dapi_container *c)
{
	size_t i;
	json_t *v;

	json_array_foreach(env, i, v) {
		const char *s = jsonget_str(v);
		char **dst = NULL;
		if (s == NULL)
			continue;
		if (strncmp(s, "VIRTUAL_HOST=", 13) == 0)
			dst = &c->virtual_host;
		else if (strncmp(s, "VIRTUAL_PORT=", 13) == 0)
			dst = &c->virtual_port;
		if (dst == NULL)
			continue;
		free(*dst);
		*dst = xstrdup(s + 13);
	}
}

int
decode_container_inspect(const char *buf, size_t len,
    struct dapi_container *c, struct decode_error *err)
{
	json_t *root, *st;
	int rc = -1;
	const char *name;

	memset(c, 0, sizeof *c);
	root = decode_load(buf, len, JSON_OBJECT, "container inspect", err);
	if (root == NULL)
		goto out;
	if (!id_set(json_object_get(root, "Id"), c)) {
		decode_set_err(err, "container inspect: no usable \"Id\"");
		goto out;
	}
	name = jsonget_str(json_object_get(root, "Name"));
	if (name != NULL)
		c->name = name_dup(name);
	c->image = jsonget_str_dup(jsonget_path(root, "Config.Image"));
	c->image_id = jsonget_str_dup(json_object_get(root, "Image"));
	c->command = command_join(json_object_get(root, "Path"),
	    json_object_get(root, "Args"));
	c->created = decode_time(json_object_get(root, "Created"), NULL);

	st = json_object_get(root, "State");
	c->state = records_state_parse(jsonget_str(json_object_get(st, "Status")));
	if (c->state == DAPI_ST_UNKNOWN)
		c->state = state_from_flags(st);
	c->health = records_health_parse(jsonget_str(jsonget_path(st, "Health.Status")));
	jsonget_int(json_object_get(st, "ExitCode"), &c->exit_code);
	jsonget_int(json_object_get(st, "Pid"), &c->pid);
	c->started_at = decode_time(json_object_get(st, "StartedAt"), NULL);
	c->finished_at = decode_time(json_object_get(st, "FinishedAt"), NULL);
	jsonget_int(json_object_get(root, "RestartCount"), &c->restart_count);

	c->nlabels = decode_labels(jsonget_path(root, "Config.Labels"), &c->labels);
	inspect_ports_parse(jsonget_path(root, "NetworkSettings.Ports"), c);
	c->host_network = jsonget_str(jsonget_path(root, "HostConfig.NetworkMode")) != NULL &&
	    strcmp(jsonget_str(jsonget_path(root, "HostConfig.NetworkMode")), "host") == 0;
	inspect_proxy_env(jsonget_path(root, "Config.Env"), c);
	c->exposed_ports = json_is_object(jsonget_path(root, "Config.ExposedPorts")) ?
	    (int)json_object_size(jsonget_path(root, "Config.ExposedPorts")) : 0;
	c->inspected = true;
	rc = 0;
out:
	if (rc != 0)
		records_container_clear(c);
	json_decref(root);
	return rc;
}

/*
 * ev is overwritten, not freed first. Pre-1.22 engines send only
 * "status", "id", "from" and "time": status is the action, and those
 * events were all about containers.
 */
int
decode_event(const char *buf, size_t len, struct dapi_event *ev,
    struct decode_error *err)
{
	json_t *root, *actor, *attrs, *v;
	int64_t t;
	int rc = -1;

	memset(ev, 0, sizeof *ev);
	root = decode_load(buf, len, JSON_OBJECT, "event", err);
	if (root == NULL)
		goto out;
	ev->action = jsonget_str_dup(json_object_get(root, "Action"));
	if (ev->action == NULL)
		ev->action = jsonget_str_dup(json_object_get(root, "status"));
	if (ev->action == NULL) {
		decode_set_err(err, "event: no \"Action\" or \"status\"");
		goto out;
	}
	ev->type = jsonget_str_dup(json_object_get(root, "Type"));
	if (ev->type == NULL)
		ev->type = xstrdup("container");
	actor = json_object_get(root, "Actor");
	ev->id = jsonget_str_dup(json_object_get(actor, "ID"));
	if (ev->id == NULL)
		ev->id = jsonget_str_dup(json_object_get(root, "id"));
	if (ev->id == NULL)
		ev->id = xstrdup("");
	attrs = json_object_get(actor, "Attributes");
	ev->name = jsonget_str_dup(json_object_get(attrs, "name"));
	ev->exit_code = jsonget_str_dup(json_object_get(attrs, "exitCode"));

	v = json_object_get(root, "timeNano");
	if (!jsonget_i64(v, &ev->time_nano)) {
		ev->time_nano = 0;
		if (jsonget_i64(json_object_get(root, "time"), &t) &&
		    t > INT64_MIN / NS_PER_SEC && t < INT64_MAX / NS_PER_SEC)
			ev->time_nano = t * NS_PER_SEC;
	}
	rc = 0;
out:
	if (rc != 0)
		records_event_clear(ev);
	json_decref(root);
	return rc;
}

static void
blkio_parse(const json_t *arr, struct dapi_stats *st)
{
	const json_t *e;
	const char *op;
	size_t i;

	for (i = 0; json_is_array(arr) && i < json_array_size(arr); i++) {
		e = json_array_get(arr, i);
		op = jsonget_str(json_object_get(e, "op"));
		if (op == NULL)
			continue;
		/* cgroup v1 says "Read", v2 "read" */
		if (ascii_caseeq(op, "read"))
			st->blk_read += u64_or_zero(json_object_get(e,
			    "value"));
		else if (ascii_caseeq(op, "write"))
			st->blk_write += u64_or_zero(json_object_get(e,
			    "value"));
	}
}

/* st is overwritten. A stopped container's sample has a zero "read". */
int
decode_stats(const char *buf, size_t len, struct dapi_stats *st,
    struct decode_error *err)
{
	json_t *root, *cpu, *mem, *v;
	const char *key;
	uint64_t x;
	int64_t sec, nsec;
	int rc = -1;

	memset(st, 0, sizeof *st);
	root = decode_load(buf, len, JSON_OBJECT, "stats", err);
	if (root == NULL)
		goto out;

	if (rfc3339_ns(jsonget_str(json_object_get(root, "read")), &sec,
	    &nsec) == 0 && sec > 0 && sec < INT64_MAX / NS_PER_SEC)
		st->read_ns = (uint64_t)sec * NS_PER_SEC + (uint64_t)nsec;

	cpu = json_object_get(root, "cpu_stats");
	st->cpu_total_ns = u64_or_zero(jsonget_path(cpu, "cpu_usage.total_usage"));
	st->system_ns = u64_or_zero(json_object_get(cpu, "system_cpu_usage"));
	x = u64_or_zero(json_object_get(cpu, "online_cpus"));
	/* engines before API 1.27 have no online_cpus */
	if (x == 0)
		x = json_array_size(jsonget_path(cpu, "cpu_usage.percpu_usage"));
	st->online_cpus = x > UINT32_MAX ? UINT32_MAX : (uint32_t)x;

	mem = json_object_get(root, "memory_stats");
	st->mem_usage = u64_or_zero(json_object_get(mem, "usage"));
	st->mem_limit = u64_or_zero(json_object_get(mem, "limit"));
	if (!jsonget_u64(jsonget_path(mem, "stats.total_inactive_file"),
	    &st->mem_inactive_file))
		st->mem_inactive_file =
		    u64_or_zero(jsonget_path(mem, "stats.inactive_file"));

	v = json_object_get(root, "networks");
	if (json_is_object(v)) {
		json_t *ifc;

		json_object_foreach(v, key, ifc) {
			if (strcmp(key, "lo") == 0)
				continue;
			st->net_rx += u64_or_zero(json_object_get(ifc,
			    "rx_bytes"));
			st->net_tx += u64_or_zero(json_object_get(ifc,
			    "tx_bytes"));
		}
	}
	blkio_parse(jsonget_path(root, "blkio_stats.io_service_bytes_recursive"), st);
	st->pids = u64_or_zero(jsonget_path(root, "pids_stats.current"));
	st->valid = st->read_ns != 0;
	rc = 0;
out:
	if (rc != 0)
		memset(st, 0, sizeof *st);
	json_decref(root);
	return rc;
}
