/* The newer-image check: model/updates.c's jobs, sent through app_job (TUI) or a blocking client (ps). */
#include "views/updcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/dapi.h"
#include "dockerapi/distrib.h"
#include "dockerapi/regauth.h"
#include "views/app.h"
#include "xmalloc.h"

/* A job's answer, decoded into c: the body of a 2xx answer, else NULL. */
static void
answer(struct updates_check *c, long i, enum updates_job_kind kind, const char *body,
    size_t len)
{
	struct decode_error de;
	char digest[160];
	char **rd = NULL;
	size_t n = 0;

	if (kind == UPDATES_JOB_IMAGE) {
		if (body != NULL && distrib_repo_digests_decode(body, len, &rd, &n, &de) != 0)
			rd = NULL, n = 0;
		updates_check_image(c, i, rd, n);
	} else {
		/* no credentials, a refusal, an unreachable registry: unknown */
		updates_check_remote(c, i, body != NULL &&
		    distrib_digest_decode(body, len, digest, sizeof digest, &de) == 0 ? digest : NULL);
	}
}

static int
job_path(const struct updates_job *j, char *buf, size_t n)
{
	return j->kind == UPDATES_JOB_IMAGE ? ctrapi_path_image_inspect(buf, n, j->key) :
	    ctrapi_path_distribution(buf, n, j->key);
}

struct job_arg {
	struct app *app;
	struct updates_state *u;
	unsigned long gen;
	long i;
	enum updates_job_kind kind;
};

static void send_due(struct app *app, struct updates_state *u);

/* UI thread (the app's jobs sink); no owner: the check outlives panes. */
static void
on_answer(void *arg, const struct jobs_result *r)
{
	struct job_arg *a = arg;
	struct updates_state *u = a->u;

	if (u->cur == NULL || a->gen != u->gen)
		return;
	answer(u->cur, a->i, a->kind, r->ok ? r->body : NULL, r->ok ? r->len : 0);
	send_due(a->app, u);
	a->app->dirty = true;
}

/*
 * Queue job j on its engine's pool; a registry's digest goes with the
 * docker CLI's credentials for it, looked up on the jobs thread (a
 * credential helper blocks). Returns 0 when it cannot be sent.
 */
static unsigned
submit(struct app *app, struct updates_state *u, long i, const struct updates_job *j,
    const char *path)
{
	struct app_engine *e = app_engine(app, j->engine);
	bool remote = j->kind == UPDATES_JOB_REMOTE;
	struct job_arg *a;

	if (e == NULL || e->jobs == NULL)
		return 0;
	a = xmalloc(sizeof *a);
	*a = (struct job_arg){ app, u, u->gen, i, j->kind };
	return jobs_submit_auth(e->jobs, NULL, path, NULL, remote ? j->key : NULL,
	    remote ? 20000 : 0, on_answer, a, free);
}

/* Send what c has to send now; a finished check becomes the last. */
static void
send_due(struct app *app, struct updates_state *u)
{
	struct updates_job j;
	char path[2048];
	long i;

	while ((i = updates_check_next(u->cur, &j)) >= 0) {
		/* an answer that never comes (no pool) still counts */
		if (job_path(&j, path, sizeof path) != 0 || submit(app, u, i, &j, path) == 0)
			answer(u->cur, i, j.kind, NULL, 0);
	}
	if (updates_check_done(u->cur)) {
		updates_check_free(u->last);
		u->last = u->cur;
		u->cur = NULL;
		app->dirty = true;
	}
}

static int
interval_min(const struct app *app)
{
	return app->opts.cfg != NULL ? app->opts.cfg->update_check_min :
	    CONFIG_DEFAULT_UPDATE_CHECK_MIN;
}

static struct updates_check *
check_of_table(const struct ctable *t)
{
	size_t n = ctable_count(t);
	struct ctable_row **rows = xcalloc(n + 1, sizeof *rows);
	struct updates_check *c;

	for (size_t i = 0; i < n; i++)
		rows[i] = ctable_at(t, i);
	c = updates_check_new(rows, n);
	free(rows);
	return c;
}

void
updcheck_poll(struct app *app)
{
	struct updates_state *u;

	if (interval_min(app) <= 0 || !app->synced)
		return;
	u = &app->updates;
	if (u->cur != NULL || (u->ran && app->now - u->started < interval_min(app) * 60))
		return;
	u->ran = true;
	u->started = app->now;
	u->gen++;
	u->cur = check_of_table(app->table);
	send_due(app, u);
}

enum updates_answer
updcheck_of(const struct app *app, const struct ctable_row *r)
{
	if (app->updates.last == NULL)
		return UPDATES_UNKNOWN;
	return updates_check_answer(app->updates.last, r->engine, r->c.image, r->c.image_id);
}

const char *
updcheck_mark(const struct app *app, const struct ctable_row *r)
{
	return updcheck_of(app, r) == UPDATES_AVAILABLE ? "^" : "";
}

struct updates_check *
updcheck_now(struct app *app)
{
	struct updates_check *c = check_of_table(app->table);
	struct dapi_client **cl = xcalloc((size_t)app->nengines + 1, sizeof *cl);
	struct updates_job j;
	char path[2048];
	long i;

	while ((i = updates_check_next(c, &j)) >= 0) {
		struct dapi_buf out = { 0 };
		struct dapi_error err;
		bool remote = j.kind == UPDATES_JOB_REMOTE, ok = false;
		char about[512], *hdr = NULL;

		/* as on the jobs threads: credentials that cannot be had send nothing */
		if (j.engine >= 0 && j.engine < app->nengines && job_path(&j, path, sizeof path) == 0 &&
		    (!remote || regauth_header(j.key, &hdr, about, sizeof about, &err) == 0)) {
			if (cl[j.engine] == NULL) {
				cl[j.engine] = dapi_client_new(&app->engines[j.engine].ep);
				(void)dapi_ping(cl[j.engine], &err);	/* the version */
			}
			ok = dapi_request_hdr(cl[j.engine], NULL, path, NULL, hdr,
			    remote ? 20000 : 0, &out, &err) == 0;
		}
		regauth_header_free(hdr);
		answer(c, i, j.kind, ok ? out.data : NULL, ok ? out.len : 0);
		dapi_buf_free(&out);
	}
	for (int e = 0; e < app->nengines; e++)
		dapi_client_free(cl[e]);
	free(cl);
	return c;
}
