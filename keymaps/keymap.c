/* The default key table, shaped after lazydocker, ctop and k9s habits. */
#include "keymaps/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"

/*
 * The defaults, one row per line of the help screen: a pane's action with
 * every key bound to it, the panes in the order the help shows them.
 */
static const struct keymap_default {
	const char *pane;
	enum keymap_action action;
	const char *help;
	int keys[3];		/* 0 ends the list */
} defaults[] = {
	{ "global", KA_UP, "move up", { KEY_UP, 'k' } },
	{ "global", KA_DOWN, "move down", { KEY_DOWN, 'j' } },
	{ "global", KA_PAGE_UP, "page up", { KEY_PPAGE } },
	{ "global", KA_PAGE_DOWN, "page down", { KEY_NPAGE } },
	{ "global", KA_TOP, "go to the first row", { 'g', KEY_HOME } },
	{ "global", KA_BOTTOM, "go to the last row", { 'G', KEY_END } },
	{ "global", KA_HELP, "show this help", { '?' } },
	{ "global", KA_REDRAW, "redraw the screen", { 12 /* Ctrl-L */ } },
	{ "global", KA_QUIT, "quit (or leave this screen)", { 'q' } },
	{ "global", KA_CMDLINE, "command line: a pane or an action by name (Tab completes)", { ':' } },
	{ "containers", KA_FILTER, "filter by name, image, service or branch", { '/' } },
	{ "containers", KA_CLEAR, "clear the marks (asks first), else the filter", { KEYMAP_ESC } },
	{ "containers", KA_SORT_NEXT, "sort by the next column", { 'o' } },
	{ "containers", KA_SORT_REVERSE, "reverse the sort order", { 'O' } },
	{ "containers", KA_TOGGLE_ALL, "toggle all / running-only containers", { 'a' } },
	{ "containers", KA_ENGINE_NEXT, "several engines: show all, then one engine at a time", { 'H' } },
	{ "containers", KA_LOGS, "follow the selected container's logs", { 'l' } },
	{ "containers", KA_DETAIL, "details and graphs of the selected container", { '\r' } },
	{ "containers", KA_EXEC, "exec a shell in the selected container", { 'e' } },
	{ "containers", KA_START_STOP, "stop a running container, start a stopped one", { 's' } },
	{ "containers", KA_RESTART, "restart the container", { 'r' } },
	{ "containers", KA_PAUSE, "pause the container, or unpause it", { 'p' } },
	{ "containers", KA_KILL, "kill the container (SIGKILL)", { 'K' } },
	{ "containers", KA_REMOVE, "remove the container (asks about its volumes)", { 'D' } },
	{ "containers", KA_EVENTS, "show the engine's events", { 'E' } },
	{ "containers", KA_DEPLOYS, "deploys: services x branches, history", { 'd' } },
	{ "containers", KA_REDEPLOY, "redeploy the selected container's unit (asks first)", { 'R' } },
	{ "containers", KA_SERVICES, "swarm services (a swarm manager only)", { 'S' } },
	{ "containers", KA_NODES, "swarm nodes (a swarm manager only)", { 'N' } },
	{ "containers", KA_COPY, "copy the selected container's name (OSC 52)", { 'y' } },
	{ "containers", KA_COPY_ID, "copy the selected container's full id (OSC 52)", { 'Y' } },
	{ "containers", KA_UNIT_LOGS, "follow the logs of every container of the selected unit", { 'L' } },
	{ "containers", KA_MARK, "mark / unmark the row (s r p K D l and commands act on the marks)", { ' ' } },
	{ "containers", KA_MARK_ALL, "mark every row the filter shows", { '*' } },
	{ "containers", KA_MOUSE, "mouse on / off (wheel, click, double click, header sorts)", { 'M' } },
	{ "containers", KA_IMAGES, "images: what uses each, what rollbacks need (R)", { 'i' } },
	{ "containers", KA_VOLUMES, "volumes: size, used by, mountpoint", { 'v' } },
	{ "containers", KA_NETWORKS, "networks: driver, scope, subnet, containers", { 'n' } },
	{ "containers", KA_DISK_USAGE, "disk use (docker system df) and what is reclaimable", { 'F' } },
	{ "containers", KA_ROUTES, "routes: VIRTUAL_HOST names and their containers", { 'u' } },
	{ "containers", KA_ATTACH, "attach to the container's main process (ctrl-p ctrl-q detaches)", { 'A' } },
	{ "containers", KA_BROWSE, "open a published port in the browser (or show its URL)", { 'w' } },
	{ "containers", KA_PROJECTS, "compose projects", { 'c' } },
	{ "logs", KA_FOLLOW, "pause / resume following", { 'f' } },
	{ "logs", KA_SEARCH, "search (newest first)", { '/' } },
	{ "logs", KA_SEARCH_NEXT, "next (older) match", { 'n' } },
	{ "logs", KA_SEARCH_PREV, "previous (newer) match", { 'N' } },
	{ "logs", KA_TIMESTAMPS, "show / hide timestamps", { 't' } },
	{ "logs", KA_WRAP, "wrap / cut long lines", { 'w' } },
	{ "logs", KA_SAVE, "save the buffer to a file", { 'S' } },
	{ "logs", KA_LINE_FILTER, "keep only lines with a text (&!text hides them; empty clears)", { '&' } },
	{ "logs", KA_COPY, "copy the current line, or the filtered lines (OSC 52)", { 'y' } },
	{ "logs", KA_BACK, "back to the containers", { KEYMAP_ESC, 'q' } },
	{ "detail", KA_REVEAL, "show / mask secret-looking env values", { 'x' } },
	{ "detail", KA_LOGS, "follow this container's logs", { 'l' } },
	{ "detail", KA_EXEC, "exec a shell in this container", { 'e' } },
	{ "detail", KA_INSPECT, "the raw inspect JSON", { 'i' } },
	{ "detail", KA_PROCESSES, "the processes on the whole screen", { 'T' } },
	{ "detail", KA_ATTACH, "attach to the main process (ctrl-p ctrl-q detaches)", { 'A' } },
	{ "detail", KA_BROWSE, "open a published port in the browser (or show its URL)", { 'w' } },
	{ "detail", KA_COPY, "copy the value on the top line (OSC 52)", { 'y' } },
	{ "detail", KA_BACK, "back to the containers", { KEYMAP_ESC, 'q' } },
	{ "processes", KA_BACK, "back to the detail pane", { KEYMAP_ESC, 'q' } },
	{ "inspect", KA_SEARCH, "search", { '/' } },
	{ "inspect", KA_SEARCH_NEXT, "next match", { 'n' } },
	{ "inspect", KA_SEARCH_PREV, "previous match", { 'N' } },
	{ "inspect", KA_REVEAL, "show / mask secret-looking env values", { 'x' } },
	{ "inspect", KA_COPY, "copy the current match's line, else the JSON as shown (OSC 52)", { 'y' } },
	{ "inspect", KA_BACK, "back to the detail pane", { KEYMAP_ESC, 'q' } },
	{ "exec", KA_BACK, "back to the containers", { KEYMAP_ESC, 'q' } },
	{ "events", KA_FILTER, "filter by type, action or name", { '/' } },
	{ "events", KA_BACK, "back to the containers", { KEYMAP_ESC, 'q' } },
	{ "deploys", KA_LEFT, "previous branch", { KEY_LEFT, 'h' } },
	{ "deploys", KA_RIGHT, "next branch", { KEY_RIGHT, 'l' } },
	{ "deploys", KA_OPEN, "history of the selected unit, newest first", { '\r' } },
	{ "deploys", KA_REDEPLOY, "redeploy the selected unit (asks first)", { 'R' } },
	{ "deploys", KA_ROLLBACK, "in history: roll back to the selected entry (asks first)", { 'B' } },
	{ "deploys", KA_BACK, "leave history, then the deploys pane", { KEYMAP_ESC, 'q' } },
	{ "services", KA_OPEN, "the selected service's tasks, newest first", { '\r' } },
	{ "services", KA_NODES, "swarm nodes", { 'N' } },
	{ "services", KA_SCALE, "scale the selected service (asks for the count, then confirms)", { 'x' } },
	{ "services", KA_REDEPLOY, "redeploy: a new image, or the same one forced (asks first)", { 'R' } },
	{ "services", KA_ROLLBACK, "roll back to swarm's previous spec (asks first)", { 'B' } },
	{ "services", KA_BACK, "back to the containers", { KEYMAP_ESC, 'q' } },
	{ "tasks", KA_BACK, "back to the services", { KEYMAP_ESC, 'q' } },
	{ "nodes", KA_BACK, "back", { KEYMAP_ESC, 'q' } },
	{ "resources", KA_PRUNE, "prune what no container uses, keeping what rollbacks need (asks once)", { 'P' } },
	{ "resources", KA_FILTER, "images, volumes, networks: filter the rows", { '/' } },
	{ "resources", KA_CLEAR, "clear the filter (without one: back)", { KEYMAP_ESC } },
	{ "resources", KA_REMOVE, "remove it (asks; an image in use: force only when asked)", { 'D', KEY_DC } },
	{ "resources", KA_SORT_NEXT, "sort by the next column", { 'o' } },
	{ "resources", KA_SORT_REVERSE, "reverse the sort order", { 'O' } },
	{ "resources", KA_BACK, "back to the containers", { 'q' } },
	{ "images", KA_OPEN, "the image's history, labels and digests", { '\r' } },
	{ "images", KA_PULL, "pull an image (asks the reference; the registry's login from the docker CLI)", { 'p' } },
	{ "image", KA_BACK, "back to the images", { KEYMAP_ESC, 'q' } },
	{ "routes", KA_FILTER, "filter by host or container name", { '/' } },
	{ "routes", KA_OPEN, "the containers of the selected host", { '\r' } },
	{ "routes", KA_BACK, "back", { KEYMAP_ESC, 'q' } },
	{ "projects", KA_OPEN, "the project's services and containers; on a container, its details", { '\r' } },
	{ "projects", KA_LOGS, "logs: the container's, or the project's / service's merged", { 'l' } },
	{ "projects", KA_START_STOP, "stop the project / service / container, or start it when stopped (asks first)", { 's' } },
	{ "projects", KA_RESTART, "restart every container of the selection (asks first)", { 'r' } },
	{ "projects", KA_KILL, "kill every running container of the selection (asks first)", { 'K' } },
	{ "projects", KA_REMOVE, "remove every container of the selection (lists them, asks first)", { 'D' } },
	{ "projects", KA_REDEPLOY, "redeploy each unit in turn; stops at the first failure (asks first)", { 'R' } },
	{ "projects", KA_COMPOSE_UP, "compose up -d from the project's compose files", { 'U' } },
	{ "projects", KA_COMPOSE_DOWN, "compose down (asks first)", { 'W' } },
	{ "projects", KA_COMPOSE_PULL, "compose pull the project's images", { 'L' } },
	{ "projects", KA_BACK, "leave the project's tree, then the projects pane", { KEYMAP_ESC, 'q', KEY_LEFT } },
	{ "help", KA_BACK, "leave the help screen", { KEYMAP_ESC, 'q', '?' } },
};
#define NDEFAULTS (sizeof defaults / sizeof defaults[0])
#define NKEYS (sizeof defaults[0].keys / sizeof defaults[0].keys[0])

