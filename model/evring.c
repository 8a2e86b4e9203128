/* Fixed-size ring of events: memory stays bounded however busy the engine is. */
#include "model/evring.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct evring_slot {
	struct dapi_event ev;
	int engine;		/* the engine the event came from */
};

struct evring {
	struct evring_slot *slots;
	size_t cap;
	size_t head;		/* index of the oldest */
	size_t n;
	uint64_t total;
};

struct evring *
evring_new(size_t cap)
{
	struct evring *r = xcalloc(1, sizeof *r);

	r->cap = cap > 0 ? cap : EVRING_DEFAULT_CAP;
	r->slots = xcalloc(r->cap, sizeof *r->slots);
	return r;
}

void
evring_free(struct evring *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->cap; i++)
		records_event_clear(&r->slots[i].ev);
	free(r->slots);
	free(r);
}

void
evring_push(struct evring *r, struct dapi_event *ev)
{
	evring_push_from(r, ev, 0);
}

void
evring_push_from(struct evring *r, struct dapi_event *ev, int engine)
{
	size_t slot;

	if (r->n == r->cap) {
		slot = r->head;
		records_event_clear(&r->slots[slot].ev);
		r->head = (r->head + 1) % r->cap;
	} else {
		slot = (r->head + r->n) % r->cap;
		r->n++;
	}
	r->slots[slot] = (struct evring_slot){ *ev, engine };
	memset(ev, 0, sizeof *ev);
	r->total++;
}

size_t
evring_count(const struct evring *r)
{
	return r->n;
}

uint64_t
evring_total(const struct evring *r)
{
	return r->total;
}

const struct dapi_event *
evring_at(const struct evring *r, size_t i)
{
	if (i >= r->n)
		return NULL;
	return &r->slots[(r->head + i) % r->cap].ev;
}

int
evring_engine_at(const struct evring *r, size_t i)
{
	if (i >= r->n)
		return 0;
	return r->slots[(r->head + i) % r->cap].engine;
}
