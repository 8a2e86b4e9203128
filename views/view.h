/* A pane: data plus a function table (after tmux's window_mode). */
#ifndef BERTH_VIEW_H
#define BERTH_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "keymaps/keymap.h"
#include "tui/listnav.h"

struct app;
struct jobs_result;
struct msg;

/* key() results, or'ed together (after htop's HandlerResult). */
#define VIEW_IGNORED 0
#define VIEW_HANDLED 1
#define VIEW_REDRAW 2
#define VIEW_QUIT 4
#define VIEW_BACK 8

struct view {
	const char *name;	/* also the keymap pane name */
	void *(*init)(struct app *app);
	void (*fini)(void *st);
	/* Draw into w (already erased, unless keeps_body). UI thread. */
	void (*draw)(void *st, struct app *app, WINDOW *w);
	/* A key: func is true for curses KEY_* codes. */
	int (*key)(void *st, struct app *app, int code, bool func);
	/* Right-hand status text (hints, filter prompt). May be NULL. */
	void (*status)(void *st, struct app *app, char *buf, size_t bufsz);
	/* A finished job (see dockerapi/jobs.h), offered to every view on the
	 * stack, top first; returns VIEW_* bits. May be NULL. */
	int (*job)(void *st, struct app *app, const struct jobs_result *r);
	/* A stream message (MSG_LOGS, MSG_DEPLOY), offered like job(). May be NULL. */
	int (*stream)(void *st, struct app *app, const struct msg *m);
	/* Work that quitting waits for (a deploy): true with a line for the
	 * status bar ("waiting for ..."), drawn before fini. May be NULL. */
	bool (*busy)(void *st, char *buf, size_t bufsz);
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

/* Open the deploys pane on the unit (engine, service, branch) (NULLs: the
 * first; engine -1: any); with redeploy, start the redeploy confirmation at
 * once. UI thread. */
void deploys_open(struct app *app, int engine, const char *service, const char *branch,
    bool redeploy);

/* All views, NULL-terminated: adding a view is one file and one line here. */
extern const struct view *const views_registry[];
const struct view *views_find(const char *name);

/* The list movement (tui/listnav) a keymap action asks for; LISTNAV_NONE
 * for any other action. Pure. */
enum listnav_step views_step(enum keymap_action a);

#endif
