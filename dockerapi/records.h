/* Typed records decoded from Docker Engine API JSON. Plain data, no curl. */
#ifndef BERTH_RECORDS_H
#define BERTH_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum dapi_state {
	DAPI_ST_UNKNOWN = 0,
	DAPI_ST_CREATED,
	DAPI_ST_RUNNING,
	DAPI_ST_PAUSED,
	DAPI_ST_RESTARTING,
	DAPI_ST_REMOVING,
	DAPI_ST_EXITED,
	DAPI_ST_DEAD
};

enum dapi_health {
	DAPI_HEALTH_NONE = 0,	/* no health check */
	DAPI_HEALTH_STARTING,
	DAPI_HEALTH_HEALTHY,
	DAPI_HEALTH_UNHEALTHY
};

struct dapi_label {
	char *key;
	char *value;
};

struct dapi_port {
	char *ip;		/* host ip, NULL when not published */
	uint16_t private_port;
	uint16_t public_port;	/* 0 when not published */
	char proto[8];		/* "tcp", "udp", "sctp" */
};

/*
 * One container. Filled by decode_container_list() (summary fields) or
 * decode_container_inspect() (all fields). Strings are raw engine bytes,
 * NUL-terminated, owned by the record; sanitize before drawing.
 */
struct dapi_container {
	char id[65];		/* full hex id */
	char *name;		/* without the leading '/' */
	char *image;		/* image reference as the user gave it */
	char *image_id;		/* "sha256:..." */
	char *command;
	int64_t created;	/* unix seconds */
	enum dapi_state state;
	enum dapi_health health;
	int exit_code;		/* meaningful when exited/dead */
	int64_t started_at;	/* unix seconds, 0 unknown (inspect only) */
	int64_t finished_at;	/* unix seconds, 0 unknown (inspect only) */
	int pid;		/* host pid of the main process, 0 if none (inspect only) */
	int restart_count;	/* inspect only */
	bool inspected;		/* true when filled from inspect */
	bool host_network;	/* HostConfig.NetworkMode == "host" */
	struct dapi_label *labels;
	size_t nlabels;
	struct dapi_port *ports;
	size_t nports;
	/* what a docker-gen proxy reads (inspect only): Config.Env's
	 * VIRTUAL_HOST and VIRTUAL_PORT (NULL if unset), and how many ports
	 * Config.ExposedPorts lists */
	char *virtual_host, *virtual_port;
	int exposed_ports;
};

/* One engine event from /events. */
struct dapi_event {
	char *type;		/* "container", "image", "network", ... */
	char *action;		/* "start", "die", "health_status: healthy", ... */
	char *id;		/* Actor.ID */
	char *name;		/* Actor.Attributes.name, may be NULL */
	char *exit_code;	/* Actor.Attributes.exitCode, may be NULL */
	int64_t time_nano;	/* timeNano, else time * 1e9 */
};

/*
 * One stats sample, from the API (decode_stats) or the local cgroup path
 * (cgroup_sample). Counters are cumulative; rates need two samples.
 */
struct dapi_stats {
	uint64_t read_ns;	/* wall clock of the sample, ns since epoch */
	uint64_t cpu_total_ns;	/* container CPU time */
	uint64_t system_ns;	/* host CPU time, all CPUs (as docker's system_cpu_usage) */
	uint32_t online_cpus;
	uint64_t mem_usage;	/* raw usage, bytes */
	uint64_t mem_inactive_file; /* v1 total_inactive_file / v2 inactive_file */
	uint64_t mem_limit;	/* bytes; host memory when unlimited */
	uint64_t net_rx;	/* bytes, all interfaces but lo */
	uint64_t net_tx;
	uint64_t blk_read;
	uint64_t blk_write;
	uint64_t pids;
	bool valid;
};

/* Derived stats for one running container, one tick: what the watcher
 * reports (watcher_sink.stats) and the model keeps; a plain record. */
struct watcher_stat {
	char id[65];
	double cpu_percent;	/* -1 until two samples exist */
	uint64_t mem_used;	/* usage - inactive file */
	uint64_t mem_limit;
	double rx_rate;		/* bytes/s, -1 until two samples exist */
	double tx_rate;
	double blk_read_rate;	/* bytes/s, -1 until two samples exist */
	double blk_write_rate;
	uint64_t pids;
	bool from_api;		/* false: cgroup files */
};

/* Free everything a record owns, then zero it. NULL-safe. Any thread. */
void records_container_clear(struct dapi_container *c);
/* Deep copy. Any thread. */
void records_container_copy(struct dapi_container *dst, const struct dapi_container *src);
void records_event_clear(struct dapi_event *e);
/* Look up a label value; NULL if absent. Returned pointer is owned by c. */
const char *records_label(const struct dapi_container *c, const char *key);
/* The same in any n labels (l may be NULL when n is 0); owned by l. Pure. */
const char *records_labels_get(const struct dapi_label *l, size_t n, const char *key);
/* Free n labels and the array l (NULL is fine). */
void records_labels_free(struct dapi_label *l, size_t n);
/* "running", "exited", ...; static strings. */
const char *records_state_name(enum dapi_state s);
const char *records_health_name(enum dapi_health h);
/* Parse the engine's State string ("running", ...) to the enum. */
enum dapi_state records_state_parse(const char *s);
/* Parse the engine's Health.Status ("healthy", ...); anything else is
 * DAPI_HEALTH_NONE. */
enum dapi_health records_health_parse(const char *s);

#endif
