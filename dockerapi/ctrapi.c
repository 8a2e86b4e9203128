/* Typed container and image requests over dapi: escaped references, one response buffer. */
#include "dockerapi/ctrapi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/decode.h"
#include "dockerapi/jsonget.h"
#include "dockerapi/pull.h"

#define PATH_MAX_LEN 2048

/* A path put together piece by piece; one piece too many spoils it. */
struct ctrapi_path {
	char *buf;
	size_t sz, len;
	bool bad;
};

static void
path_lit(struct ctrapi_path *p, const char *s)
{
	size_t n = strlen(s);

	if (p->bad || p->len + n + 1 > p->sz) {
		p->bad = true;
		return;
	}
	memcpy(p->buf + p->len, s, n + 1);
	p->len += n;
}

static void
path_enc(struct ctrapi_path *p, const char *s)
{
	size_t n;

	if (p->bad || s == NULL || *s == '\0') {
		p->bad = true;	/* an empty segment would name another endpoint */
		return;
	}
	n = dapi_urlencode(s, p->buf + p->len, p->sz - p->len);
	if (n >= p->sz - p->len) {
		p->bad = true;
		return;
	}
	p->len += n;
}

static int
path_end(struct ctrapi_path *p)
{
	if (!p->bad)
		return 0;
	if (p->sz > 0)
		p->buf[0] = '\0';
	return -1;
}

int
ctrapi_path_container(char *buf, size_t sz, const char *id, const char *tail)
{
	struct ctrapi_path p = { buf, sz, 0, sz == 0 };

	path_lit(&p, "/containers/");
	path_enc(&p, id);
	path_lit(&p, tail != NULL ? tail : "");
	return path_end(&p);
}

int
ctrapi_path_inspect(char *buf, size_t sz, const char *id)
{
	return ctrapi_path_container(buf, sz, id, "/json");
}

int
ctrapi_path_remove(char *buf, size_t sz, const char *id, bool volumes, bool force)
{
	static const char *const q[2][2] = {
		{ "?v=0&force=0", "?v=0&force=1" },
		{ "?v=1&force=0", "?v=1&force=1" },
	};

	return ctrapi_path_container(buf, sz, id, q[volumes][force]);
}

/* head + the escaped ref + "/json" */
static int
path_ref_json(char *buf, size_t sz, const char *head, const char *ref)
{
	struct ctrapi_path p = { buf, sz, 0, sz == 0 };

	path_lit(&p, head);
	path_enc(&p, ref);
	path_lit(&p, "/json");
	return path_end(&p);
}

int
ctrapi_path_image_inspect(char *buf, size_t sz, const char *ref)
{
	return path_ref_json(buf, sz, "/images/", ref);
}

int
ctrapi_path_distribution(char *buf, size_t sz, const char *ref)
{
	return path_ref_json(buf, sz, "/distribution/", ref);
}

/* ---------------------------------------------------------------- requests */

static int
too_long(struct dapi_error *err, const char *what)
{
	memset(err, 0, sizeof *err);
	snprintf(err->text, sizeof err->text, "%s is empty or too long for a request", what);
	return -1;
}

/* One request; its JSON answer, when wanted, into *out (NULL if none). */
static int
request(struct dapi_client *c, const char *method, const char *path, json_t *body,
    long timeout_ms, json_t **out, struct dapi_error *err)
{
	struct dapi_buf b = { 0 };
	char *s = body != NULL ? json_dumps(body, JSON_COMPACT) : NULL;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (body != NULL && s == NULL) {
		memset(err, 0, sizeof *err);
		snprintf(err->text, sizeof err->text, "cannot encode the request body");
		return -1;
	}
	rc = dapi_request(c, method, path, s, timeout_ms, &b, err);
	if (rc == 0 && out != NULL && b.data != NULL)
		*out = jsonget_load(b.data, b.len, NULL);
	free(s);
	dapi_buf_free(&b);
	return rc;
}

static int
get_object(struct dapi_client *c, const char *path, const char *what, json_t **out,
    struct dapi_error *err)
{
	if (request(c, NULL, path, NULL, 0, out, err) != 0)
		return -1;
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		snprintf(err->text, sizeof err->text, "the engine's %s answer is not an object", what);
		return -1;
	}
	return 0;
}

int
ctrapi_inspect(struct dapi_client *c, const char *id, json_t **out, struct dapi_error *err)
{
	char path[PATH_MAX_LEN];

	*out = NULL;
	if (ctrapi_path_inspect(path, sizeof path, id) != 0)
		return too_long(err, "the container name");
	return get_object(c, path, "inspect", out, err);
}

const char *
ctrapi_inspect_name(json_t *insp)
{
	const char *n = jsonget_str(json_object_get(insp, "Name"));

	return n != NULL && *n == '/' ? n + 1 : n != NULL ? n : "";
}

bool
ctrapi_inspect_running(json_t *insp)
{
	return json_is_true(jsonget_path(insp, "State.Running"));
}

int
ctrapi_image_inspect(struct dapi_client *c, const char *ref, json_t **out,
    struct dapi_error *err)
{
	char path[PATH_MAX_LEN];

	*out = NULL;
	if (ctrapi_path_image_inspect(path, sizeof path, ref) != 0)
		return too_long(err, "the image reference");
	return get_object(c, path, "image inspect", out, err);
}

