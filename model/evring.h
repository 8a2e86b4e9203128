/* A bounded ring of engine events for the events pane. UI thread. */
#ifndef BERTH_EVRING_H
#define BERTH_EVRING_H

#include <stddef.h>
#include <stdint.h>

#include "dockerapi/records.h"

#define EVRING_DEFAULT_CAP 1000

struct evring;

/* A ring keeping the newest `cap` events (cap 0 = EVRING_DEFAULT_CAP). */
struct evring *evring_new(size_t cap);
void evring_free(struct evring *r);

/* Append ev, taking its contents (ev is left cleared); drops the oldest
 * when full. */
void evring_push(struct evring *r, struct dapi_event *ev);
/* The same, noting the index of the engine it came from. */
void evring_push_from(struct evring *r, struct dapi_event *ev, int engine);

/* Events held, at most the capacity. */
size_t evring_count(const struct evring *r);
/* Events ever pushed (so a view can tell new ones arrived). */
uint64_t evring_total(const struct evring *r);
/* Event i, 0 = the oldest held; NULL past the end. Valid until the next
 * push. */
const struct dapi_event *evring_at(const struct evring *r, size_t i);
/* The engine index of event i (as evring_at); 0 past the end. */
int evring_engine_at(const struct evring *r, size_t i);

#endif
