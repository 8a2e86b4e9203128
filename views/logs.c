/* The logs pane: follows one container's logs into a bounded ring; search, save. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "dockerapi/cdetail.h"
#include "dockerapi/ctrapi.h"
#include "dockerapi/logframe.h"
#include "dockerapi/logstream.h"
#include "keymaps/keymap.h"
#include "model/logring.h"
#include "tui/bridge.h"
#include "tui/lineedit.h"
#include "tui/gate.h"
#include "tui/sanitize.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/view.h"
#include "xmalloc.h"

#define TAIL_LINES 1000
#define GUTTER 2
#define TS_SHOWN 23		/* "2024-01-02T03:04:05.123" */

enum lv_prompt { P_NONE, P_SEARCH, P_SAVE, P_OVERWRITE };

struct lview {
	struct app *app;	/* for the follower thread's app_post */
	unsigned self;		/* app_owner: batches after it closed are dropped */
	char id[65];
	int engine;
	char name[256];		/* raw engine bytes */
	struct logring *ring;
	struct logstream *stream;
	unsigned inspect_job;
	bool ended;
	char note[300];		/* why the stream ended, or a load error */

	bool follow, timestamps, wrap;
	uint64_t top;		/* first line shown while not following */
	uint64_t drawn_top;	/* first line on screen at the last draw */
	int page;		/* text rows at the last draw */

	enum lv_prompt prompt;
	struct lineedit edit;
	char needle[LINEEDIT_MAX];
	bool have_match;
	uint64_t match;
	size_t match_nr, nmatches;	/* 1 = newest */
	char save_path[LINEEDIT_MAX];
};

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
start_stream(struct lview *v, struct app *app, bool tty)
{
	struct app_engine *e = app_engine(app, v->engine);
	struct logstream_opts o = {
		.id = v->id, .tty = tty, .tail = TAIL_LINES, .timestamps = true,
		.version = e != NULL ? e->api_version : "", .max_pending = logring_max_lines(v->ring),
		.tag = v->self,
	};
	struct logstream_sink sink = { .batch = batch_in, .arg = v };

	v->stream = e != NULL ? logstream_start(&e->ep, &o, &sink) : NULL;
	if (v->stream == NULL) {
		v->ended = true;
		snprintf(v->note, sizeof v->note, "cannot start the log thread");
	}
}

static void on_inspect(struct app *app, void *arg, const struct jobs_result *r);

/* arg: a struct target (engine, container id). */
static void *
lv_init(struct app *app, const void *arg)
{
	const struct target *t = arg;
	struct lview *v = xcalloc(1, sizeof *v);
	struct ctable_row *r;
	char path[128];

	v->app = app;
	v->self = app_owner(app, v);
	v->engine = t != NULL ? t->engine : -1;
	snprintf(v->id, sizeof v->id, "%s", t != NULL && t->id != NULL ? t->id : "");
	r = ctable_find(app->table, v->engine, v->id);
	snprintf(v->name, sizeof v->name, "%s",
	    r != NULL && r->c.name != NULL ? r->c.name : v->id);
	v->ring = logring_new(app->opts.log_lines, 0);
	v->follow = true;
	v->timestamps = false;
	v->wrap = false;
	/* Config.Tty decides whether the body is framed: inspect first. */
	ctrapi_path_inspect(path, sizeof path, v->id);
	if (v->id[0] == '\0' || (v->inspect_job = app_job(app, v->engine, v->self,
	    NULL, path, NULL, 0, on_inspect, v, NULL)) == 0)
		snprintf(v->note, sizeof v->note, "no container selected");
	return v;
}

static void
lv_fini(void *st)
{
	struct lview *v = st;

	logstream_stop(v->stream);
	logring_free(v->ring);
	free(v);
}

static void
on_inspect(struct app *app, void *arg, const struct jobs_result *r)
{
	struct lview *v = arg;
	struct cdetail d;
	struct decode_error err;

	v->inspect_job = 0;
	if (!r->ok) {
		v->ended = true;
		snprintf(v->note, sizeof v->note, "cannot inspect the container: %s",
		    r->error != NULL ? r->error : "?");
		return;
	}
	if (cdetail_decode(r->body, r->len, &d, &err) != 0) {
		v->ended = true;
		snprintf(v->note, sizeof v->note, "%s", err.text);
		return;
	}
	start_stream(v, app, d.tty);
	cdetail_clear(&d);
}

