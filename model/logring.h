/* A bounded ring of log lines for the logs pane. Owned by the UI thread. */
#ifndef BERTH_LOGRING_H
#define BERTH_LOGRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOGRING_DEFAULT_LINES 10000
#define LOGRING_DEFAULT_BYTES (32u << 20)

struct logring_line {
	char *text;		/* already sanitized, NUL-terminated */
	uint32_t len;
	uint16_t ts_len;	/* bytes of the timestamp prefix (with its space) */
	uint8_t stream;		/* enum logframe_stream */
};

struct logring;

/*
 * New ring keeping at most max_lines lines and max_bytes of text (0 means
 * the defaults above): the oldest lines go first. Free with logring_free.
 */
struct logring *logring_new(size_t max_lines, size_t max_bytes);
void logring_free(struct logring *r);

/* Append a line; takes text (malloc'ed, len bytes, NUL-terminated). */
void logring_push_take(struct logring *r, int stream, char *text, size_t len,
    size_t ts_len);
/* Forget every line; sequence numbers keep growing. */
void logring_clear(struct logring *r);

/*
 * Lines are addressed by sequence numbers that never repeat: the oldest
 * kept is logring_first() (also the count of lines evicted so far), one
 * past the newest is logring_end().
 */
uint64_t logring_first(const struct logring *r);
uint64_t logring_end(const struct logring *r);
size_t logring_count(const struct logring *r);
size_t logring_max_lines(const struct logring *r);
size_t logring_bytes(const struct logring *r);
/* The line with sequence seq, or NULL if it was evicted or not yet written. */
const struct logring_line *logring_get(const struct logring *r, uint64_t seq);

#endif
