/* The detail pane: one container's inspect summary and 5-minute stats graphs. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dockerapi/cdetail.h"
#include "dockerapi/ctrapi.h"
#include "keymaps/keymap.h"
#include "model/statshist.h"
#include "tui/fmt.h"
#include "tui/gate.h"
#include "tui/sanitize.h"
#include "tui/sparkline.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/copy.h"
#include "views/updcheck.h"
#include "views/browse.h"
#include "views/exec.h"
#include "views/top.h"
#include "views/runcmd.h"
#include "views/view.h"
#include "xmalloc.h"

#define MASK "********"
#define LABEL_W 10

struct dline {
	char *text;		/* raw; sanitized when drawn */
	attr_t attr;
};

struct dview {
	char id[65];
	int engine;
	unsigned self;		/* app_owner: answers after it closed are dropped */
	struct cdetail d;
	bool have;
	char *digest;		/* RepoDigests[0], NULL if none */
	bool digest_asked;
	unsigned inspect_job, image_job;
	unsigned row_gen;	/* the table row's gen at the last inspect */
	int64_t inspected_at;	/* wall seconds */
	char error[256];
	bool reveal;
	size_t top;
	int page;
	struct dline *lines;
	size_t n, cap;
	struct top *procs;	/* the processes section (views/top.c) */
};

/* The container's engine's workers, or NULL. */
static struct jobs *
jobs_of(const struct dview *v, struct app *app)
{
	struct app_engine *e = app_engine(app, v->engine);
	return e != NULL ? e->jobs : NULL;
}

static void on_inspect(struct app *app, void *arg, const struct jobs_result *r);

static void
inspect(struct dview *v, struct app *app)
{
	char path[128];

	ctrapi_path_inspect(path, sizeof path, v->id);
	v->inspected_at = app->now;
	v->inspect_job = app_job(app, v->engine, v->self, NULL, path, NULL, 0,
	    on_inspect, v, NULL);
}

/* arg: a struct target (engine, container id). */
static void *
dv_init(struct app *app, const void *arg)
{
	const struct target *t = arg;
	struct dview *v = xcalloc(1, sizeof *v);
	struct ctable_row *r;

	v->self = app_owner(app, v);
	if ((r = views_container(app, t, &v->engine, v->id, sizeof v->id)) != NULL)
		v->row_gen = r->gen;
	if (jobs_of(v, app) != NULL && v->id[0] != '\0') {
		inspect(v, app);
		v->procs = top_new(v->engine, v->id, v->self);
	}
	else
		snprintf(v->error, sizeof v->error, "no container selected");
	return v;
}

static void
clear_lines(struct dview *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->lines[i].text);
	v->n = 0;
}

static void
dv_fini(void *st)
{
	struct dview *v = st;

	clear_lines(v);
	free(v->lines);
	cdetail_clear(&v->d);
	free(v->digest);
	top_free(v->procs);
	free(v);
}

static void
on_image(struct app *app, void *arg, const struct jobs_result *r)
{
	struct dview *v = arg;
	(void)app;

	v->image_job = 0;
	free(v->digest);
	v->digest = r->ok ? cdetail_image_digest(r->body, r->len) : NULL;
}

static void
on_inspect(struct app *app, void *arg, const struct jobs_result *r)
{
	struct dview *v = arg;
	struct decode_error err;

	v->inspect_job = 0;
	if (!r->ok) {
		snprintf(v->error, sizeof v->error, "cannot inspect the container: %s",
		    r->error != NULL ? r->error : "?");
		return;
	}
	cdetail_clear(&v->d);
	v->have = cdetail_decode(r->body, r->len, &v->d, &err) == 0;
	if (!v->have) {
		snprintf(v->error, sizeof v->error, "%s", err.text);
		return;
	}
	v->error[0] = '\0';
	/* the digest is the image's, not the container's: one more request */
	if (!v->digest_asked && v->d.image_id != NULL && jobs_of(v, app) != NULL) {
		char path[160];
		v->digest_asked = true;
		ctrapi_path_image_inspect(path, sizeof path, v->d.image_id);
		v->image_job = app_job(app, v->engine, v->self, NULL, path, NULL, 0,
		    on_image, v, NULL);
	}
}

static void add(struct dview *v, attr_t a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add(struct dview *v, attr_t a, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->lines = xreallocarray(v->lines, v->cap, sizeof *v->lines);
	}
	v->lines[v->n].text = xstrdup(buf);
	v->lines[v->n].attr = a;
	v->n++;
}

