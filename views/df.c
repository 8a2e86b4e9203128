/* The disk use pane: /system/df for images, containers, volumes and build cache, total and reclaimable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/resources.h"
#include "views/app.h"
#include "views/resviews.h"
#include "views/view.h"

enum col { COL_TYPE, COL_TOTAL, COL_ACTIVE, COL_SIZE, COL_RECLAIM, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_TYPE] = { "TYPE", 13, 16, 0, false }, [COL_TOTAL] = { "TOTAL", 6, 8, 0, false },
	[COL_ACTIVE] = { "ACTIVE", 6, 8, 0, false }, [COL_SIZE] = { "SIZE", 9, 12, 0, false },
	[COL_RECLAIM] = { "RECLAIMABLE", 11, 20, 0, false },
};

static const struct resviews_spec spec;	/* below */

/* arg: a struct target (the engine), or NULL: the first engine */
static void *
df_init(struct app *app, const void *arg)
{
	return resviews_init(app, &spec, arg);
}

static const char *const types[] = { "Images", "Containers", "Local Volumes", "Build Cache" };
#define NTYPES (sizeof types / sizeof types[0])

static size_t
build(struct resviews *r)
{
	return r->snap->d.have_df ? NTYPES : 0;
}

static const struct resources_df_class *
class_of(const struct resviews *r, size_t row)
{
	const struct resources_df *df = &r->snap->d.df;
	const struct resources_df_class *c[NTYPES] = { &df->images, &df->containers,
	    &df->volumes, &df->cache };

	return c[row < NTYPES ? row : 0];
}

static void
cell(const struct resviews *r, size_t row, int col, char *buf, size_t n)
{
	const struct resources_df_class *c = class_of(r, row);
	char s[24];

	switch ((enum col)col) {
	case COL_TYPE: snprintf(buf, n, "%s", types[row % NTYPES]); break;
	case COL_TOTAL: snprintf(buf, n, "%lld", (long long)c->count); break;
	case COL_ACTIVE: snprintf(buf, n, "%lld", (long long)c->active); break;
	case COL_SIZE: resources_size(c->size, buf, n); break;
	case COL_RECLAIM:
		resources_size(c->reclaimable, s, sizeof s);
		snprintf(buf, n, "%s (%lld%%)", s,
		    c->size > 0 ? (long long)(c->reclaimable * 100 / c->size) : 0LL);
		break;
	case NCOLS: break;
	}
}

static bool
num(const struct resviews *r, size_t row, int col, int64_t *v)
{
	const struct resources_df_class *c = class_of(r, row);

	switch (col) {
	case COL_TYPE: *v = (int64_t)row; return true;	/* docker's order */
	case COL_SIZE: *v = -c->size; return true;
	case COL_RECLAIM: *v = -c->reclaimable; return true;
	default: return false;
	}
}

/* one refresh asks for nothing but the disk use (and the containers) */
static const struct resviews_spec spec = { .pane = "df", .what = "kinds", .cols = columns,
    .ncols = NCOLS, .sort = COL_TYPE, .opts = { .keep = 1 }, .build = build, .cell = cell,
    .num = num };

const struct view df_view = { .name = "df", .init = df_init, .fini = resviews_fini,
    .draw = resviews_draw, .key = resviews_key, .status = resviews_status };
