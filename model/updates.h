/* One "newer image available" check: which requests to send, and what the answers mean. Pure. */
#ifndef BERTH_UPDATES_H
#define BERTH_UPDATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/ctable.h"

enum updates_answer {
	UPDATES_UNKNOWN = 0,	/* a local image, an unreachable registry, a refusal */
	UPDATES_CURRENT,	/* the registry has what runs */
	UPDATES_AVAILABLE	/* the registry's tag points at another image */
};

/* Can a registry be asked about ref ("repo[:tag]"; not pinned by digest,
 * not an image id)? Pure. */
bool updates_checkable(const char *ref);

/*
 * What the registry's digest `remote` for ref means for an image whose
 * RepoDigests are rd[0..n) ("repo@sha256:..."): current if ref's
 * repository has that digest, available if it has others only, unknown
 * if it has none (the image did not come from there) or remote is NULL.
 * Pure.
 */
enum updates_answer updates_compare(const char *ref, char *const *rd, size_t n,
    const char *remote);

enum updates_job_kind {
	UPDATES_JOB_IMAGE,	/* GET /images/{key}/json: its RepoDigests */
	UPDATES_JOB_REMOTE	/* GET /distribution/{key}/json: the registry's digest */
};

struct updates_job {
	enum updates_job_kind kind;
	int engine;
	const char *key;	/* image id or reference; owned by the check */
};

struct updates_check;

/*
 * A check of the running rows among rows[0..n) whose image reference is
 * checkable: first one image request per distinct (engine, image id),
 * then, once those are answered, one registry request per distinct
 * (engine, reference) whose image came from that registry (has a
 * RepoDigest of the reference's repository), so a local image costs no
 * registry request. Copies what it keeps. Free with updates_check_free.
 */
struct updates_check *updates_check_new(struct ctable_row *const *rows, size_t n);
void updates_check_free(struct updates_check *c);

/* The next job to send (it counts as sent): its index, with *job filled
 * (valid while c lives), or -1 when there is none to send now. */
long updates_check_next(struct updates_check *c, struct updates_job *job);

/* Job i's answer: an image's RepoDigests (NULL-terminated, taken: c
 * frees them with xstrv_free), or
 * the registry's digest (copied). A failed job: NULL, 0 / NULL. */
void updates_check_image(struct updates_check *c, long i, char **rd, size_t n);
void updates_check_remote(struct updates_check *c, long i, const char *digest);

/* Every job sent has its answer, and there is none left to send. */
bool updates_check_done(const struct updates_check *c);

/* The answer for a container of engine running image_id as ref. */
enum updates_answer updates_check_answer(const struct updates_check *c, int engine,
    const char *ref, const char *image_id);

/* How many jobs of kind were sent (the cost of a check). */
size_t updates_check_count(const struct updates_check *c, enum updates_job_kind kind);

/* The dashboard's checks (views/updcheck.c runs them). */
struct updates_state {
	struct updates_check *last;	/* the last finished check, NULL before */
	struct updates_check *cur;	/* the one under way, NULL if none */
	unsigned long gen;		/* of cur: answers for an older one are dropped */
	int64_t started;		/* wall seconds when the last one started */
	bool ran;
};

/* Free both checks; s is left empty. */
void updates_state_clear(struct updates_state *s);

#endif
