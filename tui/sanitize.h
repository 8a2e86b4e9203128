/* Make engine bytes safe to draw: no control bytes, valid UTF-8, known width. */
#ifndef BERTH_SANITIZE_H
#define BERTH_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Set once at start-up from the locale (true when the codeset is UTF-8).
 * In a non-UTF-8 locale every non-ASCII character becomes '?'.
 */
void sanitize_set_utf8(bool utf8);
bool sanitize_get_utf8(void);

/*
 * Return a new NUL-terminated string (caller frees) that is safe to hand
 * to curses: C0 controls (incl. ESC, TAB, CR, LF) become caret notation
 * ("^[", "^I"), DEL becomes "^?", C1 controls U+0080..U+009F become
 * "<80>".."<9F>", bidi/format controls (U+200B..U+200F, U+202A..U+202E,
 * U+2060..U+2069, U+FEFF) become "<U+XXXX>", invalid UTF-8 (bad lead,
 * truncated, overlong, surrogate, > U+10FFFF) becomes U+FFFD per bad byte
 * run, and characters wcwidth() says are unprintable become U+FFFD.
 * Embedded NULs in `in` are treated as controls ("^@"). Any thread.
 */
char *sanitize_dup(const char *in, size_t len);

/* Same, into a caller buffer: always NUL-terminates when outsz > 0,
 * truncating at a character boundary. Returns bytes written (sans NUL). */
size_t sanitize_into(const char *in, size_t len, char *out, size_t outsz);

/* Display width in columns of an already-sanitized string (wcwidth). */
int sanitize_width(const char *safe);

/*
 * Copy the longest prefix of sanitized `safe` that fits in `cols`
 * columns into out (NUL-terminated), ending with "~" (ASCII locale) or
 * "…" (UTF-8) when it had to cut. Never splits a character or a
 * double-width glyph. Returns the width used.
 */
int sanitize_fit(const char *safe, int cols, char *out, size_t outsz);

#endif
