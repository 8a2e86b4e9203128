/* The logs body: 8-byte frame headers (non-TTY) or raw bytes, split into lines. */
#include "dockerapi/logframe.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define NSTREAMS 4

struct partial {
	char *buf;		/* max_line + 1 bytes */
	size_t len;
};

struct logframe {
	bool raw;
	size_t max_line;
	unsigned char hdr[8];
	size_t hdr_len;		/* header bytes collected */
	uint32_t left;		/* payload bytes left in the current frame */
	int stream;		/* of the current frame */
	size_t bad;
	struct partial part[NSTREAMS];
};

struct logframe *
logframe_new(bool tty, size_t max_line)
{
	struct logframe *f = xcalloc(1, sizeof *f);

	f->raw = tty;
	f->max_line = max_line > 0 ? max_line : 1;
	f->stream = LOGFRAME_STDOUT;
	for (int i = 0; i < NSTREAMS; i++)
		f->part[i].buf = xmalloc(f->max_line + 1);
	return f;
}

void
logframe_free(struct logframe *f)
{
	if (f == NULL)
		return;
	for (int i = 0; i < NSTREAMS; i++)
		free(f->part[i].buf);
	free(f);
}

size_t
logframe_bad_headers(const struct logframe *f)
{
	return f->bad;
}

static void
emit(struct logframe *f, int stream,
    void (*cb)(void *, int, const char *, size_t), void *arg)
{
	struct partial *p = &f->part[stream];
	size_t n = p->len;

	if (n > 0 && p->buf[n - 1] == '\r')
		n--;
	p->buf[n] = '\0';
	cb(arg, stream, p->buf, n);
	p->len = 0;
}

/* Payload bytes of one stream: cut at newlines and at max_line. */
static void
payload(struct logframe *f, int stream, const char *s, size_t len,
    void (*cb)(void *, int, const char *, size_t), void *arg)
{
	struct partial *p = &f->part[stream];

	while (len > 0) {
		const char *nl = memchr(s, '\n', len);
		size_t take = nl != NULL ? (size_t)(nl - s) : len;
		size_t room = f->max_line - p->len;

		if (take > room) {
			/* too long: hand out a full piece, keep going */
			memcpy(p->buf + p->len, s, room);
			p->len += room;
			s += room;
			len -= room;
			p->buf[p->len] = '\0';
			cb(arg, stream, p->buf, p->len);
			p->len = 0;
			continue;
		}
		memcpy(p->buf + p->len, s, take);
		p->len += take;
		s += take;
		len -= take;
		if (nl != NULL) {
			s++;
			len--;
			emit(f, stream, cb, arg);
		}
	}
}

void
logframe_feed(struct logframe *f, const void *buf, size_t len,
    void (*cb)(void *arg, int stream, const char *line, size_t len), void *arg)
{
	const char *s = buf;

	while (len > 0) {
		if (f->raw) {
			payload(f, LOGFRAME_STDOUT, s, len, cb, arg);
			return;
		}
		if (f->left > 0) {
			size_t take = len < f->left ? len : f->left;
			payload(f, f->stream, s, take, cb, arg);
			s += take;
			len -= take;
			f->left -= (uint32_t)take;
			continue;
		}
		while (f->hdr_len < sizeof f->hdr && len > 0) {
			f->hdr[f->hdr_len++] = (unsigned char)*s++;
			len--;
		}
		if (f->hdr_len < sizeof f->hdr)
			return;
		f->hdr_len = 0;
		if (f->hdr[0] > LOGFRAME_SYSTEM || f->hdr[1] != 0 ||
		    f->hdr[2] != 0 || f->hdr[3] != 0) {
			/* Not a frame header: a TTY body we were not told about,
			 * or garbage. Show the bytes rather than lose them. */
			f->bad++;
			f->raw = true;
			payload(f, LOGFRAME_STDOUT, (const char *)f->hdr,
			    sizeof f->hdr, cb, arg);
			continue;
		}
		f->stream = f->hdr[0];
		f->left = (uint32_t)f->hdr[4] << 24 | (uint32_t)f->hdr[5] << 16 |
		    (uint32_t)f->hdr[6] << 8 | (uint32_t)f->hdr[7];
	}
}

void
logframe_flush(struct logframe *f,
    void (*cb)(void *arg, int stream, const char *line, size_t len), void *arg)
{
	for (int i = 0; i < NSTREAMS; i++)
		if (f->part[i].len > 0)
			emit(f, i, cb, arg);
}
