/* The I/O thread: follows one engine's events, keeps a container set, samples stats. */
#ifndef BERTH_WATCHER_H
#define BERTH_WATCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockerapi/endpoint.h"
#include "dockerapi/records.h"

/*
 * Callbacks run on the watcher thread. Each one that passes a pointer hands
 * ownership to the callee ("takes"). They must not block for long: the usual
 * sink pushes a message onto the UI queue and wakes the UI.
 */
struct watcher_sink {
	void (*conn)(void *arg, bool up, const char *message, const char *version);
	/* The container list right after (re)connecting: summary records. */
	void (*snapshot)(void *arg, struct dapi_container *arr, size_t n);
	/* One container added or changed (fully inspected record). */
	void (*container)(void *arg, struct dapi_container *c);
	void (*removed)(void *arg, const char *id);
	/* Every container known has been inspected after a (re)sync. */
	void (*synced)(void *arg, size_t count);
	void (*stats)(void *arg, struct watcher_stat *arr, size_t n);
	void (*event)(void *arg, struct dapi_event *ev);
	void *arg;
};

struct watcher_opts {
	bool force_api_stats;	/* never read cgroup files (the remote path) */
	bool no_stats;		/* don't sample at all */
	int stats_interval_ms;	/* default 1000 */
	int resync_interval_ms;	/* safety resync of the list, default 30000 */
};

struct watcher;

/* Create (does not start). Copies ep, opts and sink. UI thread. */
struct watcher *watcher_new(const struct endpoint *ep,
    const struct watcher_opts *opts, const struct watcher_sink *sink);
/* Start the thread. Returns 0 or -1. */
int watcher_start(struct watcher *w);
/* Stop the thread (wakes it), join, free. NULL-safe. UI thread. */
void watcher_free(struct watcher *w);

/*
 * For the API stats path: which containers need stats (visible rows, the
 * selection), or all of them (sorting by a stats column). Copies ids.
 * Any thread; never blocks on I/O.
 */
void watcher_set_wanted(struct watcher *w, const char (*ids)[65], size_t n, bool all);

#endif