/* POST /containers/{id}TAIL; 304 (already in that state) counts as done. */
static int
post_op(struct dapi_client *c, const char *id, const char *tail, long timeout_ms,
    struct dapi_error *err)
{
	char path[PATH_MAX_LEN];

	if (ctrapi_path_container(path, sizeof path, id, tail) != 0)
		return too_long(err, "the container id");
	if (request(c, "POST", path, NULL, timeout_ms, NULL, err) == 0)
		return 0;
	return err->status == 304 ? 0 : -1;	/* already in that state */
}

int
ctrapi_start(struct dapi_client *c, const char *id, struct dapi_error *err)
{
	return post_op(c, id, "/start", 30000, err);
}

int
ctrapi_stop(struct dapi_client *c, const char *id, int grace_s, struct dapi_error *err)
{
	char tail[32];

	snprintf(tail, sizeof tail, "/stop?t=%d", grace_s);
	return post_op(c, id, tail, (grace_s + 20) * 1000L, err);
}

int
ctrapi_rename(struct dapi_client *c, const char *id, const char *name,
    struct dapi_error *err)
{
	char buf[PATH_MAX_LEN];
	struct ctrapi_path p = { buf, sizeof buf, 0, false };

	path_lit(&p, "/containers/");
	path_enc(&p, id);
	path_lit(&p, "/rename?name=");
	path_enc(&p, name);
	if (path_end(&p) != 0)
		return too_long(err, "the container name");
	return request(c, "POST", buf, NULL, 0, NULL, err);
}

int
ctrapi_remove(struct dapi_client *c, const char *id, bool force, bool volumes,
    struct dapi_error *err)
{
	char path[PATH_MAX_LEN];

	if (ctrapi_path_remove(path, sizeof path, id, volumes, force) != 0)
		return too_long(err, "the container id");
	if (request(c, "DELETE", path, NULL, 30000, NULL, err) == 0)
		return 0;
	return err->status == 404 ? 0 : -1;	/* already gone */
}

int
ctrapi_create(struct dapi_client *c, const char *name, json_t *body,
    char *id_out, size_t idsz, struct dapi_error *err)
{
	char buf[PATH_MAX_LEN];
	struct ctrapi_path p = { buf, sizeof buf, 0, false };
	json_t *out = NULL;
	const char *id;

	if (idsz > 0)
		id_out[0] = '\0';
	path_lit(&p, "/containers/create?name=");
	path_enc(&p, name);
	if (path_end(&p) != 0)
		return too_long(err, "the container name");
	if (request(c, "POST", buf, body, 60000, &out, err) != 0)
		return -1;
	id = jsonget_str(json_object_get(out, "Id"));
	if (id == NULL || *id == '\0') {
		json_decref(out);
		snprintf(err->text, sizeof err->text, "the engine created a container but sent no Id");
		return -1;
	}
	snprintf(id_out, idsz, "%s", id);
	json_decref(out);
	return 0;
}

int
ctrapi_network_connect(struct dapi_client *c, const char *net, const char *id,
    json_t *endpoint_config, struct dapi_error *err)
{
	char buf[PATH_MAX_LEN];
	struct ctrapi_path p = { buf, sizeof buf, 0, false };
	json_t *body;
	int rc;

	path_lit(&p, "/networks/");
	path_enc(&p, net);
	path_lit(&p, "/connect");
	if (path_end(&p) != 0)
		return too_long(err, "the network name");
	body = json_object();
	json_object_set_new(body, "Container", json_string(id));
	if (endpoint_config != NULL)
		json_object_set(body, "EndpointConfig", endpoint_config);
	rc = request(c, "POST", buf, body, 30000, NULL, err);
	json_decref(body);
	return rc;
}

int
ctrapi_pull(struct dapi_client *c, const char *ref, long timeout_ms, struct dapi_error *err)
{
	return pull_image(c, ref, timeout_ms, 0, NULL, NULL, err);
}

int
ctrapi_list_all(struct dapi_client *c, struct dapi_container **arr, size_t *n,
    struct dapi_error *err)
{
	struct dapi_buf b = { 0 };
	struct decode_error de;
	int rc = -1;

	*arr = NULL;
	*n = 0;
	if (dapi_request(c, NULL, "/containers/json?all=1", NULL, 0, &b, err) != 0)
		goto out;
	if (decode_container_list(b.data, b.len, arr, n, &de) != 0) {
		snprintf(err->text, sizeof err->text, "cannot read the container list: %s", de.text);
		goto out;
	}
	rc = 0;
out:
	dapi_buf_free(&b);
	return rc;
}

void
ctrapi_image_digest(struct dapi_client *c, const char *ref, char *buf, size_t n)
{
	struct dapi_error err;
	json_t *img = NULL;
	const char *d, *at;

	buf[0] = '\0';
	if (ctrapi_image_inspect(c, ref, &img, &err) != 0)
		return;
	d = jsonget_str(json_array_get(json_object_get(img, "RepoDigests"), 0));
	if (d != NULL)
		snprintf(buf, n, "%s", (at = strchr(d, '@')) != NULL ? at + 1 : d);
	json_decref(img);
}
