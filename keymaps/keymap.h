/* Key bindings as data: (pane, key, action, help). The help screen reads them. */
#ifndef BERTH_KEYMAP_H
#define BERTH_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

enum keymap_action {
	KA_NONE = 0,
	KA_UP, KA_DOWN, KA_PAGE_UP, KA_PAGE_DOWN, KA_TOP, KA_BOTTOM,
	KA_FILTER, KA_CLEAR, KA_SORT_NEXT, KA_SORT_REVERSE, KA_TOGGLE_ALL,
	KA_HELP, KA_BACK, KA_QUIT, KA_REDRAW,
	/* logs, detail, exec */
	KA_LOGS, KA_DETAIL, KA_EXEC, KA_FOLLOW, KA_SEARCH, KA_SEARCH_NEXT,
	KA_SEARCH_PREV, KA_TIMESTAMPS, KA_WRAP, KA_SAVE, KA_REVEAL,
	/* container lifecycle (views/actions.c) and the events pane */
	KA_START_STOP, KA_RESTART, KA_PAUSE, KA_KILL, KA_REMOVE, KA_EVENTS,
	KA_DEPLOYS, KA_REDEPLOY, KA_ROLLBACK, KA_OPEN, KA_LEFT, KA_RIGHT,
	KA_ENGINE_NEXT,
	/* swarm panes (views/services.c, tasks.c, nodes.c) */
	KA_SERVICES, KA_NODES, KA_SCALE,
	/* the logs pane's & filter, copy (OSC 52), a unit's merged logs */
	KA_LINE_FILTER, KA_COPY, KA_COPY_ID, KA_UNIT_LOGS,
	/* marks (containers pane) and the mouse */
	KA_MARK, KA_MARK_ALL, KA_MOUSE,
	KA_IMAGES, KA_VOLUMES, KA_NETWORKS, KA_DISK_USAGE, KA_PRUNE,
	/* the command line (views/cmdline.c) and the routes pane */
	KA_CMDLINE, KA_ROUTES,
	/* raw inspect, attach, open a published port */
	KA_INSPECT, KA_ATTACH, KA_BROWSE, KA_PROCESSES,
	/* compose projects (views/projects.c) */
	KA_PROJECTS, KA_COMPOSE_UP, KA_COMPOSE_DOWN, KA_COMPOSE_PULL,
	/* the images pane's pull (views/imgpull.c) */
	KA_PULL,
	KA_NACTIONS,
	/* the config's `command` lines: KA_CUSTOM + their index (keymap_add_custom) */
	KA_CUSTOM = 1024
};

/* Key codes are curses codes (KEY_UP, 'j', ...); KEYMAP_ESC is 27.
 * Enter is always KEYMAP_ENTER ('\r'; '\n' and KEY_ENTER map to it). */
#define KEYMAP_ESC 27
#define KEYMAP_ENTER 13

struct keymap_row {
	const char *pane;	/* "global", "containers", "help", ... (static) */
	int key;
	enum keymap_action action;	/* KA_NONE: unbound (masks a global row) */
	const char *help;	/* static */
};

/* A set of bindings: the defaults plus the user's binds and unbinds. */
struct keymap;

/* The default bindings. Free with keymap_free. Any thread. */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/*
 * The action bound to key in pane: the pane's own rows first, then the
 * "global" rows. KA_NONE if unbound. Pure; km is not NULL.
 */
enum keymap_action keymap_lookup(const struct keymap *km, const char *pane, int key);

/* All rows in table order, grouped by pane, unbound rows (KA_NONE)
 * included (the help screen skips them). Sets *n. Owned by km. */
const struct keymap_row *keymap_rows(const struct keymap *km, size_t *n);

/*
 * Bind key in pane to action, replacing the pane's binding of key.
 * Returns 0; -1 if the pane is unknown; -2 if the pane has no use for the
 * action (e.g. "restart" in "help").
 */
int keymap_bind(struct keymap *km, const char *pane, int key, enum keymap_action a);
/* Remove key's binding in pane (also hides a global binding of key there).
 * Returns 0, -1 if the pane is unknown. */
int keymap_unbind(struct keymap *km, const char *pane, int key);

/* A key that runs action a in pane (its own rows first, then the
 * global ones, a key the pane unbinds or binds to another action
 * skipped), or 0 if none does. Pure. */
int keymap_key_for(const struct keymap *km, const char *pane, enum keymap_action a);

/* Is pane one of the panes the default table names ("global" included)? */
bool keymap_pane_known(const char *pane);

/* "up", "filter", "restart", ...: the names a config file uses. */
const char *keymap_action_name(enum keymap_action a);
/* Parse an action name. Returns 0, or -1 if unknown. */
int keymap_action_parse(const char *name, enum keymap_action *a);
/* Does the action change the engine (refused in read-only mode)? */
bool keymap_action_mutates(enum keymap_action a);

/*
 * A custom command's binding (a config `command` line): key in pane runs
 * the command called name (both copied; help is the help screen's text).
 * Sets *a to its action, KA_CUSTOM + its index, the same for every pane
 * and key the name is bound to. Returns 0; -1 if the pane is unknown; -2
 * if name is a built-in action's name. Not thread-safe against lookups.
 */
int keymap_add_custom(struct keymap *km, const char *pane, int key, const char *name,
    const char *help, enum keymap_action *a);

/* The name of action a as km knows it: a built-in's name, a custom
 * command's name (owned by km), or "?". Pure. */
const char *keymap_name_of(const struct keymap *km, enum keymap_action a);

/* The action called name in km: a built-in or a custom command (what
 * the `:` command line runs by name). Returns 0, or -1 if unknown. Pure. */
int keymap_find_action(const struct keymap *km, const char *name, enum keymap_action *a);

/* Is a one of the config's custom commands? Pure. */
bool keymap_is_custom(enum keymap_action a);

/* Human name of a key: "j", "Up", "PgDn", "Enter", "Esc", "C-l", "F5".
 * Writes into buf, returns buf. */
const char *keymap_key_name(int key, char *buf, size_t bufsz);
/* Parse a key name as a config file writes it: "x", "X", "C-x", "Enter",
 * "Esc", "Tab", "Space", "Backspace", "Up", "Down", "Left", "Right",
 * "PgUp", "PgDn", "Home", "End", "Delete", "F1".."F12" (names are
 * case-insensitive). Returns 0, or -1 if unknown. */
int keymap_key_parse(const char *name, int *key);

#endif
