/* Deploy identity from labels, compose labels, names and image tags. */
#include "deploy/identity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

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

static char *
label_dup(const struct dapi_container *c, const char *key)
{
	const char *v = records_label(c, key);
	return v != NULL && *v != '\0' ? xstrdup(v) : NULL;
}

void
identity_of(const struct dapi_container *c, struct identity *id)
{
	memset(id, 0, sizeof *id);
	id->service = label_dup(c, IDENTITY_LABEL_SERVICE);
	if (id->service == NULL) {
		const char *proj = records_label(c, "com.docker.compose.project");
		const char *svc = records_label(c, "com.docker.compose.service");
		if (proj != NULL && svc != NULL) {
			size_t n = strlen(proj) + strlen(svc) + 2;
			id->service = xmalloc(n);
			snprintf(id->service, n, "%s/%s", proj, svc);
		} else if (svc != NULL || proj != NULL) {
			id->service = xstrdup(svc != NULL ? svc : proj);
		} else {
			id->service = xstrdup(c->name != NULL ? c->name : c->id);
		}
	}
	id->branch = label_dup(c, IDENTITY_LABEL_BRANCH);
	if (id->branch == NULL)
		id->branch = identity_image_tag(c->image);
	id->commit = label_dup(c, IDENTITY_LABEL_COMMIT);
	if (id->commit == NULL)
		id->commit = label_dup(c, "org.opencontainers.image.revision");
	id->build = label_dup(c, IDENTITY_LABEL_BUILD);
	if (id->build == NULL)
		id->build = label_dup(c, "org.opencontainers.image.version");
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
