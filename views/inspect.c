/* The raw inspect pane: a container's inspect JSON, pretty-printed, secrets masked, searchable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/rawinspect.h"
#include "keymaps/keymap.h"
#include "tui/gate.h"
#include "tui/lineedit.h"
#include "tui/term.h"
#include "views/copy.h"
#include "views/app.h"
#include "views/view.h"
#include "xmalloc.h"

struct iview {
	unsigned self;		/* app_owner */
	int engine;
	char id[65];
	char name[256];		/* raw; "" if unknown */
	char *body;		/* the answer, as the engine sent it */
	size_t len;
	bool reveal;
	char **lines;		/* the dump of root, masked unless reveal; raw */
	size_t n;
	size_t top;
	int page;
	char error[256];
	struct lineedit edit;	/* the search being typed */
	char needle[LINEEDIT_MAX];
	size_t match;		/* the line of the current match */
	bool have_match;
};

/* The text of the answer, masked unless v->reveal. */
static void
build(struct iview *v)
{
	struct decode_error err;

	xstrv_free(v->lines);
	if (rawinspect_lines(v->body, v->len, v->reveal, &v->lines, &v->n, &err) != 0)
		snprintf(v->error, sizeof v->error, "%s", err.text);
}

static void
on_inspect(struct app *app, void *arg, const struct jobs_result *r)
{
	struct iview *v = arg;
	(void)app;

	if (!r->ok) {
		snprintf(v->error, sizeof v->error, "cannot inspect the container: %s",
		    r->error != NULL ? r->error : "?");
		return;
	}
	free(v->body);
	v->body = xmalloc(r->len + 1);
	if (r->len > 0)
		memcpy(v->body, r->body, r->len);
	v->body[r->len] = '\0';
	v->len = r->len;
	build(v);
}

/* arg: a struct target (engine, container id). */
static void *
iv_init(struct app *app, const void *arg)
{
	struct iview *v = xcalloc(1, sizeof *v);
	struct ctable_row *r;
	char path[128];

	v->self = app_owner(app, v);
	r = views_container(app, arg, &v->engine, v->id, sizeof v->id);
	snprintf(v->name, sizeof v->name, "%s", r != NULL && r->c.name ? r->c.name : "");
	ctrapi_path_inspect(path, sizeof path, v->id);
	if (v->id[0] == '\0')
		snprintf(v->error, sizeof v->error, "no container selected");
	else if (app_job(app, v->engine, v->self, NULL, path, NULL, 0, on_inspect, v, NULL) == 0)
		snprintf(v->error, sizeof v->error, "no connection to the engine");
	return v;
}

static void
iv_fini(void *st)
{
	struct iview *v = st;

	if (v != NULL) {
		xstrv_free(v->lines);
		free(v->body);
	}
	free(v);
}

/* The next line holding the needle from `from` on, in direction dir
 * (+1 down, -1 up), wrapping around; false when no line has it. */
static bool
find(struct iview *v, size_t from, int dir)
{
	for (size_t k = 0; k < v->n; k++) {
		size_t i = dir > 0 ? (from + k) % v->n : (from + v->n - k) % v->n;
		if (strcasestr(v->lines[i], v->needle) != NULL) {
			v->match = i;
			v->have_match = true;
			if (i < v->top || i >= v->top + (size_t)v->page)
				v->top = i > (size_t)v->page / 2 ? i - (size_t)v->page / 2 : 0;
			return true;
		}
	}
	return false;
}

static void
search(struct iview *v, struct app *app, int dir)
{
	size_t from;

	if (v->needle[0] == '\0') {
		app_message(app, 3, "no search yet: press /");
		return;
	}
	if (v->n == 0)
		return;
	if (!v->have_match)
		from = v->top;
	else
		from = dir > 0 ? (v->match + 1) % v->n : (v->match + v->n - 1) % v->n;
	if (!find(v, from, dir))
		app_message(app, 3, "not found: %s", v->needle);
}

