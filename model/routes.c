/* Routes: group containers by VIRTUAL_HOST name and find what a proxy would get wrong. */
#include "model/routes.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static struct routes_host *
host_get(struct routes_host **h, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*h)[i].host, name) == 0)
			return &(*h)[i];
	*h = xgrowarray(*h, cap, *n + 1, sizeof **h);
	memset(&(*h)[*n], 0, sizeof **h);
	(*h)[*n].host = xstrdup(name);
	return &(*h)[(*n)++];
}

/* Config.ExposedPorts, or the list's ports (private, each once) if more. */
static int
distinct_ports(const struct dapi_container *c)
{
	int n = 0;

	for (size_t p = 0; p < c->nports; p++) {
		bool seen = false;
		for (size_t q = 0; q < p; q++)
			seen |= c->ports[q].private_port == c->ports[p].private_port;
		n += !seen;
	}
	return n > c->exposed_ports ? n : c->exposed_ports;
}

static void
add_backend(struct routes_host *h, const struct ctable_row *r)
{
	struct routes_backend *b;

	for (size_t i = 0; i < h->nb; i++)
		if (h->b[i].engine == r->engine && strcmp(h->b[i].id, r->c.id) == 0)
			return;
	h->b = xreallocarray(h->b, h->nb + 1, sizeof *h->b);
	b = &h->b[h->nb++];
	b->engine = r->engine;
	b->id = xstrdup(r->c.id);
	b->name = xstrdup(r->c.name != NULL ? r->c.name : r->c.id);
	b->service = xstrdup(r->ident.service != NULL ? r->ident.service : b->name);
	b->branch = dup_or_null(r->ident.branch);
	b->port = r->c.virtual_port != NULL && r->c.virtual_port[0] != '\0' ?
	    xstrdup(r->c.virtual_port) : NULL;
	b->exposed = distinct_ports(&r->c);
	b->state = r->c.state;
	b->health = r->c.health;
}

/* Each name of a VIRTUAL_HOST list, trimmed. */
static void
add_row(struct routes_host **h, size_t *n, size_t *cap, const struct ctable_row *r)
{
	const char *s = r->c.virtual_host;

	while (s != NULL && *s != '\0') {
		const char *end = strchr(s, ',');
		size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
		const char *a = s;
		char name[256];

		while (len > 0 && (*a == ' ' || *a == '\t')) {
			a++;
			len--;
		}
		while (len > 0 && (a[len - 1] == ' ' || a[len - 1] == '\t'))
			len--;
		if (len > 0 && len < sizeof name) {
			memcpy(name, a, len);
			name[len] = '\0';
			add_backend(host_get(h, n, cap, name), r);
		}
		s = end != NULL ? end + 1 : NULL;
	}
}

static void
problem(struct routes_host *h, const char *line)
{
	h->problems = xreallocarray(h->problems, h->nproblems + 2, sizeof *h->problems);
	h->problems[h->nproblems++] = xstrdup(line);
	h->problems[h->nproblems] = NULL;
}

static bool
same_unit(const struct routes_backend *a, const struct routes_backend *b)
{
	return strcmp(a->service, b->service) == 0 &&
	    strcmp(a->branch != NULL ? a->branch : "", b->branch != NULL ? b->branch : "") == 0;
}

/* The unit "service/branch" (or "service") of b, into buf. */
static const char *
unit_name(const struct routes_backend *b, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", b->service, b->branch != NULL ? "/" : "",
	    b->branch != NULL ? b->branch : "");
	return buf;
}

static int
cmp_backend(const void *pa, const void *pb)
{
	const struct routes_backend *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	return c != 0 ? c : a->engine - b->engine;
}

static void
find_problems(struct routes_host *h)
{
	bool serving = false;
	char u1[300], u2[300], line[700];

	for (size_t i = 1; i < h->nb; i++) {
		if (!same_unit(&h->b[0], &h->b[i])) {
			snprintf(line, sizeof line, "claimed by different units: %s and %s",
			    unit_name(&h->b[0], u1, sizeof u1), unit_name(&h->b[i], u2, sizeof u2));
			problem(h, line);
			break;
		}
	}
	for (size_t i = 0; i < h->nb; i++)
		serving |= h->b[i].state == DAPI_ST_RUNNING && h->b[i].health != DAPI_HEALTH_UNHEALTHY;
	if (!serving)
		problem(h, h->nb == 1 ? "no backend serves: its only container is stopped or unhealthy" :
		    "no backend serves: every container is stopped or unhealthy");
	for (size_t i = 0; i < h->nb; i++) {
		if (h->b[i].port == NULL && h->b[i].exposed > 1) {
			snprintf(line, sizeof line, "%s exposes %d ports and sets no VIRTUAL_PORT",
			    h->b[i].name, h->b[i].exposed);
			problem(h, line);
		}
	}
}

static int
cmp_host(const void *pa, const void *pb)
{
	const struct routes_host *a = pa, *b = pb;

	if ((a->nproblems > 0) != (b->nproblems > 0))
		return a->nproblems > 0 ? -1 : 1;
	return strcmp(a->host, b->host);
}

struct routes_host *
routes_build(struct ctable_row *const *rows, size_t n, size_t *n_out)
{
	struct routes_host *h = NULL;
	size_t nh = 0, cap = 0;

	for (size_t i = 0; i < n; i++)
		add_row(&h, &nh, &cap, rows[i]);
	for (size_t i = 0; i < nh; i++) {
		qsort(h[i].b, h[i].nb, sizeof *h[i].b, cmp_backend);
		find_problems(&h[i]);
	}
	if (nh > 0)
		qsort(h, nh, sizeof *h, cmp_host);
	*n_out = nh;
	return h;
}

struct routes_host *
routes_of_table(const struct ctable *t, size_t *n_out)
{
	size_t n = ctable_count(t);
	struct ctable_row **rows = xcalloc(n + 1, sizeof *rows);
	struct routes_host *h;

	for (size_t i = 0; i < n; i++)
		rows[i] = ctable_at(t, i);
	h = routes_build(rows, n, n_out);
	free(rows);
	return h;
}

#define B(f) offsetof(struct routes_backend, f)
static const size_t backend_strs[] = { B(id), B(name), B(service), B(branch), B(port) };
#undef B

void
routes_host_clear(struct routes_host *h)
{
	for (size_t k = 0; k < h->nb; k++)
		xfree_members(&h->b[k], backend_strs, sizeof backend_strs / sizeof backend_strs[0]);
	free(h->b);
	xstrv_free(h->problems);
	free(h->host);
	memset(h, 0, sizeof *h);
}

void
routes_free(struct routes_host *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		routes_host_clear(&h[i]);
	free(h);
}
