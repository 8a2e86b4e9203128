/* What the resource panes (images, volumes, networks, df) share: refresh, rows, sort, filter, remove, prune (resviews.c). */
#ifndef BERTH_RESVIEWS_H
#define BERTH_RESVIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "deploy/prune.h"
#include "deploy/prunerun.h"
#include "tui/layout.h"
#include "views/swarmviews.h"
#include "views/view.h"

struct app;
struct resviews;

/* One row's removal (D): what the confirmation names and what is sent. */
struct resviews_removal {
	char what[16];			/* "image", "volume", "network" */
	char name[600];			/* as the user knows it */
	char path[1200];		/* the DELETE path, escaped */
	char force_path[1200];		/* after a 409: the forced DELETE, "" none */
	const char *service, *branch;	/* a unit that needs it (protected rule), may be NULL */
};

/* A resource pane: its columns and what fills them. */
struct resviews_spec {
	const char *pane;		/* the view's and the keymap's name */
	const char *what;		/* "images": the status line and messages */
	const struct layout_col *cols;
	int ncols;
	int sort;			/* the default sort column */
	/* what each refresh plans (its lists and why each would stay), and
	 * what P prunes; prunable false: no P */
	struct prune_opts opts;
	bool prunable;
	/* The pane's rows from r->snap into r->rows (n of them), and their free. */
	size_t (*build)(struct resviews *r);
	void (*rows_free)(struct resviews *r);
	/* A cell of row (an index into the pane's rows), raw text. */
	void (*cell)(const struct resviews *r, size_t row, int col, char *buf, size_t n);
	/* A column that sorts by number: true with the row's value. May be NULL. */
	bool (*num)(const struct resviews *r, size_t row, int col, int64_t *v);
	/* D on row: fills rm, false when there is nothing to remove. May be NULL. */
	bool (*removal)(const struct resviews *r, size_t row, struct resviews_removal *rm);
	/* Enter on row. May be NULL. */
	void (*open)(struct resviews *r, struct app *app, size_t row);
	/* The row's mark at column 0 (0 none), e.g. 'R' for a rollback image. May be NULL. */
	char (*mark)(const struct resviews *r, size_t row);
	/* A key's action the shared ones left (e.g. images: p pull): its
	 * VIEW_* result, 0 when it is not the pane's. May be NULL. */
	int (*action)(struct resviews *r, struct app *app, enum keymap_action a);
};

/* A resource pane's state, behind its view's void *. */
struct resviews {
	const struct resviews_spec *spec;
	struct swarmviews_list l;	/* engine, owner, selection, state line; l.n rows shown */
	struct prunerun_snapshot *snap;	/* the last refresh, NULL before */
	void *rows;			/* the pane's rows (spec->build) */
	size_t nrows;
	size_t *order;			/* the rows shown, filtered and sorted */
	struct views_filter filter;
	int sort;
	bool reverse;
	bool pruning;			/* a P is being planned */
	struct prunerun_gate *gate;	/* the background work answers through it */
	char dir[4096];			/* the journal's state dir, "" unknown */
	void *ext;			/* the pane's own state (e.g. its pull), NULL none */
	void (*ext_free)(void *ext);	/* frees ext at the pane's fini */
};

/* A new pane on spec for the engine of t (a struct target, NULL: the
 * first); its first refresh starts at its first draw. The view's init. */
void *resviews_init(struct app *app, const struct resviews_spec *spec, const void *t);
/* The view's fini: frees r (a refresh still out is dropped when it comes). */
void resviews_fini(void *st);
/* The view's draw: refresh every 5 s, the table, the state line. */
void resviews_draw(void *st, struct app *app, WINDOW *w);
/* The view's key: movement, / filter, o/O sort, D remove, P prune, Enter, back. */
int resviews_key(void *st, struct app *app, int code, bool func);
/* The view's status line. */
void resviews_status(void *st, struct app *app, char *buf, size_t n);

/* The plan item about id (an image id, volume name, network id) in the
 * last refresh, or NULL. */
const struct prune_item *resviews_item(const struct resviews *r, const char *id);

/* Fill rm for the removal of `what` (a word) called name: DELETE
 * collection/ID with id escaped. False when it does not fit. Pure. */
bool resviews_removal_set(struct resviews_removal *rm, const char *what, const char *name,
    const char *collection, const char *id);

/* Open a resource pane (images_view, ...) on engine e. UI thread. */
void resviews_open(struct app *app, const struct view *v, int e);

#endif