static const char *
when(int64_t t, int64_t now, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char ago[32];

	if (t <= 0 || localtime_r(&tt, &tm) == NULL) {
		snprintf(buf, n, "-");
		return buf;
	}
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
	if (now >= t) {
		int64_t d = now - t;
		if (d < 120)
			snprintf(ago, sizeof ago, " (%llds ago)", (long long)d);
		else if (d < 7200)
			snprintf(ago, sizeof ago, " (%lldm ago)", (long long)(d / 60));
		else if (d < 172800)
			snprintf(ago, sizeof ago, " (%lldh ago)", (long long)(d / 3600));
		else
			snprintf(ago, sizeof ago, " (%lldd ago)", (long long)(d / 86400));
		if (strlen(buf) + strlen(ago) < n)
			memcpy(buf + strlen(buf), ago, strlen(ago) + 1);
	}
	return buf;
}

/* The first line of a health check's output, for one row. */
static void
first_line(const char *s, char *out, size_t n)
{
	size_t len = s != NULL ? strcspn(s, "\r\n") : 0;

	if (len >= n)
		len = n - 1;
	if (len > 0)
		memcpy(out, s, len);
	out[len] = '\0';
}

static void
build_text(struct dview *v, struct app *app)
{
	const struct cdetail *d = &v->d;
	const struct ctable_row *r = ctable_find(app->table, v->engine, v->id);
	attr_t hi = A_BOLD;
	char t[64];

	add(v, term_attr(TR_HEADER), "Image");
	add(v, 0, "  %-*s %s", LABEL_W, "image", d->image ? d->image : "-");
	add(v, 0, "  %-*s %s", LABEL_W, "digest", v->digest ? v->digest :
	    v->image_job ? "..." : "- (no registry digest: built or loaded locally)");
	if (r != NULL && updcheck_of(app, r) != UPDATES_UNKNOWN)
		add(v, updcheck_of(app, r) == UPDATES_AVAILABLE ? hi : 0, "  %-*s %s", LABEL_W,
		    "registry", updcheck_of(app, r) == UPDATES_AVAILABLE ?
		    "a newer image is available under this tag" : "up to date");
	add(v, 0, "  %-*s %s", LABEL_W, "image id", d->image_id ? d->image_id : "-");
	add(v, 0, "  %-*s %s", LABEL_W, "command", d->command ? d->command : "-");
	add(v, term_attr(TR_HEADER), "State");
	add(v, 0, "  %-*s %s%s%s, exit code %d%s", LABEL_W, "state", d->state ? d->state : "?",
	    d->health ? " / " : "", d->health ? d->health : "", d->exit_code,
	    d->oom_killed ? ", OOM killed" : "");
	if (d->error != NULL)
		add(v, term_attr(TR_PROBLEM), "  %-*s %s", LABEL_W, "error", d->error);
	add(v, 0, "  %-*s %s", LABEL_W, "created", when(d->created, app->now, t, sizeof t));
	add(v, 0, "  %-*s %s", LABEL_W, "started", when(d->started_at, app->now, t, sizeof t));
	if (d->finished_at > 0)
		add(v, 0, "  %-*s %s", LABEL_W, "finished", when(d->finished_at, app->now, t, sizeof t));
	if (d->restart_policy != NULL && strcmp(d->restart_policy, "on-failure") == 0 &&
	    d->restart_max > 0)
		add(v, 0, "  %-*s on-failure (at most %d), restarted %d times", LABEL_W,
		    "restart", d->restart_max, d->restart_count);
	else
		add(v, 0, "  %-*s %s, restarted %d times", LABEL_W, "restart",
		    d->restart_policy ? d->restart_policy : "no", d->restart_count);
	if (d->health != NULL) {
		add(v, term_attr(TR_HEADER), "Health: %s, failing streak %d (last %zu checks)",
		    d->health, d->failing_streak, d->nchecks);
		for (size_t i = d->nchecks; i-- > 0;) {
			char out[256], tb[32] = "-";
			time_t tt = (time_t)d->checks[i].start;
			struct tm tm;
			if (d->checks[i].start > 0 && localtime_r(&tt, &tm) != NULL)
				strftime(tb, sizeof tb, "%H:%M:%S", &tm);
			first_line(d->checks[i].output, out, sizeof out);
			add(v, d->checks[i].exit_code != 0 ? term_attr(TR_PROBLEM) : 0,
			    "  %s exit %d  %s", tb, d->checks[i].exit_code, out);
		}
	}
	add(v, term_attr(TR_HEADER), "Ports (%zu)", d->nports);
	for (size_t i = 0; i < d->nports; i++)
		add(v, 0, "  %s", d->ports[i]);
	add(v, term_attr(TR_HEADER), "Mounts (%zu)", d->nmounts);
	for (size_t i = 0; i < d->nmounts; i++)
		add(v, 0, "  %-6s %s -> %s (%s)", d->mounts[i].type ? d->mounts[i].type : "?",
		    d->mounts[i].source ? d->mounts[i].source : "?",
		    d->mounts[i].dest ? d->mounts[i].dest : "?", d->mounts[i].rw ? "rw" : "ro");
	add(v, term_attr(TR_HEADER), "Networks (mode %s)", d->network_mode ? d->network_mode : "?");
	for (size_t i = 0; i < d->nnets; i++)
		add(v, 0, "  %-12s ip %s  gateway %s  mac %s", d->nets[i].name,
		    d->nets[i].ip && d->nets[i].ip[0] ? d->nets[i].ip : "-",
		    d->nets[i].gateway && d->nets[i].gateway[0] ? d->nets[i].gateway : "-",
		    d->nets[i].mac && d->nets[i].mac[0] ? d->nets[i].mac : "-");
	add(v, term_attr(TR_HEADER), "Labels (%zu; * = berth.*)", d->nlabels);
	for (size_t i = 0; i < d->nlabels; i++) {
		bool h = cdetail_is_routing(d->labels[i].key);
		add(v, h ? hi : 0, "%s %s=%s", h ? " *" : "  ", d->labels[i].key,
		    d->labels[i].value ? d->labels[i].value : "");
	}
	add(v, term_attr(TR_HEADER), "Env (%zu; * = VIRTUAL_HOST/PORT; secret-looking values %s, x %s)",
	    d->nenv, v->reveal ? "shown" : "masked", v->reveal ? "masks" : "reveals");
	for (size_t i = 0; i < d->nenv; i++) {
		const struct cdetail_kv *e = &d->env[i];
		bool h = cdetail_is_routing(e->key);
		bool secret = cdetail_env_is_secret(e->key);
		add(v, h ? hi : 0, "%s %s%s%s", h ? " *" : "  ", e->key, e->value ? "=" : "",
		    e->value == NULL ? "" : secret && !v->reveal ? MASK : e->value);
	}
}

