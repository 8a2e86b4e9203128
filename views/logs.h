/* The logs pane of several containers in one, for other panes to open. */
#ifndef BERTH_LOGS_H
#define BERTH_LOGS_H

#include "views/logsrc.h"
#include "views/view.h"

/*
 * app_push(app, &logs_many_view, &(struct logs_arg){ .t = targets, .n = n })
 * follows the n containers (marked rows), or with .t NULL and .engine,
 * .service (and .branch, NULL: any) every container of that unit: see
 * struct logs_arg in views/logsrc.h. Lines of all of them share one ring
 * of the usual size, in timestamp order, each after its container's name
 * in a colour per source (as `docker compose logs`); follow, search,
 * filter, save and copy work as in the one-container pane, and each
 * source is followed across redeploys.
 */
extern const struct view logs_many_view;

#endif
