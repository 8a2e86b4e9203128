/* Mutex-guarded message list plus a self-pipe to wake the UI's poll(). */
#include "model/msgq.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

struct msgq {
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
	if (m->payload_free != NULL)
		m->payload_free(m->payload);
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

struct msg *
msgq_msg_new(enum msg_kind kind, int engine)
{
	struct msg *m = xcalloc(1, sizeof *m);

	m->kind = kind;
	m->engine = engine;
	return m;
}

void
msgq_push_call(struct msgq *q, int engine, unsigned owner, void *payload,
    void (*payload_free)(void *payload))
{
	struct msg *m = msgq_msg_new(MSG_CALL, engine);

	m->owner = owner;
	m->payload = payload;
	m->payload_free = payload_free;
	msgq_push(q, m);
}