static void
graph_row(WINDOW *w, struct app *app, const char *id, int y, int cols,
    const char *label, enum statshist_series s, double max, const char *now_text)
{
	double vals[STATSHIST_SAMPLES];
	size_t n = statshist_series(app->hist, id, s, vals, STATSHIST_SAMPLES);
	char spark[STATSHIST_SAMPLES * 3 + 1];
	int gw = cols - 2 - 8 - 1 - 12;

	if (gw > STATSHIST_SAMPLES)
		gw = STATSHIST_SAMPLES;
	gate_put(w, y, 2, 8, A_NORMAL, label);
	if (gw < 4)
		return;
	sparkline_render(vals, n, gw, max, sanitize_get_utf8(), spark, sizeof spark);
	gate_put(w, y, 2 + 8, gw, A_NORMAL, spark);
	gate_put(w, y, 2 + 8 + gw + 1, 12, A_NORMAL, now_text);
}

/* The latest value of a series, formatted; "-" when unknown. */
static void
latest(struct app *app, const char *id, enum statshist_series s, bool rate,
    char *buf, size_t n)
{
	double v[1];
	char b[32];

	if (statshist_series(app->hist, id, s, v, 1) == 0 || v[0] < 0) {
		snprintf(buf, n, "-");
		return;
	}
	if (s == SH_CPU)
		fmt_percent(v[0], buf, n);
	else
		snprintf(buf, n, "%s%s", fmt_bytes((uint64_t)v[0], b, sizeof b), rate ? "/s" : "");
}

static int
draw_graphs(struct dview *v, struct app *app, WINDOW *w, int y, int cols)
{
	static const struct {
		const char *label;
		enum statshist_series s;
		bool rate;
	} g[] = {
		{ "CPU%", SH_CPU, false }, { "MEM", SH_MEM, false },
		{ "NET rx", SH_RX, true }, { "NET tx", SH_TX, true },
		{ "BLK rd", SH_BLK_READ, true }, { "BLK wr", SH_BLK_WRITE, true },
	};
	char now[32];

	wattrset(w, term_attr(TR_HEADER));
	gate_put(w, y++, 0, cols, term_attr(TR_HEADER), "Last 5 minutes (1 sample/s)");
	wattrset(w, A_NORMAL);
	for (size_t i = 0; i < sizeof g / sizeof g[0]; i++) {
		latest(app, v->id, g[i].s, g[i].rate, now, sizeof now);
		/* CPU on a fixed 0-100% scale (one core's worth); memory and
		 * the rates scale to their own peak in the window */
		graph_row(w, app, v->id, y++, cols, g[i].label, g[i].s,
		    g[i].s == SH_CPU ? 100.0 : 0, now);
	}
	return y;
}

