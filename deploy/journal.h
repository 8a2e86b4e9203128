/* The deploy journal: append-only JSON Lines, per-unit locks, history. */
#ifndef BERTH_JOURNAL_H
#define BERTH_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/*
 * Records are JSON objects, one per line. Every record has "id" (the
 * deploy id), "ev" and "t" (ms since epoch, the time of writing):
 *   ev "start"    a deploy began: engine, service, branch, container, via,
 *                 who, strategy, from_ref, from_image, from_digest, from_commit,
 *                 from_build, to_ref, to_image, to_digest, commit, build,
 *                 rollback_of; a swarm action also swarm_service and, for a
 *                 scale, from_replicas and to_replicas
 *   ev "step"     step name in "step", plus what recovery needs (old_id,
 *                 old_name, old_running, new_id, new_name, aside_name)
 *   ev "end"      result ("succeeded" | "failed" | "rolled back"), reason,
 *                 new_id; "recovered": true when recovery wrote it
 *   ev "observed" a replacement berth did not perform: every start field,
 *                 observed_by, and the result in one record (via "observed")
 * One field table in journal.c (key, type, struct journal_entry member,
 * the records that carry it) drives both the writer (journal_record) and
 * the reader (journal_fold). Unknown fields and events are kept and
 * ignored, so old readers survive new writers.
 */

struct journal_error {
	char text[320];
};

struct journal;

/*
 * The state directory: `flag` (--state-dir) if not NULL, else
 * $BERTH_STATE_DIR, else $XDG_STATE_HOME/berth, else ~/.local/state/berth.
 * Writes into out. Returns 0, or -1 when no home is known. Any thread.
 */
int journal_dir(const char *flag, char *out, size_t outsz, struct journal_error *err);

/*
 * Open (creating the directory 0750 and journal.jsonl 0640, or 0660 in a
 * group-writable directory: deploy/statedir.h) for appending. A symlink,
 * a world-writable journal, or in a shared directory one of another group
 * is refused.
 * Does no write yet: the first append is the probe that a full disk or a
 * read-only directory fails. Returns NULL with err. Blocks on the file
 * system; not for the UI thread. Free with journal_free.
 */
struct journal *journal_open(const char *dir, struct journal_error *err);
void journal_free(struct journal *j);
const char *journal_path(const struct journal *j);
const char *journal_dirname(const struct journal *j);

/*
 * Append rec (not taken) as one line: one write() on the O_APPEND fd, then
 * fsync. Returns 0, or -1 with err (ENOSPC, EROFS, EIO, short write). Any
 * thread (the fd is shared; O_APPEND keeps whole lines apart). Blocks.
 */
int journal_append(struct journal *j, json_t *rec, struct journal_error *err);

/* Wall clock in ms since epoch. */
int64_t journal_now_ms(void);

/* A new deploy id: "d" + 12 hex digits from time and randomness, into out. */
void journal_new_id(char *out, size_t outsz);

/* $SUDO_USER, else $USER, else the passwd name, else "?", into out. */
void journal_who(char *out, size_t outsz);

/* ---------------------------------------------------------------- reading */

/* One parsed journal (lines in file order). */
struct journal_lines {
	json_t **recs;		/* objects with a string "id" and "ev" */
	size_t n;
	size_t *bad;		/* 1-based line numbers of torn/corrupt lines */
	size_t nbad;
	bool torn_tail;		/* the last line had no newline and did not parse */
};

/*
 * Parse buf (need not be NUL-terminated). A line that is not a JSON object
 * with string "id" and "ev" is skipped and its number kept in bad. Never
 * fails. Pure; any thread. Free with journal_lines_clear.
 */
void journal_parse(const char *buf, size_t len, struct journal_lines *out);
void journal_lines_clear(struct journal_lines *l);

/* Read and parse the journal file of dir; a missing file is empty.
 * Returns 0, or -1 with err when the file cannot be read. Blocks. */
int journal_read(const char *dir, struct journal_lines *out, struct journal_error *err);

