/* The logs pane's sources: one stream per container, batches into the one
 * ring (SGR styles parsed, the rest sanitized), and a unit's redeploys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/cdetail.h"
#include "dockerapi/ctrapi.h"
#include "dockerapi/logframe.h"
#include "dockerapi/logstream.h"
#include "model/logring.h"
#include "tui/logstyle.h"
#include "tui/sanitize.h"
#include "tui/sgr.h"
#include "views/logsrc.h"
#include "xmalloc.h"

#define TAIL_LINES 1000
#define MAX_SPANS 64		/* style changes kept per line */

static void lv_batch(struct app *app, void *arg, void *payload);

static void
batch_free(void *payload)
{
	logstream_batch_free(payload);
}

/* The follower thread: hand the batch to the pane on the UI thread. */
static void
batch_in(void *arg, struct logstream_batch *b)
{
	struct lview *v = arg;

	app_post(v->app, v->self, lv_batch, v, b, batch_free);
}

static void
start_stream(struct lview *v, struct app *app, struct lsrc *s, bool tty)
{
	struct app_engine *e = app_engine(app, s->engine);
	struct logstream_opts o = {
		.id = s->id, .tty = tty, .tail = TAIL_LINES, .timestamps = true,
		.version = e != NULL ? e->api_version : "", .max_pending = logring_max_lines(v->ring),
		.tag = s->tag,
	};
	struct logstream_sink sink = { .batch = batch_in, .arg = v };

	s->stream = e != NULL ? logstream_start(&e->ep, &o, &sink) : NULL;
	if (s->stream == NULL) {
		s->ended = true;
		snprintf(v->note, sizeof v->note, "cannot start the log thread");
	}
}

/* An inspect's answer is for the source that still has its tag. */
struct lv_ask {
	struct lview *v;
	unsigned tag;
};

static struct lsrc *
src_of_tag(struct lview *v, unsigned tag)
{
	for (size_t i = 0; i < v->nsrc; i++)
		if (v->src[i].tag == tag)
			return &v->src[i];
	return NULL;
}

static void on_inspect(struct app *app, void *arg, const struct jobs_result *r);

/* Follow s from now on: a new tag, inspect (Config.Tty decides whether
 * the body is framed), then the stream. */
static void
src_begin(struct lview *v, struct app *app, struct lsrc *s)
{
	struct lv_ask *ask = xmalloc(sizeof *ask);
	char path[128];

	s->v = v;
	s->tag = ++v->next_tag;
	s->ended = false;
	s->st = SGR_PLAIN;
	*ask = (struct lv_ask){ v, s->tag };
	ctrapi_path_inspect(path, sizeof path, s->id);
	if (s->id[0] == '\0' || app_job(app, s->engine, v->self, NULL, path, NULL, 0,
	    on_inspect, ask, free) == 0) {
		s->ended = true;
		snprintf(v->note, sizeof v->note, "no container selected");
	}
}

static void
short_commit(const struct ctable_row *r, const char *id, char *buf, size_t n)
{
	const char *c = r != NULL && r->ident.commit != NULL ? r->ident.commit : id;

	snprintf(buf, n, "%.7s", c);
}

/* Source s is container (engine, id); its row r (may be NULL) gives its
 * name and unit. */
static void
src_set(struct lsrc *s, const struct ctable_row *r, int engine, const char *id)
{
	snprintf(s->id, sizeof s->id, "%s", id);
	s->engine = engine;
	snprintf(s->name, sizeof s->name, "%s", r != NULL && r->c.name != NULL ? r->c.name : id);
	free(s->service);
	free(s->branch);
	s->service = r != NULL && r->ident.service != NULL ? xstrdup(r->ident.service) : NULL;
	s->branch = r != NULL && r->ident.branch != NULL ? xstrdup(r->ident.branch) : NULL;
	short_commit(r, id, s->commit, sizeof s->commit);
}

static struct lview *
lv_new(struct app *app)
{
	struct lview *v = xcalloc(1, sizeof *v);

	v->app = app;
	v->self = app_owner(app, v);
	v->ring = logring_new(app->opts.log_lines, 0);
	v->follow = true;
	logstyle_set_mode(app->opts.cfg == NULL || app->opts.cfg->log_colors ?
	    LOGSTYLE_COLOR : LOGSTYLE_OFF);
	return v;
}

struct lview *
logsrc_new_one(struct app *app, const struct target *t)
{
	struct lview *v = lv_new(app);
	struct ctable_row *r;
	char id[65];
	int engine;

	r = views_container(app, t, &engine, id, sizeof id);
	v->nsrc = 1;
	src_set(&v->src[0], r, engine, id);
	snprintf(v->name, sizeof v->name, "%s", v->src[0].name);
	src_begin(v, app, &v->src[0]);
	return v;
}

