/* Typed container and image requests: every reference escaped, JSON answers parsed. */
#ifndef BERTH_CTRAPI_H
#define BERTH_CTRAPI_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "dockerapi/dapi.h"
#include "dockerapi/records.h"

/*
 * Path builders, for callers that send the request themselves (the views,
 * through dockerapi/jobs.c). Each writes the path into buf, with the id,
 * name or image reference percent-encoded through dapi_urlencode, so a
 * reference holding '/', '?', '#' or a space stays one path segment.
 * Return 0, or -1 when it does not fit (buf then holds "", which the
 * engine answers with 404). Pure; any thread.
 */

/* "/containers/ID" + tail; tail is the caller's constant ("/json",
 * "/start", "/archive?path=/bin/bash", or "") and is not escaped. */
int ctrapi_path_container(char *buf, size_t sz, const char *id, const char *tail);
/* "/containers/ID/json" */
int ctrapi_path_inspect(char *buf, size_t sz, const char *id);
/* "/containers/ID?v=0|1&force=0|1" (DELETE) */
int ctrapi_path_remove(char *buf, size_t sz, const char *id, bool volumes, bool force);
/* "/images/REF/json" */
int ctrapi_path_image_inspect(char *buf, size_t sz, const char *ref);
/* "/distribution/REF/json": the registry's current descriptor of REF */
int ctrapi_path_distribution(char *buf, size_t sz, const char *ref);

/*
 * Blocking requests on c (the thread that owns c; never the UI thread).
 * Each returns 0, or -1 with err (err->status is the HTTP status, 0 when
 * there was no answer; err->text the engine's message).
 */

/* GET /containers/{id}/json into *out (a new reference; an object). */
int ctrapi_inspect(struct dapi_client *c, const char *id, json_t **out, struct dapi_error *err);

/* After a pull of ref: the image's digest ("sha256:...", from the first
 * of its RepoDigests) into buf, or "" when the engine has none to say.
 * Always NUL-terminated. Blocks (GET /images/{ref}/json). */
void ctrapi_image_digest(struct dapi_client *c, const char *ref, char *buf, size_t n);

/* GET /images/{ref}/json into *out (a new reference; an object). */
int ctrapi_image_inspect(struct dapi_client *c, const char *ref, json_t **out,
    struct dapi_error *err);

/* POST /containers/{id}/start; an already running container (304) counts. */
int ctrapi_start(struct dapi_client *c, const char *id, struct dapi_error *err);

/* POST /containers/{id}/stop?t=grace_s, waiting grace_s + 20 s; an already
 * stopped container (304) counts. */
int ctrapi_stop(struct dapi_client *c, const char *id, int grace_s, struct dapi_error *err);

/* POST /containers/{id}/rename?name=NAME */
int ctrapi_rename(struct dapi_client *c, const char *id, const char *name,
    struct dapi_error *err);

/* DELETE /containers/{id}: never its named volumes' data (v=0 unless
 * volumes); a container already gone (404) counts. */
int ctrapi_remove(struct dapi_client *c, const char *id, bool force, bool volumes,
    struct dapi_error *err);

/* POST /containers/create?name=NAME with body (not taken); the new
 * container's id into id_out. */
int ctrapi_create(struct dapi_client *c, const char *name, json_t *body,
    char *id_out, size_t idsz, struct dapi_error *err);

/* POST /networks/{net}/connect of container id with endpoint_config (not
 * taken; may be NULL). */
int ctrapi_network_connect(struct dapi_client *c, const char *net, const char *id,
    json_t *endpoint_config, struct dapi_error *err);

/* POST /images/create?fromImage=REF, waiting up to timeout_ms, with the
 * registry's credentials from the docker CLI config (dockerapi/pull.h,
 * without progress). A pull that fails after the 200 (the error is in the
 * progress stream) fails too, with that error in err->text. */
int ctrapi_pull(struct dapi_client *c, const char *ref, long timeout_ms,
    struct dapi_error *err);

/* Reads of an inspect answer: the name without its '/' ("" if none), and
 * whether State.Running is true. Pure. */
const char *ctrapi_inspect_name(json_t *insp);
bool ctrapi_inspect_running(json_t *insp);

/* GET /containers/json?all=1, decoded; free with decode_container_array_free. */
int ctrapi_list_all(struct dapi_client *c, struct dapi_container **arr, size_t *n,
    struct dapi_error *err);

#endif
