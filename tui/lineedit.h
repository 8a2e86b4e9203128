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

/*
 * Tab completion against cands[0..n) (NUL-terminated strings, any order):
 * the number of candidates that start with prefix; with at least one,
 * their longest common prefix is written to common (size bytes; cut to
 * fit). Pure.
 */
size_t lineedit_complete(const char *const *cands, size_t n, const char *prefix,
    char *common, size_t size);

/* A line's history, kept by its owner for the session (fixed size, no
 * allocation): the oldest entry goes first when it is full. */
#define LINEEDIT_HISTORY_MAX 32
struct lineedit_history {
	char items[LINEEDIT_HISTORY_MAX][LINEEDIT_MAX];
	int n;
};

/* Remember text (not empty, and not the same as the newest entry). Pure. */
void lineedit_history_add(struct lineedit_history *h, const char *text);

/* The entry at pos counted back from the newest (0 = newest), or NULL
 * outside the history. Pure. */
const char *lineedit_history_at(const struct lineedit_history *h, int pos);

#endif
