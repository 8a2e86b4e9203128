/* The logs pane: draws the ring (SGR styles, a merged pane's sources), search,
 * & filter, save, copy. Its sources and streams are in logsrc.c. */
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
#include "tui/clip.h"
#include "tui/logstyle.h"
#include "views/app.h"
#include "views/copy.h"
#include "views/logs.h"
#include "views/logsrc.h"
#include "views/view.h"
#include "xmalloc.h"

#define GUTTER 2
#define TS_SHOWN 23		/* "2024-01-02T03:04:05.123" */
/* Bytes of the longest prefix of safe text s[0..len) that fits in cols columns. */
static size_t
fit_bytes(const char *s, size_t len, int cols, int *used)
{
	mbstate_t ps;
	size_t off = 0;
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

/* The text of a line as shown: with a short timestamp or without one;
 * *body is where the line's own text (its styles' offsets) starts. */
static const char *
shown_text(const struct lview *v, const struct logring_line *l, char *buf, size_t bufsz,
    size_t *body)
{
	int n;

	*body = 0;
	if (l->ts_len == 0)
		return l->text;
	if (!v->timestamps)
		return l->text + l->ts_len;
	n = snprintf(buf, bufsz, "%.*s %s", l->ts_len - 1 < TS_SHOWN ? l->ts_len - 1 : TS_SHOWN,
	    l->text, l->text + l->ts_len);
	*body = n > 0 ? strlen(buf) - strlen(l->text + l->ts_len) : 0;
	return buf;
}

/* Columns before the text: the gutter, and a merged pane's source name. */
static int
lead_w(const struct lview *v)
{
	return GUTTER + (v->many ? v->src_w + 3 : 0);
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

/* Whether line l passes the & filter. */
static bool
kept(const struct lview *v, const struct logring_line *l)
{
	if (v->filter[0] == '\0' || l == NULL)
		return true;
	return matches(l->text + l->ts_len, v->filter) != v->filter_out;
}

/* Rows a line takes at text width cols. */
static int
line_rows(const struct lview *v, const struct logring_line *l, int cols, char *buf, size_t bufsz)
{
	const char *s;
	size_t body, len;
	int rows = 0;

	if (!v->wrap)
		return 1;
	s = shown_text(v, l, buf, bufsz, &body);
	len = strlen(s);
	if (len == 0)
		return 1;
	while (len > 0) {
		size_t n = fit_bytes(s, len, cols, NULL);
		if (n == 0)
			n = 1;	/* a glyph wider than the pane: skip it */
		s += n;
		len -= n;
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

/*
 * Draw bytes [from, to) of shown text s at (y, x), at most width columns,
 * each piece in the style of its span (the line's text starts at byte
 * body of s; before it, base alone). Through the gate, piece by piece.
 */
static void
put_styled(WINDOW *w, int y, int x, int width, attr_t base, const char *s, size_t from,
    size_t to, const struct logring_line *l, size_t body)
{
	const struct sgr_span *sp = l->spans;
	size_t k = 0, pos = from;

	while (pos < to && width > 0) {
		size_t next = to, n;
		attr_t a = base;
		int used;
		/* the span pos is in, and where the next one starts */
		while (k < l->nspans && body + sp[k].off <= pos)
			k++;
		if (k > 0 && pos >= body)
			a = logstyle_merge(base, logstyle_attr(&sp[k - 1].st));
		if (pos < body && body < next)
			next = body;
		if (k < l->nspans && body + sp[k].off < next)
			next = body + sp[k].off;
		n = fit_bytes(s + pos, next - pos, width, &used);
		if (n < next - pos) {
			gate_putn(w, y, x, width, a, s + pos, to - pos);	/* cut here */
			return;
		}
		gate_putn(w, y, x, used, a, s + pos, n);
		x += used;
		width -= used;
		pos = next;
	}
}

/* The gutter and a merged pane's source name, at row y. */
static void
put_lead(struct lview *v, WINDOW *w, int y, const struct logring_line *l, attr_t a, bool first)
{
	gate_put(w, y, 0, GUTTER, a, first ? gutter(l) : "  ");
	if (v->many && l->src < v->nsrc) {
		attr_t sa = logstyle_source(l->src);
		mvwhline(w, y, GUTTER, ' ', v->src_w + 3);
		if (first)
			gate_put(w, y, GUTTER, v->src_w, sa, v->src[l->src].name);
		gate_put(w, y, GUTTER + v->src_w + 1, 2, sa, "| ");
	}
}

/* Draw line seq from its sub-row `skip`, at row y; returns rows used. */
static int
draw_line(struct lview *v, WINDOW *w, uint64_t seq, int skip, int y, int maxy, int cols)
{
	const struct logring_line *l = logring_get(v->ring, seq);
	char buf[LOGSTREAM_MAX_LINE * 2];
	const char *s;
	size_t body, len, off = 0;
	int row = 0, lw = lead_w(v), tw = cols - lw;
	attr_t a;

	if (l == NULL || tw < 1)
		return 1;
	s = shown_text(v, l, buf, sizeof buf, &body);
	len = strlen(s);
	a = line_attr(v, l, seq);
	if (!v->wrap) {
		put_lead(v, w, y, l, a, true);
		put_styled(w, y, lw, tw, a, s, 0, len, l, body);
		wattrset(w, A_NORMAL);
		return 1;
	}
	do {
		size_t n = fit_bytes(s + off, len - off, tw, NULL);
		if (n == 0 && off < len)
			n = 1;
		if (row >= skip && y < maxy) {
			put_lead(v, w, y, l, a, row == 0);
			put_styled(w, y, lw, tw, a, s, off, off + n, l, body);
			y++;
		}
		off += n;
		row++;
	} while (off < len);
	wattrset(w, A_NORMAL);
	return row - skip;
}

/* The nearest kept line from seq (inclusive) in direction dir (-1 older,
 * 1 newer); -1 if there is none. */
static int64_t
kept_from(const struct lview *v, int64_t seq, int dir)
{
	int64_t first = (int64_t)logring_first(v->ring), end = (int64_t)logring_end(v->ring);

	for (; seq >= first && seq < end; seq += dir)
		if (kept(v, logring_get(v->ring, (uint64_t)seq)))
			return seq;
	return -1;
}

static void
lv_draw(void *st, struct app *app, WINDOW *w)
{
	struct lview *v = st;
	int lines, cols, rows, y, skip = 0;
	uint64_t first, end, seq;
	int64_t k;
	char head[640], tmp[LOGSTREAM_MAX_LINE * 2];

	logsrc_follow_units(v, app);
	first = logring_first(v->ring);
	end = logring_end(v->ring);
	getmaxyx(w, lines, cols);
	rows = lines - 1;
	v->page = rows > 1 ? rows : 1;
	snprintf(head, sizeof head, "logs %.200s  [%s]%s%s%s  %zu lines%s%.200s",
	    v->name, v->follow ? "following" : "paused",
	    v->timestamps ? " [time]" : "", v->wrap ? " [wrap]" : "",
	    v->filter[0] != '\0' ? " [filter]" : "",
	    logring_count(v->ring), v->ended ? "  - " : "", v->ended ? v->note : "");
	wattrset(w, term_attr(TR_HEADER));
	mvwhline(w, 0, 0, ' ', cols);
	gate_put(w, 0, 0, cols, term_attr(TR_HEADER), head);
	wattrset(w, A_NORMAL);
	if (rows < 1)
		return;
	k = kept_from(v, (int64_t)end - 1, -1);
	if (end == first || k < 0) {
		const char *msg = end != first ? "no line matches the filter (& clears it)" :
		    v->note[0] ? v->note : v->nsrc > 0 && v->src[0].stream == NULL ?
		    "inspecting the container..." : "no log lines yet";
		gate_put(w, 2, 2, cols - 2, A_NORMAL, msg);
		return;
	}
	v->drawn_last = (uint64_t)k;
	if (v->follow) {
		/* anchor the newest line at the bottom: walk up until full */
		int total = 0;
		seq = end;
		while (seq > first && total < rows) {
			seq--;
			if (kept(v, logring_get(v->ring, seq)))
				total += line_rows(v, logring_get(v->ring, seq), cols - lead_w(v),
				    tmp, sizeof tmp);
		}
		skip = total > rows ? total - rows : 0;
	} else {
		if (v->top < first)
			v->top = first;
		if (v->top >= end)
			v->top = end - 1;
		k = kept_from(v, (int64_t)v->top, 1);
		if (k < 0)
			k = kept_from(v, (int64_t)v->top, -1);
		v->top = seq = (uint64_t)k;
	}
	v->drawn_top = seq;
	for (y = 1; y <= rows && seq < end; seq++) {
		if (!kept(v, logring_get(v->ring, seq)))
			continue;
		v->drawn_last = seq;
		y += draw_line(v, w, seq, skip, y, rows + 1, cols);
		skip = 0;
	}
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
		if (kept(v, l) && matches(l->text + l->ts_len, v->needle)) {
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
		if (kept(v, l) && matches(l->text + l->ts_len, v->needle)) {
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
	static char out[65536], tmp[LOGSTREAM_MAX_LINE * 2], tmp2[LOGSTREAM_MAX_LINE * 2 + 300];
	size_t used = 0;
	uint64_t end = logring_end(v->ring);

	*nlines = 0;
	for (uint64_t s = logring_first(v->ring); s < end; s++) {
		const struct logring_line *l = logring_get(v->ring, s);
		size_t body, n;
		const char *t = shown_text(v, l, tmp, sizeof tmp, &body);
		if (!kept(v, l))
			continue;
		if (v->many && l->src < v->nsrc) {
			char *sn = sanitize_dup(v->src[l->src].name, strlen(v->src[l->src].name));
			snprintf(tmp2, sizeof tmp2, "%s | %s", sn, t);
			free(sn);
			t = tmp2;
		}
		n = strlen(t);
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
	} else if (v->prompt == P_FILTER) {
		const char *t = v->edit.text;
		v->prompt = P_NONE;
		v->filter_out = t[0] == '!';
		snprintf(v->filter, sizeof v->filter, "%s", t + (t[0] == '!'));
		v->have_match = false;
		if (v->filter[0] == '\0')
			app_message(app, 3, "filter cleared");
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
	int dir = delta < 0 ? -1 : 1;
	int64_t t = (int64_t)(v->follow ? v->drawn_top : v->top), k, n = 0, at;

	for (int64_t i = 0; i < (delta < 0 ? -delta : delta); i++) {
		if ((k = kept_from(v, t + dir, dir)) < 0)
			break;
		t = k;
	}
	if (delta > 0) {
		/* a page from t reaches the newest line: follow again */
		for (at = t; n < v->page && (at = kept_from(v, at + 1, 1)) >= 0; n++)
			;
		if (n < v->page) {
			v->follow = true;
			return;
		}
	}
	v->follow = false;
	v->top = t > (int64_t)logring_first(v->ring) ? (uint64_t)t : logring_first(v->ring);
}

/* Copy (OSC 52) the lines the filter keeps, or else the search match or
 * the newest line on screen, as shown. */
static void
copy_lines(struct lview *v, struct app *app)
{
	char *out = NULL, tmp[LOGSTREAM_MAX_LINE * 2];
	size_t cap = 0, used = 0, nl = 0;
	uint64_t from = v->have_match ? v->match : v->drawn_last, to = from + 1;

	if (logring_get(v->ring, from) == NULL) {
		app_message(app, 3, "nothing to copy");
		return;
	}
	if (v->filter[0] != '\0') {
		from = logring_first(v->ring);
		to = logring_end(v->ring);
	}
	for (uint64_t seq = from; seq < to && used < CLIP_MAX; seq++) {
		const struct logring_line *l = logring_get(v->ring, seq);
		size_t body, n;
		const char *t;
		if (!kept(v, l))
			continue;
		t = shown_text(v, l, tmp, sizeof tmp, &body);
		n = strlen(t);
		out = xgrowarray(out, &cap, used + n + 2, 1);
		memcpy(out + used, t, n);
		used += n;
		out[used++] = '\n';
		nl++;
	}
	if (nl == 1)
		used--;		/* one line: no newline after it */
	if (out != NULL) {
		char what[64];
		snprintf(what, sizeof what, "%zu line%s", nl, nl == 1 ? "" : "s");
		views_copy(app, out, used, what);
	}
	free(out);
}

static void
start_prompt(struct lview *v, struct app *app, enum lv_prompt p, const char *text)
{
	app->message[0] = '\0';
	v->prompt = p;
	lineedit_start(&v->edit, text);
}

static int
lv_key(void *st, struct app *app, int code, bool func)
{
	struct lview *v = st;
	enum keymap_action a;

	if (v->prompt != P_NONE)
		return lv_prompt_key(v, app, code, func);
	a = views_action(app, "logs", code, func);
	switch (a) {
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
		start_prompt(v, app, P_SEARCH, v->needle);
		break;
	case KA_LINE_FILTER: {
		char cur[LINEEDIT_MAX + 1];
		snprintf(cur, sizeof cur, "%s%s", v->filter_out ? "!" : "", v->filter);
		start_prompt(v, app, P_FILTER, v->filter[0] != '\0' ? cur : "");
		break;
	}
	case KA_COPY:
		copy_lines(v, app);
		break;
	case KA_SEARCH_NEXT:
	case KA_SEARCH_PREV: {
		int dir = a == KA_SEARCH_NEXT ? -1 : 1;
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
		start_prompt(v, app, P_SAVE, v->save_path);
		break;
	default:
		return views_pane_key(app, a, VIEW_BACK | VIEW_REDRAW);
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
lv_status(void *st, struct app *app, char *buf, size_t n)
{
	struct lview *v = st;
	char fl[300] = "";
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
	case P_FILTER:
		snprintf(buf, n, "filter: &%s_  (keep lines with it; !text hides them; "
		    "empty clears; Enter, Esc)", v->edit.text);
		return;
	case P_NONE:
		break;
	}
	if (v->filter[0] != '\0')
		snprintf(fl, sizeof fl, "filter &%s'%.200s' | ", v->filter_out ? "!" : "", v->filter);
	if (v->needle[0] != '\0' && v->have_match)
		snprintf(buf, n, "%s/%s: match %zu of %zu (n older, N newer) | q back",
		    fl, v->needle, v->match_nr, v->nmatches);
	else
		snprintf(buf, n, "%sf follow | / search | & filter | y copy | t time | w wrap | "
		    "S save | q back", fl);
}

/* arg: a struct target (engine, container id). */
static void *
lv_init(struct app *app, const void *arg)
{
	return logsrc_new_one(app, arg);
}

/* arg: a struct logs_arg (views/logs.h). */
static void *
lv_init_many(struct app *app, const void *arg)
{
	return logsrc_new_many(app, arg);
}

static void
lv_fini(void *st)
{
	logsrc_free(st);
}

const struct view logs_many_view = {
	.name = "logs",
	.init = lv_init_many,
	.fini = lv_fini,
	.draw = lv_draw,
	.key = lv_key,
	.status = lv_status,
};

const struct view logs_view = {
	.name = "logs",
	.init = lv_init,
	.fini = lv_fini,
	.draw = lv_draw,
	.key = lv_key,
	.status = lv_status,
};
