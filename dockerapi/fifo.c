/* A blocking first-in first-out queue of intrusive links; no allocation. */
#include "dockerapi/fifo.h"

#include <stddef.h>

void
fifo_init(struct fifo *f)
{
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	f->head = NULL;
	f->tailp = &f->head;
	f->stop = false;
}

void
fifo_destroy(struct fifo *f)
{
	pthread_cond_destroy(&f->cv);
	pthread_mutex_destroy(&f->mu);
}

/* Takes the head off; f->mu held (or no other thread left). */
static struct fifo_link *
take(struct fifo *f)
{
	struct fifo_link *l = f->head;

	if (l == NULL)
		return NULL;
	if ((f->head = l->next) == NULL)
		f->tailp = &f->head;
	return l;
}

void
fifo_push(struct fifo *f, struct fifo_link *l)
{
	l->next = NULL;
	pthread_mutex_lock(&f->mu);
	*f->tailp = l;
	f->tailp = &l->next;
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

struct fifo_link *
fifo_wait(struct fifo *f, bool drain)
{
	struct fifo_link *l = NULL;

	pthread_mutex_lock(&f->mu);
	while (!f->stop && f->head == NULL)
		pthread_cond_wait(&f->cv, &f->mu);
	if (!f->stop || drain)
		l = take(f);
	pthread_mutex_unlock(&f->mu);
	return l;
}

void
fifo_stop(struct fifo *f)
{
	pthread_mutex_lock(&f->mu);
	f->stop = true;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

struct fifo_link *
fifo_pop(struct fifo *f)
{
	return take(f);
}
