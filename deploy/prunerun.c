/* A prune's I/O: the lists, the journal, the removals and the disk use before and after. */
#include "deploy/prunerun.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dockerapi/ctrapi.h"
#include "xmalloc.h"

/* The lists prunerun_gather asks for. */
enum prunerun_list { LIST_USERS, LIST_IMAGES, LIST_VOLUMES, LIST_NETWORKS };

/* GET list `which` into d. Returns 0 or -1 with err. */
static int
get_list(struct dapi_client *c, enum prunerun_list which, struct prunerun_data *d,
    char *err, size_t errsz)
{
	static const struct {
		const char *path;
		enum resources_list kind;
		size_t off, noff;	/* the array and its count in d */
	} lists[] = {
		[LIST_USERS] = { "/containers/json?all=1", RESOURCES_USERS,
		    offsetof(struct prunerun_data, users), offsetof(struct prunerun_data, nusers) },
		[LIST_IMAGES] = { "/images/json", RESOURCES_IMAGES,
		    offsetof(struct prunerun_data, images), offsetof(struct prunerun_data, nimages) },
		[LIST_VOLUMES] = { "/volumes", RESOURCES_VOLUMES,
		    offsetof(struct prunerun_data, volumes), offsetof(struct prunerun_data, nvolumes) },
		[LIST_NETWORKS] = { "/networks", RESOURCES_NETWORKS, offsetof(struct prunerun_data,
		    networks), offsetof(struct prunerun_data, nnetworks) },
	};
	struct dapi_buf b = { 0 };
	struct dapi_error de;
	struct decode_error ce;
	int rc = -1;

	if (dapi_request(c, NULL, lists[which].path, NULL, 60000, &b, &de) != 0) {
		snprintf(err, errsz, "GET %s: %s", lists[which].path, de.text);
		dapi_buf_free(&b);
		return -1;
	}
	if ((rc = resources_decode(lists[which].kind, b.data, b.len, (char *)d + lists[which].off,
	    (size_t *)(void *)((char *)d + lists[which].noff), &ce)) != 0)
		snprintf(err, errsz, "%s", ce.text);
	dapi_buf_free(&b);
	return rc;
}

static int
get_df(struct dapi_client *c, struct resources_df *df)
{
	struct dapi_buf b = { 0 };
	struct dapi_error de;
	struct decode_error ce;
	int rc = -1;

	if (dapi_request(c, NULL, "/system/df", NULL, 120000, &b, &de) == 0 &&
	    resources_df_decode(b.data, b.len, df, &ce) == 0)
		rc = 0;
	dapi_buf_free(&b);
	return rc;
}

int64_t
prunerun_df_total(struct dapi_client *c)
{
	struct resources_df df;
	int64_t t;

	if (get_df(c, &df) != 0)
		return -1;
	t = df.images.size + df.containers.size + df.volumes.size;
	resources_df_clear(&df);
	return t;
}

int
prunerun_gather(struct dapi_client *c, bool images, bool volumes, bool networks,
    struct prunerun_data *d, char *err, size_t errsz)
{
	memset(d, 0, sizeof *d);
	if (get_list(c, LIST_USERS, d, err, errsz) != 0 ||
	    (images && get_list(c, LIST_IMAGES, d, err, errsz) != 0) ||
	    (volumes && get_list(c, LIST_VOLUMES, d, err, errsz) != 0) ||
	    (networks && get_list(c, LIST_NETWORKS, d, err, errsz) != 0))
		return -1;
	d->have_df = get_df(c, &d->df) == 0;
	return 0;
}

int
prunerun_plan(struct dapi_client *c, const char *dir, const char *engine,
    const struct prune_opts *o, struct prunerun_data *d, struct prune_plan *plan,
    char *err, size_t errsz)
{
	struct journal_lines l;
	struct journal_error je;
	struct prune_input in;

	memset(plan, 0, sizeof *plan);
	if (prunerun_gather(c, o->images, o->volumes, o->networks, d, err, errsz) != 0)
		return -1;
	if (journal_read(dir, &l, &je) != 0) {
		snprintf(err, errsz, "%s", je.text);
		return -1;
	}
	journal_fold(&l, engine, NULL, NULL, &d->h);
	journal_lines_clear(&l);
	in = (struct prune_input){ d->images, d->nimages, d->users, d->nusers, d->volumes,
	    d->nvolumes, d->networks, d->nnetworks, d->have_df ? &d->df : NULL, &d->h };
	prune_plan_make(&in, o, plan);
	return 0;
}

