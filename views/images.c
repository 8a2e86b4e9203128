/* The images pane: one row per tag, what uses each, and which a unit's rollback needs (R). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/resources.h"
#include "views/app.h"
#include "views/imgpull.h"
#include "views/resviews.h"
#include "views/view.h"
#include "xmalloc.h"

enum col { COL_REF, COL_ID, COL_CREATED, COL_SIZE, COL_USERS, COL_WHY, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_REF] = { "REPOSITORY:TAG", 14, 48, 0, true }, [COL_ID] = { "ID", 12, 12, 0, false },
	[COL_CREATED] = { "CREATED", 12, 16, 1, false }, [COL_SIZE] = { "SIZE", 8, 9, 0, false },
	[COL_USERS] = { "CONTAINERS", 10, 10, 0, false }, [COL_WHY] = { "KEPT BECAUSE", 12, 60, 2, true },
};

/* One row: an image and one of its tags (none for a dangling one). */
struct irow {
	const struct resources_image *im;
	const char *tag;		/* NULL: <none>:<none> */
	const struct prune_item *it;	/* the image in the plan, may be NULL */
};

static size_t
build(struct resviews *r)
{
	const struct prunerun_data *d = &r->snap->d;
	struct irow *rows = NULL;
	size_t n = 0;

	for (size_t i = 0; i < d->nimages; i++) {
		const struct resources_image *im = &d->images[i];
		size_t k = im->ntags > 0 ? im->ntags : 1;
		rows = xreallocarray(rows, n + k, sizeof *rows);
		for (size_t t = 0; t < k; t++)
			rows[n++] = (struct irow){ im, im->ntags > 0 ? im->tags[t] : NULL,
			    resviews_item(r, im->id) };
	}
	r->rows = rows;
	return n;
}

static void
rows_free(struct resviews *r)
{
	free(r->rows);
	r->rows = NULL;
	r->nrows = 0;
}

static void
cell(const struct resviews *r, size_t row, int col, char *buf, size_t n)
{
	const struct irow *x = &((const struct irow *)r->rows)[row];

	switch ((enum col)col) {
	case COL_REF: snprintf(buf, n, "%s", x->tag != NULL ? x->tag : "<none>:<none>"); break;
	case COL_ID: resources_short_id(x->im->id, buf, n); break;
	case COL_CREATED: resources_age(r->l.fetched_at - x->im->created, buf, n); break;
	case COL_SIZE: resources_size(x->im->size, buf, n); break;
	case COL_USERS: snprintf(buf, n, "%zu", x->it != NULL ? x->it->users : 0); break;
	case COL_WHY:
		snprintf(buf, n, "%s", x->it == NULL || x->it->go ? "" : x->it->why);
		break;
	case NCOLS: break;
	}
}

static bool
num(const struct resviews *r, size_t row, int col, int64_t *v)
{
	const struct irow *x = &((const struct irow *)r->rows)[row];

	switch (col) {
	case COL_CREATED: *v = -x->im->created; return true;	/* newest first */
	case COL_SIZE: *v = -x->im->size; return true;		/* largest first */
	case COL_USERS: *v = x->it != NULL ? -(int64_t)x->it->users : 0; return true;
	default: return false;
	}
}

static char
mark(const struct resviews *r, size_t row)
{
	const struct irow *x = &((const struct irow *)r->rows)[row];

	return x->it != NULL && x->it->needed ? 'R' : 0;
}

/* D: a tag is untagged (the image goes with its last tag); a dangling
 * image goes by id. After a 409, force. */
static bool
removal(const struct resviews *r, size_t row, struct resviews_removal *rm)
{
	const struct irow *x = &((const struct irow *)r->rows)[row];
	const char *ref = x->tag != NULL ? x->tag : x->im->id;

	if (!resviews_removal_set(rm, "image", ref, "/images", ref))
		return false;
	snprintf(rm->force_path, sizeof rm->force_path, "%.1100s?force=1", rm->path);
	if (x->it != NULL) {
		rm->service = x->it->service;
		rm->branch = x->it->branch;
	}
	return true;
}

static void
open_row(struct resviews *r, struct app *app, size_t row)
{
	const struct irow *x = &((const struct irow *)r->rows)[row];

	app_push(app, &imagedetail_view, &(struct target){ r->l.engine, x->im->id,
	    x->tag != NULL ? x->tag : "<none>:<none>" });
}

/* p: pull, proposing the selected row's REPOSITORY:TAG (a <none> row: nothing). */
static int
action(struct resviews *r, struct app *app, enum keymap_action a)
{
	const struct irow *x;

	if (a != KA_PULL)
		return 0;
	x = r->l.n > 0 ? &((const struct irow *)r->rows)[r->order[r->l.sel]] : NULL;
	return imgpull_ask(r, app, x != NULL ? x->tag : NULL);
}

static const struct resviews_spec spec = { .pane = "images", .what = "images",
    .cols = columns, .ncols = NCOLS, .sort = COL_CREATED,
    .opts = { .images = true, .all = true, .keep = 1 }, .prunable = true, .build = build,
    .rows_free = rows_free, .cell = cell, .num = num, .removal = removal, .open = open_row,
    .mark = mark, .action = action };

static void *
iv_init(struct app *app, const void *arg)
{
	return resviews_init(app, &spec, arg);
}

const struct view images_view = { .name = "images", .init = iv_init, .fini = resviews_fini,
    .draw = resviews_draw, .key = resviews_key, .status = resviews_status };
