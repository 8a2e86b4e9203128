/* The queue from I/O threads to the UI thread, with a wake-up pipe. */
#ifndef BERTH_MSGQ_H
#define BERTH_MSGQ_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerapi/records.h"
#include "dockerapi/jobs.h"
#include "dockerapi/logstream.h"
#include "dockerapi/watcher.h"

enum msg_kind {
	MSG_CONN,		/* up, text, version */
	MSG_SNAPSHOT,		/* containers, n */
	MSG_CONTAINER,		/* container */
	MSG_REMOVED,		/* text = id */
	MSG_SYNCED,		/* n */
	MSG_STATS,		/* stats, n */
	MSG_EVENT,		/* event */
	MSG_JOB,		/* job */
	MSG_LOGS,		/* logs: a batch of log lines */
	MSG_DEPLOY		/* deploy: a deploy runner's event */
};

/* A deploy runner's event (deploy/runner.h), copied for the UI thread. */
struct msg_deploy {
	unsigned long run;	/* the run it is about (runner_id) */
	int kind;		/* an enum runner_event_kind */
	bool ok;
	char *step, *text, *id;	/* never NULL */
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
	struct jobs_result *job;
	struct logstream_batch *logs;
	struct msg_deploy *deploy;
};

struct msgq;

/* New queue with its wake-up pipe. Returns NULL if the pipe fails. */
struct msgq *msgq_new(void);
/* Free the queue and any messages left. UI thread, after producers stop. */
void msgq_free(struct msgq *q);
/* The fd to poll for POLLIN; readable when messages are waiting. */
int msgq_fd(const struct msgq *q);
/* Append (takes m). Any thread; writes one byte to the pipe if it was empty. */
void msgq_push(struct msgq *q, struct msg *m);
/* Take every queued message, oldest first, as a list (caller frees each
 * with msgq_msg_free). Drains the pipe. UI thread. */
struct msg *msgq_take_all(struct msgq *q);
void msgq_msg_free(struct msg *m);

#define MSGQ_MAX_ENGINES 16

/* Push a MSG_DEPLOY with copies of the event's strings (NULL as "").
 * How a deploy runner's sink reaches the UI thread. Any thread. */
void msgq_push_deploy(struct msgq *q, unsigned long run, int kind, bool ok,
    const char *step, const char *text, const char *id);

/* A jobs sink that pushes each result onto q as MSG_JOB of engine 0. */
struct jobs_sink msgq_jobs_sink(struct msgq *q);
/* The same for engine `engine` (0 <= engine < MSGQ_MAX_ENGINES). */
struct jobs_sink msgq_jobs_sink_engine(struct msgq *q, int engine);

/* A logstream sink that pushes each batch onto q as MSG_LOGS. */
struct logstream_sink msgq_logs_sink(struct msgq *q);

/* A watcher sink that pushes every callback onto q as a message of engine 0. */
struct watcher_sink msgq_sink(struct msgq *q);
/* The same, tagging every message with `engine` (0 <= engine < MSGQ_MAX_ENGINES). */
struct watcher_sink msgq_sink_engine(struct msgq *q, int engine);

#endif
