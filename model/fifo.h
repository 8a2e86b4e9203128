/* An intrusive first-in first-out list: the queues the worker threads wait on. */
#ifndef BERTH_FIFO_H
#define BERTH_FIFO_H

#include <stdbool.h>

/* The first member of a queued record, so that a link is its record. */
struct fifo_link {
	struct fifo_link *next;
};

/* Empty when zeroed. Not locked: its owner's mutex guards it. */
struct fifo {
	struct fifo_link *head, *tail;
};

/* Append l, which must be on no list; the list borrows it until popped. */
void fifo_push(struct fifo *f, struct fifo_link *l);
/* The oldest link, taken off the list (the caller owns its record again);
 * NULL when the list is empty. */
struct fifo_link *fifo_pop(struct fifo *f);
/* True when nothing is queued. */
bool fifo_empty(const struct fifo *f);

#endif