/* Length of the engine's RFC 3339 prefix and its space, 0 if none. */
static size_t
ts_prefix(const char *s, size_t len)
{
	size_t i;

	if (len < 21 || s[4] != '-' || s[10] != 'T')
		return 0;
	for (i = 0; i < len && i < 40; i++)
		if (s[i] == ' ')
			return i + 1;
	return 0;
}

/* A batch of this pane's stream (app_post drops a closed pane's). */
static void
lv_batch(struct app *app, void *arg, void *payload)
{
	struct lview *v = arg;
	const struct logstream_batch *b = payload;
	size_t from = 0, cap = logring_max_lines(v->ring);
	(void)app;

	/* Only the newest lines that fit are worth sanitizing: the ring
	 * would evict the others at once (as the stream did with b->dropped). */
	if (b->n > cap)
		from = b->n - cap;
	for (size_t i = from; i < b->n; i++) {
		const struct logstream_line *l = &b->lines[i];
		const char *raw = b->buf + l->off;
		size_t ts = ts_prefix(raw, l->len);
		char *safe = sanitize_dup(raw, l->len);
		logring_push_take(v->ring, l->stream, safe, strlen(safe), ts);
	}
	if (b->ended) {
		v->ended = true;
		snprintf(v->note, sizeof v->note, "%s",
		    b->error != NULL ? b->error : "log stream ended");
	}
	if (v->have_match && logring_get(v->ring, v->match) == NULL)
		v->have_match = false;
}

/* Bytes of the longest prefix of safe text s that fits in cols columns. */
static size_t
fit_bytes(const char *s, int cols, int *used)
{
	mbstate_t ps;
	size_t off = 0, len = strlen(s);
	int w = 0;

	memset(&ps, 0, sizeof ps);
	while (off < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + off, len - off, &ps);
		int cw;
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			break;
		cw = wcwidth(wc);
		if (cw < 0)
			cw = 1;
		if (w + cw > cols)
			break;
		w += cw;
		off += n;
	}
	if (used != NULL)
		*used = w;
	return off;
}

/* The text of a line as shown: with a short timestamp or without one. */
static const char *
shown_text(const struct lview *v, const struct logring_line *l, char *buf, size_t bufsz)
{
	if (l->ts_len == 0)
		return l->text;
	if (!v->timestamps)
		return l->text + l->ts_len;
	snprintf(buf, bufsz, "%.*s %s", l->ts_len - 1 < TS_SHOWN ? l->ts_len - 1 : TS_SHOWN,
	    l->text, l->text + l->ts_len);
	return buf;
}

/* Rows a line takes at text width cols. */
static int
line_rows(const struct lview *v, const struct logring_line *l, int cols, char *buf, size_t bufsz)
{
	const char *s;
	int rows = 0;

	if (!v->wrap)
		return 1;
	s = shown_text(v, l, buf, bufsz);
	if (*s == '\0')
		return 1;
	while (*s != '\0') {
		size_t n = fit_bytes(s, cols, NULL);
		if (n == 0)
			n = 1;	/* a glyph wider than the pane: skip it */
		s += n;
		rows++;
	}
	return rows;
}

static attr_t
line_attr(const struct lview *v, const struct logring_line *l, uint64_t seq)
{
	attr_t a = A_NORMAL;

	if (l->stream == LOGFRAME_STDERR || l->stream == LOGFRAME_SYSTEM)
		a |= term_attr(TR_PROBLEM);
	if (v->have_match && seq == v->match)
		a |= A_REVERSE;
	return a;
}

static const char *
gutter(const struct logring_line *l)
{
	/* visible without colour: stderr is marked, not only tinted */
	return l->stream == LOGFRAME_STDERR ? "E " :
	    l->stream == LOGFRAME_SYSTEM ? "# " : "  ";
}

