/* Container table: rows by (engine, id), updated from watcher messages. */
#include "model/ctable.h"

#include <stdlib.h>
#include <sys/types.h>
#include <string.h>

#include "xmalloc.h"

struct ctable {
	struct ctable_row **rows;
	size_t n, cap;
	unsigned gen;		/* source of row generations */
};

struct ctable *
ctable_new(void)
{
	return xcalloc(1, sizeof(struct ctable));
}

static void
row_free(struct ctable_row *r)
{
	records_container_clear(&r->c);
	identity_clear(&r->ident);
	free(r);
}

void
ctable_free(struct ctable *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		row_free(t->rows[i]);
	free(t->rows);
	free(t);
}

static ssize_t
find_idx(const struct ctable *t, int engine, const char *id)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i]->engine == engine && strcmp(t->rows[i]->c.id, id) == 0)
			return (ssize_t)i;
	return -1;
}

struct ctable_row *
ctable_find(const struct ctable *t, int engine, const char *id)
{
	ssize_t i = find_idx(t, engine, id);
	return i < 0 ? NULL : t->rows[i];
}

size_t
ctable_count(const struct ctable *t)
{
	return t->n;
}

struct ctable_row *
ctable_at(const struct ctable *t, size_t i)
{
	return i < t->n ? t->rows[i] : NULL;
}

/* Replace the row's record with *c (moved) and re-derive its identity. */
static void
row_set(struct ctable *t, struct ctable_row *r, struct dapi_container *c)
{
	bool was_running = r->c.state == DAPI_ST_RUNNING;

	records_container_clear(&r->c);
	r->c = *c;
	memset(c, 0, sizeof *c);
	identity_clear(&r->ident);
	identity_of(&r->c, &r->ident);
	if (was_running && r->c.state != DAPI_ST_RUNNING)
		r->has_stats = false;
	r->gen = ++t->gen;
}

bool
ctable_apply_container(struct ctable *t, int engine, struct dapi_container *c)
{
	ssize_t i = find_idx(t, engine, c->id);
	struct ctable_row *r;

	if (i >= 0) {
		r = t->rows[i];
	} else {
		t->rows = xgrowarray(t->rows, &t->cap, t->n + 1, sizeof *t->rows);
		r = xcalloc(1, sizeof *r);
		r->engine = engine;
		t->rows[t->n++] = r;
	}
	row_set(t, r, c);
	return true;
}

bool
ctable_remove(struct ctable *t, int engine, const char *id)
{
	ssize_t i = find_idx(t, engine, id);

	if (i < 0)
		return false;
	row_free(t->rows[i]);
	memmove(&t->rows[i], &t->rows[i + 1], (t->n - (size_t)i - 1) * sizeof *t->rows);
	t->n--;
	return true;
}

static bool
same_summary(const struct dapi_container *a, const struct dapi_container *b)
{
	return a->state == b->state && a->health == b->health &&
	    a->name != NULL && b->name != NULL && strcmp(a->name, b->name) == 0;
}

bool
ctable_apply_snapshot(struct ctable *t, int engine, struct dapi_container *arr, size_t n)
{
	bool changed = false;

	for (size_t i = t->n; i-- > 0;) {
		bool found = false;
		if (t->rows[i]->engine != engine)
			continue;
		for (size_t j = 0; j < n && !found; j++)
			found = strcmp(arr[j].id, t->rows[i]->c.id) == 0;
		if (!found) {
			ctable_remove(t, engine, t->rows[i]->c.id);
			changed = true;
		}
	}
	for (size_t j = 0; j < n; j++) {
		struct ctable_row *r = ctable_find(t, engine, arr[j].id);
		if (r != NULL && r->c.inspected && same_summary(&r->c, &arr[j])) {
			records_container_clear(&arr[j]);
			continue;
		}
		ctable_apply_container(t, engine, &arr[j]);
		changed = true;
	}
	return changed;
}

static bool
same_stats(const struct watcher_stat *a, const struct watcher_stat *b)
{
	return a->cpu_percent == b->cpu_percent && a->mem_used == b->mem_used &&
	    a->mem_limit == b->mem_limit && a->rx_rate == b->rx_rate &&
	    a->tx_rate == b->tx_rate && a->pids == b->pids &&
	    a->from_api == b->from_api;
}

bool
ctable_apply_stats(struct ctable *t, int engine, const struct watcher_stat *arr, size_t n)
{
	bool changed = false;

	for (size_t i = 0; i < n; i++) {
		struct ctable_row *r = ctable_find(t, engine, arr[i].id);
		if (r == NULL)
			continue;
		/* most containers idle: their figures repeat every second */
		if (r->has_stats && same_stats(&r->st, &arr[i]))
			continue;
		r->st = arr[i];
		r->has_stats = true;
		r->gen = ++t->gen;
		changed = true;
	}
	return changed;
}

void
ctable_clear_stats(struct ctable *t, int engine)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i]->engine == engine)
			t->rows[i]->has_stats = false;
}

bool
ctable_row_problem(const struct ctable_row *r)
{
	if (r->c.health == DAPI_HEALTH_UNHEALTHY || r->c.state == DAPI_ST_RESTARTING)
		return true;
	return (r->c.state == DAPI_ST_EXITED || r->c.state == DAPI_ST_DEAD) &&
	    r->c.exit_code != 0;
}

size_t
ctable_problem_count(const struct ctable *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++)
		n += ctable_row_problem(t->rows[i]);
	return n;
}
