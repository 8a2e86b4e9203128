/* Observed deploys: a unit's container replaced by another image while berth watches. */
#ifndef BERTH_OBSERVE_H
#define BERTH_OBSERVE_H

#include <stdbool.h>

#include "dockerapi/endpoint.h"
#include "dockerapi/records.h"
#include "model/ctable.h"

struct observe;

/*
 * Start the journal writer thread for state dir `dir` (copied) and engine
 * ep (copied; its URL names the engine), whose rows are `engine` in the
 * container table. The thread first finishes deploys
 * a killed berth left behind (unless read_only), then appends observed
 * deploys as the UI hands them over. UI thread; never blocks on I/O.
 * Returns NULL if the thread cannot start.
 */
struct observe *observe_new(const char *dir, const struct endpoint *ep, int engine,
    bool read_only);
/* Stop the thread (finishing queued writes), free. NULL-safe. UI thread. */
void observe_free(struct observe *o);

/*
 * The model hooks, UI thread, memory only. observe_apply_container applies
 * c to t (as ctable_apply_container, whose result it returns) and notices
 * a unit's new image; observe_removed must be called before the row of id
 * leaves t. Both are about o's engine's rows only.
 */
bool observe_apply_container(struct observe *o, struct ctable *t, struct dapi_container *c);
void observe_removed(struct observe *o, struct ctable *t, const char *id);

/* Records written and skipped (as berth's own deploys) so far; any thread. */
void observe_counts(struct observe *o, unsigned *written, unsigned *skipped);

#endif