static bool
same_unit(const struct ctable_row *r, int engine, const char *service, const char *branch)
{
	if (r->engine != engine || service == NULL || r->ident.service == NULL ||
	    strcmp(r->ident.service, service) != 0)
		return false;
	if (branch == NULL)
		return true;
	return r->ident.branch != NULL && strcmp(r->ident.branch, branch) == 0;
}

struct lview *
logsrc_new_many(struct app *app, const struct logs_arg *a)
{
	struct lview *v = lv_new(app);

	v->many = true;
	if (a != NULL && a->t != NULL) {
		for (size_t i = 0; i < a->n && v->nsrc < LOGS_MAX_SOURCES; i++) {
			char id[65];
			int engine;
			struct ctable_row *r = views_container(app, &a->t[i], &engine, id, sizeof id);
			src_set(&v->src[v->nsrc++], r, engine, id);
		}
	} else if (a != NULL && a->service != NULL) {
		for (size_t i = 0; i < ctable_count(app->table) && v->nsrc < LOGS_MAX_SOURCES; i++) {
			struct ctable_row *r = ctable_at(app->table, i);
			if (same_unit(r, a->engine, a->service, a->branch) && r->c.id[0] != '\0')
				src_set(&v->src[v->nsrc++], r, r->engine, r->c.id);
		}
	}
	if (a != NULL && a->title != NULL)
		snprintf(v->name, sizeof v->name, "%s", a->title);
	else if (a != NULL && a->t == NULL && a->service != NULL)
		snprintf(v->name, sizeof v->name, "%s%s%s (%zu containers)", a->service,
		    a->branch != NULL ? "@" : "", a->branch != NULL ? a->branch : "", v->nsrc);
	else
		snprintf(v->name, sizeof v->name, "%zu containers", v->nsrc);
	for (size_t i = 0; i < v->nsrc; i++) {
		char safe[512];
		int w;
		sanitize_into(v->src[i].name, strlen(v->src[i].name), safe, sizeof safe);
		w = sanitize_width(safe);
		if (w > v->src_w)
			v->src_w = w;
		src_begin(v, app, &v->src[i]);
	}
	if (v->src_w > LOGSRC_NAME_W)
		v->src_w = LOGSRC_NAME_W;
	if (v->nsrc == 0)
		snprintf(v->note, sizeof v->note, "no containers to follow");
	return v;
}

/* Stop s's stream and drop its unit. */
static void
src_forget(struct lsrc *s)
{
	logstream_stop(s->stream);
	s->stream = NULL;
	free(s->service);
	free(s->branch);
	s->service = s->branch = NULL;
}

void
logsrc_free(struct lview *v)
{
	for (size_t i = 0; i < v->nsrc; i++)
		src_forget(&v->src[i]);
	logring_free(v->ring);
	free(v);
}

static void
on_inspect(struct app *app, void *arg, const struct jobs_result *r)
{
	struct lv_ask *ask = arg;
	struct lview *v = ask->v;
	struct lsrc *s = src_of_tag(v, ask->tag);
	struct cdetail d;
	struct decode_error err;

	if (s == NULL)
		return;		/* replaced meanwhile */
	if (!r->ok) {
		s->ended = true;
		snprintf(v->note, sizeof v->note, "cannot inspect the container: %s",
		    r->error != NULL ? r->error : "?");
		return;
	}
	if (cdetail_decode(r->body, r->len, &d, &err) != 0) {
		s->ended = true;
		snprintf(v->note, sizeof v->note, "%s", err.text);
		return;
	}
	start_stream(v, app, s, d.tty);
	cdetail_clear(&d);
}

/* Length of the engine's RFC 3339 prefix and its space, 0 if none. */
static size_t
ts_prefix(const char *s, size_t len)
{
	size_t i;

	if (len < 21 || s[4] != '-' || s[10] != 'T')
		return 0;
	/* kept as the engine wrote it, so nothing but a time's characters */
	for (i = 0; i < len && i < 40; i++) {
		if (s[i] == ' ')
			return i + 1;
		if (strchr("0123456789-:.TZ+", s[i]) == NULL || s[i] == '\0')
			return 0;
	}
	return 0;
}

/* One engine line into the ring: its SGR sequences become styles (unless
 * log colours are off), the rest is sanitized. */
