/* The newer-image check: image requests first, then one registry request per reference. */
#include "model/updates.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct job {
	enum updates_job_kind kind;
	int engine;
	char *key;
	bool sent, answered;
	char **rd;		/* IMAGE: RepoDigests, NULL-terminated */
	size_t nrd;
	char *digest;		/* REMOTE: the registry's, NULL if it failed */
};

/* One running container's (engine, reference, image). */
struct use {
	int engine;
	char *ref, *image_id;
};

static const size_t job_strs[] = { offsetof(struct job, key), offsetof(struct job, digest) };
static const size_t use_strs[] = { offsetof(struct use, ref), offsetof(struct use, image_id) };

struct updates_check {
	struct job *jobs;
	size_t njobs, cap;
	struct use *uses;
	size_t nuses;
	bool remote_planned;
};

bool
updates_checkable(const char *ref)
{
	if (ref == NULL || ref[0] == '\0' || strchr(ref, '@') != NULL ||
	    strncmp(ref, "sha256:", 7) == 0)
		return false;
	/* a bare image id (as `docker run 1a2b3c...` leaves it) */
	return !(strlen(ref) >= 12 && strspn(ref, "0123456789abcdef") == strlen(ref));
}

/* The length of ref's repository: without ":tag" (a ':' after the last '/'). */
static size_t
repo_len(const char *ref)
{
	const char *slash = strrchr(ref, '/'), *colon = strrchr(ref, ':');

	if (colon != NULL && (slash == NULL || colon > slash))
		return (size_t)(colon - ref);
	return strlen(ref);
}

enum updates_answer
updates_compare(const char *ref, char *const *rd, size_t n, const char *remote)
{
	size_t rl = repo_len(ref);
	bool from_there = false;

	for (size_t i = 0; i < n; i++) {
		const char *at = strchr(rd[i], '@');
		if (at == NULL || (size_t)(at - rd[i]) != rl || strncmp(rd[i], ref, rl) != 0)
			continue;
		from_there = true;
		if (remote != NULL && strcmp(at + 1, remote) == 0)
			return UPDATES_CURRENT;
	}
	return from_there && remote != NULL ? UPDATES_AVAILABLE : UPDATES_UNKNOWN;
}

static struct job *
find_job(const struct updates_check *c, enum updates_job_kind kind, int engine, const char *key)
{
	for (size_t i = 0; i < c->njobs; i++)
		if (c->jobs[i].kind == kind && c->jobs[i].engine == engine &&
		    strcmp(c->jobs[i].key, key) == 0)
			return &c->jobs[i];
	return NULL;
}

static void
add_job(struct updates_check *c, enum updates_job_kind kind, int engine, const char *key)
{
	if (find_job(c, kind, engine, key) != NULL)
		return;
	c->jobs = xgrowarray(c->jobs, &c->cap, c->njobs + 1, sizeof *c->jobs);
	memset(&c->jobs[c->njobs], 0, sizeof c->jobs[0]);
	c->jobs[c->njobs].kind = kind;
	c->jobs[c->njobs].engine = engine;
	c->jobs[c->njobs++].key = xstrdup(key);
}

struct updates_check *
updates_check_new(struct ctable_row *const *rows, size_t n)
{
	struct updates_check *c = xcalloc(1, sizeof *c);

	c->uses = xcalloc(n + 1, sizeof *c->uses);
	for (size_t i = 0; i < n; i++) {
		const struct dapi_container *d = &rows[i]->c;
		if (d->state != DAPI_ST_RUNNING || !updates_checkable(d->image) ||
		    d->image_id == NULL || d->image_id[0] == '\0')
			continue;
		c->uses[c->nuses].engine = rows[i]->engine;
		c->uses[c->nuses].ref = xstrdup(d->image);
		c->uses[c->nuses++].image_id = xstrdup(d->image_id);
		add_job(c, UPDATES_JOB_IMAGE, rows[i]->engine, d->image_id);
	}
	return c;
}

void
updates_check_free(struct updates_check *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->njobs; i++) {
		xfree_members(&c->jobs[i], job_strs, 2);
		xstrv_free(c->jobs[i].rd);
	}
	for (size_t i = 0; i < c->nuses; i++)
		xfree_members(&c->uses[i], use_strs, 2);
	free(c->jobs);
	free(c->uses);
	free(c);
}

static bool
all_answered(const struct updates_check *c)
{
	size_t n = 0;

	while (n < c->njobs && c->jobs[n].answered)
		n++;
	return n == c->njobs;
}

/* Once the images are known: a registry request for each reference
 * that some image came from. */
static void
plan_remote(struct updates_check *c)
{
	c->remote_planned = true;
	for (size_t i = 0; i < c->nuses; i++) {
		const struct use *u = &c->uses[i];
		const struct job *im = find_job(c, UPDATES_JOB_IMAGE, u->engine, u->image_id);
		if (im != NULL && updates_compare(u->ref, im->rd, im->nrd, "") != UPDATES_UNKNOWN)
			add_job(c, UPDATES_JOB_REMOTE, u->engine, u->ref);
	}
}

long
updates_check_next(struct updates_check *c, struct updates_job *job)
{
	if (!c->remote_planned && all_answered(c))
		plan_remote(c);
	for (size_t i = 0; i < c->njobs; i++) {
		if (c->jobs[i].sent)
			continue;
		c->jobs[i].sent = true;
		*job = (struct updates_job){ c->jobs[i].kind, c->jobs[i].engine, c->jobs[i].key };
		return (long)i;
	}
	return -1;
}

void
updates_check_image(struct updates_check *c, long i, char **rd, size_t n)
{
	struct job *j = &c->jobs[i];

	j->answered = true;
	j->rd = rd;
	j->nrd = n;
}

void
updates_check_remote(struct updates_check *c, long i, const char *digest)
{
	struct job *j = &c->jobs[i];

	j->answered = true;
	j->digest = digest != NULL ? xstrdup(digest) : NULL;
}

bool
updates_check_done(const struct updates_check *c)
{
	return c->remote_planned && all_answered(c);
}

enum updates_answer
updates_check_answer(const struct updates_check *c, int engine, const char *ref,
    const char *image_id)
{
	const struct job *im, *rm;

	if (c == NULL || ref == NULL || image_id == NULL || !updates_checkable(ref))
		return UPDATES_UNKNOWN;
	im = find_job(c, UPDATES_JOB_IMAGE, engine, image_id);
	rm = find_job(c, UPDATES_JOB_REMOTE, engine, ref);
	if (im == NULL || rm == NULL || !rm->answered)
		return UPDATES_UNKNOWN;
	return updates_compare(ref, im->rd, im->nrd, rm->digest);
}

size_t
updates_check_count(const struct updates_check *c, enum updates_job_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < c->njobs; i++)
		n += c->jobs[i].kind == kind && c->jobs[i].sent;
	return n;
}

void
updates_state_clear(struct updates_state *s)
{
	updates_check_free(s->last);
	updates_check_free(s->cur);
	memset(s, 0, sizeof *s);
}