static const char *const action_names[KA_NACTIONS] = {
	[KA_NONE] = "none", [KA_UP] = "up", [KA_DOWN] = "down",
	[KA_PAGE_UP] = "page-up", [KA_PAGE_DOWN] = "page-down",
	[KA_TOP] = "top", [KA_BOTTOM] = "bottom", [KA_FILTER] = "filter",
	[KA_CLEAR] = "clear-filter", [KA_SORT_NEXT] = "sort-next",
	[KA_SORT_REVERSE] = "sort-reverse", [KA_TOGGLE_ALL] = "toggle-all",
	[KA_HELP] = "help", [KA_BACK] = "back", [KA_QUIT] = "quit",
	[KA_REDRAW] = "redraw",
	[KA_LOGS] = "logs", [KA_DETAIL] = "detail", [KA_EXEC] = "exec",
	[KA_FOLLOW] = "follow", [KA_SEARCH] = "search",
	[KA_SEARCH_NEXT] = "search-next", [KA_SEARCH_PREV] = "search-prev",
	[KA_TIMESTAMPS] = "timestamps", [KA_WRAP] = "wrap", [KA_SAVE] = "save",
	[KA_REVEAL] = "reveal",
	[KA_START_STOP] = "start-stop", [KA_RESTART] = "restart",
	[KA_PAUSE] = "pause", [KA_KILL] = "kill", [KA_REMOVE] = "remove",
	[KA_EVENTS] = "events",
	[KA_DEPLOYS] = "deploys", [KA_REDEPLOY] = "redeploy",
	[KA_ROLLBACK] = "rollback", [KA_OPEN] = "open", [KA_LEFT] = "left",
	[KA_RIGHT] = "right", [KA_ENGINE_NEXT] = "engine-next",
	[KA_SERVICES] = "services", [KA_NODES] = "nodes", [KA_SCALE] = "scale",
	[KA_LINE_FILTER] = "line-filter", [KA_COPY] = "copy", [KA_COPY_ID] = "copy-id",
	[KA_UNIT_LOGS] = "unit-logs",
	[KA_MARK] = "mark", [KA_MARK_ALL] = "mark-all", [KA_MOUSE] = "mouse",
	[KA_IMAGES] = "images", [KA_VOLUMES] = "volumes", [KA_NETWORKS] = "networks",
	[KA_DISK_USAGE] = "df", [KA_PRUNE] = "prune",
	[KA_CMDLINE] = "cmdline", [KA_ROUTES] = "routes",
	[KA_INSPECT] = "inspect", [KA_ATTACH] = "attach", [KA_BROWSE] = "open-port",
	[KA_PROCESSES] = "processes",
	[KA_PROJECTS] = "projects", [KA_COMPOSE_UP] = "compose-up",
	[KA_COMPOSE_DOWN] = "compose-down", [KA_COMPOSE_PULL] = "compose-pull",
	[KA_PULL] = "pull",
};

