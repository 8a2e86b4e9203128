/* Deploy identity from labels: service, branch, commit, build. */
#ifndef BERTH_IDENTITY_H
#define BERTH_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerapi/records.h"

/* Default label keys; each can be changed (identity_set_label, or the
 * environment: BERTH_LABEL_SERVICE, _BRANCH, _COMMIT, _BUILD). */
#define IDENTITY_LABEL_SERVICE "berth.service"
#define IDENTITY_LABEL_BRANCH "berth.branch"
#define IDENTITY_LABEL_COMMIT "berth.commit"
#define IDENTITY_LABEL_BUILD "berth.build"

enum identity_field {
	IDENTITY_SERVICE, IDENTITY_BRANCH, IDENTITY_COMMIT, IDENTITY_BUILD,
	IDENTITY_NFIELDS
};

/* The label key in use for field: set, else from the environment, else
 * the default. The string lives for the program's life. Any thread. */
const char *identity_label(enum identity_field f);

/* Use key (copied) for field. Call at start-up, before threads exist. */
void identity_set_label(enum identity_field f, const char *key);

struct identity {
	char *service;		/* never NULL after identity_of */
	char *branch;		/* may be NULL (untagged image) */
	char *commit;		/* may be NULL */
	char *build;		/* may be NULL */
};

/*
 * The one label-to-identity rule. get(labels, key) returns the value of
 * the label key in labels (whatever the caller's label store is: a record,
 * a JSON object), or NULL; an empty value counts as absent. Service from
 * berth.service, else the compose project/service labels, else name;
 * branch from berth.branch, else image's tag; commit from berth.commit,
 * else org.opencontainers.image.revision; build from berth.build, else
 * org.opencontainers.image.version (the berth.* keys as identity_label
 * returns them). name and image may be NULL (then service or branch may
 * stay NULL). Fills id with new strings (raw engine bytes; sanitize before
 * drawing); free with identity_clear. Any thread.
 */
void identity_from(const char *(*get)(const void *labels, const char *key),
    const void *labels, const char *name, const char *image, struct identity *id);

/* identity_from on a container's labels, name (else id) and image: service
 * is never NULL. Any thread. */
void identity_of(const struct dapi_container *c, struct identity *id);
void identity_clear(struct identity *id);

/* Fill dst with copies of src's strings (NULL stays NULL); free with
 * identity_clear. Any thread. */
void identity_copy(struct identity *dst, const struct identity *src);

/* The tag of an image reference ("repo:tag" -> "tag"), NULL if none.
 * Handles registry ports ("host:5000/repo") and digests ("repo@sha256:..").
 * Returns a new string. */
char *identity_image_tag(const char *ref);

/* Is key one of the labels commit or build come from (the keys in use or
 * their OCI fallbacks)? They describe an image, not a unit. Any thread. */
bool identity_is_version_label(const char *key);

#endif
