/* A deploy unit's container on an engine: find it by its labels, name it, read its unit. */
#include "deploy/unit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/identity.h"
#include "dockerapi/ctrapi.h"
#include "dockerapi/decode.h"
#include "xmalloc.h"

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

int
unit_find(struct dapi_client *c, const char *service, const char *branch,
    char *id, size_t idsz, char *why, size_t whysz)
{
	struct dapi_error err;
	struct dapi_container *arr = NULL;
	size_t n = 0, hits = 0, running = 0;
	int rc = -1;

	id[0] = '\0';
	if (ctrapi_list_all(c, &arr, &n, &err) != 0) {
		snprintf(why, whysz, "cannot list containers: %s", err.text);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct identity ident;
		identity_of(&arr[i], &ident);
		if (streq(ident.service, service) && streq(ident.branch, branch)) {
			bool run = arr[i].state == DAPI_ST_RUNNING;
			hits++;
			if (run)
				running++;
			if (id[0] == '\0' || (run && running == 1))
				snprintf(id, idsz, "%s", arr[i].id);
		}
		identity_clear(&ident);
	}
	if (running > 1 || (running == 0 && hits > 1)) {
		snprintf(why, whysz, "%zu containers belong to %s/%s; name one with --name", hits,
		    service, branch);
		goto out;
	}
	rc = 0;
out:
	decode_container_array_free(arr, n);
	return rc;
}

void
unit_name(const char *service, const char *branch, char *out, size_t n)
{
	size_t j = 0;
	char raw[512];

	snprintf(raw, sizeof raw, "%s-%s", service, branch != NULL ? branch : "");
	for (const char *s = raw; *s != '\0' && j + 1 < n; s++) {
		char ch = *s;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (j > 0 && strchr("_.-", ch) != NULL);
		out[j++] = ok ? ch : '_';
	}
	out[j] = '\0';
}

void
unit_of_inspect(json_t *insp, char **service, char **branch)
{
	struct dapi_container rec = { 0 };
	struct decode_error de;
	char *dump = json_dumps(insp, JSON_COMPACT);

	if (dump != NULL && decode_container_inspect(dump, strlen(dump), &rec, &de) == 0) {
		struct identity ident;
		identity_of(&rec, &ident);
		if (*service == NULL && ident.service != NULL)
			*service = xstrdup(ident.service);
		if (*branch == NULL && ident.branch != NULL)
			*branch = xstrdup(ident.branch);
		identity_clear(&ident);
	}
	records_container_clear(&rec);
	free(dump);
}
