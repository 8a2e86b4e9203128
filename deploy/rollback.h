/* Where a rollback goes: the one choice of target from a unit's journal, for the CLI and the TUI. */
#ifndef BERTH_ROLLBACK_H
#define BERTH_ROLLBACK_H

#include <stddef.h>

#include "deploy/journal.h"
#include "dockerapi/dapi.h"

/* The unit to roll back, and to what. */
struct rollback_query {
	const char *engine;	/* the endpoint's URL, as the journal records it */
	const char *service;
	const char *branch;
	const char *to;		/* a deploy id (or its prefix); NULL: the previous image */
};

struct rollback_target {
	char image[256];	/* the image id to go back to */
	char ref[1024];		/* what the container will name it (redeploy_ref_for) */
	char of[64];		/* the deploy id whose image it is: redeploy_opts.rollback_of */
};

/*
 * Choose the rollback target of q's unit from the parsed journal l of the
 * state dir `dir`: the image of deploy q->to, or else the newest image of
 * an earlier successful deploy that is not the current one. The image must
 * still be present on the engine (c, pinged). Fills t; set a redeploy's
 * image to t->ref and its rollback_of to t->of. Returns 0, or -1 with err
 * (no such deploy, the image is gone, nothing earlier). Blocks on the
 * engine and the journal file: off the UI thread.
 */
int rollback_target(struct dapi_client *c, const char *dir, const struct journal_lines *l,
    const struct rollback_query *q, struct rollback_target *t, struct journal_error *err);

#endif
