/* Key bindings as data: (pane, key, action, help). The help screen reads them. */
#ifndef BERTH_KEYMAP_H
#define BERTH_KEYMAP_H

#include <stddef.h>

enum keymap_action {
	KA_NONE = 0,
	KA_UP, KA_DOWN, KA_PAGE_UP, KA_PAGE_DOWN, KA_TOP, KA_BOTTOM,
	KA_FILTER, KA_CLEAR, KA_SORT_NEXT, KA_SORT_REVERSE, KA_TOGGLE_ALL,
	KA_HELP, KA_BACK, KA_QUIT, KA_REDRAW,
	KA_DEPLOYS, KA_REDEPLOY, KA_ROLLBACK, KA_OPEN, KA_LEFT, KA_RIGHT,
	KA_NACTIONS
};

/* Key codes are curses codes (KEY_UP, 'j', ...); KEYMAP_ESC is 27. */
#define KEYMAP_ESC 27

struct keymap_row {
	const char *pane;	/* "global", "containers", "deploys", "help" */
	int key;
	enum keymap_action action;
	const char *help;
};

/*
 * The action bound to key in pane: the pane's own rows first, then the
 * "global" rows. KA_NONE if unbound. Pure.
 */
enum keymap_action keymap_lookup(const char *pane, int key);

/* All rows in table order (for the help screen). Sets *n. */
const struct keymap_row *keymap_rows(size_t *n);

/* "up", "filter", ...: the names a config file will use. */
const char *keymap_action_name(enum keymap_action a);

/* Human name of a key: "j", "Up", "PgDn", "Enter", "Esc", "Ctrl-L". Writes
 * into buf, returns buf. */
const char *keymap_key_name(int key, char *buf, size_t bufsz);

#endif
