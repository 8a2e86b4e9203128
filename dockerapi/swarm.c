/* Swarm decoders and update bodies: engine JSON in, plain records out; no I/O. */
#include "dockerapi/swarm.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/jsonget.h"
#include "xmalloc.h"

/* A copy of the string at path, or "" (never NULL). */
static char *
str_at(json_t *obj, const char *path)
{
	char *s = jsonget_str_dup(jsonget_path(obj, path));
	return s != NULL ? s : xstrdup("");
}

/*
 * A string member of a swarm record: where it is (offsetof) and the path
 * it is decoded from (NULL: the decoder fills it by hand). One table per
 * record serves both its decoder and its free, so the two cannot disagree.
 */
struct swarm_str {
	size_t off;
	const char *path;
};

static char **
str_member(void *rec, const struct swarm_str *m)
{
	return (char **)((char *)rec + m->off);
}

static void
strs_decode(json_t *obj, void *rec, const struct swarm_str *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].path != NULL)
			*str_member(rec, &m[i]) = str_at(obj, m[i].path);
}

static void
strs_free(void *rec, const struct swarm_str *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(*str_member(rec, &m[i]));
}

#define NSTRS(a) (sizeof (a) / sizeof (a)[0])

static uint64_t
u64_at(json_t *obj, const char *path)
{
	uint64_t x = 0;

	jsonget_u64(jsonget_path(obj, path), &x);
	return x;
}

/* ---------------------------------------------------------------- info */

int
swarm_info_decode(const char *buf, size_t len, struct swarm_info *out,
    struct decode_error *err)
{
	json_t *root = decode_load(buf, len, JSON_OBJECT, "info", err);
	const char *s;

	memset(out, 0, sizeof *out);
	snprintf(out->state, sizeof out->state, "inactive");
	if (root == NULL)
		return -1;
	if ((s = jsonget_str(jsonget_path(root, "Swarm.LocalNodeState"))) != NULL)
		snprintf(out->state, sizeof out->state, "%s", s);
	if ((s = jsonget_str(jsonget_path(root, "Swarm.NodeID"))) != NULL)
		snprintf(out->node_id, sizeof out->node_id, "%s", s);
	out->active = strcmp(out->state, "active") == 0;
	out->manager = out->active &&
	    json_is_true(jsonget_path(root, "Swarm.ControlAvailable"));
	json_decref(root);
	return 0;
}

/* ---------------------------------------------------------------- services */

const char *
swarm_image_short(const char *image, char *out, size_t outsz)
{
	const char *at;

	if (image == NULL)
		image = "";
	at = strstr(image, "@sha256:");
	snprintf(out, outsz, "%.*s", at != NULL ? (int)(at - image) : (int)strlen(image), image);
	return out;
}

/* "18081:80/tcp(host), 443/tcp" from Endpoint.Ports, else the spec's. */
static char *
ports_text(json_t *svc)
{
	json_t *ports = jsonget_path(svc, "Endpoint.Ports"), *p;
	char buf[512] = "";
	size_t i, used = 0;

	if (!json_is_array(ports))
		ports = jsonget_path(svc, "Spec.EndpointSpec.Ports");
	if (!json_is_array(ports))
		return xstrdup("");
	json_array_foreach(ports, i, p) {
		uint64_t target = 0, pub = 0;
		const char *proto = jsonget_str(json_object_get(p, "Protocol"));
		const char *mode = jsonget_str(json_object_get(p, "PublishMode"));
		int w;

		if (!json_is_object(p))
			continue;
		jsonget_u64(json_object_get(p, "TargetPort"), &target);
		jsonget_u64(json_object_get(p, "PublishedPort"), &pub);
		if (pub != 0)
			w = snprintf(buf + used, sizeof buf - used, "%s%llu:%llu/%.8s%s",
			    used ? ", " : "", (unsigned long long)pub,
			    (unsigned long long)target, proto != NULL ? proto : "tcp",
			    mode != NULL && strcmp(mode, "host") == 0 ? "(host)" : "");
		else
			w = snprintf(buf + used, sizeof buf - used, "%s%llu/%.8s",
			    used ? ", " : "", (unsigned long long)target,
			    proto != NULL ? proto : "tcp");
		if (w < 0 || (size_t)w >= sizeof buf - used)
			break;
		used += (size_t)w;
	}
	return xstrdup(buf);
}

