/* Deploy identity from labels, compose labels, names and image tags. */
#include "model/identity.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const char *const defaults[IDENTITY_NFIELDS] = {
	IDENTITY_LABEL_SERVICE, IDENTITY_LABEL_BRANCH, IDENTITY_LABEL_COMMIT,
	IDENTITY_LABEL_BUILD,
};
static const char *const env_names[IDENTITY_NFIELDS] = {
	"BERTH_LABEL_SERVICE", "BERTH_LABEL_BRANCH", "BERTH_LABEL_COMMIT",
	"BERTH_LABEL_BUILD",
};
/* written once at start-up (identity_set_label) or in the once below */
static const char *keys[IDENTITY_NFIELDS];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void
keys_init(void)
{
	for (int f = 0; f < IDENTITY_NFIELDS; f++) {
		const char *v = getenv(env_names[f]);
		if (keys[f] == NULL)
			keys[f] = v != NULL && *v != '\0' ? xstrdup(v) : defaults[f];
	}
}

const char *
identity_label(enum identity_field f)
{
	pthread_once(&keys_once, keys_init);
	return f < IDENTITY_NFIELDS ? keys[f] : "";
}

void
identity_set_label(enum identity_field f, const char *key)
{
	if (f < IDENTITY_NFIELDS && key != NULL && *key != '\0')
		keys[f] = xstrdup(key);
}

char *
identity_image_tag(const char *ref)
{
	const char *slash, *colon;
	size_t n;

	if (ref == NULL || strncmp(ref, "sha256:", 7) == 0)
		return NULL;
	n = strcspn(ref, "@");
	slash = NULL;
	for (const char *p = ref; p < ref + n; p++)
		if (*p == '/')
			slash = p;
	colon = NULL;
	for (const char *p = slash != NULL ? slash : ref; p < ref + n; p++)
		if (*p == ':')
			colon = p;
	if (colon == NULL || colon + 1 >= ref + n)
		return NULL;
	return xstrndup(colon + 1, (size_t)(ref + n - colon - 1));
}

#define OCI_REVISION "org.opencontainers.image.revision"
#define OCI_VERSION "org.opencontainers.image.version"

static char *
label_dup(const char *(*get)(const void *, const char *), const void *labels,
    const char *key)
{
	const char *v = get(labels, key);
	return v != NULL && *v != '\0' ? xstrdup(v) : NULL;
}

void
identity_from(const char *(*get)(const void *labels, const char *key),
    const void *labels, const char *name, const char *image, struct identity *id)
{
	memset(id, 0, sizeof *id);
	id->service = label_dup(get, labels, identity_label(IDENTITY_SERVICE));
	if (id->service == NULL) {
		const char *proj = get(labels, "com.docker.compose.project");
		const char *svc = get(labels, "com.docker.compose.service");
		if (proj != NULL && svc != NULL) {
			size_t n = strlen(proj) + strlen(svc) + 2;
			id->service = xmalloc(n);
			snprintf(id->service, n, "%s/%s", proj, svc);
		} else if (svc != NULL || proj != NULL) {
			id->service = xstrdup(svc != NULL ? svc : proj);
		} else if (name != NULL) {
			id->service = xstrdup(name);
		}
	}
	id->branch = label_dup(get, labels, identity_label(IDENTITY_BRANCH));
	if (id->branch == NULL)
		id->branch = identity_image_tag(image);
	id->commit = label_dup(get, labels, identity_label(IDENTITY_COMMIT));
	if (id->commit == NULL)
		id->commit = label_dup(get, labels, OCI_REVISION);
	id->build = label_dup(get, labels, identity_label(IDENTITY_BUILD));
	if (id->build == NULL)
		id->build = label_dup(get, labels, OCI_VERSION);
}

static const char *
container_label(const void *c, const char *key)
{
	return records_label(c, key);
}

void
identity_of(const struct dapi_container *c, struct identity *id)
{
	identity_from(container_label, c, c->name != NULL ? c->name : c->id, c->image, id);
}

bool
identity_is_version_label(const char *key)
{
	return strcmp(key, identity_label(IDENTITY_COMMIT)) == 0 ||
	    strcmp(key, identity_label(IDENTITY_BUILD)) == 0 ||
	    strcmp(key, OCI_REVISION) == 0 || strcmp(key, OCI_VERSION) == 0;
}

void
identity_clear(struct identity *id)
{
	free(id->service);
	free(id->branch);
	free(id->commit);
	free(id->build);
	memset(id, 0, sizeof *id);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
identity_copy(struct identity *dst, const struct identity *src)
{
	dst->service = dup_or_null(src->service);
	dst->branch = dup_or_null(src->branch);
	dst->commit = dup_or_null(src->commit);
	dst->build = dup_or_null(src->build);
}
