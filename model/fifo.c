/* An intrusive first-in first-out list; no locking, no allocation. */
#include "model/fifo.h"

#include <stddef.h>

void
fifo_push(struct fifo *f, struct fifo_link *l)
{
	l->next = NULL;
	if (f->tail != NULL)
		f->tail->next = l;
	else
		f->head = l;
	f->tail = l;
}

struct fifo_link *
fifo_pop(struct fifo *f)
{
	struct fifo_link *l = f->head;

	if (l == NULL)
		return NULL;
	f->head = l->next;
	if (f->head == NULL)
		f->tail = NULL;
	return l;
}

bool
fifo_empty(const struct fifo *f)
{
	return f->head == NULL;
}
