/* Demultiplexes a /containers/{id}/logs body into lines: pure, buffer-fed. */
#ifndef BERTH_LOGFRAME_H
#define BERTH_LOGFRAME_H

#include <stdbool.h>
#include <stddef.h>

/* Stream ids as the engine's 8-byte frame headers carry them. */
enum logframe_stream {
	LOGFRAME_STDIN = 0,
	LOGFRAME_STDOUT = 1,
	LOGFRAME_STDERR = 2,
	LOGFRAME_SYSTEM = 3	/* the engine's own error text */
};

struct logframe;

/*
 * New demuxer. With tty the body is raw (a TTY container's logs carry no
 * frame headers) and every line is stdout. Without tty each frame is an
 * 8-byte header {stream, 0, 0, 0, len (32-bit big-endian)} and len payload
 * bytes; a header that cannot be one (stream > 3 or non-zero padding)
 * switches the demuxer to raw for the rest of the body and is counted.
 * A line longer than max_line bytes is handed out in max_line pieces, so
 * memory stays bounded. Any thread; not shared.
 */
struct logframe *logframe_new(bool tty, size_t max_line);
void logframe_free(struct logframe *f);

/*
 * Feed body bytes. cb(arg, stream, line, len) runs for each complete line,
 * without its '\n' and a '\r' before it; line[len] is NUL. stdout and
 * stderr keep separate partial lines. Lines may span frames and feeds.
 */
void logframe_feed(struct logframe *f, const void *buf, size_t len,
    void (*cb)(void *arg, int stream, const char *line, size_t len), void *arg);

/* Hand out unterminated partial lines (at the end of the body). */
void logframe_flush(struct logframe *f,
    void (*cb)(void *arg, int stream, const char *line, size_t len), void *arg);

/* Headers that were not headers (see logframe_new). */
size_t logframe_bad_headers(const struct logframe *f);

#endif
