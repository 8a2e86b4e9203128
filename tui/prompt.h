/* A modal prompt: a yes/no question or a line of text, drawn as a box. */
#ifndef BERTH_PROMPT_H
#define BERTH_PROMPT_H

#include <stdbool.h>

#include <curses.h>

#include "tui/lineedit.h"

enum prompt_result {
	PROMPT_OPEN = 0,	/* still asking */
	PROMPT_YES,		/* y, or Enter on a text prompt */
	PROMPT_NO,		/* n or Enter on a yes/no prompt (no is the default) */
	PROMPT_CANCEL		/* Esc (or q on a yes/no prompt) */
};

struct prompt;

/*
 * A yes/no question ("Stop shop-production?"): y answers yes; n and
 * Enter answer no; Esc and q cancel. The question is raw text (sanitized when drawn);
 * copied. UI thread.
 */
struct prompt *prompt_new_yesno(const char *question);
/*
 * A text prompt: the user types a line (initial text may be NULL); Enter
 * answers PROMPT_YES with the text, Esc answers PROMPT_CANCEL. `hint` is a
 * second line under the question (may be NULL).
 */
struct prompt *prompt_new_text(const char *question, const char *hint,
    const char *initial);
/*
 * A one-line command prompt on the bottom line (k9s's ':'): label, then
 * the typed text. Tab completes against cands[0..n) (copied): the common
 * prefix, with the candidates listed on the line above; Tab again cycles
 * through them. Up and Down walk hist (the caller's, NULL: none; it must
 * outlive p), and Enter adds the line to it. Enter answers PROMPT_YES,
 * Esc PROMPT_CANCEL. UI thread.
 */
struct prompt *prompt_new_line(const char *label, const char *const *cands, size_t n,
    struct lineedit_history *hist);
void prompt_free(struct prompt *p);

/* Add a line (raw text, copied) under the question, e.g. one target of
 * several; lines keep their order. UI thread. */
void prompt_add_line(struct prompt *p, const char *line);

/* Feed one key (curses code, func as from get_wch). Returns the state. */
enum prompt_result prompt_key(struct prompt *p, int code, bool func);
/* The typed text (UTF-8, owned by p). */
const char *prompt_text(const struct prompt *p);

/* Draw as a bordered box centred in w, over whatever w holds. */
void prompt_draw(const struct prompt *p, WINDOW *w);

#endif
