/* The help pane, generated from the keymap table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "keymaps/keymap.h"
#include "tui/mouse.h"
#include "tui/table.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/view.h"
#include "xmalloc.h"

struct hview {
	char **lines;		/* lines[0] is the title */
	size_t n;
	size_t top;
	struct layout_col col;	/* one column, titled lines[0] */
	struct table tbl;
};

static void
add_line(struct hview *h, const char *s)
{
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->lines[h->n++] = xstrdup(s);
}

/* One line per (pane, action), with every key bound to it. */
static void *
hv_init(struct app *app, const void *arg)
{
	struct hview *h = xcalloc(1, sizeof *h);
	size_t n;
	const struct keymap_row *rows = keymap_rows(app->keys, &n);
	const char *pane = NULL;
	char line[256], keys[96], kb[32];

	(void)arg;

	add_line(h, "berth " PACKAGE_VERSION " - keys (from the keymap table)");
	if (app->opts.read_only)
		add_line(h, "read-only mode: keys that change containers are disabled");
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		if (rows[i].action == KA_NONE)	/* unbound by the config */
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = rows[j].action == rows[i].action &&
			    strcmp(rows[j].pane, rows[i].pane) == 0;
		if (seen)
			continue;
		if (pane == NULL || strcmp(pane, rows[i].pane) != 0) {
			pane = rows[i].pane;
			add_line(h, "");
			snprintf(line, sizeof line, "%s", pane);
			add_line(h, line);
		}
		keys[0] = '\0';
		for (size_t j = i; j < n; j++) {
			if (rows[j].action != rows[i].action ||
			    strcmp(rows[j].pane, rows[i].pane) != 0)
				continue;
			keymap_key_name(rows[j].key, kb, sizeof kb);
			if (strlen(keys) + strlen(kb) + 3 < sizeof keys) {
				if (keys[0] != '\0')
					strncat(keys, ", ", sizeof keys - strlen(keys) - 1);
				strncat(keys, kb, sizeof keys - strlen(keys) - 1);
			}
		}
		snprintf(line, sizeof line, "  %-16s %-14s %s%s", keys,
		    keymap_name_of(app->keys, rows[i].action),
		    app->opts.read_only && keymap_action_mutates(rows[i].action) ?
		    "[disabled: read-only] " : "", rows[i].help);
		add_line(h, line);
	}
	add_line(h, "");
	add_line(h, "Rows marked ! are problems: unhealthy, restarting, or exited non-zero.");
	add_line(h, "Rows marked * are marked (Space, *): s r p K D, l and commands act on them.");
	h->col = (struct layout_col){ h->lines[0], 1, 1, 0, true };
	table_init(&h->tbl, &h->col, 1, NULL, &h->top);
	h->tbl.indent = 0;
	return h;
}

static void
hv_fini(void *st)
{
	struct hview *h = st;
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	table_clear(&h->tbl);
	free(h);
}

/* A pane's name is a heading; its keys are indented under it. */
static void
help_line_style(void *ctx, size_t row, struct table_line *l)
{
	const char *s = ((struct hview *)ctx)->lines[row + 1];

	l->attr = s[0] != ' ' && s[0] != '\0' ? term_attr(TR_HEADER) : A_NORMAL;
}

static void
help_line_text(void *ctx, size_t row, int col, struct table_cell *c)
{
	(void)col;
	snprintf(c->text, sizeof c->text, "%s", ((struct hview *)ctx)->lines[row + 1]);
}

static void
hv_draw(void *st, struct app *app, WINDOW *w)
{
	struct hview *h = st;
	struct table_source src = { h->n - 1, help_line_style, help_line_text, NULL, NULL, h };
	(void)app;

	table_draw(&h->tbl, w, 0, getmaxy(w), &src);
}

static int
hv_key(void *st, struct app *app, int code, bool func)
{
	struct hview *h = st;
	enum keymap_action a;

	if (func && code == KEY_MOUSE)	/* the wheel scrolls */
		return mouse_table_moved(&h->tbl, app->body, h->n - 1) ? VIEW_HANDLED | VIEW_REDRAW :
		    VIEW_HANDLED;
	a = views_action(app, "help", code, func);
	if (a == KA_BACK || a == KA_QUIT)
		return VIEW_BACK | VIEW_REDRAW;
	if (a == KA_CMDLINE)
		return views_pane_key(app, a, VIEW_BACK | VIEW_REDRAW);
	if (table_move(&h->tbl, views_step(a), h->n - 1))
		return VIEW_HANDLED | VIEW_REDRAW;
	return VIEW_IGNORED;
}

static void
hv_status(void *st, struct app *app, char *buf, size_t n)
{
	(void)st;
	(void)app;
	snprintf(buf, n, "help | Esc/q back");
}

const struct view help_view = {
	.name = "help",
	.init = hv_init,
	.fini = hv_fini,
	.draw = hv_draw,
	.key = hv_key,
	.status = hv_status,
};
