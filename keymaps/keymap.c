/* The default key table, shaped after lazydocker, ctop and k9s habits. */
#include "keymaps/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

static const struct keymap_row rows[] = {
	{ "global", KEY_UP, KA_UP, "move up" },
	{ "global", 'k', KA_UP, "move up" },
	{ "global", KEY_DOWN, KA_DOWN, "move down" },
	{ "global", 'j', KA_DOWN, "move down" },
	{ "global", KEY_PPAGE, KA_PAGE_UP, "page up" },
	{ "global", KEY_NPAGE, KA_PAGE_DOWN, "page down" },
	{ "global", 'g', KA_TOP, "go to the first row" },
	{ "global", KEY_HOME, KA_TOP, "go to the first row" },
	{ "global", 'G', KA_BOTTOM, "go to the last row" },
	{ "global", KEY_END, KA_BOTTOM, "go to the last row" },
	{ "global", '?', KA_HELP, "show this help" },
	{ "global", 12 /* Ctrl-L */, KA_REDRAW, "redraw the screen" },
	{ "global", 'q', KA_QUIT, "quit (or leave this screen)" },
	{ "containers", '/', KA_FILTER, "filter by name, image, service or branch" },
	{ "containers", KEYMAP_ESC, KA_CLEAR, "clear the filter" },
	{ "containers", 'o', KA_SORT_NEXT, "sort by the next column" },
	{ "containers", 'O', KA_SORT_REVERSE, "reverse the sort order" },
	{ "containers", 'a', KA_TOGGLE_ALL, "toggle all / running-only containers" },
	{ "containers", 'd', KA_DEPLOYS, "deploys: services x branches, history" },
	{ "containers", 'R', KA_REDEPLOY, "redeploy the selected container's unit (asks first)" },
	{ "deploys", KEY_LEFT, KA_LEFT, "previous branch" },
	{ "deploys", 'h', KA_LEFT, "previous branch" },
	{ "deploys", KEY_RIGHT, KA_RIGHT, "next branch" },
	{ "deploys", 'l', KA_RIGHT, "next branch" },
	{ "deploys", '\n', KA_OPEN, "history of the selected unit, newest first" },
	{ "deploys", '\r', KA_OPEN, "history of the selected unit, newest first" },
	{ "deploys", KEY_ENTER, KA_OPEN, "history of the selected unit, newest first" },
	{ "deploys", 'R', KA_REDEPLOY, "redeploy the selected unit (asks first)" },
	{ "deploys", 'B', KA_ROLLBACK, "in history: roll back to the selected entry (asks first)" },
	{ "deploys", KEYMAP_ESC, KA_BACK, "leave history, then the deploys pane" },
	{ "deploys", 'q', KA_BACK, "leave history, then the deploys pane" },
	{ "help", KEYMAP_ESC, KA_BACK, "leave the help screen" },
	{ "help", 'q', KA_BACK, "leave the help screen" },
	{ "help", '?', KA_BACK, "leave the help screen" },
};

static const char *const action_names[KA_NACTIONS] = {
	[KA_NONE] = "none", [KA_UP] = "up", [KA_DOWN] = "down",
	[KA_PAGE_UP] = "page-up", [KA_PAGE_DOWN] = "page-down",
	[KA_TOP] = "top", [KA_BOTTOM] = "bottom", [KA_FILTER] = "filter",
	[KA_CLEAR] = "clear-filter", [KA_SORT_NEXT] = "sort-next",
	[KA_SORT_REVERSE] = "sort-reverse", [KA_TOGGLE_ALL] = "toggle-all",
	[KA_HELP] = "help", [KA_BACK] = "back", [KA_QUIT] = "quit",
	[KA_REDRAW] = "redraw", [KA_DEPLOYS] = "deploys", [KA_REDEPLOY] = "redeploy",
	[KA_ROLLBACK] = "rollback", [KA_OPEN] = "open", [KA_LEFT] = "left",
	[KA_RIGHT] = "right",
};

const struct keymap_row *
keymap_rows(size_t *n)
{
	*n = sizeof rows / sizeof rows[0];
	return rows;
}

static enum keymap_action
lookup_in(const char *pane, int key)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (rows[i].key == key && strcmp(rows[i].pane, pane) == 0)
			return rows[i].action;
	return KA_NONE;
}

enum keymap_action
keymap_lookup(const char *pane, int key)
{
	enum keymap_action a = lookup_in(pane, key);
	return a != KA_NONE ? a : lookup_in("global", key);
}

const char *
keymap_action_name(enum keymap_action a)
{
	return a < KA_NACTIONS && action_names[a] != NULL ? action_names[a] : "?";
}

const char *
keymap_key_name(int key, char *buf, size_t bufsz)
{
	static const struct { int key; const char *name; } named[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" },
		{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEYMAP_ESC, "Esc" },
		{ '\n', "Enter" }, { KEY_ENTER, "Enter" }, { ' ', "Space" },
	};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (named[i].key == key) {
			snprintf(buf, bufsz, "%s", named[i].name);
			return buf;
		}
	}
	if (key > 0 && key < 32)
		snprintf(buf, bufsz, "Ctrl-%c", key + '@');
	else if (key >= 32 && key < 127)
		snprintf(buf, bufsz, "%c", key);
	else if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, bufsz, "F%d", key - KEY_F(0));
	else
		snprintf(buf, bufsz, "#%d", key);
	return buf;
}
