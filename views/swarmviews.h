/* The swarm panes (services, tasks, nodes): opening them, and what they share (swarmviews.c). */
#ifndef BERTH_SWARMVIEWS_H
#define BERTH_SWARMVIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "dockerapi/endpoint.h"
#include "keymaps/keymap.h"
#include "tui/layout.h"

struct app;
struct jobs_result;
struct target;

/* Which pane services_open opens. */
enum swarm_pane { SWARM_PANE_SERVICES, SWARM_PANE_NODES };

/*
 * Ask engine e for GET /info; when it is an active swarm manager the pane
 * opens on it (services_view or nodes_view, with a struct target), else
 * the status bar says "not a swarm manager". Never blocks. UI thread.
 * (The tasks pane opens with app_push(app, &tasks_view, &(struct target){
 * engine, service id, service name }).)
 */
void services_open(struct app *app, int e, enum swarm_pane pane);

/* What every swarm pane keeps: its engine, its one list request and its
 * selection. */
struct swarmviews_list {
	int engine;
	const struct endpoint *ep;	/* the engine's (app->engines), NULL if none */
	unsigned owner;			/* the pane (app_owner) */
	size_t n;			/* rows in the pane's list */
	bool loaded, inflight;
	int64_t fetched_at;		/* app->now when the list was last asked */
	char err[300];			/* the last failure, "" after a good answer */
	size_t sel, top;
	int page;
};

/* Start l, the list of the pane whose state is st (called from its
 * init), on the engine of t (a struct target; NULL: the first). UI thread. */
void swarmviews_init(struct swarmviews_list *l, struct app *app, const void *st,
    const struct target *t);

/* Whether the list should be asked again: never while a request is
 * out, at once until it loaded, then every `secs` seconds. */
bool swarmviews_due(const struct swarmviews_list *l, int64_t now, int secs);

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
