/* Run a docker credential helper (docker-credential-NAME get) without a shell. */
#ifndef BERTH_CREDHELPER_H
#define BERTH_CREDHELPER_H

#include <stddef.h>

#include "dockerapi/dapi.h"

/*
 * Run docker-credential-NAME get (found by PATH, spawned with an argv, no
 * shell), write server and a newline to its stdin, and collect its stdout
 * (at most 64 KiB) into *out, NUL-terminated, *outlen bytes (the caller
 * frees *out, also on failure),
 * waiting up to timeout_ms (then the helper is killed). Returns 0 when it
 * exited 0; 1 when it exited non-zero saying it has no credentials for
 * server ("credentials not found"); -1 with err->text otherwise (no such
 * helper, it failed, it took too long). name must be a plain word (letters,
 * digits, '-', '_', '.'). Blocks; any thread.
 */
int credhelper_get(const char *name, const char *server, long timeout_ms,
    char **out, size_t *outlen, struct dapi_error *err);

#endif