void
prunerun_data_clear(struct prunerun_data *d)
{
	resources_free(RESOURCES_IMAGES, d->images, d->nimages);
	resources_free(RESOURCES_USERS, d->users, d->nusers);
	resources_free(RESOURCES_VOLUMES, d->volumes, d->nvolumes);
	resources_free(RESOURCES_NETWORKS, d->networks, d->nnetworks);
	if (d->have_df)
		resources_df_clear(&d->df);
	journal_history_clear(&d->h);
	memset(d, 0, sizeof *d);
}

int
prunerun_path_image(char *buf, size_t sz, const char *ref)
{
	char enc[1024];

	if (dapi_urlencode(ref, enc, sizeof enc) >= sizeof enc ||
	    (size_t)snprintf(buf, sz, "/images/%s", enc) >= sz) {
		if (sz > 0)
			buf[0] = '\0';
		return -1;
	}
	return 0;
}

/* DELETE path; a 404 (gone already) counts. */
static int
delete_one(struct dapi_client *c, const char *path, struct dapi_error *de)
{
	struct dapi_buf b = { 0 };
	int rc = dapi_request(c, "DELETE", path, NULL, 60000, &b, de);

	dapi_buf_free(&b);
	return rc == 0 || de->status == 404 ? 0 : -1;
}

static int
remove_item(struct dapi_client *c, const struct prune_item *it, struct dapi_error *de)
{
	char path[1200], enc[1024];

	switch (it->kind) {
	case PRUNE_CONTAINER:
		ctrapi_path_remove(path, sizeof path, it->id, false, false);
		return delete_one(c, path, de);
	case PRUNE_IMAGE:
		if (it->ntags == 0) {
			prunerun_path_image(path, sizeof path, it->id);
			return delete_one(c, path, de);
		}
		for (size_t t = 0; t < it->ntags; t++) {
			prunerun_path_image(path, sizeof path, it->tags[t]);
			if (delete_one(c, path, de) != 0)
				return -1;
		}
		return 0;
	case PRUNE_VOLUME:
	case PRUNE_NETWORK:
		dapi_urlencode(it->id, enc, sizeof enc);
		snprintf(path, sizeof path, "/%s/%s", it->kind == PRUNE_VOLUME ? "volumes" :
		    "networks", enc);
		return delete_one(c, path, de);
	}
	return -1;
}

size_t
prunerun_apply(struct dapi_client *c, const struct prune_plan *plan, prunerun_say *say,
    void *arg)
{
	size_t failed = 0;

	for (size_t i = 0; i < plan->n; i++) {
		const struct prune_item *it = &plan->items[i];
		struct dapi_error de = { "", 0 };
		int rc;

		if (!it->go)
			continue;
		rc = remove_item(c, it, &de);
		if (rc != 0)
			failed++;
		if (say != NULL)
			say(arg, it, rc, rc != 0 ? de.text : "");
	}
	return failed;
}

/* ---------------------------------------------------------------- on a thread */

void
prunerun_snapshot_free(void *p)
{
	struct prunerun_snapshot *s = p;

	if (s != NULL) {
		prunerun_data_clear(&s->d);
		prune_plan_clear(&s->plan);
	}
	free(s);
}

struct prunerun_gate {
	pthread_mutex_t mu;
	pthread_cond_t idle;
	int running;		/* workers not finished */
	int refs;		/* the pane's, and one per worker */
	bool closed;
};

struct prunerun_gate *
prunerun_gate_new(void)
{
	struct prunerun_gate *g = xcalloc(1, sizeof *g);

	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->idle, NULL);
	g->refs = 1;
	return g;
}

/* Drop one reference, g->mu held; the last frees g. */
static void
gate_unref(struct prunerun_gate *g)
{
	bool last = --g->refs == 0;

	pthread_mutex_unlock(&g->mu);
	if (last) {
		pthread_cond_destroy(&g->idle);
		pthread_mutex_destroy(&g->mu);
		free(g);
	}
}