static void
iv_draw(void *st, struct app *app, WINDOW *w)
{
	struct iview *v = st;
	int lines, cols, y;
	char head[400];
	(void)app;

	getmaxyx(w, lines, cols);
	snprintf(head, sizeof head, "inspect %.200s  %.12s  (%zu lines; secret-looking env values %s)",
	    v->name, v->id, v->n, v->reveal ? "shown" : "masked");
	views_title(w, 0, head);
	if (v->n == 0) {
		gate_put(w, 2, 2, cols - 2, A_NORMAL, v->error[0] ? v->error : "inspecting...");
		return;
	}
	v->page = lines - 1 > 1 ? lines - 1 : 1;
	y = 1;
	if (v->top + (size_t)v->page > v->n)
		v->top = v->n > (size_t)v->page ? v->n - (size_t)v->page : 0;
	for (size_t i = v->top; i < v->n && y < lines; i++, y++) {
		attr_t a = A_NORMAL;
		if (v->needle[0] != '\0' && strcasestr(v->lines[i], v->needle) != NULL)
			a = v->have_match && i == v->match ? term_attr(TR_SELECTED) : A_BOLD;
		gate_put(w, y, 0, cols, a, v->lines[i]);
	}
	wattrset(w, A_NORMAL);
}

/* y: the current match's line, else the whole JSON as shown (secrets
 * masked unless revealed). */
static void
copy(const struct iview *v, struct app *app)
{
	struct dapi_buf b = { 0 };

	if (v->n == 0)
		return;
	if (v->have_match && v->match < v->n) {
		views_copy(app, v->lines[v->match], strlen(v->lines[v->match]), "line");
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		dapi_buf_add(&b, v->lines[i], strlen(v->lines[i]));
		dapi_buf_add(&b, "\n", 1);
	}
	views_copy(app, b.data, b.len, v->reveal ? "inspect JSON" : "inspect JSON (secrets masked)");
	dapi_buf_free(&b);
}

static void
iv_status(void *st, struct app *app, char *buf, size_t n)
{
	const struct iview *v = st;
	const char *next = v->needle[0] ? " | n/N next/previous" : "";
	(void)app;

	if (!v->edit.active) {
		snprintf(buf, n, "x %s secrets | / search%s | y copy | q back", v->reveal ? "mask" : "reveal",
		    next);
		return;
	}
	snprintf(buf, n, "search: %s_  (Enter finds, Esc cancels)", v->edit.text);
}

static int
iv_key(void *st, struct app *app, int code, bool func)
{
	struct iview *v = st;
	enum keymap_action a;

	if (v->edit.active) {
		enum lineedit_result r = lineedit_key(&v->edit, code, func);
		if (r == LINEEDIT_DONE) {
			snprintf(v->needle, sizeof v->needle, "%s", v->edit.text);
			v->have_match = false;
			search(v, app, 1);
		}
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	a = views_action(app, "inspect", code, func);
	if (listnav_pan(views_step(a), &v->top, v->n, v->page))
		return VIEW_HANDLED | VIEW_REDRAW;
	switch (a) {
	case KA_SEARCH:
		app->message[0] = '\0';
		lineedit_start(&v->edit, v->needle);
		break;
	case KA_SEARCH_NEXT:
	case KA_SEARCH_PREV:
		search(v, app, a == KA_SEARCH_NEXT ? 1 : -1);
		break;
	case KA_REVEAL:
		v->reveal = !v->reveal;
		if (v->body != NULL)
			build(v);
		break;
	case KA_COPY:
		copy(v, app);
		break;
	default:
		return views_pane_key(app, a, VIEW_BACK | VIEW_REDRAW);
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

const struct view inspect_view = {
	.name = "inspect",
	.init = iv_init,
	.fini = iv_fini,
	.draw = iv_draw,
	.key = iv_key,
	.status = iv_status,
};
