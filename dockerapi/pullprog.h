/* The image pull's JSON message stream, folded into layers and bytes for a progress line. */
#ifndef BERTH_PULLPROG_H
#define BERTH_PULLPROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pullprog;

/* What the stream said so far. */
struct pullprog_sum {
	int layers;		/* layers the engine named */
	int done;		/* of them: pulled, or already there */
	uint64_t cur, total;	/* bytes downloaded / to download, over layers with a size */
	const char *error;	/* the stream's "error" (borrowed; NULL if none) */
	const char *status;	/* the last status without a layer id, e.g. "Digest: sha256:..." */
};

/* A new, empty decoder; free with pullprog_free. Never fails. Not shared between threads. */
struct pullprog *pullprog_new(void);
void pullprog_free(struct pullprog *p);

/*
 * Feed len bytes of the body of POST /images/create (JSON objects, one a
 * line, split anywhere). Lines that are not JSON objects are ignored; one
 * over 64 KiB is dropped; at most 512 layers are tracked. Returns true when
 * the summary changed. Pure.
 */
bool pullprog_feed(struct pullprog *p, const char *buf, size_t len);

/* Take what is left without a newline as the last line (the stream ended). */
void pullprog_finish(struct pullprog *p);

/* The summary; its strings are p's, valid until the next feed or free. */
void pullprog_summary(const struct pullprog *p, struct pullprog_sum *out);

/*
 * The summary as one line, e.g. "3/5 layers, 12.3/40.1 MB" ("5 layers
 * already present" when nothing was downloaded). Always NUL-terminated.
 * Pure.
 */
void pullprog_format(const struct pullprog_sum *s, char *buf, size_t n);

#endif
