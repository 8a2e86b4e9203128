/* The mark set: a small insertion-ordered array of (engine, id); a list pane holds a few hundred at most. */
#include "model/marks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ctable.h"
#include "xmalloc.h"

struct marks_entry {
	int engine;
	char id[65];
};

struct marks {
	struct marks_entry *v;
	size_t n, cap;
};

struct marks *
marks_new(void)
{
	return xcalloc(1, sizeof(struct marks));
}

void
marks_free(struct marks *m)
{
	free(m != NULL ? m->v : NULL);
	free(m);
}

static size_t
marks_index(const struct marks *m, int engine, const char *id)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].engine == engine && strncmp(m->v[i].id, id, 64) == 0)
			return i;
	return m->n;
}

bool
marks_has(const struct marks *m, int engine, const char *id)
{
	return marks_index(m, engine, id) < m->n;
}

void
marks_add(struct marks *m, int engine, const char *id)
{
	if (marks_has(m, engine, id))
		return;
	m->v = xgrowarray(m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n].engine = engine;
	snprintf(m->v[m->n].id, sizeof m->v[m->n].id, "%s", id);
	m->n++;
}

static void
marks_drop(struct marks *m, size_t i)
{
	memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof *m->v);
	m->n--;
}

bool
marks_toggle(struct marks *m, int engine, const char *id)
{
	size_t i = marks_index(m, engine, id);

	if (i < m->n) {
		marks_drop(m, i);
		return false;
	}
	marks_add(m, engine, id);
	return true;
}

void
marks_clear(struct marks *m)
{
	m->n = 0;
}

size_t
marks_count(const struct marks *m)
{
	return m->n;
}

const char *
marks_at(const struct marks *m, size_t i, int *engine)
{
	*engine = m->v[i].engine;
	return m->v[i].id;
}

size_t
marks_prune(struct marks *m, const struct ctable *t)
{
	size_t dropped = 0;

	for (size_t i = m->n; i-- > 0;)
		if (ctable_find(t, m->v[i].engine, m->v[i].id) == NULL) {
			marks_drop(m, i);
			dropped++;
		}
	return dropped;
}