void
prunerun_gate_close(struct prunerun_gate *g, long wait_ms)
{
	struct timespec until;

	if (g == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += wait_ms / 1000;
	until.tv_nsec += (wait_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&g->mu);
	while (g->running > 0 && pthread_cond_timedwait(&g->idle, &g->mu, &until) == 0)
		;
	g->closed = true;
	gate_unref(g);
}

void
prunerun_gate_hold(struct prunerun_gate *g)
{
	pthread_mutex_lock(&g->mu);
	g->running++;
	g->refs++;
	pthread_mutex_unlock(&g->mu);
}

bool
prunerun_gate_call(struct prunerun_gate *g, void (*fn)(void *arg), void *arg)
{
	bool open;

	pthread_mutex_lock(&g->mu);
	if ((open = !g->closed))
		fn(arg);
	pthread_mutex_unlock(&g->mu);
	return open;
}

/* Whether g is closed to its workers, after closing it when set. */
static bool
gate_closed(struct prunerun_gate *g, bool set)
{
	bool closed;

	pthread_mutex_lock(&g->mu);
	g->closed = g->closed || set;
	closed = g->closed;
	pthread_mutex_unlock(&g->mu);
	return closed;
}

void
prunerun_gate_stop(struct prunerun_gate *g)
{
	(void)gate_closed(g, true);
}

bool
prunerun_gate_stopped(struct prunerun_gate *g)
{
	return gate_closed(g, false);
}

void
prunerun_gate_release(struct prunerun_gate *g)
{
	pthread_mutex_lock(&g->mu);
	g->running--;
	pthread_cond_broadcast(&g->idle);
	gate_unref(g);
}

struct prunerun_task {
	struct prunerun_gate *gate;
	struct endpoint ep;
	char *dir, *engine;
	struct prune_opts o;
	struct prune_plan plan;	/* apply: the plan taken */
	bool apply, read_only;
	prunerun_done *done;
	void *arg;
};

static void
prunerun_first_error(void *arg, const struct prune_item *it, int rc, const char *msg)
{
	struct prunerun_snapshot *s = arg;

	if (rc != 0 && s->first_error[0] == '\0')
		snprintf(s->first_error, sizeof s->first_error, "%s %.100s: %s",
		    prune_kind_name(it->kind), it->name, msg);
}

/* The answer through the gate (or dropped when it has closed), then t is freed. */
static void
task_finish(struct prunerun_task *t, struct prunerun_snapshot *s)
{
	struct prunerun_gate *g = t->gate;

	pthread_mutex_lock(&g->mu);
	if (!g->closed)
		t->done(t->arg, s);
	else {
		prunerun_snapshot_free(s);
		free(t->arg);
	}
	g->running--;
	pthread_cond_broadcast(&g->idle);
	gate_unref(g);
	prune_plan_clear(&t->plan);
	endpoint_clear(&t->ep);
	free(t->dir);
	free(t->engine);
	free(t);
}

static void *
prunerun_thread(void *p)
{
	struct prunerun_task *t = p;
	struct prunerun_snapshot *s = xcalloc(1, sizeof *s);
	struct dapi_client *c = dapi_client_new(&t->ep);
	struct dapi_error de;

	s->reclaimed = -1;
	if (t->apply && t->read_only) {
		s->rc = -1;
		snprintf(s->err, sizeof s->err, "read-only: prune is disabled");
	} else if (dapi_ping(c, &de) != 0) {
		s->rc = -1;
		snprintf(s->err, sizeof s->err, "%s", de.text);
	} else if (t->apply) {
		int64_t before = prunerun_df_total(c), after;
		s->plan = t->plan;
		memset(&t->plan, 0, sizeof t->plan);
		s->applied = true;
		s->failed = prunerun_apply(c, &s->plan, prunerun_first_error, s);
		after = prunerun_df_total(c);
		if (before >= 0 && after >= 0)
			s->reclaimed = before > after ? before - after : 0;
	} else
		s->rc = prunerun_plan(c, t->dir, t->engine, &t->o, &s->d, &s->plan, s->err,
		    sizeof s->err);
	dapi_client_free(c);
	task_finish(t, s);
	return NULL;
}

static void
prunerun_spawn(struct prunerun_task *t)
{
	pthread_t th;

	prunerun_gate_hold(t->gate);
	if (pthread_create(&th, NULL, prunerun_thread, t) == 0)
		pthread_detach(th);	/* it frees t itself */
	else {
		struct prunerun_snapshot *s = xcalloc(1, sizeof *s);
		s->rc = -1;
		snprintf(s->err, sizeof s->err, "cannot start a thread");
		task_finish(t, s);
	}
}

void
prunerun_async_plan(struct prunerun_gate *g, const struct endpoint *ep, const char *dir,
    const char *engine, const struct prune_opts *o, prunerun_done *done, void *arg)
{
	struct prunerun_task *t = xcalloc(1, sizeof *t);

	t->gate = g;
	endpoint_copy(&t->ep, ep);
	t->dir = xstrdup(dir);
	t->engine = xstrdup(engine);
	t->o = *o;
	t->o.service = t->o.branch = NULL;
	t->done = done;
	t->arg = arg;
	prunerun_spawn(t);
}

void
prunerun_async_apply(struct prunerun_gate *g, const struct endpoint *ep,
    struct prune_plan *plan, bool read_only, prunerun_done *done, void *arg)
{
	struct prunerun_task *t = xcalloc(1, sizeof *t);

	t->gate = g;
	endpoint_copy(&t->ep, ep);
	t->plan = *plan;
	memset(plan, 0, sizeof *plan);
	t->apply = true;
	t->read_only = read_only;
	t->done = done;
	t->arg = arg;
	prunerun_spawn(t);
}
