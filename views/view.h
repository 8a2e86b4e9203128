/* A pane: data plus a function table (after tmux's window_mode). */
#ifndef BERTH_VIEW_H
#define BERTH_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "keymaps/keymap.h"
#include "tui/listnav.h"

struct app;

/* key() results, or'ed together (after htop's HandlerResult). */
#define VIEW_IGNORED 0
#define VIEW_HANDLED 1
#define VIEW_REDRAW 2
#define VIEW_QUIT 4
#define VIEW_BACK 8

struct view {
	const char *name;	/* also the keymap pane name */
	/* The pane's state, made from arg (the pane's own argument struct,
	 * or NULL; the caller's: copy what is kept, as tmux's mode init
	 * does with its args). UI thread. */
	void *(*init)(struct app *app, const void *arg);
	void (*fini)(void *st);
	/* Draw into w (already erased, unless keeps_body). UI thread. */
	void (*draw)(void *st, struct app *app, WINDOW *w);
	/* A key: func is true for curses KEY_* codes. */
	int (*key)(void *st, struct app *app, int code, bool func);
	/* Right-hand status text (hints, filter prompt). May be NULL. */
	void (*status)(void *st, struct app *app, char *buf, size_t bufsz);
	/* Work that quitting waits for (a deploy): true with a line for the
	 * status bar ("waiting for ..."), drawn before fini. May be NULL. */
	bool (*busy)(void *st, char *buf, size_t bufsz);
	/* Redraw on every engine event (the events pane). */
	bool wants_events;
	/* draw() paints every cell of w itself and redraws only what changed:
	 * w is not erased first, unless app->body_fresh says it was. */
	bool keeps_body;
};

extern const struct view containers_view;
extern const struct view help_view;
extern const struct view logs_view;
extern const struct view detail_view;
extern const struct view exec_view;
extern const struct view events_view;
extern const struct view deploys_view;
extern const struct view services_view;
extern const struct view tasks_view;
extern const struct view nodes_view;
extern const struct view images_view;
extern const struct view imagedetail_view;
extern const struct view volumes_view;
extern const struct view networks_view;
extern const struct view df_view;
extern const struct view projects_view;
extern const struct view routes_view;

/* `berth routes --json`: the routes of app->table (model/routes.h) as a
 * JSON array of {"host", "containers": [{"name", "engine", "service",
 * "branch", "state", "health", "port"}], "problems": [...]}. New
 * reference. Any thread that owns app. */
struct json_t *routes_view_json(struct app *app);
extern const struct view inspect_view;
extern const struct view processes_view;

/* The argument of the panes about one thing on one engine: logs, detail
 * and exec (a container id), services and nodes (id NULL), tasks (a
 * service's id and name). The strings are the caller's. */
struct target {
	int engine;
	const char *id;
	const char *name;	/* may be NULL */
};

/* The container of a pane about one (logs, detail, exec), from its
 * argument t (NULL: none): *engine (-1 without t) and id (of idsz bytes,
 * "" without one) are set. Returns its row in app->table (app's), or
 * NULL. UI thread. */
struct ctable_row *views_container(struct app *app, const struct target *t, int *engine,
    char *id, size_t idsz);

/* The containers pane's argument (NULL: none): the filter it starts
 * with (the caller's string; NULL: none). */
struct containers_arg {
	const char *filter;
};

/* The deploys pane's argument (NULL: the first unit): the unit (engine,
 * service, branch) (NULLs: the first; engine -1: any); with redeploy, the
 * redeploy confirmation starts at once. */
struct deploys_arg {
	int engine;
	const char *service, *branch;
	bool redeploy;
};

/* A pane's title bar: row y of w, its whole width in the header colours,
 * raw (engine text welcome) through the gate; w's attributes are left
 * normal. UI thread. */
void views_title(WINDOW *w, int y, const char *raw);

/* All views, NULL-terminated: adding a view is one file and one line here. */
extern const struct view *const views_registry[];
const struct view *views_find(const char *name);

/* The list movement (tui/listnav) a keymap action asks for; LISTNAV_NONE
 * for any other action. Pure. */
enum listnav_step views_step(enum keymap_action a);

/* The action code is bound to in pane's keymap (app->keys, with the
 * global rows); KA_NONE for a character beyond ASCII (func: code is a
 * curses KEY_* code). Pure. */
enum keymap_action views_action(const struct app *app, const char *pane, int code,
    bool func);

/* What a key() result r asks of the dashboard: redraw, close the top
 * pane, quit. UI thread. */
void views_apply(struct app *app, int r);

/*
 * The keys every pane shares, for an action the pane's own key() left:
 * help opens the help pane, back closes the pane, and quit returns
 * on_quit (VIEW_QUIT, or VIEW_BACK | VIEW_REDRAW in a pane that quit only
 * closes). Returns the view bitmask, VIEW_IGNORED for any other action.
 * UI thread.
 */
int views_pane_key(struct app *app, enum keymap_action a, int on_quit);

/* A list pane's filter (containers, events): typed after '/', it applies
 * as it is typed; Enter keeps it, Esc clears it. */
struct views_filter {
	char text[256];		/* UTF-8, typed by the user */
	bool editing;
};

/* A key while f is edited: one of the line (tui/lineedit's
 * lineedit_filter), f->editing false after Enter or Esc. Returns the view
 * bitmask. Pure. */
int views_filter_edit(struct views_filter *f, int code, bool func);

/* The filter's own actions: KA_FILTER starts editing, KA_CLEAR empties
 * f. Returns whether a was one of them. Pure. */
bool views_filter_action(struct views_filter *f, enum keymap_action a);

/* While f is edited, the status line is its prompt: true with it in buf.
 * False, buf untouched, otherwise. Pure. */
bool views_filter_status(const struct views_filter *f, char *buf, size_t n);

/* For a pane's status line: " | filter 'text'", or "" without a filter.
 * Returns buf. Pure. */
const char *views_filter_note(const struct views_filter *f, char *buf, size_t n);

#endif