struct keymap {
	struct keymap_row *rows;
	size_t n;
	const char **custom;	/* the custom commands' names, by index (in strs) */
	size_t ncustom;
	char **strs;		/* the names and help texts custom rows point to */
	size_t nstrs;
};

struct keymap *
keymap_new(void)
{
	struct keymap *km = xcalloc(1, sizeof *km);
	size_t cap = 0;

	for (size_t i = 0; i < NDEFAULTS; i++) {
		const struct keymap_default *d = &defaults[i];
		for (size_t j = 0; j < NKEYS && d->keys[j] != 0; j++) {
			km->rows = xgrowarray(km->rows, &cap, km->n + 1, sizeof *km->rows);
			km->rows[km->n++] = (struct keymap_row){ d->pane, d->keys[j],
			    d->action, d->help };
		}
	}
	return km;
}

void
keymap_free(struct keymap *km)
{
	if (km != NULL) {
		xstrv_free(km->strs);
		free(km->custom);
		free(km->rows);
	}
	free(km);
}

const struct keymap_row *
keymap_rows(const struct keymap *km, size_t *n)
{
	*n = km->n;
	return km->rows;
}

static int
normalize(int key)
{
	if (key == '\n' || key == KEY_ENTER)
		return KEYMAP_ENTER;
	if (key == 127)
		return KEY_BACKSPACE;
	return key;
}

