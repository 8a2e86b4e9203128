/* The swarm panes (services, tasks, nodes): opening them, and their shared table. */
#ifndef BERTH_SWARMVIEWS_H
#define BERTH_SWARMVIEWS_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "dockerapi/endpoint.h"
#include "dockerapi/jobs.h"
#include "tui/layout.h"

struct app;
struct jobs_result;

/* job kinds of the swarm panes: SWK_TAG | what (see services.c) */
#define SWK_TAG 0x53570000
#define SWK_MASK 0x7fff0000

/* Which pane services_open opens. */
enum swarm_pane { SWARM_PANE_SERVICES, SWARM_PANE_NODES };

/*
 * Ask the engine behind (ep, jobs) for GET /info; when it is an active
 * swarm manager the pane opens, else the status bar says "not a swarm
 * manager". Never blocks. UI thread.
 */
void services_open(struct app *app, const struct endpoint *ep, struct jobs *jobs,
    enum swarm_pane pane);

/* The /info answer of services_open (called by the runtime before the
 * views see a job). Returns true if r was one. UI thread. */
bool services_job_done(struct app *app, const struct jobs_result *r);

/* Open the tasks pane of service (id, name) on (ep, jobs). UI thread. */
void tasks_open(struct app *app, const struct endpoint *ep, struct jobs *jobs,
    const char *id, const char *name);
/* Open the nodes pane on (ep, jobs). UI thread. */
void nodes_open(struct app *app, const struct endpoint *ep, struct jobs *jobs);

/* A table's rows, by callback: raw text of a cell (sanitized when drawn),
 * and whether the row is a problem ('!' and the problem colour). */
struct services_table {
	const struct layout_col *cols;
	int ncols;
	size_t nrows;
	void (*cell)(const void *ctx, size_t row, int col, char *buf, size_t n);
	bool (*problem)(const void *ctx, size_t row);	/* may be NULL */
	const void *ctx;
};

/*
 * Draw t into rows [0, lines) of w: a header line, then the rows from
 * *top (moved so sel shows). Every cell is sanitized and fitted with
 * tui/layout. Returns the number of rows a page holds. UI thread.
 */
int services_table_draw(WINDOW *w, int lines, const struct services_table *t,
    size_t sel, size_t *top);

#endif
