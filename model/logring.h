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
	uint8_t src;		/* the source in a pane of several (0 otherwise) */
	uint16_t nspans;	/* entries in spans */
	void *spans;		/* the line's styles (the pane's type), or NULL */
	uint32_t extra;		/* bytes of spans, counted in the byte budget */
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
/*
 * Append line l (its text, len, ts_len, stream, src and spans of extra
 * bytes, both malloc'ed, are taken). With sorted, a line whose timestamp
 * prefix is older than the newest lines' goes before them (looking back at
 * most LOGRING_SORT_WINDOW lines): several streams merged in one ring stay
 * in timestamp order. Lines without a timestamp are appended.
 */
#define LOGRING_SORT_WINDOW 2048	/* two sources' 1000-line tails interleave */
void logring_push_line(struct logring *r, const struct logring_line *l, bool sorted);

/* Compare the RFC 3339 timestamps a and b (of al and bl bytes, as the
 * engine writes them, fractions of any length): <0, 0, >0. Pure. */
int logring_ts_cmp(const char *a, size_t al, const char *b, size_t bl);

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
