/* A 300-sample ring per container and series, fed by the 1 Hz stats messages. */
#include "model/statshist.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct hrow {
	char id[65];
	float v[SH_NSERIES][STATSHIST_SAMPLES];
	size_t head;		/* next slot to write */
	size_t count;
};

struct statshist {
	struct hrow **rows;
	size_t n, cap;
};

struct statshist *
statshist_new(void)
{
	return xcalloc(1, sizeof(struct statshist));
}

void
statshist_free(struct statshist *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n; i++)
		free(h->rows[i]);
	free(h->rows);
	free(h);
}

static struct hrow *
find(const struct statshist *h, const char *id, size_t *idx)
{
	for (size_t i = 0; i < h->n; i++) {
		if (strcmp(h->rows[i]->id, id) == 0) {
			if (idx != NULL)
				*idx = i;
			return h->rows[i];
		}
	}
	return NULL;
}

void
statshist_add(struct statshist *h, const struct watcher_stat *arr, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct watcher_stat *st = &arr[i];
		struct hrow *r = find(h, st->id, NULL);

		if (r == NULL) {
			if (h->n == h->cap) {
				h->cap = h->cap ? h->cap * 2 : 16;
				h->rows = xreallocarray(h->rows, h->cap, sizeof *h->rows);
			}
			r = xcalloc(1, sizeof *r);
			memcpy(r->id, st->id, sizeof r->id);
			r->id[64] = '\0';
			h->rows[h->n++] = r;
		}
		r->v[SH_CPU][r->head] = (float)st->cpu_percent;
		r->v[SH_MEM][r->head] = (float)st->mem_used;
		r->v[SH_RX][r->head] = (float)st->rx_rate;
		r->v[SH_TX][r->head] = (float)st->tx_rate;
		r->v[SH_BLK_READ][r->head] = (float)st->blk_read_rate;
		r->v[SH_BLK_WRITE][r->head] = (float)st->blk_write_rate;
		r->head = (r->head + 1) % STATSHIST_SAMPLES;
		if (r->count < STATSHIST_SAMPLES)
			r->count++;
	}
}

void
statshist_remove(struct statshist *h, const char *id)
{
	size_t idx;

	if (find(h, id, &idx) == NULL)
		return;
	free(h->rows[idx]);
	h->rows[idx] = h->rows[--h->n];
}

size_t
statshist_series(const struct statshist *h, const char *id,
    enum statshist_series s, double *out, size_t max)
{
	const struct hrow *r = find(h, id, NULL);
	size_t n, start;

	if (r == NULL || s >= SH_NSERIES)
		return 0;
	n = r->count < max ? r->count : max;
	start = (r->head + STATSHIST_SAMPLES - n) % STATSHIST_SAMPLES;
	for (size_t i = 0; i < n; i++)
		out[i] = r->v[s][(start + i) % STATSHIST_SAMPLES];
	return n;
}
