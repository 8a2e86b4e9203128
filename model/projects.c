/* Compose projects from the container table: grouping, counts and problems. */
#include "model/projects.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

const char *
projects_of(const struct ctable_row *r)
{
	const char *p = records_label(&r->c, PROJECTS_LABEL_PROJECT);

	return p != NULL ? p : "";
}

const char *
projects_service_of(const struct ctable_row *r)
{
	const char *s = records_label(&r->c, PROJECTS_LABEL_SERVICE);

	return s != NULL ? s : "";
}

bool
projects_row_problem(const struct ctable_row *r)
{
	return r->c.state != DAPI_ST_RUNNING || r->c.health == DAPI_HEALTH_UNHEALTHY;
}

static const char *
row_name(const struct ctable_row *r)
{
	return r->c.name != NULL ? r->c.name : r->c.id;
}

static struct projects_entry *
entry_for(struct projects_entry **arr, size_t *n, size_t *cap, const struct ctable_row *r)
{
	const char *name = projects_of(r);
	struct projects_entry *p;

	for (size_t i = 0; i < *n; i++)
		if (strcmp((*arr)[i].name, name) == 0)
			return &(*arr)[i];
	*arr = xgrowarray(*arr, cap, *n + 1, sizeof **arr);
	p = &(*arr)[(*n)++];
	memset(p, 0, sizeof *p);
	p->name = xstrdup(name);
	p->first_engine = r->engine;
	if (records_label(&r->c, PROJECTS_LABEL_FILES) != NULL)
		p->config_files = xstrdup(records_label(&r->c, PROJECTS_LABEL_FILES));
	if (records_label(&r->c, PROJECTS_LABEL_DIR) != NULL)
		p->working_dir = xstrdup(records_label(&r->c, PROJECTS_LABEL_DIR));
	return p;
}

static struct projects_service *
service_for(struct projects_entry *p, const char *name)
{
	struct projects_service *s;

	for (size_t i = 0; i < p->nservices; i++)
		if (strcmp(p->services[i].name, name) == 0)
			return &p->services[i];
	p->services = xreallocarray(p->services, p->nservices + 1, sizeof *p->services);
	s = &p->services[p->nservices++];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	return s;
}

static int
cmp_service(const void *a, const void *b)
{
	return strcmp(((const struct projects_service *)a)->name,
	    ((const struct projects_service *)b)->name);
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct projects_entry *x = a, *y = b;

	if (x->problem != y->problem)
		return x->problem ? -1 : 1;
	return strcmp(x->name, y->name);
}

void
projects_build(const struct ctable *t, struct projects_entry **out, size_t *n)
{
	struct projects_entry *arr = NULL;
	size_t cap = 0, count = 0;

	for (size_t i = 0; i < ctable_count(t); i++) {
		const struct ctable_row *r = ctable_at(t, i);
		struct projects_entry *p;
		struct projects_service *s;
		bool up = r->c.state == DAPI_ST_RUNNING, bad = projects_row_problem(r);

		if (records_label(&r->c, PROJECTS_LABEL_PROJECT) == NULL)
			continue;
		p = entry_for(&arr, &count, &cap, r);
		if (r->engine >= 0 && r->engine < 64)
			p->engines |= 1ul << r->engine;
		if (r->engine < p->first_engine)
			p->first_engine = r->engine;
		s = service_for(p, projects_service_of(r));
		p->total++;
		s->total++;
		p->running += up;
		s->running += up;
		p->problem |= bad;
		s->problem |= bad;
	}
	for (size_t i = 0; i < count; i++)
		qsort(arr[i].services, arr[i].nservices, sizeof *arr[i].services, cmp_service);
	if (count > 1)
		qsort(arr, count, sizeof *arr, cmp_entry);
	*out = arr;
	*n = count;
}

void
projects_free(struct projects_entry *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < p[i].nservices; j++)
			free(p[i].services[j].name);
		free(p[i].services);
		free(p[i].name);
		free(p[i].config_files);
		free(p[i].working_dir);
	}
	free(p);
}

static int
cmp_row(const void *a, const void *b)
{
	const struct ctable_row *x = *(struct ctable_row *const *)a;
	const struct ctable_row *y = *(struct ctable_row *const *)b;
	int c = strcmp(projects_service_of(x), projects_service_of(y));

	if (c != 0)
		return c;
	if ((c = strcmp(row_name(x), row_name(y))) != 0)
		return c;
	return x->engine - y->engine;
}

size_t
projects_rows(const struct ctable *t, const char *project, const char *service,
    struct ctable_row **rows, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < ctable_count(t); i++) {
		struct ctable_row *r = ctable_at(t, i);
		const char *p = records_label(&r->c, PROJECTS_LABEL_PROJECT);

		if (p == NULL || strcmp(p, project) != 0)
			continue;
		if (service != NULL && strcmp(projects_service_of(r), service) != 0)
			continue;
		if (n < cap)
			rows[n] = r;
		n++;
	}
	if (n > 1)
		qsort(rows, n < cap ? n : cap, sizeof *rows, cmp_row);
	return n;
}
