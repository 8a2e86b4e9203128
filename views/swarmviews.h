/* The swarm panes (services, tasks, nodes): opening them, and what they share (swarmviews.c). */
#ifndef BERTH_SWARMVIEWS_H
#define BERTH_SWARMVIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "dockerapi/endpoint.h"
#include "dockerapi/jobs.h"
#include "keymaps/keymap.h"
#include "tui/layout.h"

struct app;
struct jobs_result;
struct view;

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

/* What every swarm pane keeps: its engine, its one list request and its
 * selection. A pane's state struct has it as its first member, so
 * swarmviews_push can hand it back from the pane's state. */
struct swarmviews_list {
	const struct endpoint *ep;
	struct jobs *jobs;
	size_t n;			/* rows in the pane's list */
	bool loaded, inflight;
	int64_t fetched_at;		/* app->now when the list was last asked */
	char err[300];			/* the last failure, "" after a good answer */
	size_t sel, top;
	int page;
};

/* Start l on the target engine (else the first); the opener sets the
 * pane's own engine with swarmviews_push. UI thread. */
void swarmviews_init(struct swarmviews_list *l, struct app *app);

/* Push view (a swarm pane) on (ep, jobs). Returns the pane's state
 * (owned by the view stack), or NULL if it did not open. UI thread. */
void *swarmviews_push(struct app *app, const struct view *view,
    const struct endpoint *ep, struct jobs *jobs);

/* Whether the list should be asked again: never while a request is
 * out, at once until it loaded, then every `secs` seconds. */
bool swarmviews_due(const struct swarmviews_list *l, int64_t now, int secs);

/* Whether r answers a request to l's engine (its label is the URL). */
bool swarmviews_ours(const struct swarmviews_list *l, const struct jobs_result *r);

/* A failed or undecodable list answer: l->err says so (what: "nodes"). */
void swarmviews_failed(struct swarmviews_list *l, const struct jobs_result *r,
    const char *what);

/* A new list of n rows has replaced the old one: no error, loaded, and the
 * selection kept in range. */
void swarmviews_loaded(struct swarmviews_list *l, size_t n);

/*
 * The movement keys on l, and the keys every swarm pane shares (help,
 * back, quit). Returns the view bitmask, VIEW_IGNORED for any other
 * action. UI thread.
 */
int swarmviews_key(struct swarmviews_list *l, struct app *app, enum keymap_action a);

/* Below the table of a `lines`-line window: the error, or, while the list
 * is empty, `empty` once loaded and `loading` before. UI thread. */
void swarmviews_draw_state(const struct swarmviews_list *l, WINDOW *w, int lines,
    const char *empty, const char *loading);

/* A swarm pane's rows, by callback: raw text of a cell (sanitized when
 * drawn), and whether the row is a problem ('!' and the problem colour). */
struct swarmviews_table {
	const struct layout_col *cols;
	int ncols;
	size_t nrows;
	void (*cell)(const void *ctx, size_t row, int col, char *buf, size_t n);
	bool (*problem)(const void *ctx, size_t row);	/* may be NULL */
	const void *ctx;
};

/*
 * Draw t into rows [0, lines) of w with the table widget (tui/table): a
 * header line, then the rows from *top (moved so *sel shows; *sel is
 * clamped to the rows). Returns the number of rows a page holds. UI thread.
 */
int swarmviews_table_draw(WINDOW *w, int lines, const struct swarmviews_table *t,
    size_t *sel, size_t *top);

#endif
