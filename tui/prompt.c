/* The prompt widget: keys in, a state out; drawn over the pane. */
#include "tui/prompt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/gate.h"
#include "tui/lineedit.h"
#include "tui/sanitize.h"
#include "tui/term.h"
#include "xmalloc.h"

struct prompt {
	bool text_mode;
	char *question;
	char *hint;
	char **lines;		/* prompt_add_line, drawn under the question */
	size_t nlines;
	char text[LINEEDIT_MAX];
	/* prompt_new_line: completion and history */
	bool line_mode;
	char **cands;		/* NULL-terminated */
	size_t ncands;
	struct lineedit_history *hist;
	int hist_pos;		/* -1: the line being typed */
	char typed[LINEEDIT_MAX];	/* that line, while walking the history */
	char note[LINEEDIT_MAX];	/* the candidates, over the line */
	char cycle_from[LINEEDIT_MAX];	/* Tab again: the prefix it cycles on */
	char tabbed[LINEEDIT_MAX];	/* the text the last Tab left */
	size_t cycle;
};

/* The two kinds differ only in what they are given (see prompt.h). */
static struct prompt *
new_prompt(bool text_mode, const char *question, const char *hint,
    const char *initial)
{
	struct prompt *p = xcalloc(1, sizeof *p);

	p->text_mode = text_mode;
	p->question = xstrdup(question);
	p->hint = hint != NULL ? xstrdup(hint) : NULL;
	if (initial != NULL)
		snprintf(p->text, sizeof p->text, "%s", initial);
	return p;
}

struct prompt *
prompt_new_yesno(const char *question)
{
	return new_prompt(false, question, NULL, NULL);
}

struct prompt *
prompt_new_text(const char *question, const char *hint, const char *initial)
{
	return new_prompt(true, question, hint, initial);
}

void
prompt_free(struct prompt *p)
{
	if (p == NULL)
		return;
	free(p->question);
	free(p->hint);
	for (size_t i = 0; i < p->nlines; i++)
		free(p->lines[i]);
	free(p->lines);
	xstrv_free(p->cands);
	free(p);
}

void
prompt_add_line(struct prompt *p, const char *line)
{
	p->lines = xreallocarray(p->lines, p->nlines + 1, sizeof *p->lines);
	p->lines[p->nlines++] = xstrdup(line);
}

struct prompt *
prompt_new_line(const char *label, const char *const *cands, size_t n,
    struct lineedit_history *hist)
{
	struct prompt *p = new_prompt(true, label, NULL, NULL);

	p->line_mode = true;
	p->cands = xcalloc(n + 1, sizeof *p->cands);
	for (size_t i = 0; i < n; i++)
		p->cands[i] = xstrdup(cands[i]);
	p->ncands = n;
	p->hist = hist;
	p->hist_pos = -1;
	return p;
}

/* The widest of the question, the lines and the hint, in cells. */
static int
prompt_width(const struct prompt *p)
{
	char safe[2048];
	int w;

	sanitize_into(p->question, strlen(p->question), safe, sizeof safe);
	w = sanitize_width(safe);
	for (size_t i = 0; i <= p->nlines; i++) {
		const char *s = i < p->nlines ? p->lines[i] : p->hint;
		if (s == NULL)
			continue;
		sanitize_into(s, strlen(s), safe, sizeof safe);
		if (sanitize_width(safe) > w)
			w = sanitize_width(safe);
	}
	return w;
}

const char *
prompt_text(const struct prompt *p)
{
	return p->text;
}

static bool
is_enter(int code, bool func)
{
	return (!func && (code == '\r' || code == '\n')) || (func && code == KEY_ENTER);
}

/* The i-th candidate that starts with prefix (i < their count). */
static const char *
nth_match(const struct prompt *p, const char *prefix, size_t i)
{
	for (size_t k = 0; k < p->ncands; k++)
		if (strncmp(p->cands[k], prefix, strlen(prefix)) == 0 && i-- == 0)
			return p->cands[k];
	return NULL;
}

