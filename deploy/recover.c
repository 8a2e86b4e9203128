/*
 * Recovery: finish the deploys a killed berth left unfinished. This is
 * the recovery half of the redeploy engine's API (redeploy_recover in
 * deploy/redeploy.h); the step machine it undoes is deploy/redeploy.c.
 */
#include "deploy/redeploy.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/jsonget.h"

struct recovery {
	struct dapi_client *c;
	struct journal *j;
	const struct redeploy_progress *p;
};

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* A container by id or name; NULL if it does not exist. */
static json_t *
find_ctr(struct dapi_client *c, const char *id_or_name)
{
	struct dapi_error err;
	json_t *insp = NULL;

	if (id_or_name == NULL || *id_or_name == '\0')
		return NULL;
	if (ctrapi_inspect(c, id_or_name, &insp, &err) != 0)
		return NULL;
	return insp;
}

static void
recover_one(struct recovery *rv, const struct journal_entry *e)
{
	struct dapi_error err;
	json_t *old = NULL, *nw = NULL;
	const char *nw_id = NULL;
	const char *target = e->old_name != NULL ? e->old_name : e->container;
	char reason[600], step[64];
	enum journal_result result;
	bool ok = true;

	snprintf(step, sizeof step, "%s", e->step != NULL ? e->step : "start");
	if (e->via != NULL && strcmp(e->via, "swarm") == 0) {
		/* swarm did the work (deploy/swarmdeploy.c): no container to put back */
		result = JOURNAL_FAILED;
		snprintf(reason, sizeof reason, "berth stopped watching this swarm update; "
		    "swarm's own UpdateStatus says how it ended");
		goto record;
	}
	if (e->step == NULL) {
		/* only the start record (e.g. killed while pulling): nothing was touched */
		result = JOURNAL_FAILED;
		snprintf(reason, sizeof reason, "berth stopped before changing any container");
		goto record;
	}
	if (e->old_id != NULL)
		old = find_ctr(rv->c, e->old_id);
	if (e->new_id != NULL)
		nw = find_ctr(rv->c, e->new_id);
	if (nw == NULL && e->new_name != NULL) {
		/* killed between create and its journal record: find it by name */
		nw = find_ctr(rv->c, e->new_name);
		if (nw != NULL && e->old_id != NULL &&
		    streq(jsonget_str(json_object_get(nw, "Id")), e->old_id)) {
			json_decref(nw);
			nw = NULL;
		}
	}
	if (nw != NULL && (nw_id = jsonget_str(json_object_get(nw, "Id"))) == NULL)
		nw_id = "";
	redeploy_say(rv->p, "recover", "deploy %s of %s/%s was interrupted after step '%s'",
	    e->id, e->service != NULL ? e->service : "?", e->branch != NULL ? e->branch : "?", step);
	if (e->healthy && nw != NULL && ctrapi_inspect_running(nw)) {
		/* the new one had proved itself: finish the deploy */
		if (old != NULL) {
			redeploy_say(rv->p, "recover", "removing the old container %.12s", e->old_id);
			if (ctrapi_stop(rv->c, e->old_id, 10, &err) != 0 ||
			    ctrapi_remove(rv->c, e->old_id, true, false, &err) != 0)
				ok = false;
		}
		if (ok && target != NULL && strcmp(ctrapi_inspect_name(nw), target) != 0) {
			redeploy_say(rv->p, "recover", "renaming the new container to %s", target);
			if (ctrapi_rename(rv->c, nw_id, target, &err) != 0)
				ok = false;
		}
		result = ok ? JOURNAL_SUCCEEDED : JOURNAL_FAILED;
		snprintf(reason, sizeof reason, "berth stopped after step '%s'; recovery %s the deploy%s%.300s",
		    step, ok ? "completed" : "could not complete", ok ? "" : ": ", ok ? "" : err.text);
	} else {
		if (nw != NULL) {
			redeploy_say(rv->p, "recover", "removing the new container %.12s", nw_id);
			if (ctrapi_remove(rv->c, nw_id, true, false, &err) != 0)
				ok = false;
		}
		if (old != NULL) {
			if (ok && target != NULL && strcmp(ctrapi_inspect_name(old), target) != 0) {
				redeploy_say(rv->p, "recover",
				    "renaming the old container back to %s", target);
				if (ctrapi_rename(rv->c, e->old_id, target, &err) != 0)
					ok = false;
			}
			if (ok && e->old_running && !ctrapi_inspect_running(old)) {
				redeploy_say(rv->p, "recover", "starting the old container %s", target);
				if (ctrapi_start(rv->c, e->old_id, &err) != 0)
					ok = false;
			}
			result = ok ? JOURNAL_ROLLED_BACK : JOURNAL_FAILED;
			snprintf(reason, sizeof reason, "berth stopped after step '%s'; recovery %s%s%.300s", step,
			    ok ? "put the old container back" : "could not restore the old container",
			    ok ? "" : ": ", ok ? "" : err.text);
		} else if (e->old_id == NULL) {
			result = JOURNAL_FAILED;
			snprintf(reason, sizeof reason, "berth stopped after step '%s' of a first deploy; "
			    "recovery removed the new container", step);
		} else {
			result = JOURNAL_FAILED;
			snprintf(reason, sizeof reason, "berth stopped after step '%s'; the old container "
			    "is gone and the new one was not ready", step);
		}
	}
record:
	{
		struct journal_entry end = {
			.id = e->id, .result = result, .reason = reason, .recovered = true,
		};
		struct journal_error je;
		if (journal_write(rv->j, JOURNAL_EV_END, &end, &je) != 0)
			redeploy_say(rv->p, "warning",
			    "could not journal the recovery: %s", je.text);
	}
	redeploy_say(rv->p, "recovered", "%s", reason);
	json_decref(old);
	json_decref(nw);
}

int
redeploy_recover(struct dapi_client *c, struct journal *j, const char *engine,
    const struct redeploy_progress *p, size_t *n, struct journal_error *err)
{
	struct journal_lines lines;
	struct journal_history h;
	struct recovery rv = { .c = c, .j = j, .p = p };

	*n = 0;
	if (journal_read(journal_dirname(j), &lines, err) != 0)
		return -1;
	journal_fold(&lines, engine, NULL, NULL, &h);
	journal_lines_clear(&lines);
	for (size_t i = 0; i < h.n; i++) {
		const struct journal_entry *e = &h.e[i];
		struct journal_lock *lock;
		struct journal_lines again;
		struct journal_history h2 = { 0 };
		struct journal_error je;
		bool still = false;

		if (e->result != JOURNAL_RUNNING || e->start_ms == 0)
			continue;
		lock = journal_lock_take(journal_dirname(j), engine, e->service, e->branch, 0, &je);
		if (lock == NULL)
			continue;	/* a live berth is deploying it */
		/* it may have finished between the read and the lock */
		if (journal_read(journal_dirname(j), &again, &je) == 0) {
			journal_fold(&again, engine, e->service, e->branch, &h2);
			for (size_t k = 0; k < h2.n; k++)
				if (strcmp(h2.e[k].id, e->id) == 0 && h2.e[k].result == JOURNAL_RUNNING)
					still = true;
			journal_lines_clear(&again);
		}
		if (still) {
			for (size_t k = 0; k < h2.n; k++)
				if (strcmp(h2.e[k].id, e->id) == 0)
					recover_one(&rv, &h2.e[k]);
			(*n)++;
		}
		journal_history_clear(&h2);
		journal_lock_release(lock);
	}
	journal_history_clear(&h);
	return 0;
}
