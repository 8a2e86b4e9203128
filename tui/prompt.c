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
	free(p);
}

void
prompt_add_line(struct prompt *p, const char *line)
{
	p->lines = xreallocarray(p->lines, p->nlines + 1, sizeof *p->lines);
	p->lines[p->nlines++] = xstrdup(line);
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

enum prompt_result
prompt_key(struct prompt *p, int code, bool func)
{
	if (!func && code == 27)
		return PROMPT_CANCEL;
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

void
prompt_draw(const struct prompt *p, WINDOW *w)
{
	int lines, cols, bw, bh, y0, x0, inner, qlen;
	char safe[2048], line[LINEEDIT_MAX + 8];
	const char *keys = p->text_mode ? "Enter confirms, Esc cancels" :
	    "y = yes, n = no, Esc = cancel";

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
		/* show the end of a long entry: that is where the typing is */
		const char *t = p->text;
		snprintf(line, sizeof line, "> %s_", t);
		sanitize_into(line, strlen(line), safe, sizeof safe);
		while (sanitize_width(safe) > inner && *t != '\0') {
			t++;
			while (((unsigned char)*t & 0xC0) == 0x80)
				t++;
			snprintf(line, sizeof line, "> %s_", t);
			sanitize_into(line, strlen(line), safe, sizeof safe);
		}
		wattrset(w, term_attr(TR_SELECTED));
		put_line(w, y++, x0 + 2, inner, line);
		wattrset(w, A_NORMAL);
	}
	if (y < y0 + bh - 1)
		put_line(w, y, x0 + 2, inner, keys);
	wattrset(w, A_NORMAL);
}