/* Draw line seq from its sub-row `skip`, at row y; returns rows used. */
static int
draw_line(struct lview *v, WINDOW *w, uint64_t seq, int skip, int y, int maxy, int cols)
{
	const struct logring_line *l = logring_get(v->ring, seq);
	char buf[LOGSTREAM_MAX_LINE * 2];
	const char *s;
	int row = 0, tw = cols - GUTTER;
	attr_t a;

	if (l == NULL || tw < 1)
		return 1;
	s = shown_text(v, l, buf, sizeof buf);
	a = line_attr(v, l, seq);
	if (!v->wrap) {
		gate_put(w, y, 0, GUTTER, a, gutter(l));
		gate_put(w, y, GUTTER, tw, a, s);
		wattrset(w, A_NORMAL);
		return 1;
	}
	do {
		size_t n = fit_bytes(s, tw, NULL);
		if (n == 0 && *s != '\0')
			n = 1;
		if (row >= skip && y < maxy) {
			gate_put(w, y, 0, GUTTER, a, row == 0 ? gutter(l) : "  ");
			gate_putn(w, y, GUTTER, tw, a, s, n);
			y++;
		}
		s += n;
		row++;
	} while (*s != '\0');
	wattrset(w, A_NORMAL);
	return row - skip;
}

static void
lv_draw(void *st, struct app *app, WINDOW *w)
{
	struct lview *v = st;
	int lines, cols, rows, y, skip = 0;
	uint64_t first = logring_first(v->ring), end = logring_end(v->ring), seq;
	char head[640], tmp[LOGSTREAM_MAX_LINE * 2];
	(void)app;

	getmaxyx(w, lines, cols);
	rows = lines - 1;
	v->page = rows > 1 ? rows : 1;
	snprintf(head, sizeof head, "logs %.200s  [%s]%s%s  %zu lines%s%.200s",
	    v->name, v->follow ? "following" : "paused",
	    v->timestamps ? " [time]" : "", v->wrap ? " [wrap]" : "",
	    logring_count(v->ring), v->ended ? "  - " : "", v->ended ? v->note : "");
	wattrset(w, term_attr(TR_HEADER));
	mvwhline(w, 0, 0, ' ', cols);
	gate_put(w, 0, 0, cols, term_attr(TR_HEADER), head);
	wattrset(w, A_NORMAL);
	if (rows < 1)
		return;
	if (end == first) {
		const char *msg = v->note[0] ? v->note :
		    v->stream == NULL ? "inspecting the container..." : "no log lines yet";
		gate_put(w, 2, 2, cols - 2, A_NORMAL, msg);
		return;
	}
	if (v->follow) {
		/* anchor the newest line at the bottom: walk up until full */
		int total = 0;
		seq = end;
		while (seq > first && total < rows) {
			seq--;
			total += line_rows(v, logring_get(v->ring, seq), cols - GUTTER,
			    tmp, sizeof tmp);
		}
		skip = total > rows ? total - rows : 0;
	} else {
		if (v->top < first)
			v->top = first;
		if (v->top >= end)
			v->top = end - 1;
		seq = v->top;
	}
	v->drawn_top = seq;
	for (y = 1; y <= rows && seq < end; seq++) {
		y += draw_line(v, w, seq, skip, y, rows + 1, cols);
		skip = 0;
	}
}

