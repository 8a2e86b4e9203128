/* A blocking first-in first-out queue of intrusive links: what worker threads wait on. */
#ifndef BERTH_FIFO_H
#define BERTH_FIFO_H

#include <pthread.h>
#include <stdbool.h>

/* The first member of a queued record, so that a link is its record. */
struct fifo_link {
	struct fifo_link *next;
};

/* Plain record for embedding; touch it only through fifo_*. */
struct fifo {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct fifo_link *head;
	struct fifo_link **tailp;	/* the last link's next, or &head */
	bool stop;
};

/* An empty queue. fifo_destroy undoes it, once no thread waits on it. */
void fifo_init(struct fifo *f);
void fifo_destroy(struct fifo *f);
/* Append l, which must be on no list, and wake one waiter; the queue
 * borrows l's record until it is taken. Any thread; never blocks long. */
void fifo_push(struct fifo *f, struct fifo_link *l);
/*
 * Blocks until a link is queued or fifo_stop is called, then takes the
 * oldest link (its record is the caller's again). After the stop it
 * returns NULL, at once, or, with drain, once the queue is empty. Any
 * thread.
 */
struct fifo_link *fifo_wait(struct fifo *f, bool drain);
/* Wakes every waiter for good: fifo_wait stops waiting. Any thread. */
void fifo_stop(struct fifo *f);
/* The oldest link, taken off, or NULL; never blocks (for what is left
 * once the waiters are gone). */
struct fifo_link *fifo_pop(struct fifo *f);

#endif
