/* Compose projects: the container table grouped by the compose labels. Pure. */
#ifndef BERTH_PROJECTS_H
#define BERTH_PROJECTS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/ctable.h"

#define PROJECTS_LABEL_PROJECT "com.docker.compose.project"
#define PROJECTS_LABEL_SERVICE "com.docker.compose.service"
#define PROJECTS_LABEL_FILES "com.docker.compose.project.config_files"
#define PROJECTS_LABEL_DIR "com.docker.compose.project.working_dir"

/* One service of a project (com.docker.compose.service; "" without one). */
struct projects_service {
	char *name;
	size_t running, total;
	bool problem;
};

/* One compose project, over every engine it runs on. Strings are raw
 * engine bytes (sanitize before drawing), owned by the entry. */
struct projects_entry {
	char *name;
	unsigned long engines;	/* bit e: it has containers on engine e (< 64) */
	int first_engine;	/* the lowest such engine */
	size_t running, total;
	bool problem;		/* not all running, unhealthy or restarting */
	struct projects_service *services;	/* by name */
	size_t nservices;
	char *config_files;	/* the labels of its first container; may be NULL */
	char *working_dir;
};

/* Is r a problem row for the projects pane: not running, unhealthy,
 * restarting, paused. Pure. */
bool projects_row_problem(const struct ctable_row *r);

/*
 * Every compose project in t (containers without the project label are
 * left out), problems first, then by name. Sets *out to a new array of
 * *n entries (NULL when there is none); free with projects_free. Pure.
 */
void projects_build(const struct ctable *t, struct projects_entry **out, size_t *n);
void projects_free(struct projects_entry *p, size_t n);

/*
 * The rows of project (and of service, when not NULL) into rows[0..cap),
 * sorted by service, then container name. Returns how many there are (it
 * may be more than cap; only cap are written). Rows are t's, valid until
 * its next change. Pure.
 */
size_t projects_rows(const struct ctable *t, const char *project, const char *service,
    struct ctable_row **rows, size_t cap);

/* A container's project and service labels ("" when absent). Pure. */
const char *projects_of(const struct ctable_row *r);
const char *projects_service_of(const struct ctable_row *r);

#endif
