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
