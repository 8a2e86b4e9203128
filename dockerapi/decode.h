/* Decoders: engine JSON bytes -> records. Pure functions, any thread. */
#ifndef BERTH_DECODE_H
#define BERTH_DECODE_H

#include <stddef.h>

#include <jansson.h>

#include "dockerapi/records.h"

/* Error text a person can act on, filled on failure. */
struct decode_error {
	char text[160];
};

/* printf into err->text (err may be NULL). For every decoder of engine JSON. */
void decode_set_err(struct decode_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Parse buf as one JSON document of type want (JSON_ARRAY or JSON_OBJECT;
 * see jsonget_load). A new reference, or NULL with err naming `what`: no
 * data, not valid JSON (with the byte), or the wrong type.
 */
json_t *decode_load(const char *buf, size_t len, json_type want, const char *what,
    struct decode_error *err);

/*
 * The string members of a Labels object (anything else: none), in the
 * object's order: a new array in *out (NULL when there are none), freed
 * with records_labels_free. Returns the count. For every decoder.
 */
size_t decode_labels(const json_t *obj, struct dapi_label **out);

/*
 * GET /containers/json?all=1 body -> array of containers (summary fields:
 * id, name, image, image_id, command, created, state, health and exit code
 * parsed from Status, labels, ports). On success *out is a new array the
 * caller frees with decode_container_array_free(); returns 0.
 * On malformed input returns -1, fills err, leaves *out NULL.
 * Entries missing an Id are skipped, not fatal.
 */
int decode_container_list(const char *buf, size_t len,
    struct dapi_container **out, size_t *n, struct decode_error *err);
void decode_container_array_free(struct dapi_container *arr, size_t n);

/*
 * GET /containers/{id}/json body -> one container with all fields
 * (inspected = true). c must be zeroed or cleared; on failure c is left
 * cleared. Returns 0 or -1.
 */
int decode_container_inspect(const char *buf, size_t len,
    struct dapi_container *c, struct decode_error *err);

/* One /events JSON object (one line) -> event. Returns 0 or -1. */
int decode_event(const char *buf, size_t len, struct dapi_event *ev,
    struct decode_error *err);

/*
 * GET /containers/{id}/stats?stream=false body -> sample.
 * Uses cpu_stats (not precpu), memory_stats (v1 total_inactive_file or
 * v2 inactive_file), networks (sum), blkio io_service_bytes_recursive,
 * pids_stats; read_ns from "read". Returns 0 or -1.
 */
int decode_stats(const char *buf, size_t len, struct dapi_stats *st,
    struct decode_error *err);

/* Parse RFC 3339 with optional fraction and zone ("2024-01-02T03:04:05.123Z")
 * into unix seconds. "0001-01-01T00:00:00Z" gives 0. Returns 0 or -1. */
int decode_rfc3339(const char *s, int64_t *out);
/* An RFC 3339 JSON member (v may be NULL) -> unix seconds, and into
 * *frac_ns (may be NULL) its nanoseconds; 0 and 0 when missing,
 * unparsable, Go's zero time or before 1970. Pure; for every decoder. */
int64_t decode_time(const json_t *v, int64_t *frac_ns);

#endif