/* A kind of swarm list: one per record, serving its decoder and its free. */
struct swarm_kind {
	const char *what;	/* names the list in errors */
	size_t size;		/* of one record */
	const struct swarm_str *strs;
	size_t nstrs;
	void (*fill)(json_t *, void *);	/* the rest, after strs */
	void (*clear)(void *);	/* what strs does not cover, or NULL */
};

/*
 * The objects with an "ID" in the JSON array buf, each decoded as kind k,
 * into *out: a new array of records (NULL when empty). Returns 0, or -1
 * when buf is not a JSON array.
 */
static int
decode_id_list(const char *buf, size_t len, const struct swarm_kind *k,
    void **out, size_t *n, struct decode_error *err)
{
	json_t *root = decode_load(buf, len, JSON_ARRAY, k->what, err), *o;
	char *arr = NULL;
	size_t i;

	*out = NULL;
	*n = 0;
	if (root == NULL)
		return -1;
	if (json_array_size(root) > 0)
		arr = xcalloc(json_array_size(root), k->size);
	json_array_foreach(root, i, o) {
		char *rec;

		if (!json_is_object(o) || jsonget_str(json_object_get(o, "ID")) == NULL)
			continue;
		rec = arr + (*n)++ * k->size;
		strs_decode(o, rec, k->strs, k->nstrs);
		k->fill(o, rec);
	}
	json_decref(root);
	*out = arr;
	return 0;
}

/* Frees the n records of kind k in arr, then arr. */
static void
free_list(const struct swarm_kind *k, void *arr, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *rec = (char *)arr + i * k->size;

		strs_free(rec, k->strs, k->nstrs);
		if (k->clear != NULL)
			k->clear(rec);
	}
	free(arr);
}

static const struct swarm_str service_strs[] = {
	{ offsetof(struct swarm_service, id), "ID" },
	{ offsetof(struct swarm_service, name), "Spec.Name" },
	{ offsetof(struct swarm_service, image), "Spec.TaskTemplate.ContainerSpec.Image" },
	{ offsetof(struct swarm_service, update_state), "UpdateStatus.State" },
	{ offsetof(struct swarm_service, update_msg), "UpdateStatus.Message" },
	{ offsetof(struct swarm_service, update_started), "UpdateStatus.StartedAt" },
	{ offsetof(struct swarm_service, mode), NULL },
	{ offsetof(struct swarm_service, ports), NULL },
	{ offsetof(struct swarm_service, prev_image), NULL },
};

static void
service_decode(json_t *o, void *elem)
{
	struct swarm_service *s = elem;
	json_t *mode = jsonget_path(o, "Spec.Mode"), *st;
	const char *k;
	json_t *v;

	s->mode = NULL;
	s->global = true;
	if (json_is_object(mode)) {
		json_object_foreach(mode, k, v) {
			if (strcmp(k, "Replicated") == 0) {
				s->global = false;
				s->replicas = u64_at(v, "Replicas");
				free(s->mode);
				s->mode = xstrdup("replicated");
			} else if (s->mode == NULL) {
				/* Global, ReplicatedJob, GlobalJob */
				s->mode = xstrdup(strcmp(k, "Global") == 0 ? "global" :
				    strcmp(k, "ReplicatedJob") == 0 ? "replicated-job" :
				    strcmp(k, "GlobalJob") == 0 ? "global-job" : "?");
			}
		}
	}
	if (s->mode == NULL)
		s->mode = xstrdup("?");
	st = json_object_get(o, "ServiceStatus");
	if (json_is_object(st)) {
		s->has_status = true;
		s->running = u64_at(st, "RunningTasks");
		s->desired = u64_at(st, "DesiredTasks");
	}
	s->ports = ports_text(o);
	s->prev_image = jsonget_str_dup(jsonget_path(o, "PreviousSpec.TaskTemplate.ContainerSpec.Image"));
	s->version = u64_at(o, "Version.Index");
	s->created = decode_time(json_object_get(o, "CreatedAt"), NULL);
	s->updated = decode_time(json_object_get(o, "UpdatedAt"), NULL);
	s->nlabels = decode_labels(jsonget_path(o, "Spec.Labels"), &s->labels);
}

static void
service_clear(void *elem)
{
	struct swarm_service *s = elem;

	records_labels_free(s->labels, s->nlabels);
}

static const struct swarm_kind service_kind = {
	"services", sizeof (struct swarm_service), service_strs, NSTRS(service_strs),
	service_decode, service_clear,
};