/* Strstr with smart case: case-insensitive unless the needle has capitals. */
static bool
matches(const char *hay, const char *needle)
{
	for (const char *p = needle; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			return strstr(hay, needle) != NULL;
	return strcasestr(hay, needle) != NULL;
}

/* Count matches and the ordinal of v->match, newest = 1. */
static void
count_matches(struct lview *v)
{
	uint64_t first = logring_first(v->ring), end = logring_end(v->ring);

	v->nmatches = 0;
	v->match_nr = 0;
	for (uint64_t s = end; s > first; s--) {
		const struct logring_line *l = logring_get(v->ring, s - 1);
		if (matches(l->text + l->ts_len, v->needle)) {
			v->nmatches++;
			if (v->have_match && s - 1 == v->match)
				v->match_nr = v->nmatches;
		}
	}
}

/* Find the next match from `from` (inclusive) towards older (dir < 0) or
 * newer lines; show it. */
static void
search_step(struct lview *v, struct app *app, int64_t from, int dir)
{
	int64_t first = (int64_t)logring_first(v->ring), end = (int64_t)logring_end(v->ring);

	for (int64_t s = from; s >= first && s < end; s += dir) {
		const struct logring_line *l = logring_get(v->ring, (uint64_t)s);
		if (matches(l->text + l->ts_len, v->needle)) {
			v->have_match = true;
			v->match = (uint64_t)s;
			v->follow = false;
			v->top = v->match > (uint64_t)(v->page / 2) ? v->match - (uint64_t)(v->page / 2) : 0;
			count_matches(v);
			return;
		}
	}
	count_matches(v);
	app_message(app, 3, "'%s': no %s match", v->needle,
	    v->have_match ? (dir < 0 ? "older" : "newer") : "");
}

static void
errno_text(int e, char *buf, size_t n)
{
	/* GNU strerror_r (we build with _GNU_SOURCE) may return a static string */
	const char *s = strerror_r(e, buf, n);
	if (s != buf)
		snprintf(buf, n, "%s", s);
}

/* Write the buffer as shown (timestamps if shown). Returns 0 or an errno. */
static int
save_to(struct lview *v, int fd, size_t *nlines)
{
	char out[65536], tmp[LOGSTREAM_MAX_LINE * 2];
	size_t used = 0;
	uint64_t end = logring_end(v->ring);

	*nlines = 0;
	for (uint64_t s = logring_first(v->ring); s < end; s++) {
		const struct logring_line *l = logring_get(v->ring, s);
		const char *t = shown_text(v, l, tmp, sizeof tmp);
		size_t n = strlen(t);
		if (used + n + 1 > sizeof out) {
			if (bridge_write_all(fd, out, used) != 0)
				return errno;
			used = 0;
		}
		if (n + 1 > sizeof out) {
			if (bridge_write_all(fd, t, n) != 0 || bridge_write_all(fd, "\n", 1) != 0)
				return errno;
		} else {
			memcpy(out + used, t, n);
			out[used + n] = '\n';
			used += n + 1;
		}
		(*nlines)++;
	}
	if (used > 0 && bridge_write_all(fd, out, used) != 0)
		return errno;
	if (fsync(fd) != 0 && errno != EINVAL)
		return errno;
	return 0;
}

static void
do_save(struct lview *v, struct app *app, bool overwrite)
{
	int fd, e;
	size_t n = 0;
	char why[160];

	fd = open(v->save_path, O_WRONLY | O_CREAT | O_CLOEXEC |
	    (overwrite ? O_TRUNC : O_EXCL) | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == EEXIST && !overwrite) {
		v->prompt = P_OVERWRITE;	/* never overwrite silently */
		app->message[0] = '\0';	/* the question must show */
		return;
	}
	if (fd < 0) {
		errno_text(errno, why, sizeof why);
		app_message(app, 8, "not saved: cannot open %s: %s", v->save_path, why);
		return;
	}
	e = save_to(v, fd, &n);
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e != 0) {
		errno_text(e, why, sizeof why);
		app_message(app, 8, "NOT saved to %s: %s%s", v->save_path, why,
		    e == ENOSPC ? " (disk full)" : "");
		if (!overwrite)
			unlink(v->save_path);	/* no half file we created */
		return;
	}
	app_message(app, 5, "saved %zu lines to %s", n, v->save_path);
}

static void
default_save_path(struct lview *v, struct app *app)
{
	char stamp[32] = "", name[200];
	time_t t = (time_t)app->now;
	struct tm tm;
	size_t j = 0;

	if (localtime_r(&t, &tm) != NULL)
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	/* the engine's name, reduced to characters safe in a file name */
	for (const char *p = v->name; *p != '\0' && j + 1 < sizeof name; p++) {
		char ch = *p;
		name[j++] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' ? ch : '_';
	}
	name[j] = '\0';
	snprintf(v->save_path, sizeof v->save_path, "./%s-%s.log", name, stamp);
}

