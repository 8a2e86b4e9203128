/* The image pane: its RepoDigests, its labels (berth.* and OCI marked) and its history, layer by layer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/prunerun.h"
#include "dockerapi/resources.h"
#include "tui/gate.h"
#include "tui/table.h"
#include "views/app.h"
#include "views/swarmviews.h"
#include "views/view.h"
#include "xmalloc.h"

enum col { COL_SIZE, COL_CREATED, COL_BY, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_SIZE] = { "SIZE", 8, 9, 0, false }, [COL_CREATED] = { "CREATED", 12, 16, 1, false },
	[COL_BY] = { "CREATED BY", 10, 400, 0, true },
};

struct idview {
	char id[80], name[600];		/* what it is about, from the pane's argument */
	bool asked;			/* its two requests are out */
	struct resources_image *im;	/* the inspect: labels and digests */
	struct resources_layer *layers;	/* the history, l.n layers */
	struct swarmviews_list l;
};

/* arg: a struct target: engine, image id, its REPOSITORY:TAG. */
static void *
id_init(struct app *app, const void *arg)
{
	const struct target *t = arg;
	struct idview *v = xcalloc(1, sizeof *v);

	if (t != NULL && t->id != NULL)
		snprintf(v->id, sizeof v->id, "%s", t->id);
	if (t != NULL && t->name != NULL)
		snprintf(v->name, sizeof v->name, "%s", t->name);
	swarmviews_init(&v->l, app, v, t);
	return v;
}

static void
id_fini(void *st)
{
	struct idview *v = st;

	resources_free(RESOURCES_HISTORY, v->layers, v->l.n);
	if (v->im != NULL)
		resources_free(RESOURCES_IMAGES, v->im, 1);
	free(v);
}

static void
on_history(struct app *app, void *arg, const struct jobs_result *r)
{
	struct idview *v = arg;
	struct decode_error de = { "" };
	struct resources_layer *a = NULL;
	size_t n = 0;
	int rc = r->ok ? resources_decode(RESOURCES_HISTORY, r->body, r->len, &a, &n, &de) : -1;
	(void)app;

	v->l.inflight = false;
	if (rc == 0) {
		resources_free(RESOURCES_HISTORY, v->layers, v->l.n);
		v->layers = a;
		swarmviews_loaded(&v->l, n);
	} else if (r->ok)
		snprintf(v->l.err, sizeof v->l.err, "%s", de.text);
	else
		swarmviews_failed(&v->l, r, "the history");
}

static void
on_inspect(struct app *app, void *arg, const struct jobs_result *r)
{
	struct idview *v = arg;
	struct decode_error de;
	(void)app;

	if (r->ok && resources_image_inspect_decode(r->body, r->len, &v->im, &de) != 0)
		v->im = NULL;
}

static void
cell(const void *ctx, size_t row, int col, char *buf, size_t n)
{
	const struct idview *v = ctx;
	const struct resources_layer *l = &v->layers[row];

	switch ((enum col)col) {
	case COL_SIZE: resources_size(l->size, buf, n); break;
	case COL_CREATED: resources_age(v->l.fetched_at - l->created, buf, n); break;
	case COL_BY: snprintf(buf, n, "%s", l->created_by); break;
	case NCOLS: break;
	}
}

/* berth.* and org.opencontainers.* labels are marked */
static bool
marked(const char *key)
{
	return strncmp(key, "berth.", 6) == 0 || strncmp(key, "org.opencontainers.", 19) == 0;
}

/* The head: name, digests, labels; returns the lines used (at most max). */
static int
draw_head(struct idview *v, WINDOW *w, int max)
{
	int y = 0, cols = getmaxx(w);
	char line[1200], sid[16];

	snprintf(line, sizeof line, "image %s  %s", v->name, resources_short_id(v->id, sid,
	    sizeof sid));
	gate_put(w, y++, 1, cols - 2, A_BOLD, line);
	if (v->im == NULL)
		return y;
	for (size_t i = 0; i < v->im->ndigests && y < max; i++) {
		snprintf(line, sizeof line, "digest  %s", v->im->digests[i]);
		gate_put(w, y++, 1, cols - 2, A_NORMAL, line);
	}
	if (v->im->ndigests == 0 && y < max)
		gate_put(w, y++, 1, cols - 2, A_NORMAL, "digest  none (built or loaded here)");
	for (size_t i = 0; i < v->im->nlabels && y < max; i++) {
		const struct dapi_label *lb = &v->im->labels[i];
		snprintf(line, sizeof line, "%s label %s=%s", marked(lb->key) ? "*" : " ",
		    lb->key, lb->value);
		gate_put(w, y++, 1, cols - 2, marked(lb->key) ? A_BOLD : A_NORMAL, line);
	}
	return y;
}

static void
id_draw(void *st, struct app *app, WINDOW *w)
{
	struct idview *v = st;
	struct swarmviews_table t = { columns, NCOLS, v->l.n, cell, NULL, v };
	char path[1200], sub_path[1300];
	int lines = getmaxy(w), head;
	WINDOW *sub;

	if (!v->asked && v->l.ep != NULL) {
		v->asked = true;
		prunerun_path_image(path, sizeof path, v->id);
		snprintf(sub_path, sizeof sub_path, "%s/json", path);
		app_job(app, v->l.engine, v->l.owner, NULL, sub_path, NULL, 0, on_inspect, v, NULL);
		snprintf(sub_path, sizeof sub_path, "%s/history", path);
		v->l.fetched_at = app->now;
		v->l.inflight = app_job(app, v->l.engine, v->l.owner, NULL, sub_path, NULL, 0,
		    on_history, v, NULL) != 0;
	}
	head = draw_head(v, w, lines / 2);
	sub = derwin(w, lines - head - 1, getmaxx(w), head + 1, 0);
	if (sub == NULL)
		return;
	swarmviews_draw(&v->l, sub, &t, "no history", "loading the history...");
	delwin(sub);
}

static void
id_status(void *st, struct app *app, char *buf, size_t n)
{
	(void)app;
	snprintf(buf, n, "%zu layers | * berth/OCI label | q back",
	    ((struct idview *)st)->l.n);
}

/* only movement and back: an image's removal is the images pane's D */
static int
id_key(void *st, struct app *app, int code, bool func)
{
	return swarmviews_key(&((struct idview *)st)->l, app,
	    views_action(app, "image", code, func));
}

const struct view imagedetail_view = { .name = "image", .init = id_init, .fini = id_fini,
    .draw = id_draw, .key = id_key, .status = id_status };
