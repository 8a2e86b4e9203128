/* Mutex-guarded message list plus a self-pipe to wake the UI's poll(). */
#include "model/msgq.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

/* A sink's arg: the queue and the engine its messages are about. */
struct msgq_tag {
	struct msgq *q;
	int engine;
};

struct msgq {
	struct msgq_tag tags[MSGQ_MAX_ENGINES];
	pthread_mutex_t mu;
	struct msg *head, *tail;
	int pipefd[2];
	bool signalled;
};

struct msgq *
msgq_new(void)
{
	struct msgq *q = xcalloc(1, sizeof *q);

	if (pipe(q->pipefd) != 0) {
		free(q);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(q->pipefd[i], F_SETFL, fcntl(q->pipefd[i], F_GETFL) | O_NONBLOCK);
		fcntl(q->pipefd[i], F_SETFD, FD_CLOEXEC);
	}
	for (int i = 0; i < MSGQ_MAX_ENGINES; i++) {
		q->tags[i].q = q;
		q->tags[i].engine = i;
	}
	pthread_mutex_init(&q->mu, NULL);
	return q;
}

void
msgq_msg_free(struct msg *m)
{
	if (m == NULL)
		return;
	free(m->text);
	free(m->version);
	if (m->containers != NULL) {
		for (size_t i = 0; i < m->n; i++)
			records_container_clear(&m->containers[i]);
		free(m->containers);
	}
	if (m->container != NULL) {
		records_container_clear(m->container);
		free(m->container);
	}
	free(m->stats);
	if (m->event != NULL) {
		records_event_clear(m->event);
		free(m->event);
	}
	jobs_result_free(m->job);
	logstream_batch_free(m->logs);
	if (m->deploy != NULL) {
		free(m->deploy->step);
		free(m->deploy->text);
		free(m->deploy->id);
		free(m->deploy);
	}
	free(m);
}

void
msgq_free(struct msgq *q)
{
	struct msg *m;

	if (q == NULL)
		return;
	m = q->head;
	while (m != NULL) {
		struct msg *next = m->next;
		msgq_msg_free(m);
		m = next;
	}
	close(q->pipefd[0]);
	close(q->pipefd[1]);
	pthread_mutex_destroy(&q->mu);
	free(q);
}

int
msgq_fd(const struct msgq *q)
{
	return q->pipefd[0];
}

void
msgq_push(struct msgq *q, struct msg *m)
{
	bool wake;

	m->next = NULL;
	pthread_mutex_lock(&q->mu);
	if (q->tail != NULL)
		q->tail->next = m;
	else
		q->head = m;
	q->tail = m;
	wake = !q->signalled;
	q->signalled = true;
	pthread_mutex_unlock(&q->mu);
	/* One byte per batch, not per message: the UI drains everything at once. */
	if (wake) {
		ssize_t r;
		do
			r = write(q->pipefd[1], "", 1);
		while (r < 0 && errno == EINTR);
	}
}

struct msg *
msgq_take_all(struct msgq *q)
{
	struct msg *list;
	char buf[64];

	while (read(q->pipefd[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&q->mu);
	list = q->head;
	q->head = q->tail = NULL;
	q->signalled = false;
	pthread_mutex_unlock(&q->mu);
	return list;
}

static struct msg *
msg_new(enum msg_kind kind)
{
	struct msg *m = xcalloc(1, sizeof *m);
	m->kind = kind;
	return m;
}

static void
push_tagged(void *arg, struct msg *m)
{
	struct msgq_tag *t = arg;
	m->engine = t->engine;
	msgq_push(t->q, m);
}

static void
sink_conn(void *arg, bool up, const char *message, const char *version)
{
	struct msg *m = msg_new(MSG_CONN);
	m->up = up;
	m->text = xstrdup(message != NULL ? message : "");
	m->version = version != NULL ? xstrdup(version) : NULL;
	push_tagged(arg, m);
}

static void
sink_snapshot(void *arg, struct dapi_container *arr, size_t n)
{
	struct msg *m = msg_new(MSG_SNAPSHOT);
	m->containers = arr;
	m->n = n;
	push_tagged(arg, m);
}

static void
sink_container(void *arg, struct dapi_container *c)
{
	struct msg *m = msg_new(MSG_CONTAINER);
	m->container = c;
	push_tagged(arg, m);
}

static void
sink_removed(void *arg, const char *id)
{
	struct msg *m = msg_new(MSG_REMOVED);
	m->text = xstrdup(id);
	push_tagged(arg, m);
}

static void
sink_synced(void *arg, size_t count)
{
	struct msg *m = msg_new(MSG_SYNCED);
	m->n = count;
	push_tagged(arg, m);
}

static void
sink_stats(void *arg, struct watcher_stat *arr, size_t n)
{
	struct msg *m = msg_new(MSG_STATS);
	m->stats = arr;
	m->n = n;
	push_tagged(arg, m);
}

static void
sink_event(void *arg, struct dapi_event *ev)
{
	struct msg *m = msg_new(MSG_EVENT);
	m->event = ev;
	push_tagged(arg, m);
}

struct watcher_sink
msgq_sink_engine(struct msgq *q, int engine)
{
	struct watcher_sink s = {
		.conn = sink_conn, .snapshot = sink_snapshot,
		.container = sink_container, .removed = sink_removed,
		.synced = sink_synced, .stats = sink_stats, .event = sink_event,
		.arg = &q->tags[engine >= 0 && engine < MSGQ_MAX_ENGINES ? engine : 0],
	};
	return s;
}

struct watcher_sink
msgq_sink(struct msgq *q)
{
	return msgq_sink_engine(q, 0);
}

static void
sink_job(void *arg, struct jobs_result *r)
{
	struct msg *m = msg_new(MSG_JOB);
	m->job = r;
	push_tagged(arg, m);
}

void
msgq_push_deploy(struct msgq *q, unsigned long run, int kind, bool ok,
    const char *step, const char *text, const char *id)
{
	struct msg *m = msg_new(MSG_DEPLOY);
	struct msg_deploy *d = xcalloc(1, sizeof *d);

	d->run = run;
	d->kind = kind;
	d->ok = ok;
	d->step = xstrdup(step != NULL ? step : "");
	d->text = xstrdup(text != NULL ? text : "");
	d->id = xstrdup(id != NULL ? id : "");
	m->deploy = d;
	msgq_push(q, m);
}

struct jobs_sink
msgq_jobs_sink_engine(struct msgq *q, int engine)
{
	struct jobs_sink s = { .done = sink_job,
	    .arg = &q->tags[engine >= 0 && engine < MSGQ_MAX_ENGINES ? engine : 0] };
	return s;
}

struct jobs_sink
msgq_jobs_sink(struct msgq *q)
{
	return msgq_jobs_sink_engine(q, 0);
}

static void
sink_logs(void *arg, struct logstream_batch *b)
{
	struct msg *m = msg_new(MSG_LOGS);
	m->logs = b;
	msgq_push(arg, m);
}

struct logstream_sink
msgq_logs_sink(struct msgq *q)
{
	struct logstream_sink s = { .batch = sink_logs, .arg = q };
	return s;
}
