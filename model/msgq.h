/* The queue from I/O threads to the UI thread, with a wake-up pipe. */
#ifndef BERTH_MSGQ_H
#define BERTH_MSGQ_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerapi/records.h"

struct watcher_stat;		/* dockerapi/watcher.h: a flat record */

enum msg_kind {
	MSG_CONN,		/* up, text, version */
	MSG_SNAPSHOT,		/* containers, n */
	MSG_CONTAINER,		/* container */
	MSG_REMOVED,		/* text = id */
	MSG_SYNCED,		/* n */
	MSG_STATS,		/* stats, n */
	MSG_EVENT,		/* event */
	MSG_CALL		/* owner, payload: work for the UI thread */
};

struct msg {
	enum msg_kind kind;
	struct msg *next;
	int engine;		/* index of the engine it is about (watcher, jobs) */
	bool up;
	char *text;
	char *version;
	size_t n;
	struct dapi_container *containers;
	struct dapi_container *container;
	struct watcher_stat *stats;
	struct dapi_event *event;
	/* MSG_CALL: opaque to the queue; the taker knows what it is (the
	 * dashboard: a callback for the pane `owner`, views/app.c) */
	unsigned owner;
	void *payload;
	void (*payload_free)(void *payload);	/* by msgq_msg_free; may be NULL */
};

struct msgq;

/* New queue with its wake-up pipe. Returns NULL if the pipe fails. */
struct msgq *msgq_new(void);
/* Free the queue and any messages left. UI thread, after producers stop. */
void msgq_free(struct msgq *q);
/* The fd to poll for POLLIN; readable when messages are waiting. */
int msgq_fd(const struct msgq *q);
/* A new zeroed message of `kind` about engine `engine` (the caller fills
 * it and pushes it, or frees it). Any thread. */
struct msg *msgq_msg_new(enum msg_kind kind, int engine);
/* Append (takes m). Any thread; writes one byte to the pipe if it was empty. */
void msgq_push(struct msgq *q, struct msg *m);
/* Take every queued message, oldest first, as a list (caller frees each
 * with msgq_msg_free). Drains the pipe. UI thread. */
struct msg *msgq_take_all(struct msgq *q);
/* Free m and what it carries (records, payload with its payload_free).
 * NULL-safe. */
void msgq_msg_free(struct msg *m);

/*
 * Push a MSG_CALL of engine `engine`: payload (taken; freed with
 * payload_free when the message is freed, whether or not it was used)
 * for the pane `owner` (0: none). Any thread.
 */
void msgq_push_call(struct msgq *q, int engine, unsigned owner, void *payload,
    void (*payload_free)(void *payload));

#define MSGQ_MAX_ENGINES 16

#endif
