/* The newer-image check: model/updates.c's jobs, sent through app_job (TUI) or a blocking client (ps). */
#include "views/updcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/dapi.h"
#include "dockerapi/distrib.h"
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
	struct updates_state *u;
	unsigned long gen;
	long i;
	enum updates_job_kind kind;
};

static void send_due(struct app *app, struct updates_state *u);

static void
on_answer(struct app *app, void *arg, const struct jobs_result *r)
{
	struct job_arg *a = arg;
	struct updates_state *u = a->u;

	if (u->cur == NULL || a->gen != u->gen)
		return;
	answer(u->cur, a->i, a->kind, r->ok ? r->body : NULL, r->ok ? r->len : 0);
	send_due(app, u);
}

/* Send what c has to send now; a finished check becomes the last. */
static void
send_due(struct app *app, struct updates_state *u)
{
	struct updates_job j;
	char path[2048];
	long i;

	while ((i = updates_check_next(u->cur, &j)) >= 0) {
		struct job_arg *a = xmalloc(sizeof *a);
		*a = (struct job_arg){ u, u->gen, i, j.kind };
		/* an answer that never comes (no pool) still counts */
		if (job_path(&j, path, sizeof path) != 0 ||
		    app_job(app, j.engine, APP_NO_OWNER, NULL, path, NULL,
		    j.kind == UPDATES_JOB_REMOTE ? 20000 : 0, on_answer, a, free) == 0)
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
		bool ok = false;

		if (j.engine >= 0 && j.engine < app->nengines && job_path(&j, path, sizeof path) == 0) {
			if (cl[j.engine] == NULL) {
				cl[j.engine] = dapi_client_new(&app->engines[j.engine].ep);
				(void)dapi_ping(cl[j.engine], &err);	/* the version */
			}
			ok = dapi_request(cl[j.engine], NULL, path, NULL,
			    j.kind == UPDATES_JOB_REMOTE ? 20000 : 0, &out, &err) == 0;
		}
		answer(c, i, j.kind, ok ? out.data : NULL, ok ? out.len : 0);
		dapi_buf_free(&out);
	}
	for (int e = 0; e < app->nengines; e++)
		dapi_client_free(cl[e]);
	free(cl);
	return c;
}
