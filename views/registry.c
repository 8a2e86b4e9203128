/* The registry of panes. */
#include <string.h>

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
