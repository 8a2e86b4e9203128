/* The networks pane: driver, scope, subnets and how many containers are attached; it only lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/resources.h"
#include "views/app.h"
#include "views/resviews.h"
#include "views/view.h"

enum col { COL_NAME, COL_DRIVER, COL_SCOPE, COL_SUBNET, COL_USERS, COL_ID, NCOLS };

static const struct layout_col columns[NCOLS] = {
	[COL_NAME] = { "NAME", 8, 40, 0, true }, [COL_DRIVER] = { "DRIVER", 6, 10, 0, false },
	[COL_SCOPE] = { "SCOPE", 5, 6, 1, false }, [COL_SUBNET] = { "SUBNET", 6, 40, 0, true },
	[COL_USERS] = { "CONTAINERS", 10, 10, 0, false }, [COL_ID] = { "ID", 12, 12, 2, false },
};

static const struct resviews_spec spec;	/* below */

/* arg: a struct target (the engine), or NULL: the first engine */
static void *
nw_init(struct app *app, const void *arg)
{
	return resviews_init(app, &spec, arg);
}

static const struct resources_network *
net(const struct resviews *r, size_t row)
{
	return &((const struct resources_network *)r->rows)[row];
}

static size_t
build(struct resviews *r)
{
	r->rows = r->snap->d.networks;
	return r->snap->d.nnetworks;
}

static size_t
users(const struct resviews *r, const struct resources_network *nw)
{
	return resources_network_users(r->snap->d.users, r->snap->d.nusers, nw->name, NULL, 0);
}

static void
cell(const struct resviews *r, size_t row, int col, char *buf, size_t n)
{
	const struct resources_network *nw = net(r, row);

	switch ((enum col)col) {
	case COL_NAME: snprintf(buf, n, "%s", nw->name); break;
	case COL_DRIVER: snprintf(buf, n, "%s", nw->driver); break;
	case COL_SCOPE: snprintf(buf, n, "%s", nw->scope); break;
	case COL_SUBNET: snprintf(buf, n, "%s", nw->subnet[0] ? nw->subnet : "-"); break;
	case COL_USERS: snprintf(buf, n, "%zu", users(r, nw)); break;
	case COL_ID: snprintf(buf, n, "%.12s", nw->id); break;
	case NCOLS: break;
	}
}

static bool
num(const struct resviews *r, size_t row, int col, int64_t *v)
{
	if (col != COL_USERS)
		return false;
	*v = -(int64_t)users(r, net(r, row));
	return true;
}

static bool
removal(const struct resviews *r, size_t row, struct resviews_removal *rm)
{
	const struct resources_network *nw = net(r, row);

	return resviews_removal_set(rm, "network", nw->name, "/networks", nw->id);
}

static const struct resviews_spec spec = { .pane = "networks", .what = "networks",
    .cols = columns, .ncols = NCOLS, .sort = COL_NAME, .opts = { .networks = true, .keep = 1 },
    .prunable = true, .build = build, .cell = cell, .num = num, .removal = removal };

const struct view networks_view = { .name = "networks", .init = nw_init, .fini = resviews_fini,
    .draw = resviews_draw, .key = resviews_key, .status = resviews_status };
