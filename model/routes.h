/* Routes: the VIRTUAL_HOST names a docker-gen proxy renders, seen from berth. Pure. */
#ifndef BERTH_ROUTES_H
#define BERTH_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerapi/records.h"
#include "model/ctable.h"

/* One container that claims a host. Strings are copies, owned by the
 * route (raw engine bytes: sanitize before drawing). */
struct routes_backend {
	int engine;
	char *id, *name, *service;
	char *branch;		/* NULL: none */
	char *port;		/* VIRTUAL_PORT, NULL if unset */
	int exposed;		/* ports it exposes */
	enum dapi_state state;
	enum dapi_health health;
};

/* One VIRTUAL_HOST name and every container that claims it. */
struct routes_host {
	char *host;
	struct routes_backend *b;	/* by name */
	size_t nb;
	char **problems;	/* sentences, most serious first; NULL-terminated */
	size_t nproblems;
};

/*
 * The routes of the n rows (a VIRTUAL_HOST value is a comma-separated
 * list: split, blanks trimmed, empty names dropped; a container that
 * names a host twice counts once): one host per name, the hosts with
 * problems first, then by name. Problems: the host is claimed by
 * containers of different units (service or branch); no backend is
 * running and not unhealthy; a backend has several exposed ports and
 * no VIRTUAL_PORT. Sets *n_out; free with routes_free. Pure, any thread.
 */
struct routes_host *routes_build(struct ctable_row *const *rows, size_t n, size_t *n_out);

/* routes_build over every row of t. */
struct routes_host *routes_of_table(const struct ctable *t, size_t *n_out);

/* Free what one host owns. */
void routes_host_clear(struct routes_host *h);

/* Free n hosts and the array (NULL is fine). */
void routes_free(struct routes_host *h, size_t n);

#endif
