/* Splits a byte stream (the /events body) into complete JSON lines. */
#ifndef BERTH_EVSPLIT_H
#define BERTH_EVSPLIT_H

#include <stddef.h>

struct evsplit;

/* New splitter; a line longer than max_line bytes is dropped whole and
 * counted, so memory stays bounded. Any thread; not shared. */
struct evsplit *evsplit_new(size_t max_line);
void evsplit_free(struct evsplit *s);

/* Feed bytes; call cb(line, len, arg) for each complete non-empty line
 * (without its '\n', '\r' stripped). Lines may span many feeds. */
void evsplit_feed(struct evsplit *s, const char *buf, size_t len,
    void (*cb)(const char *line, size_t len, void *arg), void *arg);
/* Drop a partial line (after a reconnect). */
void evsplit_reset(struct evsplit *s);
/* Count of over-long lines dropped. */
size_t evsplit_dropped(const struct evsplit *s);

#endif
