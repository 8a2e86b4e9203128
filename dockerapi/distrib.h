/* Decoders for the "newer image available" check: the registry's digest and an image's RepoDigests. Pure. */
#ifndef BERTH_DISTRIB_H
#define BERTH_DISTRIB_H

#include <stddef.h>

#include "dockerapi/decode.h"

/*
 * GET /distribution/{ref}/json body -> Descriptor.digest ("sha256:..."),
 * written into digest (n bytes). Returns 0, or -1 with err (not JSON, no
 * digest, or one that does not fit). Pure; any thread.
 */
int distrib_digest_decode(const char *buf, size_t len, char *digest, size_t n,
    struct decode_error *err);

/*
 * GET /images/{id}/json body -> its RepoDigests ("repo@sha256:...", the
 * strings only): *out, NULL-terminated (free with xstrv_free; NULL for a
 * local image, which has none) and their number *n. Returns 0, or -1
 * with err. Pure; any thread.
 */
int distrib_repo_digests_decode(const char *buf, size_t len, char ***out, size_t *n,
    struct decode_error *err);

#endif
