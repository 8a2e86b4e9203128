/* Allocation that cannot fail: on exhaustion restore the terminal, then abort. */
#ifndef BERTH_XMALLOC_H
#define BERTH_XMALLOC_H

#include <stddef.h>

/* Any thread. Never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copy at most n bytes of s and NUL-terminate. */
char *xstrndup(const char *s, size_t n);
/* Free a NULL-terminated array of strings and the array (v may be NULL). */
void xstrv_free(char **v);
/*
 * The string members of a record, named by their byte offsets (offsetof)
 * in off[0..n-1], so that one list serves a record's clear and its copy.
 * xfree_members frees them (NULL ones too) and leaves them dangling;
 * xstrdup_members replaces each non-NULL one with its own copy, after a
 * struct assignment. Any thread.
 */
void xfree_members(void *rec, const size_t *off, size_t n);
void xstrdup_members(void *rec, const size_t *off, size_t n);

/*
 * Room for at least want elements of size bytes in the array p, which has
 * room for *cap: p itself when it is large enough, else p moved to a larger
 * block (the capacity doubles, so appending one at a time is amortized
 * O(1)) with *cap updated. The caller keeps its element count. Any thread.
 */
void *xgrowarray(void *p, size_t *cap, size_t want, size_t size);
/* The same for a byte buffer with a size cap: never more than max bytes
 * (the caller refuses a want above max first). */
void *xgrowbuf(void *p, size_t *cap, size_t want, size_t max);

/* Called once, before abort(), on allocation failure (e.g. endwin).
 * Set from the UI thread at start-up; the hook must be async-safe enough
 * to run from any thread. */
void xmalloc_set_fatal_hook(void (*hook)(void));

#endif
