/* Fixed-capacity circular array of lines, with a byte budget on top. */
#include "model/logring.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct logring {
	struct logring_line *slots;
	size_t max_lines, max_bytes;
	size_t head;		/* slot of the oldest line */
	size_t count;
	size_t bytes;
	uint64_t first;		/* sequence of the oldest line */
};

struct logring *
logring_new(size_t max_lines, size_t max_bytes)
{
	struct logring *r = xcalloc(1, sizeof *r);

	r->max_lines = max_lines > 0 ? max_lines : LOGRING_DEFAULT_LINES;
	r->max_bytes = max_bytes > 0 ? max_bytes : LOGRING_DEFAULT_BYTES;
	r->slots = xcalloc(r->max_lines, sizeof *r->slots);
	return r;
}

static void
drop_oldest(struct logring *r)
{
	struct logring_line *l = &r->slots[r->head];

	r->bytes -= l->len;
	free(l->text);
	memset(l, 0, sizeof *l);
	r->head = (r->head + 1) % r->max_lines;
	r->count--;
	r->first++;
}

void
logring_clear(struct logring *r)
{
	while (r->count > 0)
		drop_oldest(r);
}

void
logring_free(struct logring *r)
{
	if (r == NULL)
		return;
	logring_clear(r);
	free(r->slots);
	free(r);
}

void
logring_push_take(struct logring *r, int stream, char *text, size_t len,
    size_t ts_len)
{
	struct logring_line *l;

	if (len > r->max_bytes) {
		/* one line over the whole budget: keep its head only */
		len = r->max_bytes;
		text[len] = '\0';
	}
	while (r->count > 0 &&
	    (r->count == r->max_lines || r->bytes + len > r->max_bytes))
		drop_oldest(r);
	l = &r->slots[(r->head + r->count) % r->max_lines];
	l->text = text;
	l->len = (uint32_t)len;
	l->ts_len = (uint16_t)(ts_len <= len && ts_len < 65535 ? ts_len : 0);
	l->stream = (uint8_t)stream;
	r->count++;
	r->bytes += len;
}

uint64_t
logring_first(const struct logring *r)
{
	return r->first;
}

uint64_t
logring_end(const struct logring *r)
{
	return r->first + r->count;
}

size_t
logring_count(const struct logring *r)
{
	return r->count;
}

size_t
logring_max_lines(const struct logring *r)
{
	return r->max_lines;
}

size_t
logring_bytes(const struct logring *r)
{
	return r->bytes;
}

const struct logring_line *
logring_get(const struct logring *r, uint64_t seq)
{
	if (seq < r->first || seq >= r->first + r->count)
		return NULL;
	return &r->slots[(r->head + (size_t)(seq - r->first)) % r->max_lines];
}
