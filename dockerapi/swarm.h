/* Swarm mode: decoders for /info, /services, /tasks, /nodes and service update bodies. */
#ifndef BERTH_SWARM_H
#define BERTH_SWARM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockerapi/decode.h"
#include "dockerapi/records.h"

/* GET /info: the Swarm part. */
struct swarm_info {
	bool active;		/* Swarm.LocalNodeState == "active" */
	bool manager;		/* Swarm.ControlAvailable */
	char node_id[80];	/* Swarm.NodeID (raw engine bytes) */
	char state[32];		/* LocalNodeState: "inactive", "active", ... */
};

/* Decode a GET /info body. Returns 0 (a missing Swarm object is
 * "inactive"), or -1 with err when the body is not a JSON object. Pure. */
int swarm_info_decode(const char *buf, size_t len, struct swarm_info *out,
    struct decode_error *err);

/*
 * One service of GET /services?status=true. Strings are raw engine bytes
 * (sanitize before drawing), owned by the record, never NULL except where
 * noted.
 */
struct swarm_service {
	char *id;
	char *name;
	char *image;		/* Spec.TaskTemplate.ContainerSpec.Image, digest kept */
	char *mode;		/* "replicated", "global", "replicated-job", ... */
	bool global;		/* not a replicated service: no replica count to set */
	uint64_t replicas;	/* Spec.Mode.Replicated.Replicas (0 when global) */
	bool has_status;	/* ServiceStatus was there (API >= 1.41 with status=true) */
	uint64_t running, desired;	/* ServiceStatus.RunningTasks / DesiredTasks */
	char *update_state;	/* UpdateStatus.State, "" when none */
	char *update_msg;	/* UpdateStatus.Message, "" when none */
	char *update_started;	/* UpdateStatus.StartedAt, "" when none */
	char *ports;		/* "18081:80/tcp(host), 443/tcp", "" when none */
	char *prev_image;	/* PreviousSpec's image, NULL when none */
	uint64_t version;	/* Version.Index, for ?version= */
	int64_t created, updated;	/* unix seconds, 0 when unknown */
	struct dapi_label *labels;	/* Spec.Labels */
	size_t nlabels;
};

/* Decode GET /services (an array). On success *out is a new array the
 * caller frees with swarm_services_free; entries without an ID are
 * skipped. Returns 0, or -1 with err (*out NULL, *n 0). Pure. */
int swarm_services_decode(const char *buf, size_t len, struct swarm_service **out,
    size_t *n, struct decode_error *err);
void swarm_services_free(struct swarm_service *arr, size_t n);

/* A label's value, or NULL. */
const char *swarm_service_label(const struct swarm_service *s, const char *key);

/* Does the service need attention: fewer running than desired, or an
 * update paused or rolled back? Pure. */
bool swarm_service_problem(const struct swarm_service *s);

/* image without "@sha256:..." into out; returns out. Pure. */
const char *swarm_image_short(const char *image, char *out, size_t outsz);

/* One task of GET /tasks. Strings raw, owned, never NULL. */
struct swarm_task {
	char *id;
	char *service_id;
	char *node_id;		/* "" while unassigned */
	char *state;		/* Status.State: "running", "shutdown", "failed", ... */
	char *desired;		/* DesiredState */
	char *error;		/* Status.Err, "" when none */
	char *message;		/* Status.Message */
	char *image;		/* Spec.ContainerSpec.Image */
	int64_t slot;		/* 0 for global services */
	int64_t created;	/* unix seconds of CreatedAt */
	int64_t created_ns;	/* CreatedAt's fraction, for ordering */
};

/* Decode GET /tasks, sorted newest first (CreatedAt). Returns 0 or -1
 * with err. Free with swarm_tasks_free. Pure. */
int swarm_tasks_decode(const char *buf, size_t len, struct swarm_task **out,
    size_t *n, struct decode_error *err);
void swarm_tasks_free(struct swarm_task *arr, size_t n);

/* One node of GET /nodes. Strings raw, owned, never NULL. */
struct swarm_node {
	char *id;
	char *hostname;		/* Description.Hostname */
	char *role;		/* Spec.Role */
	char *availability;	/* Spec.Availability */
	char *status;		/* Status.State */
	char *addr;		/* Status.Addr */
	char *engine;		/* Description.Engine.EngineVersion */
	char *reachability;	/* ManagerStatus.Reachability, "" for workers */
	bool leader;		/* ManagerStatus.Leader */
};

int swarm_nodes_decode(const char *buf, size_t len, struct swarm_node **out,
    size_t *n, struct decode_error *err);
void swarm_nodes_free(struct swarm_node *arr, size_t n);

/* The hostname of node id in nodes, else NULL. */
const char *swarm_node_hostname(const struct swarm_node *nodes, size_t n, const char *id);

enum swarm_op {
	SWARM_OP_SCALE,		/* Spec.Mode.Replicated.Replicas = replicas */
	SWARM_OP_IMAGE,		/* ContainerSpec.Image = image (same image: forced) */
	SWARM_OP_FORCE,		/* TaskTemplate.ForceUpdate + 1 */
	SWARM_OP_ROLLBACK	/* the current spec, with ?rollback=previous */
};

/* A prepared POST /services/{id}/update. */
struct swarm_update {
	char *id, *name;
	uint64_t version;
	char *body;		/* JSON service spec */
	char *from_image;	/* current image, digest kept */
	char *to_image;		/* the image after the update */
	uint64_t from_replicas, to_replicas;
	bool forced;		/* ForceUpdate was raised */
	struct dapi_label *labels;	/* Spec.Labels */
	size_t nlabels;
};

/*
 * From a GET /services/{id} body, build the update for op: image and
 * replicas are used by SWARM_OP_IMAGE and SWARM_OP_SCALE. Refuses (-1,
 * err) a scale of a global service, a rollback with no previous spec,
 * and bodies that are not a service. Fills out (swarm_update_clear).
 * Pure; any thread.
 */
int swarm_update_prepare(const char *buf, size_t len, enum swarm_op op,
    const char *image, uint64_t replicas, struct swarm_update *out,
    struct decode_error *err);
void swarm_update_clear(struct swarm_update *u);

/* The request path for u ("/services/ID/update?version=N[&rollback=previous]"). */
void swarm_update_path(const struct swarm_update *u, enum swarm_op op, char *out, size_t outsz);

#endif