static void
dv_draw(void *st, struct app *app, WINDOW *w)
{
	struct dview *v = st;
	struct ctable_row *r = ctable_find(app->table, v->engine, v->id);
	int lines, cols, y = 0;
	char head[512];

	getmaxyx(w, lines, cols);
	/* The row changes with every event and stats tick: refresh the
	 * health checks and state from it, at most every 5 s. */
	if (r != NULL && r->gen != v->row_gen && v->inspect_job == 0 &&
	    jobs_of(v, app) != NULL && app->now - v->inspected_at >= 5) {
		v->row_gen = r->gen;
		inspect(v, app);
	}
	snprintf(head, sizeof head, "detail %.200s  %.12s%s", v->have && v->d.name ? v->d.name :
	    r != NULL && r->c.name ? r->c.name : "", v->id, r == NULL ? "  (gone)" : "");
	views_title(w, y++, head);
	if (lines >= 14)
		y = draw_graphs(v, app, w, y, cols);
	if (!v->have) {
		gate_put(w, y + 1, 2, cols - 2, A_NORMAL, v->error[0] ? v->error : "inspecting...");
		return;
	}
	/* the processes between the graphs and the text: a third of the room */
	if (v->procs != NULL && lines - y >= 10) {
		int room = (lines - y) / 3;
		y += top_draw(v->procs, app, w, y, room > 3 ? room : 3);
	}
	clear_lines(v);
	updcheck_poll(app);
	build_text(v, app);
	v->page = lines - y > 1 ? lines - y : 1;
	if (v->top + (size_t)v->page > v->n)
		v->top = v->n > (size_t)v->page ? v->n - (size_t)v->page : 0;
	for (size_t i = v->top; i < v->n && y < lines; i++, y++)
		gate_put(w, y, 0, cols, v->lines[i].attr, v->lines[i].text);
	wattrset(w, A_NORMAL);
}

/* Copy the value on the top line of the text: the value column of a
 * "  label     value" row, after "KEY=" for labels and env, else the line
 * without its indent and marks. */
static void
copy_top(struct dview *v, struct app *app)
{
	const char *t, *eq, *sp;

	if (v->top >= v->n) {
		app_message(app, 3, "nothing to copy");
		return;
	}
	t = v->lines[v->top].text;
	if (strncmp(t, "  ", 2) == 0 && t[2] != ' ' && t[2] != '*' &&
	    strlen(t) > 2 + LABEL_W + 1 && t[2 + LABEL_W] == ' ') {
		t += 2 + LABEL_W + 1;
		views_copy(app, t, strlen(t), "value");
		return;
	}
	while (*t == ' ' || *t == '*')
		t++;
	eq = strchr(t, '=');
	sp = strchr(t, ' ');
	if (eq != NULL && (sp == NULL || sp > eq))
		t = eq + 1;
	views_copy(app, t, strlen(t), "value");
}

static int
dv_key(void *st, struct app *app, int code, bool func)
{
	struct dview *v = st;
	enum keymap_action a;

	a = views_action(app, "detail", code, func);
	if (listnav_pan(views_step(a), &v->top, v->n, v->page))
		return VIEW_HANDLED | VIEW_REDRAW;
	switch (a) {
	case KA_REVEAL:
		v->reveal = !v->reveal;
		break;
	case KA_COPY:
		copy_top(v, app);
		break;
	case KA_LOGS:
	case KA_EXEC:
		/* the pane about the same container, on top of this one */
		app_push(app, a == KA_LOGS ? &logs_view : &exec_view,
		    &(struct target){ v->engine, v->id, NULL });
		break;
	case KA_INSPECT:
	case KA_PROCESSES:
		app_push(app, a == KA_INSPECT ? &inspect_view : &processes_view,
		    &(struct target){ v->engine, v->id, NULL });
		break;
	case KA_ATTACH:
		exec_attach(app, &(struct target){ v->engine, v->id, NULL });
		break;
	case KA_BROWSE:
		browse_open(app, &(struct target){ v->engine, v->id, NULL });
		break;
	default:
		if (keymap_is_custom(a)) {	/* a `command detail ...` line */
			const struct ctable_row *r = ctable_find(app->table, v->engine, v->id);
			return runcmd_action(app, a, r != NULL ? &r : NULL, r != NULL);
		}
		return views_pane_key(app, a, VIEW_BACK | VIEW_REDRAW);
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
dv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct dview *v = st;
	(void)app;

	snprintf(buf, n, "x %s secrets | i inspect | T processes | y copy top line | l logs | e exec | "
	    "A attach | w open port | q back", v->reveal ? "mask" : "reveal");
}

const struct view detail_view = {
	.name = "detail",
	.init = dv_init,
	.fini = dv_fini,
	.draw = dv_draw,
	.key = dv_key,
	.status = dv_status,
};
