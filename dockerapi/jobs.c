/* A small pool of worker threads running queued engine requests. */
#include "dockerapi/jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/dapi.h"
#include "dockerapi/fifo.h"
#include "dockerapi/regauth.h"
#include "xmalloc.h"

#define MAX_WORKERS 4

struct job {
	struct fifo_link link;	/* first: a queued link is its job */
	unsigned id;
	void (*on_done)(void *arg, const struct jobs_result *r);
	void *arg;
	void (*arg_free)(void *arg);
	char *method;
	char *path;
	char *body;
	char *auth_ref;		/* send ref's registry credentials, or NULL */
	long timeout_ms;
};

/* ids are unique across all pools (one per engine) */
static atomic_uint next_id;

struct jobs {
	struct endpoint ep;
	struct jobs_sink sink;
	bool read_only;
	struct fifo queue;
	pthread_t threads[MAX_WORKERS];
	int nthreads;
};

static void
job_free(struct job *jb)
{
	if (jb->arg_free != NULL)	/* never run: the pool is going away */
		jb->arg_free(jb->arg);
	free(jb->method);
	free(jb->path);
	free(jb->body);
	free(jb->auth_ref);
	free(jb);
}

void
jobs_result_call(const struct jobs_result *r)
{
	if (r != NULL && r->on_done != NULL)
		r->on_done(r->arg, r);
}

void
jobs_result_free(struct jobs_result *r)
{
	if (r == NULL)
		return;
	if (r->arg_free != NULL)
		r->arg_free(r->arg);
	free(r->error);
	free(r->body);
	free(r);
}

/* The X-Registry-Auth line for jb's auth_ref into *hdr (NULL: none, or no
 * auth_ref); -1 with r->error when the credentials cannot be had. Blocks:
 * a credential helper may run. */
static int
job_auth(const struct job *jb, char **hdr, struct jobs_result *r)
{
	struct dapi_error err = { 0 };
	char about[512], msg[400];

	*hdr = NULL;
	if (jb->auth_ref == NULL || regauth_header(jb->auth_ref, hdr, about, sizeof about,
	    &err) == 0)
		return 0;
	snprintf(msg, sizeof msg, "registry credentials: %s", err.text);
	r->error = xstrdup(msg);
	return -1;
}

static void
run_job(struct jobs *j, struct dapi_client *c, bool *pinged, struct job *jb)
{
	struct jobs_result *r = xcalloc(1, sizeof *r);
	struct dapi_buf b = { 0 };
	struct dapi_error err = { 0 };
	char *hdr = NULL;
	bool mutating = jb->method != NULL && strcmp(jb->method, "GET") != 0 &&
	    strcmp(jb->method, "HEAD") != 0;

	r->id = jb->id;
	/* the result owns the callback's arg from here on */
	r->on_done = jb->on_done;
	r->arg = jb->arg;
	r->arg_free = jb->arg_free;
	jb->arg_free = NULL;
	if (mutating && j->read_only) {
		/* The last line of defence: nothing mutating leaves berth. */
		char msg[300];
		snprintf(msg, sizeof msg, "read-only: refused %s %s", jb->method, jb->path);
		r->error = xstrdup(msg);
		goto out;
	}
	if (!*pinged) {
		if (dapi_ping(c, &err) != 0) {
			r->error = xstrdup(err.text);
			goto out;
		}
		*pinged = true;
	}
	if (job_auth(jb, &hdr, r) != 0)
		goto out;
	if (dapi_request_hdr(c, jb->method, jb->path, jb->body, hdr, jb->timeout_ms, &b,
	    &err) == 0) {
		r->ok = true;
	} else {
		r->error = xstrdup(err.text);
		if (err.status == 0)
			*pinged = false;	/* transport failure: renegotiate next time */
	}
	r->status = err.status;
	r->body = b.data;
	r->len = b.len;
	b.data = NULL;
out:
	regauth_header_free(hdr);
	dapi_buf_free(&b);
	j->sink.done(j->sink.arg, r);
}

static void *
worker_main(void *arg)
{
	struct jobs *j = arg;
	struct dapi_client *c = dapi_client_new(&j->ep);
	bool pinged = false;

	for (;;) {
		struct job *jb;

		/* on stop, what is still queued is jobs_free's */
		if ((jb = (struct job *)fifo_wait(&j->queue, false)) == NULL)
			break;
		run_job(j, c, &pinged, jb);
		job_free(jb);
	}
	dapi_client_free(c);
	return NULL;
}

struct jobs *
jobs_new(const struct endpoint *ep, const struct jobs_sink *sink, int nworkers,
    bool read_only)
{
	struct jobs *j = xcalloc(1, sizeof *j);

	endpoint_copy(&j->ep, ep);
	j->sink = *sink;
	j->read_only = read_only;
	fifo_init(&j->queue);
	if (nworkers < 1)
		nworkers = 1;
	if (nworkers > MAX_WORKERS)
		nworkers = MAX_WORKERS;
	for (int i = 0; i < nworkers; i++) {
		if (pthread_create(&j->threads[i], NULL, worker_main, j) != 0)
			break;
		j->nthreads++;
	}
	if (j->nthreads == 0) {
		jobs_free(j);
		return NULL;
	}
	return j;
}

void
jobs_free(struct jobs *j)
{
	struct job *jb;

	if (j == NULL)
		return;
	fifo_stop(&j->queue);
	for (int i = 0; i < j->nthreads; i++)
		pthread_join(j->threads[i], NULL);
	while ((jb = (struct job *)fifo_pop(&j->queue)) != NULL)
		job_free(jb);
	fifo_destroy(&j->queue);
	endpoint_clear(&j->ep);
	free(j);
}

unsigned
jobs_submit(struct jobs *j, const char *method, const char *path,
    const char *body, long timeout_ms,
    void (*on_done)(void *arg, const struct jobs_result *r), void *arg,
    void (*arg_free)(void *arg))
{
	return jobs_submit_auth(j, method, path, body, NULL, timeout_ms, on_done, arg,
	    arg_free);
}

unsigned
jobs_submit_auth(struct jobs *j, const char *method, const char *path,
    const char *body, const char *auth_ref, long timeout_ms,
    void (*on_done)(void *arg, const struct jobs_result *r), void *arg,
    void (*arg_free)(void *arg))
{
	struct job *jb = xcalloc(1, sizeof *jb);
	unsigned id;

	jb->method = method != NULL ? xstrdup(method) : NULL;
	jb->path = xstrdup(path);
	jb->body = body != NULL ? xstrdup(body) : NULL;
	jb->auth_ref = auth_ref != NULL ? xstrdup(auth_ref) : NULL;
	jb->timeout_ms = timeout_ms;
	jb->on_done = on_done;
	jb->arg = arg;
	jb->arg_free = arg_free;
	id = jb->id = atomic_fetch_add(&next_id, 1) + 1;
	fifo_push(&j->queue, &jb->link);
	return id;
}
