/* A container's inspect JSON as text: pretty-printed, secret env values masked (pure). */
#ifndef BERTH_RAWINSPECT_H
#define BERTH_RAWINSPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerapi/decode.h"

/* What a masked value shows. */
#define RAWINSPECT_MASK "********"

/*
 * The JSON document in buf (any JSON; an inspect answer is an object),
 * printed with two-space indentation (jansson's JSON_INDENT(2), the
 * engine's member order), one line per element of *lines (a new
 * NULL-terminated array of new strings, raw engine text: sanitize when
 * drawn; free with xstrv_free). Unless reveal, each Config.Env entry whose name looks
 * secret (cdetail_env_is_secret, the detail pane's rule) shows
 * NAME=RAWINSPECT_MASK. Returns 0 with *n lines (at least one), or -1
 * with err (*lines NULL, *n 0). Pure; any thread.
 */
int rawinspect_lines(const char *buf, size_t len, bool reveal, char ***lines, size_t *n,
    struct decode_error *err);

#endif