int
swarm_services_decode(const char *buf, size_t len, struct swarm_service **out,
    size_t *n, struct decode_error *err)
{
	void *arr;
	int rc = decode_id_list(buf, len, &service_kind, &arr, n, err);

	*out = arr;
	return rc;
}

void
swarm_services_free(struct swarm_service *arr, size_t n)
{
	free_list(&service_kind, arr, n);
}

const char *
swarm_service_label(const struct swarm_service *s, const char *key)
{
	return records_labels_get(s->labels, s->nlabels, key);
}

bool
swarm_service_problem(const struct swarm_service *s)
{
	const char *u = s->update_state != NULL ? s->update_state : "";

	if (s->has_status && s->running < s->desired)
		return true;
	return strcmp(u, "paused") == 0 || strncmp(u, "rollback_", 9) == 0;
}

/* ---------------------------------------------------------------- tasks */

static int
cmp_task(const void *a, const void *b)
{
	const struct swarm_task *x = a, *y = b;

	if (x->created != y->created)
		return x->created < y->created ? 1 : -1;
	if (x->created_ns != y->created_ns)
		return x->created_ns < y->created_ns ? 1 : -1;
	return strcmp(x->id, y->id);
}

static const struct swarm_str task_strs[] = {
	{ offsetof(struct swarm_task, id), "ID" },
	{ offsetof(struct swarm_task, service_id), "ServiceID" },
	{ offsetof(struct swarm_task, node_id), "NodeID" },
	{ offsetof(struct swarm_task, state), "Status.State" },
	{ offsetof(struct swarm_task, desired), "DesiredState" },
	{ offsetof(struct swarm_task, error), "Status.Err" },
	{ offsetof(struct swarm_task, message), "Status.Message" },
	{ offsetof(struct swarm_task, image), "Spec.ContainerSpec.Image" },
};

static void
task_decode(json_t *o, void *elem)
{
	struct swarm_task *t = elem;

	jsonget_i64(json_object_get(o, "Slot"), &t->slot);
	t->created = decode_time(json_object_get(o, "CreatedAt"), &t->created_ns);
}

static const struct swarm_kind task_kind = {
	"tasks", sizeof (struct swarm_task), task_strs, NSTRS(task_strs),
	task_decode, NULL,
};

int
swarm_tasks_decode(const char *buf, size_t len, struct swarm_task **out,
    size_t *n, struct decode_error *err)
{
	void *arr;
	int rc = decode_id_list(buf, len, &task_kind, &arr, n, err);

	*out = arr;
	if (*n > 1)
		qsort(*out, *n, sizeof **out, cmp_task);
	return rc;
}

void
swarm_tasks_free(struct swarm_task *arr, size_t n)
{
	free_list(&task_kind, arr, n);
}

/* ---------------------------------------------------------------- nodes */

static const struct swarm_str node_strs[] = {
	{ offsetof(struct swarm_node, id), "ID" },
	{ offsetof(struct swarm_node, hostname), "Description.Hostname" },
	{ offsetof(struct swarm_node, role), "Spec.Role" },
	{ offsetof(struct swarm_node, availability), "Spec.Availability" },
	{ offsetof(struct swarm_node, status), "Status.State" },
	{ offsetof(struct swarm_node, addr), "Status.Addr" },
	{ offsetof(struct swarm_node, engine), "Description.Engine.EngineVersion" },
	{ offsetof(struct swarm_node, reachability), "ManagerStatus.Reachability" },
};

static void
node_decode(json_t *o, void *elem)
{
	struct swarm_node *nd = elem;

	nd->leader = json_is_true(jsonget_path(o, "ManagerStatus.Leader"));
}

static const struct swarm_kind node_kind = {
	"nodes", sizeof (struct swarm_node), node_strs, NSTRS(node_strs),
	node_decode, NULL,
};

int
swarm_nodes_decode(const char *buf, size_t len, struct swarm_node **out,
    size_t *n, struct decode_error *err)
{
	void *arr;
	int rc = decode_id_list(buf, len, &node_kind, &arr, n, err);

	*out = arr;
	return rc;
}

void
swarm_nodes_free(struct swarm_node *arr, size_t n)
{
	free_list(&node_kind, arr, n);
}

const char *
swarm_node_hostname(const struct swarm_node *nodes, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(nodes[i].id, id) == 0)
			return nodes[i].hostname;
	return NULL;
}

/* ---------------------------------------------------------------- updates */

