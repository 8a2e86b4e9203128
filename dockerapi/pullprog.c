/* Pull progress: fold the engine's per-layer status lines into counts. Pure. */
#include "dockerapi/pullprog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/jsonget.h"
#include "xmalloc.h"

#define PULLPROG_MAX_LINE (64 * 1024)
#define PULLPROG_MAX_LAYERS 512

struct pullprog_layer {
	char id[80];
	uint64_t cur, total;
	bool done;
};

struct pullprog {
	struct pullprog_layer *l;
	size_t n, cap;
	char *error, *status;
	size_t len;
	bool skipping;		/* inside an over-long line: drop to its newline */
	char line[];		/* PULLPROG_MAX_LINE + 1 */
};

struct pullprog *
pullprog_new(void)
{
	return xcalloc(1, sizeof(struct pullprog) + PULLPROG_MAX_LINE + 1);
}

void
pullprog_free(struct pullprog *p)
{
	if (p != NULL) {
		free(p->l);
		free(p->error);
		free(p->status);
	}
	free(p);
}

static struct pullprog_layer *
layer(struct pullprog *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++)
		if (strncmp(p->l[i].id, id, sizeof p->l[i].id - 1) == 0)
			return &p->l[i];
	if (p->n == PULLPROG_MAX_LAYERS)
		return NULL;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->l = xreallocarray(p->l, p->cap, sizeof *p->l);
	}
	memset(&p->l[p->n], 0, sizeof p->l[p->n]);
	snprintf(p->l[p->n].id, sizeof p->l[p->n].id, "%s", id);
	return &p->l[p->n++];
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
replace(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

/* One message; true when it changed something. */
static bool
message(struct pullprog *p, const char *buf, size_t len)
{
	json_error_t jerr;
	json_t *o = jsonget_load(buf, len, &jerr);
	const char *status, *id, *e;
	struct pullprog_layer *ly;
	bool changed = false;
	uint64_t v;

	if (!json_is_object(o))
		goto out;
	e = jsonget_str(json_object_get(o, "error"));
	if (e == NULL)
		e = jsonget_str(jsonget_path(o, "errorDetail.message"));
	if (e != NULL) {
		replace(&p->error, e);
		changed = true;
		goto out;
	}
	status = jsonget_str(json_object_get(o, "status"));
	id = jsonget_str(json_object_get(o, "id"));
	if (status == NULL)
		goto out;
	/* lines about the whole image (Podman also gives the tag as "id") */
	if (id == NULL || *id == '\0' || starts(status, "Pulling from") || starts(status, "Digest:") ||
	    starts(status, "Status:") || starts(status, "Trying to pull")) {
		replace(&p->status, status);
		changed = true;
		goto out;
	}
	if ((ly = layer(p, id)) == NULL)
		goto out;
	changed = true;
	if (starts(status, "Downloading")) {
		if (jsonget_u64(jsonget_path(o, "progressDetail.current"), &v))
			ly->cur = v;
		if (jsonget_u64(jsonget_path(o, "progressDetail.total"), &v))
			ly->total = v;
	} else if (starts(status, "Download complete") || starts(status, "Verifying") ||
	    starts(status, "Extracting")) {
		ly->cur = ly->total;
	} else if (starts(status, "Pull complete") || starts(status, "Already exists")) {
		ly->done = true;
		ly->cur = ly->total;
	}
out:
	json_decref(o);
	return changed;
}

bool
pullprog_feed(struct pullprog *p, const char *buf, size_t len)
{
	bool changed = false;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			if (!p->skipping && p->len > 0)
				changed |= message(p, p->line, p->len);
			p->len = 0;
			p->skipping = false;
		} else if (p->skipping) {
			continue;
		} else if (p->len == PULLPROG_MAX_LINE) {
			p->skipping = true;
			p->len = 0;
		} else {
			p->line[p->len++] = buf[i];
		}
	}
	return changed;
}

void
pullprog_finish(struct pullprog *p)
{
	if (!p->skipping && p->len > 0)
		(void)message(p, p->line, p->len);
	p->len = 0;
	p->skipping = false;
}

void
pullprog_summary(const struct pullprog *p, struct pullprog_sum *out)
{
	memset(out, 0, sizeof *out);
	out->layers = (int)p->n;
	for (size_t i = 0; i < p->n; i++) {
		if (p->l[i].done)
			out->done++;
		out->cur += p->l[i].cur;
		out->total += p->l[i].total;
	}
	out->error = p->error;
	out->status = p->status;
}

void
pullprog_format(const struct pullprog_sum *s, char *buf, size_t n)
{
	if (s->total > 0)
		snprintf(buf, n, "%d/%d layers, %.1f/%.1f MB", s->done, s->layers,
		    (double)s->cur / 1e6, (double)s->total / 1e6);
	else if (s->layers > 0)
		snprintf(buf, n, "%d/%d layers", s->done, s->layers);
	else
		snprintf(buf, n, "%s", s->status != NULL ? s->status : "waiting for the registry");
}