static const struct keymap_row *
find(const struct keymap_row *rows, size_t n, const char *pane, int key)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].key == key && strcmp(rows[i].pane, pane) == 0)
			return &rows[i];
	return NULL;
}

enum keymap_action
keymap_lookup(const struct keymap *km, const char *pane, int key)
{
	size_t n;
	const struct keymap_row *rows = keymap_rows(km, &n), *r;

	key = normalize(key);
	if ((r = find(rows, n, pane, key)) != NULL)
		return r->action;	/* KA_NONE here is an unbind: no fallback */
	r = find(rows, n, "global", key);
	return r != NULL ? r->action : KA_NONE;
}

/* The static spelling of a known pane name, or NULL. */
static const char *
pane_static(const char *pane)
{
	for (size_t i = 0; i < NDEFAULTS; i++)
		if (strcmp(defaults[i].pane, pane) == 0)
			return defaults[i].pane;
	return NULL;
}

int
keymap_key_for(const struct keymap *km, const char *pane, enum keymap_action a)
{
	for (int global = 0; global < 2; global++)
		for (size_t i = 0; i < km->n; i++)
			if (km->rows[i].action == a && strcmp(km->rows[i].pane,
			    global ? "global" : pane) == 0 &&
			    keymap_lookup(km, pane, km->rows[i].key) == a)
				return km->rows[i].key;
	return 0;
}

