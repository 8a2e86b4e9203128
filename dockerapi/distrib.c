/* The "newer image available" decoders: /distribution/{ref}/json and RepoDigests. */
#include "dockerapi/distrib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/jsonget.h"
#include "xmalloc.h"

int
distrib_digest_decode(const char *buf, size_t len, char *digest, size_t n,
    struct decode_error *err)
{
	json_t *root = decode_load(buf, len, JSON_OBJECT, "distribution", err);
	const char *d;
	int rc = -1;

	if (root == NULL)
		return -1;
	d = jsonget_str(jsonget_path(root, "Descriptor.digest"));
	if (d == NULL || strchr(d, ':') == NULL || d[0] == ':')
		decode_set_err(err, "distribution: no usable \"Descriptor.digest\"");
	else if (strlen(d) >= n)
		decode_set_err(err, "distribution: the digest is too long");
	else {
		snprintf(digest, n, "%s", d);
		rc = 0;
	}
	json_decref(root);
	return rc;
}

int
distrib_repo_digests_decode(const char *buf, size_t len, char ***out, size_t *n,
    struct decode_error *err)
{
	json_t *root = decode_load(buf, len, JSON_OBJECT, "image inspect", err), *v;
	size_t i;

	*out = NULL;
	*n = 0;
	if (root == NULL)
		return -1;
	json_array_foreach(json_object_get(root, "RepoDigests"), i, v) {
		const char *s = jsonget_str(v);
		if (s == NULL || strchr(s, '@') == NULL)
			continue;	/* not "repo@digest": not one */
		*out = xreallocarray(*out, *n + 2, sizeof **out);
		(*out)[(*n)++] = xstrdup(s);
		(*out)[*n] = NULL;
	}
	json_decref(root);
	return 0;
}
