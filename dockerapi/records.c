/* Record helpers: freeing, copying and naming the decoded engine records. */
#include "dockerapi/records.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const char *const state_names[] = {
	[DAPI_ST_UNKNOWN] = "unknown",
	[DAPI_ST_CREATED] = "created",
	[DAPI_ST_RUNNING] = "running",
	[DAPI_ST_PAUSED] = "paused",
	[DAPI_ST_RESTARTING] = "restarting",
	[DAPI_ST_REMOVING] = "removing",
	[DAPI_ST_EXITED] = "exited",
	[DAPI_ST_DEAD] = "dead"
};

static const char *const health_names[] = {
	[DAPI_HEALTH_NONE] = "none",
	[DAPI_HEALTH_STARTING] = "starting",
	[DAPI_HEALTH_HEALTHY] = "healthy",
	[DAPI_HEALTH_UNHEALTHY] = "unhealthy"
};

#define NITEMS(a) (sizeof (a) / sizeof (a)[0])

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* The strings each record owns besides its arrays: one list for the
 * clear and the copy. */
static const size_t container_strs[] = {
	offsetof(struct dapi_container, name), offsetof(struct dapi_container, image),
	offsetof(struct dapi_container, image_id), offsetof(struct dapi_container, command),
	offsetof(struct dapi_container, virtual_host), offsetof(struct dapi_container, virtual_port),
};
static const size_t event_strs[] = {
	offsetof(struct dapi_event, type), offsetof(struct dapi_event, action),
	offsetof(struct dapi_event, id), offsetof(struct dapi_event, name),
	offsetof(struct dapi_event, exit_code),
};

void
records_container_clear(struct dapi_container *c)
{
	size_t i;

	if (c == NULL)
		return;
	xfree_members(c, container_strs, NITEMS(container_strs));
	records_labels_free(c->labels, c->nlabels);
	for (i = 0; i < c->nports; i++)
		free(c->ports[i].ip);
	free(c->ports);
	memset(c, 0, sizeof *c);
}

/* dst is overwritten, not freed first: pass a zeroed or cleared record. */
void
records_container_copy(struct dapi_container *dst,
    const struct dapi_container *src)
{
	size_t i;

	if (dst == src)
		return;
	*dst = *src;
	xstrdup_members(dst, container_strs, NITEMS(container_strs));
	dst->labels = NULL;
	dst->ports = NULL;
	if (src->nlabels > 0) {
		dst->labels = xreallocarray(NULL, src->nlabels,
		    sizeof *dst->labels);
		for (i = 0; i < src->nlabels; i++) {
			dst->labels[i].key = dup_or_null(src->labels[i].key);
			dst->labels[i].value =
			    dup_or_null(src->labels[i].value);
		}
	}
	if (src->nports > 0) {
		dst->ports = xreallocarray(NULL, src->nports,
		    sizeof *dst->ports);
		for (i = 0; i < src->nports; i++) {
			dst->ports[i] = src->ports[i];
			dst->ports[i].ip = dup_or_null(src->ports[i].ip);
		}
	}
}

void
records_event_clear(struct dapi_event *e)
{
	if (e == NULL)
		return;
	xfree_members(e, event_strs, NITEMS(event_strs));
	memset(e, 0, sizeof *e);
}

const char *
records_label(const struct dapi_container *c, const char *key)
{
	return c != NULL ? records_labels_get(c->labels, c->nlabels, key) : NULL;
}

const char *
records_labels_get(const struct dapi_label *l, size_t n, const char *key)
{
	if (key == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (l[i].key != NULL && strcmp(l[i].key, key) == 0)
			return l[i].value;
	return NULL;
}

void
records_labels_free(struct dapi_label *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].key);
		free(l[i].value);
	}
	free(l);
}

const char *
records_state_name(enum dapi_state s)
{
	if ((size_t)s >= NITEMS(state_names))
		return state_names[DAPI_ST_UNKNOWN];
	return state_names[s];
}

const char *
records_health_name(enum dapi_health h)
{
	if ((size_t)h >= NITEMS(health_names))
		return health_names[DAPI_HEALTH_NONE];
	return health_names[h];
}

/*
 * The index of s among names[1..n-1], or 0 (the unknown or none name, which
 * the engine never sends). Engines send lower case; accept any case rather
 * than lose the state.
 */
static size_t
name_parse(const char *const *names, size_t n, const char *s)
{
	size_t i, j;

	if (s == NULL)
		return 0;
	for (i = 1; i < n; i++) {
		const char *name = names[i];

		for (j = 0; name[j] != '\0'; j++) {
			char ch = s[j];

			if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			if (ch != name[j])
				break;
		}
		if (name[j] == '\0' && s[j] == '\0')
			return i;
	}
	return 0;
}

enum dapi_state
records_state_parse(const char *s)
{
	return (enum dapi_state)name_parse(state_names, NITEMS(state_names), s);
}

enum dapi_health
records_health_parse(const char *s)
{
	return (enum dapi_health)name_parse(health_names, NITEMS(health_names), s);
}
