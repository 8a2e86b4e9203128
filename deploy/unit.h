/* A deploy unit's container on an engine: find it, name it, read its unit. */
#ifndef BERTH_UNIT_H
#define BERTH_UNIT_H

#include <stddef.h>

#include <jansson.h>

#include "dockerapi/dapi.h"

/*
 * The container of unit (service, branch) on c's engine, by the identity
 * labels (model/identity.h): the running one, else the only one. Its id
 * into id ("" when the unit has none). Returns 0, or -1 with why (the list
 * failed, or several containers qualify). Blocks; not the UI thread.
 */
int unit_find(struct dapi_client *c, const char *service, const char *branch,
    char *id, size_t idsz, char *why, size_t whysz);

/* A container name for the unit, "SERVICE-BRANCH" made to fit the
 * engine's [a-zA-Z0-9][a-zA-Z0-9_.-]*, into out. Pure. */
void unit_name(const char *service, const char *branch, char *out, size_t n);

/*
 * The unit of a container from its inspect (identity_of on the decoded
 * inspect): sets *service and *branch (new strings) where they are NULL
 * and the identity has them; leaves the others alone. Pure.
 */
void unit_of_inspect(json_t *insp, char **service, char **branch);

#endif
