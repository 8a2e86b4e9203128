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

/* The argument of the panes about one thing on one engine: logs, detail
 * and exec (a container id), services and nodes (id NULL), tasks (a
 * service's id and name). The strings are the caller's. */
struct target {
	int engine;
	const char *id;
	const char *name;	/* may be NULL */
};

/* The deploys pane's argument (NULL: the first unit): the unit (engine,
 * service, branch) (NULLs: the first; engine -1: any); with redeploy, the
 * redeploy confirmation starts at once. */
struct deploys_arg {
	int engine;
	const char *service, *branch;
	bool redeploy;
};

/* All views, NULL-terminated: adding a view is one file and one line here. */
extern const struct view *const views_registry[];
const struct view *views_find(const char *name);

/* The list movement (tui/listnav) a keymap action asks for; LISTNAV_NONE
 * for any other action. Pure. */
enum listnav_step views_step(enum keymap_action a);

#endif
