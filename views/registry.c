/* The registry of panes. */
#include <stdio.h>
#include <string.h>

#include "tui/gate.h"
#include "tui/lineedit.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/cmdline.h"
#include "views/view.h"

const struct view *const views_registry[] = {
	&containers_view,
	&help_view,
	&logs_view,
	&detail_view,
	&exec_view,
	&events_view,
	&deploys_view,
	&services_view,
	&tasks_view,
	&nodes_view,
	&images_view,
	&imagedetail_view,
	&volumes_view,
	&networks_view,
	&df_view,
	&routes_view,
	&inspect_view,
	&processes_view,
	&projects_view,
	NULL
};

const struct view *
views_find(const char *name)
{
	for (size_t i = 0; views_registry[i] != NULL; i++)
		if (strcmp(views_registry[i]->name, name) == 0)
			return views_registry[i];
	return NULL;
}

struct ctable_row *
views_container(struct app *app, const struct target *t, int *engine, char *id, size_t idsz)
{
	*engine = t != NULL ? t->engine : -1;
	snprintf(id, idsz, "%s", t != NULL && t->id != NULL ? t->id : "");
	return ctable_find(app->table, *engine, id);
}

enum listnav_step
views_step(enum keymap_action a)
{
	switch (a) {
	case KA_UP: return LISTNAV_UP;
	case KA_DOWN: return LISTNAV_DOWN;
	case KA_PAGE_UP: return LISTNAV_PAGE_UP;
	case KA_PAGE_DOWN: return LISTNAV_PAGE_DOWN;
	case KA_TOP: return LISTNAV_TOP;
	case KA_BOTTOM: return LISTNAV_BOTTOM;
	default: return LISTNAV_NONE;
	}
}

enum keymap_action
views_action(const struct app *app, const char *pane, int code, bool func)
{
	if (!func && code >= 128)
		return KA_NONE;
	return keymap_lookup(app->keys, pane, code);
}

void
views_apply(struct app *app, int r)
{
	if (r & VIEW_REDRAW)
		app->dirty = true;
	if (r & VIEW_BACK)
		app_pop(app);
	if (r & VIEW_QUIT)
		app->quit = true;
}

int
views_pane_key(struct app *app, enum keymap_action a, int on_quit)
{
	switch (a) {
	case KA_HELP:
		app_push(app, &help_view, NULL);
		return VIEW_HANDLED | VIEW_REDRAW;
	case KA_BACK:
		return VIEW_BACK | VIEW_REDRAW;
	case KA_CMDLINE:
		cmdline_open(app);
		return VIEW_HANDLED | VIEW_REDRAW;
	case KA_ROUTES:
		app_push(app, &routes_view, NULL);
		return VIEW_HANDLED | VIEW_REDRAW;
	case KA_QUIT:
		return on_quit;
	default:
		return VIEW_IGNORED;
	}
}

int
views_filter_edit(struct views_filter *f, int code, bool func)
{
	f->editing = lineedit_filter(f->text, sizeof f->text, code, func);
	return VIEW_HANDLED | VIEW_REDRAW;
}

bool
views_filter_action(struct views_filter *f, enum keymap_action a)
{
	switch (a) {
	case KA_FILTER:
		f->editing = true;
		return true;
	case KA_CLEAR:
		f->text[0] = '\0';
		return true;
	default:
		return false;
	}
}

bool
views_filter_status(const struct views_filter *f, char *buf, size_t n)
{
	if (!f->editing)
		return false;
	snprintf(buf, n, "filter: /%s_  (Enter keeps, Esc clears)", f->text);
	return true;
}

const char *
views_filter_note(const struct views_filter *f, char *buf, size_t n)
{
	if (f->text[0] == '\0')
		buf[0] = '\0';
	else
		snprintf(buf, n, " | filter '%s'", f->text);
	return buf;
}

void
views_title(WINDOW *w, int y, const char *raw)
{
	int cols = getmaxx(w);

	wattrset(w, term_attr(TR_HEADER));
	mvwhline(w, y, 0, ' ', cols);
	gate_put(w, y, 0, cols, term_attr(TR_HEADER), raw);
	wattrset(w, A_NORMAL);
}
