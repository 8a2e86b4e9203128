/* Decoders for the resource panes: images, image history, volumes, networks, disk use, and who uses them. */
#ifndef BERTH_RESOURCES_H
#define BERTH_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockerapi/decode.h"
#include "dockerapi/records.h"

/*
 * The lists, each decoded by resources_decode into an array of its
 * record: GET /images/json (struct resources_image), /images/{id}/history
 * (struct resources_layer), /volumes (struct resources_volume), /networks
 * (struct resources_network), /containers/json?all=1 (struct
 * resources_user). Pure; any thread. Strings are raw engine bytes, never
 * NULL (at worst ""): sanitize before drawing.
 */
enum resources_list {
	RESOURCES_IMAGES, RESOURCES_HISTORY, RESOURCES_VOLUMES, RESOURCES_NETWORKS,
	RESOURCES_USERS
};

/* One image of GET /images/json. */
struct resources_image {
	char *id;		/* "sha256:..." */
	char **tags;		/* RepoTags, "<none>:<none>" left out */
	size_t ntags;
	char **digests;		/* RepoDigests */
	size_t ndigests;
	int64_t created;	/* unix seconds */
	int64_t size;		/* bytes */
	struct dapi_label *labels;
	size_t nlabels;
};

/*
 * Decode list k from buf into a new array at *(T **)out of *n records
 * (T the list's record), freed with resources_free(k, array, n); on
 * malformed input -1 with err filled and the array NULL, *n 0. Entries of
 * the wrong shape are skipped, not fatal.
 */
int resources_decode(enum resources_list k, const char *buf, size_t len, void *out,
    size_t *n, struct decode_error *err);
void resources_free(enum resources_list k, void *a, size_t n);

/* GET /images/{id}/json into *out (free with resources_free(RESOURCES_IMAGES, out, 1)):
 * id, tags, digests, size, and the labels of Config.Labels. Returns 0 or
 * -1 with err (*out NULL). */
int resources_image_inspect_decode(const char *buf, size_t len, struct resources_image **out,
    struct decode_error *err);

/* One layer of GET /images/{id}/history (newest first, as the engine sends). */
struct resources_layer {
	char *id;		/* "<missing>" for layers pulled without their config */
	char *created_by;
	char *comment;
	int64_t created;
	int64_t size;
};

/* One volume of GET /volumes ({"Volumes": [...]}). */
struct resources_volume {
	char *name, *driver, *mountpoint, *scope;
	struct dapi_label *labels;
	size_t nlabels;
	bool anonymous;		/* com.docker.volume.anonymous, or a 64-hex name */
};

/* One network of GET /networks. */
struct resources_network {
	char *id, *name, *driver, *scope;
	char *subnet;		/* the IPAM subnets, comma-separated, "" if none */
	bool builtin;		/* bridge, host, none, or swarm's ingress: never pruned */
	struct dapi_label *labels;
	size_t nlabels;
};

/* One line of the disk use summary: docker system df's columns. */
struct resources_df_class {
	int64_t count, active;
	int64_t size, reclaimable;	/* bytes */
};

/* A volume's or an image's own figures from /system/df. */
struct resources_df_item {
	char *name;		/* a volume's name, an image's id */
	int64_t size;		/* bytes, -1 unknown (a volume the engine did not measure) */
	int64_t shared;		/* an image's SharedSize, else 0 */
	int64_t users;		/* RefCount / Containers, -1 unknown */
};

/* GET /system/df. */
struct resources_df {
	struct resources_df_class images, containers, volumes, cache;
	struct resources_df_item *vols, *imgs;
	size_t nvols, nimgs;
};
/* Decode into *out (all of it replaced; free with resources_df_clear).
 * Returns 0, or -1 with err and *out empty. */
int resources_df_decode(const char *buf, size_t len, struct resources_df *out,
    struct decode_error *err);
void resources_df_clear(struct resources_df *df);
/* The item called name among n, or NULL. Pure. */
const struct resources_df_item *resources_df_find(const struct resources_df_item *a,
    size_t n, const char *name);

/* What a container of GET /containers/json?all=1 uses: for CONTAINERS and
 * USED BY columns and the prune planner. */
struct resources_user {
	char *id, *name, *image_id, *state;
	char **volumes;		/* Mounts[].Name of type volume */
	size_t nvolumes;
	char **networks;	/* NetworkSettings.Networks' names */
	size_t nnetworks;
};

/* How many of users[0..n) use image id / volume name / network name,
 * and (names != NULL) their names, comma-separated, into names[0..namesz).
 * Pure. */
size_t resources_image_users(const struct resources_user *u, size_t n, const char *id);
size_t resources_volume_users(const struct resources_user *u, size_t n, const char *name,
    char *names, size_t namesz);
size_t resources_network_users(const struct resources_user *u, size_t n, const char *name,
    char *names, size_t namesz);

/* "1.5GB", "12.3MB", "0B": docker's human sizes (powers of 1000), into
 * buf. Negative: "-". Pure. */
void resources_size(int64_t bytes, char *buf, size_t n);

/* "5 minutes ago", "2 days ago": docker's CREATED column for a time
 * `secs` seconds past. Pure. */
void resources_age(int64_t secs, char *buf, size_t n);

/* A short image id: 12 hex digits without "sha256:". Pure; points into id. */
const char *resources_short_id(const char *id, char *buf, size_t n);

#endif
