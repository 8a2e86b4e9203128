/* Which rows the containers pane shows, in which order. Pure. */
#ifndef BERTH_ROWSEL_H
#define BERTH_ROWSEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/ctable.h"

enum rowsel_key {
	ROWSEL_PROBLEMS = 0,	/* problems first, then by name (the default) */
	ROWSEL_NAME,
	ROWSEL_SERVICE,		/* service, then branch */
	ROWSEL_IMAGE,
	ROWSEL_STATE,
	ROWSEL_UPTIME,
	ROWSEL_CPU,		/* highest first */
	ROWSEL_MEM,		/* highest first */
	ROWSEL_NET,		/* highest rx+tx first */
	ROWSEL_ENGINE,		/* engine index (their order on the command line) */
	ROWSEL_NKEYS
};

struct rowsel_opts {
	enum rowsel_key key;
	bool reverse;
	bool running_only;
	const char *filter;	/* case-insensitive substring; NULL or "" = all */
	bool one_engine;	/* only the rows of engine `engine` */
	int engine;
};

/*
 * Fill out[] (capacity ctable_count(t)) with the rows to show, sorted.
 * Ties are broken by name, then engine, then id, so the order is stable. Returns how
 * many. UI thread.
 */
size_t rowsel_build(const struct ctable *t, const struct rowsel_opts *o,
    struct ctable_row **out);

/*
 * Does hay contain needle, case ignored byte by byte (strncasecmp)? The
 * substring test behind the containers and events filters. False when hay is
 * NULL or empty. Pure.
 */
bool rowsel_contains_ci(const char *hay, const char *needle);

/* Does the filter match name, image, service or branch? */
bool rowsel_match(const struct ctable_row *r, const char *filter);

/* Short name for the status bar: "problems", "name", "cpu", ... */
const char *rowsel_key_name(enum rowsel_key k);
/* True for keys that need stats for every row (the API path fetches all). */
bool rowsel_key_needs_stats(enum rowsel_key k);

#endif
