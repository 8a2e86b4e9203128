/* The detail pane's record: the inspect fields the container list does not carry. */
#ifndef BERTH_CDETAIL_H
#define BERTH_CDETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockerapi/decode.h"

struct cdetail_kv {
	char *key;
	char *value;		/* may be NULL (an env entry without '=') */
};

struct cdetail_check {		/* one health check run */
	int64_t start;		/* unix seconds */
	int exit_code;
	char *output;		/* raw; sanitize before drawing */
};

struct cdetail_mount {
	char *type;		/* "bind", "volume", "tmpfs" */
	char *source;		/* host path or volume name */
	char *dest;
	bool rw;
};

struct cdetail_net {
	char *name;
	char *ip;		/* "" when none */
	char *gateway;
	char *mac;
};

#define CDETAIL_CHECKS 5

/*
 * All strings are raw engine bytes (NUL-terminated, cut at an embedded NUL),
 * owned by the record. Arrays are in the engine's order except labels and
 * env, which are sorted by key.
 */
struct cdetail {
	char id[65];
	char *name;		/* without the leading '/' */
	char *image;		/* Config.Image */
	char *image_id;		/* Image */
	char *command;		/* Path and Args, space-joined, quoted where needed */
	int64_t created, started_at, finished_at;	/* unix seconds, 0 unknown */
	char *state;		/* State.Status */
	int exit_code;
	bool oom_killed;
	char *error;		/* State.Error, NULL when empty */
	char *restart_policy;	/* "no", "always", "on-failure", "unless-stopped" */
	int restart_max;	/* MaximumRetryCount */
	int restart_count;
	bool tty;		/* Config.Tty: logs come unframed */
	char *network_mode;
	char *health;		/* State.Health.Status, NULL without a check */
	int failing_streak;
	struct cdetail_check checks[CDETAIL_CHECKS];	/* the last runs, oldest first */
	size_t nchecks;
	char **ports;		/* "127.0.0.1:8080->80/tcp", "443/tcp" */
	size_t nports;
	struct cdetail_mount *mounts;
	size_t nmounts;
	struct cdetail_net *nets;
	size_t nnets;
	struct dapi_label *labels;
	size_t nlabels;
	struct cdetail_kv *env;
	size_t nenv;
};

/*
 * GET /containers/{id}/json body -> d (zeroed by the caller or cleared).
 * Missing or mistyped fields are left empty; only a body that is not a
 * JSON object with an "Id" fails. Returns 0, or -1 with err (d cleared).
 * Pure; any thread.
 */
int cdetail_decode(const char *buf, size_t len, struct cdetail *d,
    struct decode_error *err);
/* Free what d owns and zero it. NULL-safe. */
void cdetail_clear(struct cdetail *d);

/*
 * GET /images/{id}/json body -> its first RepoDigests entry
 * ("repo@sha256:..."), new string the caller frees; NULL when the image
 * has none (built locally) or the body is bad. Pure.
 */
char *cdetail_image_digest(const char *buf, size_t len);

/* Does an env name look like it holds a secret (PASSWORD, SECRET, TOKEN,
 * KEY anywhere, any case)? Pure. */
bool cdetail_env_is_secret(const char *name);

/* VIRTUAL_HOST / VIRTUAL_PORT (docker-gen routing) or a berth.* label. */
bool cdetail_is_routing(const char *name);

#endif