bool
keymap_pane_known(const char *pane)
{
	return pane_static(pane) != NULL;
}

/* Help text for a user binding: the default row's, else the action name. */
static const char *
default_help(const char *pane, enum keymap_action a, bool *usable)
{
	const char *any = NULL;

	*usable = false;
	for (size_t i = 0; i < NDEFAULTS; i++) {
		if (defaults[i].action != a)
			continue;
		if (strcmp(defaults[i].pane, pane) == 0 ||
		    strcmp(defaults[i].pane, "global") == 0) {
			*usable = true;
			return defaults[i].help;
		}
		if (any == NULL)
			any = defaults[i].help;
	}
	/* a global binding reaches every pane: any action some pane handles */
	if (any != NULL && strcmp(pane, "global") == 0)
		*usable = true;
	return any != NULL ? any : keymap_action_name(a);
}

/* Put (pane, key) -> a in the table: replace, or insert after the pane's
 * last row so the help screen keeps one block per pane. */
static void
put(struct keymap *km, const char *pane, int key, enum keymap_action a, const char *help)
{
	size_t at = km->n;

	for (size_t i = 0; i < km->n; i++) {
		if (km->rows[i].key == key && strcmp(km->rows[i].pane, pane) == 0) {
			km->rows[i].action = a;
			km->rows[i].help = help;
			return;
		}
		if (strcmp(km->rows[i].pane, pane) == 0)
			at = i + 1;
	}
	km->rows = xreallocarray(km->rows, km->n + 1, sizeof *km->rows);
	memmove(&km->rows[at + 1], &km->rows[at], (km->n - at) * sizeof *km->rows);
	km->rows[at] = (struct keymap_row){ pane, key, a, help };
	km->n++;
}

int
keymap_bind(struct keymap *km, const char *pane, int key, enum keymap_action a)
{
	const char *sp = pane_static(pane), *help;
	bool usable;

	if (sp == NULL)
		return -1;
	help = default_help(sp, a, &usable);
	if (!usable || a == KA_NONE)
		return -2;
	put(km, sp, normalize(key), a, help);
	return 0;
}

int
keymap_unbind(struct keymap *km, const char *pane, int key)
{
	const char *sp = pane_static(pane);

	if (sp == NULL)
		return -1;
	put(km, sp, normalize(key), KA_NONE, "");
	return 0;
}

const char *
keymap_action_name(enum keymap_action a)
{
	return a < KA_NACTIONS && action_names[a] != NULL ? action_names[a] : "?";
}

int
keymap_action_parse(const char *name, enum keymap_action *a)
{
	for (int i = KA_NONE + 1; i < KA_NACTIONS; i++) {
		if (action_names[i] != NULL && strcmp(action_names[i], name) == 0) {
			*a = (enum keymap_action)i;
			return 0;
		}
	}
	return -1;
}

bool
keymap_is_custom(enum keymap_action a)
{
	return (int)a >= KA_CUSTOM;
}