int
swarm_update_prepare(const char *buf, size_t len, enum swarm_op op,
    const char *image, uint64_t replicas, struct swarm_update *out,
    struct decode_error *err)
{
	json_t *root = decode_load(buf, len, JSON_OBJECT, "service", err);
	json_t *spec, *tt, *cs, *repl;
	const char *cur;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (root == NULL)
		return -1;
	spec = json_object_get(root, "Spec");
	tt = jsonget_path(root, "Spec.TaskTemplate");
	cs = jsonget_path(root, "Spec.TaskTemplate.ContainerSpec");
	cur = jsonget_str(json_object_get(cs, "Image"));
	if (jsonget_str(json_object_get(root, "ID")) == NULL || !json_is_object(spec) ||
	    cur == NULL) {
		decode_set_err(err, "service: no ID, Spec or image in the engine's answer");
		goto out;
	}
	out->id = str_at(root, "ID");
	if (out->id[0] == '\0' || strspn(out->id, "abcdefghijklmnopqrstuvwxyz0123456789") != strlen(out->id)) {
		decode_set_err(err, "service: the engine's ID is not a swarm ID");
		goto out;
	}
	out->name = str_at(root, "Spec.Name");
	out->version = u64_at(root, "Version.Index");
	out->from_image = xstrdup(cur);
	out->to_image = xstrdup(cur);
	repl = jsonget_path(root, "Spec.Mode.Replicated");
	out->from_replicas = out->to_replicas = u64_at(root, "Spec.Mode.Replicated.Replicas");
	out->nlabels = decode_labels(json_object_get(spec, "Labels"), &out->labels);
	switch (op) {
	case SWARM_OP_SCALE:
		if (!json_is_object(repl)) {
			decode_set_err(err, "%.60s is not a replicated service: it cannot be scaled",
			    out->name);
			goto out;
		}
		json_object_set_new(repl, "Replicas", json_integer((json_int_t)replicas));
		out->to_replicas = replicas;
		break;
	case SWARM_OP_IMAGE:
		if (image == NULL || image[0] == '\0') {
			decode_set_err(err, "no image given");
			goto out;
		}
		/* cur belongs to cs: done with it before the image is replaced */
		cur = NULL;
		if (json_object_set_new(cs, "Image", json_string(image)) != 0) {
			decode_set_err(err, "the image name is not valid UTF-8");
			goto out;
		}
		free(out->to_image);
		out->to_image = xstrdup(image);
		if (strcmp(image, out->from_image) != 0)
			break;
		/* the same image again: a forced update restarts the tasks */
		/* fall through */
	case SWARM_OP_FORCE: {
		uint64_t f = u64_at(tt, "ForceUpdate");
		json_object_set_new(tt, "ForceUpdate", json_integer((json_int_t)(f + 1)));
		out->forced = true;
		break;
	}
	case SWARM_OP_ROLLBACK: {
		const char *prev = jsonget_str(jsonget_path(root,
		    "PreviousSpec.TaskTemplate.ContainerSpec.Image"));
		if (prev == NULL) {
			decode_set_err(err, "%.60s has no previous spec to roll back to", out->name);
			goto out;
		}
		free(out->to_image);
		out->to_image = xstrdup(prev);
		out->to_replicas = u64_at(root, "PreviousSpec.Mode.Replicated.Replicas");
		break;
	}
	}
	if ((out->body = json_dumps(spec, JSON_COMPACT)) == NULL) {
		decode_set_err(err, "service: cannot encode the spec");
		goto out;
	}
	rc = 0;
out:
	json_decref(root);
	if (rc != 0)
		swarm_update_clear(out);
	return rc;
}

static const size_t update_strs[] = {
	offsetof(struct swarm_update, id), offsetof(struct swarm_update, name),
	offsetof(struct swarm_update, body), offsetof(struct swarm_update, from_image),
	offsetof(struct swarm_update, to_image),
};

void
swarm_update_clear(struct swarm_update *u)
{
	xfree_members(u, update_strs, NSTRS(update_strs));
	records_labels_free(u->labels, u->nlabels);
	memset(u, 0, sizeof *u);
}

void
swarm_update_path(const struct swarm_update *u, enum swarm_op op, char *out, size_t outsz)
{
	snprintf(out, outsz, "/services/%s/update?version=%llu%s", u->id,
	    (unsigned long long)u->version,
	    op == SWARM_OP_ROLLBACK ? "&rollback=previous" : "");
}
