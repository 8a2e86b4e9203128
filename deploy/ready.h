/* Waiting for a new container to be ready: running, and healthy when it has a health check. */
#ifndef BERTH_READY_H
#define BERTH_READY_H

#include <stddef.h>

#include "dockerapi/dapi.h"

/*
 * Poll container id on c (every 200 ms) until it runs and, with a health
 * check, reports healthy; without one, until it has kept running for
 * settle_ms (0 = 2000, at most the timeout). timeout_s 0 means 60. Each
 * change of state ("running, starting") goes to on_state(arg, state)
 * when on_state is not NULL. Returns 0, or -1 with why: the container
 * exited, keeps restarting, failed its health check (with the check's
 * last output), was not ready in time, or could not be inspected.
 * Blocks; the deploying thread.
 */
int ready_wait(struct dapi_client *c, const char *id, int timeout_s, int settle_ms,
    void (*on_state)(void *arg, const char *state), void *arg, char *why, size_t whysz);

#endif
