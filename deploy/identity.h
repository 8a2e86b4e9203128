/* Deploy identity of a container: service, branch, commit, build. */
#ifndef BERTH_IDENTITY_H
#define BERTH_IDENTITY_H

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
 * Derive the identity: service from berth.service, else the compose
 * project/service labels, else the container name; branch from
 * berth.branch, else the image tag; commit from berth.commit, else
 * org.opencontainers.image.revision; build from berth.build, else
 * (the berth.* keys as identity_label returns them)
 * org.opencontainers.image.version. Fills id with new strings (raw engine
 * bytes; sanitize before drawing). Any thread.
 */
void identity_of(const struct dapi_container *c, struct identity *id);
void identity_clear(struct identity *id);

/* The tag of an image reference ("repo:tag" -> "tag"), NULL if none.
 * Handles registry ports ("host:5000/repo") and digests ("repo@sha256:..").
 * Returns a new string. */
char *identity_image_tag(const char *ref);

#endif