static int
lv_prompt_key(struct lview *v, struct app *app, int code, bool func)
{
	enum lineedit_result r;

	if (v->prompt == P_OVERWRITE) {
		v->prompt = P_NONE;
		if (!func && (code == 'y' || code == 'Y'))
			do_save(v, app, true);
		else
			app_message(app, 4, "not saved: %s exists", v->save_path);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	r = lineedit_key(&v->edit, code, func);
	if (r == LINEEDIT_EDITING)
		return VIEW_HANDLED | VIEW_REDRAW;
	if (r == LINEEDIT_CANCEL) {
		v->prompt = P_NONE;
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (v->prompt == P_SEARCH) {
		v->prompt = P_NONE;
		snprintf(v->needle, sizeof v->needle, "%s", v->edit.text);
		v->have_match = false;
		if (v->needle[0] != '\0') {
			int64_t from = v->follow ? (int64_t)logring_end(v->ring) - 1 :
			    (int64_t)v->drawn_top + v->page - 1;
			if (from >= (int64_t)logring_end(v->ring))
				from = (int64_t)logring_end(v->ring) - 1;
			search_step(v, app, from, -1);
		}
	} else if (v->prompt == P_SAVE) {
		v->prompt = P_NONE;
		if (v->edit.text[0] == '\0') {
			app_message(app, 3, "not saved: no file name");
		} else {
			snprintf(v->save_path, sizeof v->save_path, "%s", v->edit.text);
			do_save(v, app, false);
		}
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
scroll_by(struct lview *v, int64_t delta)
{
	int64_t first = (int64_t)logring_first(v->ring), end = (int64_t)logring_end(v->ring);
	int64_t t = (int64_t)(v->follow ? v->drawn_top : v->top) + delta;

	if (delta > 0 && t + v->page >= end) {
		v->follow = true;	/* scrolled to the end: follow again */
		return;
	}
	v->follow = false;
	if (t < first)
		t = first;
	v->top = (uint64_t)t;
}

static int
lv_key(void *st, struct app *app, int code, bool func)
{
	struct lview *v = st;

	if (v->prompt != P_NONE)
		return lv_prompt_key(v, app, code, func);
	if (!func && code >= 128)
		return VIEW_IGNORED;
	switch (keymap_lookup(app->keys, "logs", code)) {
	case KA_BACK:
	case KA_QUIT:
		return VIEW_BACK | VIEW_REDRAW;
	case KA_UP: scroll_by(v, -1); break;
	case KA_DOWN: scroll_by(v, 1); break;
	case KA_PAGE_UP: scroll_by(v, -(int64_t)v->page); break;
	case KA_PAGE_DOWN: scroll_by(v, v->page); break;
	case KA_TOP:
		v->follow = false;
		v->top = logring_first(v->ring);
		break;
	case KA_BOTTOM:
		v->follow = true;
		break;
	case KA_FOLLOW:
		v->follow = !v->follow;
		if (!v->follow)
			v->top = v->drawn_top;
		break;
	case KA_TIMESTAMPS:
		v->timestamps = !v->timestamps;
		break;
	case KA_WRAP:
		v->wrap = !v->wrap;
		break;
	case KA_SEARCH:
		app->message[0] = '\0';
		v->prompt = P_SEARCH;
		lineedit_start(&v->edit, v->needle);
		break;
	case KA_SEARCH_NEXT:
	case KA_SEARCH_PREV: {
		int dir = keymap_lookup(app->keys, "logs", code) == KA_SEARCH_NEXT ? -1 : 1;
		if (v->needle[0] == '\0') {
			app_message(app, 3, "no search yet: press /");
			break;
		}
		if (v->have_match)
			search_step(v, app, (int64_t)v->match + dir, dir);
		else
			search_step(v, app, (int64_t)logring_end(v->ring) - 1, -1);
		break;
	}
	case KA_SAVE:
		default_save_path(v, app);
		app->message[0] = '\0';
		v->prompt = P_SAVE;
		lineedit_start(&v->edit, v->save_path);
		break;
	case KA_HELP:
		app_push(app, &help_view, NULL);
		break;
	default:
		return VIEW_IGNORED;
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
lv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct lview *v = st;
	(void)app;

	switch (v->prompt) {
	case P_SEARCH:
		snprintf(buf, n, "search: /%s_  (Enter finds, Esc cancels)", v->edit.text);
		return;
	case P_SAVE:
		snprintf(buf, n, "save to: %s_  (Enter saves, Esc cancels)", v->edit.text);
		return;
	case P_OVERWRITE:
		snprintf(buf, n, "%s exists: overwrite? y/N", v->save_path);
		return;
	case P_NONE:
		break;
	}
	if (v->needle[0] != '\0' && v->have_match)
		snprintf(buf, n, "/%s: match %zu of %zu (n older, N newer) | q back",
		    v->needle, v->match_nr, v->nmatches);
	else
		snprintf(buf, n, "f follow | / search | t time | w wrap | S save | q back");
}

const struct view logs_view = {
	.name = "logs",
	.init = lv_init,
	.fini = lv_fini,
	.draw = lv_draw,
	.key = lv_key,
	.status = lv_status,
};
