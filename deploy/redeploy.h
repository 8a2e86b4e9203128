/* The redeploy and rollback engine: replace a unit's container safely, journal every step. */
#ifndef BERTH_REDEPLOY_H
#define BERTH_REDEPLOY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "deploy/journal.h"
#include "dockerapi/dapi.h"

enum redeploy_strategy {
	REDEPLOY_AUTO = 0,	/* stop-first when it publishes host ports (or pins an IP/MAC) */
	REDEPLOY_STOP_FIRST,
	REDEPLOY_START_FIRST
};

enum redeploy_outcome {
	REDEPLOY_OK = 0,
	REDEPLOY_UNCHANGED,	/* the target image already runs; nothing done */
	REDEPLOY_REFUSED,	/* failed before anything was touched */
	REDEPLOY_ROLLED_BACK,	/* failed; the old container is back as it was */
	REDEPLOY_BROKEN		/* failed and the rollback failed too: see reason */
};

struct redeploy_opts {
	const char *engine;	/* the endpoint's URL: journal and lock key */
	const char *service;	/* the unit; NULL: the container's identity */
	const char *branch;
	const char *container;	/* name or id; NULL: find the unit's container */
	const char *from;	/* template container for a unit's first deploy */
	const char *name;	/* name for a first deploy (default SERVICE-BRANCH) */
	const char *image;	/* target ref or image id; NULL: the container's own ref */
	bool pull;		/* pull the ref first */
	bool force;		/* redeploy even when the image is the same */
	enum redeploy_strategy strategy;
	int timeout_s;		/* running/healthy wait; 0 = 60 */
	int settle_ms;		/* without a health check, running this long counts; 0 = 2000 */
	long lock_wait_ms;	/* 0: refuse at once when the unit is locked */
	const char *via;	/* "cli", "tui" */
	const char *rollback_of; /* the deploy id whose image this restores, or NULL */
};

/* Progress: step is a short name ("created", "healthy", ...), text a
 * sentence for people. Called on the deploying thread. */
struct redeploy_progress {
	void (*step)(void *arg, const char *step, const char *text);
	void *arg;
};

struct redeploy_result {
	enum redeploy_outcome outcome;
	char id[32];		/* deploy id ("" when nothing was journaled) */
	char reason[768];	/* why it failed or did nothing */
	char new_id[65];
};

/*
 * Redeploy a unit's container (see DESIGN.md, Deploys). Takes the unit
 * lock, journals "start" before touching anything (the probe for a full or
 * read-only state dir), a "step" after each change and "end" with the
 * result; on failure puts the old container back. Blocks for up to the
 * timeout and more: call it off the UI thread (CLI main thread or a
 * worker). c must be pinged. Returns 0 on success or UNCHANGED, -1 with res
 * filled otherwise.
 */
int redeploy_run(struct dapi_client *c, struct journal *j,
    const struct redeploy_opts *o, const struct redeploy_progress *p,
    struct redeploy_result *res);

/*
 * Finish deploys of engine left unfinished by a killed berth: for each one
 * whose unit lock is free, bring the unit back to one correctly named
 * running container (forward when the new one had been seen healthy,
 * otherwise back to the old one) and journal the end with what was done.
 * Sets *n to the number recovered. Returns 0, or -1 with err when the
 * journal cannot be read. Blocks; off the UI thread. (deploy/recover.c)
 */
int redeploy_recover(struct dapi_client *c, struct journal *j, const char *engine,
    const struct redeploy_progress *p, size_t *n, struct journal_error *err);

/*
 * For a rollback to image id `image`: a ref from the journal (a to_ref or
 * from_ref recorded with that image) that still names it, so the container
 * shows "shop:production" rather than an id and an unlabelled unit keeps
 * its branch tag; else the id itself. Into out. Blocks (engine, journal).
 */
void redeploy_ref_for(struct dapi_client *c, const char *dir, const char *image,
    char *out, size_t n);

/* Format a progress line and hand it to p (may be NULL: nothing). The
 * deploying thread. */
void redeploy_say(const struct redeploy_progress *p, const char *step, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

const char *redeploy_strategy_name(enum redeploy_strategy s);
/* "stop-first" | "start-first" | "auto". Returns 0 or -1. */
int redeploy_strategy_parse(const char *s, enum redeploy_strategy *out);
const char *redeploy_outcome_name(enum redeploy_outcome o);

#endif
