/* Observed deploys: noticed on the UI thread from the model, journaled on a writer thread. */
#include "deploy/observe.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "deploy/journal.h"
#include "deploy/redeploy.h"
#include "dockerapi/dapi.h"
#include "dockerapi/fifo.h"
#include "model/identity.h"
#include "xmalloc.h"

#define MAX_GONE 64
#define GONE_TTL_S 600
/* a berth deploy of the same image this recent explains the replacement */
#define OWN_WINDOW_MS (15 * 60 * 1000)

struct gone {
	struct identity ident;
	char *name, *image, *image_id;
	int64_t created;
	int64_t t;		/* wall seconds */
};

struct qrec {
	struct fifo_link link;	/* first: a queued link is its qrec */
	json_t *rec;
};

struct observe {
	char *dir;
	struct endpoint ep;
	int engine;		/* its rows' index in the container table */
	bool read_only;
	struct gone gone[MAX_GONE];
	size_t ngone;
	pthread_t thread;
	pthread_mutex_t mu;	/* the counts */
	struct fifo queue;	/* records for the writer */
	unsigned written, skipped;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
gone_clear(struct gone *g)
{
	identity_clear(&g->ident);
	free(g->name);
	free(g->image);
	free(g->image_id);
	memset(g, 0, sizeof *g);
}

/* Frees o, its writer gone (or never started). */
static void
destroy(struct observe *o)
{
	for (size_t i = 0; i < o->ngone; i++)
		gone_clear(&o->gone[i]);
	fifo_destroy(&o->queue);
	pthread_mutex_destroy(&o->mu);
	endpoint_clear(&o->ep);
	free(o->dir);
	free(o);
}

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* ---------------------------------------------------------------- writer thread */

/* berth's own deploy (running, or recent with this image) explains it. */
static bool
is_own(struct observe *o, json_t *rec)
{
	const char *service = json_string_value(json_object_get(rec, "service"));
	const char *branch = json_string_value(json_object_get(rec, "branch"));
	const char *to = json_string_value(json_object_get(rec, "to_image"));
	int64_t t = json_integer_value(json_object_get(rec, "t"));
	struct journal_error je;
	struct journal_lock *lock;
	struct journal_lines l;
	struct journal_history h;
	bool own = false;

	lock = journal_lock_take(o->dir, o->ep.url, service, branch, 0, &je);
	if (lock == NULL)
		return true;	/* a deploy of the unit is running: it journals itself */
	journal_lock_release(lock);
	if (journal_read(o->dir, &l, &je) != 0)
		return false;
	journal_fold(&l, o->ep.url, service, branch, &h);
	journal_lines_clear(&l);
	for (size_t i = 0; i < h.n; i++) {
		const struct journal_entry *e = &h.e[i];
		if (e->via != NULL && strcmp(e->via, "observed") == 0) {
			if (streq(e->to_image, to) && t - e->start_ms < OWN_WINDOW_MS)
				own = true;	/* already recorded */
			continue;
		}
		if (streq(e->to_image, to) && t - e->start_ms < OWN_WINDOW_MS)
			own = true;
	}
	journal_history_clear(&h);
	return own;
}

static void
recover_at_start(struct observe *o, struct journal *j)
{
	struct dapi_client *c = dapi_client_new(&o->ep);
	struct dapi_error err;
	struct journal_error je;
	size_t n;

	if (dapi_ping(c, &err) == 0)
		(void)redeploy_recover(c, j, o->ep.url, NULL, &n, &je);
	dapi_client_free(c);
}

static void *
writer_main(void *arg)
{
	struct observe *o = arg;
	struct journal_error je;
	struct journal *j = journal_open(o->dir, &je);

	if (j != NULL && !o->read_only)
		recover_at_start(o, j);
	for (;;) {
		struct qrec *q;
		bool own;

		/* on stop, what is still queued is written first */
		if ((q = (struct qrec *)fifo_wait(&o->queue, true)) == NULL)
			break;
		own = is_own(o, q->rec);
		if (!own && j != NULL && journal_append(j, q->rec, &je) == 0) {
			pthread_mutex_lock(&o->mu);
			o->written++;
			pthread_mutex_unlock(&o->mu);
		} else if (own) {
			pthread_mutex_lock(&o->mu);
			o->skipped++;
			pthread_mutex_unlock(&o->mu);
		}
		json_decref(q->rec);
		free(q);
	}
	journal_free(j);
	return NULL;
}

struct observe *
observe_new(const char *dir, const struct endpoint *ep, int engine, bool read_only)
{
	struct observe *o = xcalloc(1, sizeof *o);

	o->dir = xstrdup(dir);
	endpoint_copy(&o->ep, ep);
	o->engine = engine;
	o->read_only = read_only;
	pthread_mutex_init(&o->mu, NULL);
	fifo_init(&o->queue);
	if (pthread_create(&o->thread, NULL, writer_main, o) != 0) {
		destroy(o);
		return NULL;
	}
	return o;
}

void
observe_free(struct observe *o)
{
	if (o == NULL)
		return;
	fifo_stop(&o->queue);
	pthread_join(o->thread, NULL);
	destroy(o);
}

void
observe_counts(struct observe *o, unsigned *written, unsigned *skipped)
{
	pthread_mutex_lock(&o->mu);
	*written = o->written;
	*skipped = o->skipped;
	pthread_mutex_unlock(&o->mu);
}

/* ---------------------------------------------------------------- UI thread */

static void
emit(struct observe *o, const struct gone *g, const struct ctable_row *to)
{
	struct qrec *q = xcalloc(1, sizeof *q);
	char id[32], by[128];
	/* the entry only lends these to journal_record (deploy/journal.c) */
	struct journal_entry e = {
		.id = id, .engine = o->ep.url, .service = g->ident.service, .branch = g->ident.branch,
		.container = to->c.name, .via = (char *)"observed", .observed_by = by,
		.from_ref = g->image, .from_image = g->image_id,
		.from_commit = g->ident.commit, .from_build = g->ident.build,
		.to_ref = to->c.image, .to_image = to->c.image_id,
		.commit = to->ident.commit, .build = to->ident.build,
		.result = JOURNAL_SUCCEEDED, .reason = (char *)"replaced outside berth",
	};
	json_t *r;

	journal_new_id(id, sizeof id);
	journal_who(by, sizeof by);
	r = journal_record(JOURNAL_EV_OBSERVED, &e);
	q->rec = r;
	fifo_push(&o->queue, &q->link);
}

static bool
is_berth_temp(const char *name)
{
	return name != NULL && (strstr(name, "-berth-new-") != NULL || strstr(name, "-berth-old-") != NULL);
}

/* A replacement: same unit, a different image, running. */
static bool
replaces(const struct gone *g, const struct ctable_row *r)
{
	return r->c.state == DAPI_ST_RUNNING && r->c.image_id != NULL &&
	    streq(r->ident.service, g->ident.service) && streq(r->ident.branch, g->ident.branch) &&
	    !streq(r->c.image_id, g->image_id) && r->c.created >= g->created &&
	    !is_berth_temp(r->c.name);
}

static void
drop_gone(struct observe *o, size_t i)
{
	gone_clear(&o->gone[i]);
	memmove(&o->gone[i], &o->gone[i + 1], (o->ngone - i - 1) * sizeof o->gone[0]);
	o->ngone--;
}

void
observe_removed(struct observe *o, struct ctable *t, const char *id)
{
	struct ctable_row *r = ctable_find(t, o->engine, id);
	struct gone g = { 0 };
	int64_t now = (int64_t)time(NULL);

	/* a deploy's temporary container (berth's, or one a killed berth left
	 * and recovery removes) never served the unit: it is not replaced */
	if (r == NULL || r->ident.branch == NULL || r->c.image_id == NULL ||
	    is_berth_temp(r->c.name))
		return;
	for (size_t i = o->ngone; i > 0; i--)
		if (now - o->gone[i - 1].t > GONE_TTL_S)
			drop_gone(o, i - 1);
	identity_copy(&g.ident, &r->ident);
	g.name = dup_or_null(r->c.name);
	g.image = dup_or_null(r->c.image);
	g.image_id = dup_or_null(r->c.image_id);
	g.created = r->c.created;
	g.t = now;
	/* the new one may already run (started before the old one went) */
	for (size_t i = 0; i < ctable_count(t); i++) {
		struct ctable_row *n = ctable_at(t, i);
		if (n != r && n->engine == o->engine && replaces(&g, n)) {
			emit(o, &g, n);
			gone_clear(&g);
			return;
		}
	}
	/* one remembered container per unit: the newest */
	for (size_t i = o->ngone; i > 0; i--)
		if (streq(o->gone[i - 1].ident.service, g.ident.service) &&
		    streq(o->gone[i - 1].ident.branch, g.ident.branch))
			drop_gone(o, i - 1);
	if (o->ngone == MAX_GONE)
		drop_gone(o, 0);
	o->gone[o->ngone++] = g;
}

bool
observe_apply_container(struct observe *o, struct ctable *t, struct dapi_container *c)
{
	char id[65];
	bool changed;
	struct ctable_row *r;

	snprintf(id, sizeof id, "%s", c->id);
	changed = ctable_apply_container(t, o->engine, c);
	if (o->ngone == 0 || (r = ctable_find(t, o->engine, id)) == NULL)
		return changed;
	/* the unit's most recently removed container is the one replaced */
	for (size_t i = o->ngone; i > 0; i--) {
		if (replaces(&o->gone[i - 1], r)) {
			emit(o, &o->gone[i - 1], r);
			drop_gone(o, i - 1);
			break;
		}
	}
	return changed;
}
