/* The one line editor for typed input: prompts, filters, search, paths. Pure. */
#ifndef BERTH_LINEEDIT_H
#define BERTH_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#define LINEEDIT_MAX 512

enum lineedit_result {
	LINEEDIT_EDITING,	/* key taken, keep going */
	LINEEDIT_DONE,		/* Enter */
	LINEEDIT_CANCEL		/* Esc */
};

struct lineedit {
	char text[LINEEDIT_MAX];	/* UTF-8, what the user typed */
	bool active;
};

/*
 * One key (curses code; func true for KEY_* codes) against a caller's
 * NUL-terminated UTF-8 buffer of `size` bytes: printable characters
 * append (dropped when they do not fit), Backspace drops one character,
 * Ctrl-U clears, Enter returns DONE, Esc returns CANCEL; other keys are
 * taken and ignored. Enter and Esc leave the text as it is. UI thread.
 */
enum lineedit_result lineedit_edit(char *text, size_t size, int code, bool func);

/*
 * lineedit_edit on a list's filter, which applies as it is typed: Enter
 * keeps it, Esc clears it. Returns whether editing goes on (false after
 * Enter or Esc). UI thread.
 */
bool lineedit_filter(char *text, size_t size, int code, bool func);

/* Start editing with `initial` (may be NULL) as the text. */
void lineedit_start(struct lineedit *e, const char *initial);

/* lineedit_edit on e->text; clears e->active on DONE and CANCEL. */
enum lineedit_result lineedit_key(struct lineedit *e, int code, bool func);

#endif