int
keymap_add_custom(struct keymap *km, const char *pane, int key, const char *name,
    const char *help, enum keymap_action *a)
{
	const char *sp = pane_static(pane);
	enum keymap_action builtin;
	size_t i;

	if (sp == NULL)
		return -1;
	if (keymap_action_parse(name, &builtin) == 0)
		return -2;
	for (i = 0; i < km->ncustom && strcmp(km->custom[i], name) != 0; i++)
		;
	/* strs stays NULL-terminated (xstrv_free): room for two more and the end */
	km->strs = xreallocarray(km->strs, km->nstrs + 3, sizeof *km->strs);
	if (i == km->ncustom) {
		km->custom = xreallocarray(km->custom, km->ncustom + 1, sizeof *km->custom);
		km->custom[km->ncustom++] = km->strs[km->nstrs++] = xstrdup(name);
	}
	km->strs[km->nstrs] = xstrdup(help);
	km->strs[km->nstrs + 1] = NULL;
	*a = (enum keymap_action)(KA_CUSTOM + (int)i);
	put(km, sp, normalize(key), *a, km->strs[km->nstrs++]);
	return 0;
}

const char *
keymap_name_of(const struct keymap *km, enum keymap_action a)
{
	size_t i = (size_t)((int)a - KA_CUSTOM);

	if (keymap_is_custom(a))
		return i < km->ncustom ? km->custom[i] : "?";
	return keymap_action_name(a);
}

int
keymap_find_action(const struct keymap *km, const char *name, enum keymap_action *a)
{
	if (keymap_action_parse(name, a) == 0)
		return 0;
	for (size_t i = 0; i < km->ncustom; i++)
		if (strcmp(km->custom[i], name) == 0) {
			*a = (enum keymap_action)(KA_CUSTOM + (int)i);
			return 0;
		}
	return -1;
}

bool
keymap_action_mutates(enum keymap_action a)
{
	if (keymap_is_custom(a))
		return true;	/* a command may do anything: refused when read-only */
	switch (a) {
	case KA_START_STOP: case KA_RESTART: case KA_PAUSE: case KA_KILL:
	case KA_REMOVE: case KA_SCALE: case KA_REDEPLOY: case KA_ROLLBACK:
	case KA_PRUNE:
	case KA_COMPOSE_UP: case KA_COMPOSE_DOWN: case KA_COMPOSE_PULL:
		return true;
	default:
		return false;
	}
}

static const struct { int key; const char *name; } named[] = {
	{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
	{ KEY_RIGHT, "Right" }, { KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" },
	{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEYMAP_ESC, "Esc" },
	{ KEYMAP_ENTER, "Enter" }, { ' ', "Space" }, { '\t', "Tab" },
	{ KEY_BACKSPACE, "Backspace" }, { KEY_DC, "Delete" },
	/* accepted when parsing, never printed (the first spelling wins) */
	{ KEY_PPAGE, "PageUp" }, { KEY_NPAGE, "PageDown" }, { KEYMAP_ESC, "Escape" },
	{ KEYMAP_ENTER, "Return" },
};

const char *
keymap_key_name(int key, char *buf, size_t bufsz)
{
	key = normalize(key);
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (named[i].key == key) {
			snprintf(buf, bufsz, "%s", named[i].name);
			return buf;
		}
	}
	if (key >= 0 && key < 32)
		snprintf(buf, bufsz, "C-%c", key == 0 ? '@' : key < 27 ? key + 'a' - 1 : key + '@');
	else if (key > 32 && key < 127)
		snprintf(buf, bufsz, "%c", key);
	else if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, bufsz, "F%d", key - KEY_F(0));
	else
		snprintf(buf, bufsz, "#%d", key);
	return buf;
}

int
keymap_key_parse(const char *name, int *key)
{
	size_t len = strlen(name);

	if (len == 1 && name[0] > 32 && name[0] < 127) {
		*key = name[0];
		return 0;
	}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		int c = (unsigned char)name[2];
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c >= '@' && c <= '_') {
			*key = normalize(c & 0x1f);
			return 0;
		}
		return -1;
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (strcasecmp(named[i].name, name) == 0) {
			*key = named[i].key;
			return 0;
		}
	}
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		char *end;
		long f = strtol(name + 1, &end, 10);
		if (*end == '\0' && name[1] != '0' && f >= 1 && f <= 12) {
			*key = KEY_F(f);
			return 0;
		}
	}
	return -1;
}
