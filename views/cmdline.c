/* The ':' command line (k9s, dry): panes and keymap actions by name. */
#include "views/cmdline.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymaps/keymap.h"
#include "tui/prompt.h"
#include "views/app.h"
#include "views/view.h"
#include "xmalloc.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every pane name and action name (the config's custom commands too),
 * sorted, each once. Free the array (not the strings, which are static
 * or keys'). */
static const char **
candidates(const struct keymap *keys, size_t *n)
{
	size_t cap = 0, k = 0;
	const char **c = NULL;

	for (size_t i = 0; views_registry[i] != NULL; i++) {
		c = xgrowarray(c, &cap, k + 1, sizeof *c);
		c[k++] = views_registry[i]->name;
	}
	for (int a = KA_NONE + 1; a < KA_NACTIONS; a++) {
		const char *name = keymap_action_name((enum keymap_action)a);
		if (strcmp(name, "?") == 0)
			continue;
		c = xgrowarray(c, &cap, k + 1, sizeof *c);
		c[k++] = name;
	}
	for (int a = KA_CUSTOM; keymap_is_custom((enum keymap_action)a); a++) {
		const char *name = keymap_name_of(keys, (enum keymap_action)a);
		if (strcmp(name, "?") == 0)	/* past the config's last command */
			break;
		c = xgrowarray(c, &cap, k + 1, sizeof *c);
		c[k++] = name;
	}
	qsort(c, k, sizeof *c, cmp_str);
	*n = 0;
	for (size_t i = 0; i < k; i++)
		if (*n == 0 || strcmp(c[*n - 1], c[i]) != 0)
			c[(*n)++] = c[i];
	return c;
}

static void
on_line(struct app *app, void *arg, enum prompt_result res, const char *text)
{
	(void)arg;
	if (res == PROMPT_YES)
		cmdline_run(app, text);
}

void
cmdline_open(struct app *app)
{
	size_t n;
	const char **c = candidates(app->keys, &n);

	app_prompt(app, prompt_new_line(":", c, n, &app->cmd_history), on_line, NULL);
	free(c);
}

/* Press key in the top pane, as the main loop does. */
static void
press(struct app *app, int key)
{
	const struct view *v = app->stack[app->depth - 1];

	views_apply(app, v->key(app->state[app->depth - 1], app, key, key >= KEY_MIN));
}

/* The action's key in the top pane, or 0. */
static int
key_here(struct app *app, enum keymap_action a)
{
	return keymap_key_for(app->keys, app->stack[app->depth - 1]->name, a);
}

/* Show pane v: the one already open, else as the containers pane opens
 * it (its key there), else pushed with no argument. */
static void
show_pane(struct app *app, const struct view *v, const char *name)
{
	enum keymap_action a;

	for (int i = app->depth - 1; i >= 0; i--) {
		if (app->stack[i] != v)
			continue;
		while (app->depth - 1 > i)
			app_pop(app);
		app->dirty = true;
		return;
	}
	if (keymap_action_parse(name, &a) == 0 &&
	    keymap_key_for(app->keys, app->stack[0]->name, a) != 0) {
		while (app->depth > 1)
			app_pop(app);
		press(app, keymap_key_for(app->keys, app->stack[0]->name, a));
		return;
	}
	app_push(app, v, NULL);
	app->dirty = true;
}

void
cmdline_run(struct app *app, const char *line)
{
	char name[LINEEDIT_MAX];
	size_t len;
	const struct view *v;
	enum keymap_action a;
	bool is_action;
	int key;

	while (*line == ':' || isspace((unsigned char)*line))
		line++;
	snprintf(name, sizeof name, "%s", line);
	len = strlen(name);
	while (len > 0 && isspace((unsigned char)name[len - 1]))
		name[--len] = '\0';
	if (len == 0)
		return;
	if (strcmp(name, "q") == 0 || strcmp(name, "q!") == 0)	/* vi, k9s */
		snprintf(name, sizeof name, "quit");
	app->dirty = true;
	is_action = keymap_find_action(app->keys, name, &a) == 0;
	if (is_action && (key = key_here(app, a)) != 0) {
		press(app, key);
		return;
	}
	if ((v = views_find(name)) != NULL) {
		show_pane(app, v, name);
		return;
	}
	if (is_action)
		app_message(app, 5, "%s: not an action of the %s pane", name,
		    app->stack[app->depth - 1]->name);
	else
		app_message(app, 5, "unknown command: %s (Tab lists the names)", name);
}
