/* The marked rows of a list pane: a set of (engine, id), kept apart from the rows so it survives refresh and sort. */
#ifndef BERTH_MARKS_H
#define BERTH_MARKS_H

#include <stdbool.h>
#include <stddef.h>

struct ctable;

/* A set of marks, insertion-ordered. Opaque; one pane's, UI thread. */
struct marks;

/* An empty set. Never fails (xmalloc). Free with marks_free (NULL-safe). */
struct marks *marks_new(void);
void marks_free(struct marks *m);

/* Is (engine, id) marked? Pure. */
bool marks_has(const struct marks *m, int engine, const char *id);

/* Mark (engine, id) if it is not, else unmark it. Returns whether it is
 * marked now. id is copied (at most 64 bytes are kept, a full id). */
bool marks_toggle(struct marks *m, int engine, const char *id);

/* Mark (engine, id); nothing if it is marked already. id is copied. */
void marks_add(struct marks *m, int engine, const char *id);

/* Unmark everything. */
void marks_clear(struct marks *m);

/* How many are marked. Pure. */
size_t marks_count(const struct marks *m);

/* The i-th mark in the order marked (i < marks_count): its engine and id
 * (owned by m, valid until m changes). Pure. */
const char *marks_at(const struct marks *m, size_t i, int *engine);

/* Drop the marks of containers t no longer has (removed meanwhile).
 * Returns how many were dropped. */
size_t marks_prune(struct marks *m, const struct ctable *t);

#endif
