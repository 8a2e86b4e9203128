/* Splits the /events body into lines; bounded, over-long lines dropped. */
#include "dockerapi/evsplit.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct evsplit {
	char *buf;		/* the line so far, NUL-terminated for cb */
	size_t len;
	size_t cap;
	size_t max_line;	/* longest line kept, without '\r' '\n' */
	size_t dropped;
	bool discarding;	/* in an over-long line: skip to '\n' */
};

struct evsplit *
evsplit_new(size_t max_line)
{
	struct evsplit *s = xcalloc(1, sizeof *s);

	/* room for a '\r' and the NUL must not wrap */
	s->max_line = max_line > SIZE_MAX - 2 ? SIZE_MAX - 2 : max_line;
	return s;
}

void
evsplit_free(struct evsplit *s)
{
	if (s == NULL)
		return;
	free(s->buf);
	free(s);
}

void
evsplit_reset(struct evsplit *s)
{
	s->len = 0;
	s->discarding = false;
}

size_t
evsplit_dropped(const struct evsplit *s)
{
	return s->dropped;
}

/*
 * Append n bytes, or start discarding if the line can no longer fit. One
 * byte beyond max_line is allowed for a '\r' that a '\n' may yet follow.
 */
static void
append(struct evsplit *s, const char *p, size_t n)
{
	if (s->discarding)
		return;
	if (n > s->max_line + 1 - s->len) {
		s->dropped++;
		s->discarding = true;
		s->len = 0;
		return;
	}
	s->buf = xgrowbuf(s->buf, &s->cap, s->len + n + 1, s->max_line + 2);
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

/*
 * The callback gets a NUL-terminated copy that lives until it returns; it
 * must not call evsplit functions on s.
 */
void
evsplit_feed(struct evsplit *s, const char *buf, size_t len,
    void (*cb)(const char *line, size_t len, void *arg), void *arg)
{
	const char *nl;
	size_t n;

	while (len > 0) {
		nl = memchr(buf, '\n', len);
		n = nl != NULL ? (size_t)(nl - buf) : len;
		append(s, buf, n);
		if (nl == NULL)
			return;
		buf += n + 1;
		len -= n + 1;
		if (s->discarding) {
			s->discarding = false;
			continue;
		}
		if (s->len > 0 && s->buf[s->len - 1] == '\r')
			s->len--;
		if (s->len > s->max_line) {
			/* max_line + 1 bytes and no '\r' at the end */
			s->dropped++;
			s->len = 0;
			continue;
		}
		if (s->len == 0)
			continue;
		s->buf[s->len] = '\0';
		n = s->len;
		s->len = 0;
		cb(s->buf, n, arg);
	}
}