static void
push_raw(struct lview *v, struct lsrc *s, int stream, const char *raw, size_t len)
{
	struct sgr_span spans[MAX_SPANS];
	size_t ts = ts_prefix(raw, len), ns = 0, blen;
	char *body = sgr_sanitize(raw + ts, len - ts, &s->st,
	    logstyle_mode() != LOGSTYLE_OFF ? spans : NULL, MAX_SPANS, &ns, &blen);
	struct logring_line l = { .stream = (uint8_t)stream, .src = (uint8_t)(s - v->src),
	    .ts_len = (uint16_t)ts };

	l.len = (uint32_t)(ts + blen);
	l.text = xmalloc(l.len + 1);
	memcpy(l.text, raw, ts);	/* digits, '-', ':', '.', 'T', 'Z', ' ' */
	memcpy(l.text + ts, body, blen + 1);
	free(body);
	if (ns > 0) {
		l.extra = (uint32_t)(ns * sizeof spans[0]);
		l.spans = xmalloc(l.extra);
		memcpy(l.spans, spans, l.extra);
		l.nspans = (uint16_t)ns;
	}
	logring_push_line(v->ring, &l, v->many);
}

/* A batch of one of this pane's streams (app_post drops a closed pane's). */
static void
lv_batch(struct app *app, void *arg, void *payload)
{
	struct lview *v = arg;
	const struct logstream_batch *b = payload;
	struct lsrc *s = src_of_tag(v, b->tag);
	size_t from = 0, cap = logring_max_lines(v->ring);
	bool all_ended = true;
	(void)app;

	if (s == NULL)
		return;		/* a stream replaced by a redeploy's */
	/* Only the newest lines that fit are worth sanitizing: the ring
	 * would evict the others at once (as the stream did with b->dropped). */
	if (b->n > cap)
		from = b->n - cap;
	for (size_t i = from; i < b->n; i++) {
		const struct logstream_line *l = &b->lines[i];
		const char *raw = b->buf + l->off;
		push_raw(v, s, l->stream, raw, l->len);
	}
	if (b->ended) {
		s->ended = true;
		snprintf(v->note, sizeof v->note, "%s%s%s", v->many ? s->name : "",
		    v->many ? ": " : "", b->error != NULL ? b->error : "log stream ended");
	}
	for (size_t i = 0; i < v->nsrc; i++)
		all_ended = all_ended && v->src[i].ended;
	v->ended = all_ended;
	if (v->have_match && logring_get(v->ring, v->match) == NULL)
		v->have_match = false;
}

static bool
src_has_id(const struct lview *v, int engine, const char *id)
{
	for (size_t i = 0; i < v->nsrc; i++)
		if (v->src[i].engine == engine && strcmp(v->src[i].id, id) == 0)
			return true;
	return false;
}

static bool
alive(const struct ctable_row *r)
{
	return r->c.state == DAPI_ST_RUNNING || r->c.state == DAPI_ST_RESTARTING ||
	    r->c.state == DAPI_ST_PAUSED || r->c.state == DAPI_ST_CREATED;
}

void
logsrc_follow_units(struct lview *v, struct app *app)
{
	for (size_t i = 0; i < v->nsrc; i++) {
		struct lsrc *s = &v->src[i];
		struct ctable_row *r = ctable_find(app->table, s->engine, s->id), *best = NULL;
		char mark[256], commit[16];
		if (s->service == NULL)
			continue;
		if (r != NULL) {
			short_commit(r, s->id, s->commit, sizeof s->commit);
			if (r->c.state == DAPI_ST_RUNNING || r->c.state == DAPI_ST_RESTARTING ||
			    r->c.state == DAPI_ST_PAUSED)
				continue;
		}
		for (size_t k = 0; k < ctable_count(app->table); k++) {
			struct ctable_row *c = ctable_at(app->table, k);
			if (c->c.id[0] == '\0' || !same_unit(c, s->engine, s->service, s->branch) ||
			    c->c.state != DAPI_ST_RUNNING || src_has_id(v, c->engine, c->c.id) ||
			    (r != NULL && c->c.created < r->c.created))
				continue;
			if (best == NULL || c->c.created > best->c.created)
				best = c;
		}
		if (best == NULL || !alive(best))
			continue;
		short_commit(best, best->c.id, commit, sizeof commit);
		snprintf(mark, sizeof mark, sanitize_get_utf8() ?
		    "\xe2\x94\x80\xe2\x94\x80 redeployed %s \xe2\x86\x92 %s \xe2\x94\x80\xe2\x94\x80" :
		    "-- redeployed %s -> %s --", s->commit, commit);
		logstream_stop(s->stream);
		s->stream = NULL;
		{
			struct logring_line l = { .stream = LOGFRAME_SYSTEM, .src = (uint8_t)i };
			l.text = sanitize_dup(mark, strlen(mark));
			l.len = (uint32_t)strlen(l.text);
			logring_push_line(v->ring, &l, false);
		}
		src_set(s, best, best->engine, best->c.id);
		if (!v->many)
			snprintf(v->name, sizeof v->name, "%s", s->name);
		v->ended = false;
		v->note[0] = '\0';
		src_begin(v, app, s);
	}
}

