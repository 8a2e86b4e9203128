/* The volumes pane: size from /system/df, the containers that mount each, and where it lives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/resources.h"
#include "views/app.h"
#include "views/resviews.h"
#include "views/view.h"

enum col { COL_NAME, COL_DRIVER, COL_SIZE, COL_USERS, COL_MOUNT, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_NAME] = { "NAME", 12, 64, 0, true }, [COL_DRIVER] = { "DRIVER", 6, 10, 1, false },
	[COL_SIZE] = { "SIZE", 8, 9, 0, false }, [COL_USERS] = { "USED BY", 8, 40, 0, true },
	[COL_MOUNT] = { "MOUNTPOINT", 10, 80, 2, true },
};

static size_t
build(struct resviews *r)
{
	r->rows = r->snap->d.volumes;
	return r->snap->d.nvolumes;
}

static const struct resources_volume *
vol(const struct resviews *r, size_t row)
{
	return &((const struct resources_volume *)r->rows)[row];
}

static int64_t
vol_size(const struct resviews *r, const struct resources_volume *v)
{
	const struct resources_df_item *it = r->snap->d.have_df ?
	    resources_df_find(r->snap->d.df.vols, r->snap->d.df.nvols, v->name) : NULL;

	return it != NULL ? it->size : -1;
}

static void
cell(const struct resviews *r, size_t row, int col, char *buf, size_t n)
{
	const struct resources_volume *v = vol(r, row);
	const struct prunerun_data *d = &r->snap->d;

	switch ((enum col)col) {
	case COL_NAME: snprintf(buf, n, "%s", v->name); break;
	case COL_DRIVER: snprintf(buf, n, "%s", v->driver); break;
	case COL_SIZE: resources_size(vol_size(r, v), buf, n); break;
	case COL_USERS:
		if (resources_volume_users(d->users, d->nusers, v->name, buf, n) == 0)
			snprintf(buf, n, "-");
		break;
	case COL_MOUNT: snprintf(buf, n, "%s", v->mountpoint); break;
	case NCOLS: break;
	}
}

static bool
removal(const struct resviews *r, size_t row, struct resviews_removal *rm)
{
	const struct resources_volume *v = vol(r, row);

	return resviews_removal_set(rm, "volume", v->name, "/volumes", v->name);
}

static bool
num(const struct resviews *r, size_t row, int col, int64_t *v)
{
	if (col != COL_SIZE)
		return false;
	*v = -vol_size(r, vol(r, row));
	return true;
}

static const struct resviews_spec spec = { .pane = "volumes", .what = "volumes",
    .cols = columns, .ncols = NCOLS, .sort = COL_NAME, .opts = { .volumes = true, .keep = 1 },
    .prunable = true, .build = build, .cell = cell, .num = num, .removal = removal };

static void *
vv_init(struct app *app, const void *arg)
{
	return resviews_init(app, &spec, arg);
}

const struct view volumes_view = { .name = "volumes", .init = vv_init, .fini = resviews_fini,
    .draw = resviews_draw, .key = resviews_key, .status = resviews_status };
