/* Per-container stats history for the detail pane's graphs. UI thread. */
#ifndef BERTH_STATSHIST_H
#define BERTH_STATSHIST_H

#include <stddef.h>

#include "dockerapi/records.h"

#define STATSHIST_SAMPLES 300	/* 5 minutes at 1 Hz */

enum statshist_series {
	SH_CPU,			/* percent */
	SH_MEM,			/* bytes in use */
	SH_RX,			/* bytes/s */
	SH_TX,
	SH_BLK_READ,		/* bytes/s */
	SH_BLK_WRITE,
	SH_NSERIES
};

struct statshist;

struct statshist *statshist_new(void);
void statshist_free(struct statshist *h);

/* Append one sample per stat (unknown values, < 0, are kept as gaps). */
void statshist_add(struct statshist *h, const struct watcher_stat *arr, size_t n);
/* Forget a container (removed). */
void statshist_remove(struct statshist *h, const char *id);

/*
 * Copy the last (up to) `max` samples of one series for id into out,
 * oldest first; gaps are negative. Returns how many were copied (0 for an
 * unknown id).
 */
size_t statshist_series(const struct statshist *h, const char *id,
    enum statshist_series s, double *out, size_t max);

#endif