/* Tab: the common prefix, then each candidate in turn. */
static void
line_complete(struct prompt *p)
{
	char common[LINEEDIT_MAX];
	size_t n, used = 0;

	if (p->tabbed[0] != '\0' && strcmp(p->tabbed, p->text) == 0 &&
	    (n = lineedit_complete((const char *const *)p->cands, p->ncands,
	    p->cycle_from, common, sizeof common)) > 1) {
		p->cycle = (p->cycle + 1) % n;
		snprintf(p->text, sizeof p->text, "%s", nth_match(p, p->cycle_from, p->cycle));
		snprintf(p->tabbed, sizeof p->tabbed, "%s", p->text);
		return;
	}
	n = lineedit_complete((const char *const *)p->cands, p->ncands, p->text,
	    common, sizeof common);
	p->note[0] = '\0';
	if (n == 0) {
		snprintf(p->note, sizeof p->note, "no match for '%.200s'", p->text);
		return;
	}
	snprintf(p->cycle_from, sizeof p->cycle_from, "%s", p->text);
	p->cycle = (size_t)-1;	/* the next Tab shows the first */
	if (n > 1 && strcmp(common, p->text) == 0) {
		p->cycle = 0;
		snprintf(common, sizeof common, "%s", nth_match(p, p->text, 0));
	}
	snprintf(p->text, sizeof p->text, "%s", common);
	snprintf(p->tabbed, sizeof p->tabbed, "%s", p->text);
	for (size_t i = 0; n > 1 && i < n && used + 1 < sizeof p->note; i++) {
		int w = snprintf(p->note + used, sizeof p->note - used, "%s%s",
		    i > 0 ? "  " : "", nth_match(p, p->cycle_from, i));
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* Up (older) and Down (newer) through the history; past the newest,
 * the line being typed comes back. */
static void
line_history(struct prompt *p, int step)
{
	const char *e;
	int pos = p->hist_pos + step;

	if (p->hist == NULL || pos < -1 || (e = lineedit_history_at(p->hist, pos)) == NULL) {
		if (pos != -1)
			return;
		e = p->typed;
	}
	if (p->hist_pos == -1)
		snprintf(p->typed, sizeof p->typed, "%s", p->text);
	p->hist_pos = pos;
	snprintf(p->text, sizeof p->text, "%s", e);
	p->tabbed[0] = '\0';
}

static enum prompt_result
line_key(struct prompt *p, int code, bool func)
{
	if (!func && code == '\t') {
		line_complete(p);
		return PROMPT_OPEN;
	}
	if (func && (code == KEY_UP || code == KEY_DOWN)) {
		line_history(p, code == KEY_UP ? 1 : -1);
		return PROMPT_OPEN;
	}
	switch (lineedit_edit(p->text, sizeof p->text, code, func)) {
	case LINEEDIT_DONE:
		if (p->hist != NULL)
			lineedit_history_add(p->hist, p->text);
		return PROMPT_YES;
	case LINEEDIT_CANCEL:
		return PROMPT_CANCEL;
	case LINEEDIT_EDITING:
		break;
	}
	if (strcmp(p->tabbed, p->text) != 0) {	/* typed: completion starts over */
		p->tabbed[0] = '\0';
		p->note[0] = '\0';
	}
	return PROMPT_OPEN;
}

enum prompt_result
prompt_key(struct prompt *p, int code, bool func)
{
	if (!func && code == 27)
		return PROMPT_CANCEL;
	if (p->line_mode)
		return line_key(p, code, func);
	if (!p->text_mode) {
		if (!func && (code == 'y' || code == 'Y'))
			return PROMPT_YES;
		if (!func && code == 'q')
			return PROMPT_CANCEL;
		if (is_enter(code, func) || (!func && (code == 'n' || code == 'N')))
			return PROMPT_NO;
		return PROMPT_OPEN;
	}
	switch (lineedit_edit(p->text, sizeof p->text, code, func)) {
	case LINEEDIT_DONE:
		return PROMPT_YES;
	case LINEEDIT_CANCEL:
		return PROMPT_CANCEL;
	case LINEEDIT_EDITING:
		break;
	}
	return PROMPT_OPEN;
}

/* One line of the box, through the gate, in the box's attributes. */
static void
put_line(WINDOW *w, int y, int x, int width, const char *raw)
{
	gate_put(w, y, x, width, (attr_t)getattrs(w), raw);
}

/* A long entry shows its end: that is where the typing is. */
static void
fit_end(const char *label, const char *text, int width, char *line, size_t size)
{
	char safe[2048];

	snprintf(line, size, "%s%s_", label, text);
	sanitize_into(line, strlen(line), safe, sizeof safe);
	while (sanitize_width(safe) > width && *text != '\0') {
		text++;
		while (((unsigned char)*text & 0xC0) == 0x80)
			text++;
		snprintf(line, size, "%s%s_", label, text);
		sanitize_into(line, strlen(line), safe, sizeof safe);
	}
}

/* The command line: its note over it, both on the bottom lines of w. */
static void
line_draw(const struct prompt *p, WINDOW *w)
{
	int lines = getmaxy(w), cols = getmaxx(w);
	char line[LINEEDIT_MAX * 2 + 8];

	if (lines < 2)
		return;
	if (p->note[0] != '\0') {
		wattrset(w, A_NORMAL);
		mvwhline(w, lines - 2, 0, ' ', cols);
		gate_put(w, lines - 2, 0, cols, A_NORMAL, p->note);
	}
	fit_end(p->question, p->text, cols - 1, line, sizeof line);
	wattrset(w, A_BOLD);
	mvwhline(w, lines - 1, 0, ' ', cols);
	gate_put(w, lines - 1, 0, cols, A_BOLD, line);
	wattrset(w, A_NORMAL);
}

void
prompt_draw(const struct prompt *p, WINDOW *w)
{
	int lines, cols, bw, bh, y0, x0, inner, qlen;
	char line[LINEEDIT_MAX + 8];
	const char *keys = p->text_mode ? "Enter confirms, Esc cancels" :
	    "y = yes, n = no, Esc = cancel";

	if (p->line_mode) {
		line_draw(p, w);
		return;
	}
	getmaxyx(w, lines, cols);
	qlen = prompt_width(p);
	bh = 4 + (int)p->nlines + (p->hint != NULL ? 1 : 0) + (p->text_mode ? 1 : 0);
	bw = qlen + 4;
	if (bw < 44)
		bw = 44;
	if (bw > cols)
		bw = cols;
	if (bh > lines)
		bh = lines;
	inner = bw - 4;
	if (inner < 1 || bh < 3)
		return;
	y0 = (lines - bh) / 2;
	x0 = (cols - bw) / 2;

	wattrset(w, A_BOLD);
	for (int y = y0; y < y0 + bh; y++)
		mvwhline(w, y, x0, ' ', bw);
	mvwaddch(w, y0, x0, ACS_ULCORNER);
	mvwhline(w, y0, x0 + 1, ACS_HLINE, bw - 2);
	mvwaddch(w, y0, x0 + bw - 1, ACS_URCORNER);
	mvwaddch(w, y0 + bh - 1, x0, ACS_LLCORNER);
	mvwhline(w, y0 + bh - 1, x0 + 1, ACS_HLINE, bw - 2);
	mvwaddch(w, y0 + bh - 1, x0 + bw - 1, ACS_LRCORNER);
	mvwvline(w, y0 + 1, x0, ACS_VLINE, bh - 2);
	mvwvline(w, y0 + 1, x0 + bw - 1, ACS_VLINE, bh - 2);
	int y = y0 + 1;
	put_line(w, y++, x0 + 2, inner, p->question);
	wattrset(w, A_NORMAL);
	for (size_t i = 0; i < p->nlines && y < y0 + bh - 1; i++)
		put_line(w, y++, x0 + 2, inner, p->lines[i]);
	if (p->hint != NULL && y < y0 + bh - 1)
		put_line(w, y++, x0 + 2, inner, p->hint);
	if (p->text_mode && y < y0 + bh - 1) {
		fit_end("> ", p->text, inner, line, sizeof line);
		wattrset(w, term_attr(TR_SELECTED));
		put_line(w, y++, x0 + 2, inner, line);
		wattrset(w, A_NORMAL);
	}
	if (y < y0 + bh - 1)
		put_line(w, y, x0 + 2, inner, keys);
	wattrset(w, A_NORMAL);
}
