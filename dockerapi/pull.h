/* Pull an image with the registry's credentials, reporting progress as it goes. */
#ifndef BERTH_PULL_H
#define BERTH_PULL_H

#include "dockerapi/dapi.h"
#include "dockerapi/pullprog.h"

/*
 * POST /images/create?fromImage=REF on c, with the X-Registry-Auth header
 * regauth_header builds for ref's registry (none when there are no
 * credentials for it), waiting up to timeout_ms. While the engine pulls,
 * on_progress (may be NULL) gets the summary on this thread, at most once
 * per interval_ms (and not again while it is unchanged); the summary's
 * strings are only valid during the call. Returns 0; or -1 with err: the
 * engine's refusal, or the error in the progress stream (a failed pull
 * still answers 200), made to say whether credentials were sent and where
 * from when the registry refused them or wanted some. Blocks; the thread
 * that owns c.
 */
int pull_image(struct dapi_client *c, const char *ref, long timeout_ms, long interval_ms,
    void (*on_progress)(void *arg, const struct pullprog_sum *s), void *arg,
    struct dapi_error *err);

/*
 * pull_image that also gives up when stop(arg) (may be NULL: never)
 * answers true, asked on this thread during the transfer at least once a
 * second: -1 with err "the pull was cancelled". Blocks; the thread that
 * owns c.
 */
int pull_image_until(struct dapi_client *c, const char *ref, long timeout_ms, long interval_ms,
    void (*on_progress)(void *arg, const struct pullprog_sum *s), bool (*stop)(void *arg),
    void *arg, struct dapi_error *err);

#endif