/* The kinds of record, as bits: the field table says which carry a field. */
enum journal_ev {
	JOURNAL_EV_START = 1,
	JOURNAL_EV_STEP = 2,
	JOURNAL_EV_END = 4,
	JOURNAL_EV_OBSERVED = 8
};

enum journal_result {
	JOURNAL_RUNNING = 0,	/* no end record (in progress or interrupted) */
	JOURNAL_SUCCEEDED,
	JOURNAL_FAILED,
	JOURNAL_ROLLED_BACK
};

/* A count that a record may carry or not (a scale's replicas). */
struct journal_count {
	bool set;
	uint64_t n;
};

/* One deploy, folded from its records. Strings owned by the entry, may be NULL. */
struct journal_entry {
	char *id, *engine, *service, *branch, *container;
	char *via, *who, *strategy;
	char *from_ref, *from_image, *from_digest, *from_commit, *from_build;
	char *to_ref, *to_image, *to_digest, *commit, *build;
	char *reason;
	char *rollback_of;	/* deploy id this one rolled back to, if a rollback */
	int64_t start_ms, end_ms;
	enum journal_result result;
	/* the last step record, for crash recovery */
	char *step;
	char *old_id, *old_name, *new_id, *new_name, *aside_name;
	bool old_running;
	bool healthy;		/* a "healthy" step was recorded */
	/* swarm actions (deploy/swarmdeploy.c), observed deploys, recovery */
	char *swarm_service, *observed_by;
	struct journal_count from_replicas, to_replicas;
	bool recovered;		/* the end was written by recovery */
};

struct journal_history {
	struct journal_entry *e;	/* in order of first record (oldest first) */
	size_t n;
};

/* Fold records into deploys. Filters with NULL mean "any". Pure. */
void journal_fold(const struct journal_lines *l, const char *engine,
    const char *service, const char *branch, struct journal_history *out);
void journal_history_clear(struct journal_history *h);

const char *journal_result_name(enum journal_result r);
/* "succeeded" -> JOURNAL_SUCCEEDED...; unknown -> JOURNAL_RUNNING. */
enum journal_result journal_result_parse(const char *s);

/* The entry as a JSON object (new reference), for `history --json`. */
json_t *journal_entry_json(const struct journal_entry *e);

/* ---------------------------------------------------------------- writing */

/*
 * A JSON string from bytes that may not be UTF-8 (user arguments): s
 * itself when it is UTF-8, else s with every byte >= 0x80 replaced by
 * '?'; JSON null when s is NULL. Returns a new reference. Pure.
 */
json_t *journal_json_string(const char *s);

/*
 * The record of kind ev (one JOURNAL_EV_* bit) for deploy e->id: "id",
 * "ev", "t" (now), then each field of the table that ev carries, from e:
 * strings when not NULL and not empty (bytes that are not UTF-8 become
 * '?'), booleans always, flags when true, counts when set, the result by
 * its name. What journal_fold reads back. Returns a new reference. Pure
 * but for the clock; any thread.
 */
json_t *journal_record(enum journal_ev ev, const struct journal_entry *e);

/* journal_record, then journal_append. Returns 0, or -1 with err. Blocks;
 * any thread. */
int journal_write(struct journal *j, enum journal_ev ev, const struct journal_entry *e,
    struct journal_error *err);

/* ---------------------------------------------------------------- locks */

struct journal_lock;

/*
 * Take the lock of the unit (engine, service, branch): flock on
 * DIR/locks/<hash>.lock, which the kernel releases when the holder dies,
 * so a lock left by a killed berth is simply taken over. wait_ms 0 refuses
 * at once when held; otherwise waits up to wait_ms. Returns NULL with err
 * ("held by pid N") when it cannot. Blocks; not for the UI thread.
 */
struct journal_lock *journal_lock_take(const char *dir, const char *engine,
    const char *service, const char *branch, long wait_ms, struct journal_error *err);
/* The pid recorded by the previous holder when it was not us and is gone
 * (a lock taken over from a dead process), else 0. */
long journal_lock_stale_pid(const struct journal_lock *l);
void journal_lock_release(struct journal_lock *l);

#endif
