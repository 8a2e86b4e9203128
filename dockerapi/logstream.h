/* Follows one container's logs on its own thread, in coalesced batches of lines. */
#ifndef BERTH_LOGSTREAM_H
#define BERTH_LOGSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockerapi/endpoint.h"

/* One line of a batch: text is at buf + off, len bytes, NUL after it. */
struct logstream_line {
	uint32_t off;
	uint32_t len;
	uint8_t stream;		/* enum logframe_stream */
};

/* What the UI receives, at most one per LOGSTREAM_BATCH_MS. */
struct logstream_batch {
	unsigned tag;		/* the caller's tag, to tell streams apart */
	char *buf;		/* raw engine bytes; sanitize before drawing */
	size_t buflen;
	struct logstream_line *lines;
	size_t n;
	size_t dropped;		/* lines dropped because the UI fell behind */
	bool ended;		/* the stream is over (container gone, error) */
	char *error;		/* why it ended, when it was not asked to; may be NULL */
};

#define LOGSTREAM_BATCH_MS 50
#define LOGSTREAM_MAX_LINE (16u << 10)

struct logstream_opts {
	const char *id;		/* container id */
	bool tty;		/* Config.Tty: raw body, no frame headers */
	int tail;		/* lines of history to ask for (e.g. 1000) */
	bool timestamps;	/* ask the engine to prefix RFC 3339 times */
	const char *version;	/* negotiated API version, may be NULL */
	size_t max_pending;	/* lines kept while the UI has not taken them */
	unsigned tag;
};

/* Called on the stream's thread; takes b (free with logstream_batch_free). */
struct logstream_sink {
	void (*batch)(void *arg, struct logstream_batch *b);
	void *arg;
};

struct logstream;

/*
 * Start following GET /containers/{id}/logs?follow=1&stdout=1&stderr=1
 * &tail=N[&timestamps=1] with a curl handle of its own on a new thread.
 * The thread makes no blocking request: it waits only in curl_multi_poll,
 * so logstream_stop is quick. UI thread. NULL if the thread cannot start.
 */
struct logstream *logstream_start(const struct endpoint *ep,
    const struct logstream_opts *o, const struct logstream_sink *sink);
/* Stop the thread, join it and free. No batch is delivered after it
 * returns. NULL-safe. UI thread; does not wait on the network. */
void logstream_stop(struct logstream *s);

void logstream_batch_free(struct logstream_batch *b);

#endif
