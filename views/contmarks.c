/* Marks in the containers pane: clear, bulk lifecycle, custom commands and logs for the marked set. */
#include "views/contmarks.h"

#include <stdio.h>
#include <stdlib.h>

#include "tui/term.h"
#include "views/actions.h"
#include "views/app.h"
#include "views/logs.h"
#include "views/runcmd.h"
#include "views/view.h"
#include "xmalloc.h"

static void
on_clear(struct app *app, void *arg, enum prompt_result res, const char *text)
{
	(void)text;
	if (res == PROMPT_YES) {
		marks_clear(arg);
		app_message(app, 4, "marks cleared");
	}
}

int
contmarks_clear(struct app *app, struct marks *m)
{
	char q[80];

	snprintf(q, sizeof q, "Clear the %zu mark%s?", marks_count(m),
	    marks_count(m) == 1 ? "" : "s");
	app_prompt(app, prompt_new_yesno(q), on_clear, m);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* The marked rows still in the table, in the order marked (free it). */
static const struct ctable_row **
marked_rows(struct app *app, const struct marks *m, size_t *n)
{
	const struct ctable_row **rows = xcalloc(marks_count(m) + 1, sizeof *rows);
	int engine;

	*n = 0;
	for (size_t i = 0; i < marks_count(m); i++) {
		const char *id = marks_at(m, i, &engine);
		const struct ctable_row *r = ctable_find(app->table, engine, id);
		if (r != NULL)
			rows[(*n)++] = r;
	}
	return rows;
}

int
contmarks_act(struct app *app, const struct marks *m, enum keymap_action a)
{
	size_t n;
	const struct ctable_row **rows = marked_rows(app, m, &n);
	int r;

	if (keymap_is_custom(a))
		r = runcmd_action(app, a, rows, n);
	else
		r = actions_begin_many(app, a, rows, n);
	free(rows);
	return r;
}

int
contmarks_logs(struct app *app, const struct marks *m)
{
	size_t n;
	const struct ctable_row **rows = marked_rows(app, m, &n);

	if (n == 1)
		app_push(app, &logs_view, &(struct target){ rows[0]->engine, rows[0]->c.id, NULL });
	else if (n > 1) {
		/* one merged pane of the marked rows (views/logs.h), up to its limit */
		size_t k = n < LOGS_MAX_SOURCES ? n : LOGS_MAX_SOURCES;
		struct target *t = xcalloc(k, sizeof *t);

		for (size_t i = 0; i < k; i++)
			t[i] = (struct target){ rows[i]->engine, rows[i]->c.id, NULL };
		app_push(app, &logs_many_view, &(struct logs_arg){ .t = t, .n = k });
		if (n > k)
			app_message(app, 8, "logs: the first %zu of the %zu marked (one pane follows "
			    "at most %d)", k, n, LOGS_MAX_SOURCES);
		free(t);
	}
	free(rows);
	return VIEW_HANDLED | VIEW_REDRAW;
}

void
contmarks_mouse_toggle(struct app *app)
{
	term_mouse_set(!term_mouse_on());
	app_message(app, 4, "mouse %s", term_mouse_on() ? "on (Shift selects text)" : "off");
}

const char *
contmarks_note(const struct marks *m, char *buf, size_t n)
{
	buf[0] = '\0';
	if (marks_count(m) > 0)
		snprintf(buf, n, "%zu marked | ", marks_count(m));
	return buf;
}
