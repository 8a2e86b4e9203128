/* Rollback targets: the image a unit goes back to, chosen once for `berth rollback` and the TUI. */
#include "deploy/rollback.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "deploy/redeploy.h"
#include "dockerapi/ctrapi.h"

/* Is image still on the engine? */
static bool
image_present(struct dapi_client *c, const char *image)
{
	struct dapi_error de;
	json_t *img;

	if (ctrapi_image_inspect(c, image, &img, &de) != 0)
		return false;
	json_decref(img);
	return true;
}

int
rollback_target(struct dapi_client *c, const char *dir, const struct journal_lines *l,
    const struct rollback_query *q, struct rollback_target *t, struct journal_error *err)
{
	struct journal_history h;
	const char *current = NULL;
	int rc = -1;

	memset(t, 0, sizeof *t);
	journal_fold(l, q->engine, q->service, q->branch, &h);
	for (size_t i = h.n; i > 0 && current == NULL; i--)
		if (h.e[i - 1].result == JOURNAL_SUCCEEDED)
			current = h.e[i - 1].to_image;
	for (size_t i = h.n; i > 0; i--) {
		const struct journal_entry *e = &h.e[i - 1];
		const char *cands[2];

		if (q->to != NULL) {
			if (strncmp(e->id, q->to, strlen(q->to)) != 0)
				continue;
			cands[0] = e->to_image;
			cands[1] = NULL;
		} else {
			if (e->result != JOURNAL_SUCCEEDED)
				continue;
			/* the image before the current one, then older successes */
			cands[0] = e->to_image;
			cands[1] = e->from_image;
		}
		for (int k = 0; k < 2; k++) {
			if (cands[k] == NULL || (q->to == NULL && current != NULL &&
			    strcmp(cands[k], current) == 0))
				continue;
			if (image_present(c, cands[k])) {
				snprintf(t->image, sizeof t->image, "%s", cands[k]);
				snprintf(t->of, sizeof t->of, "%s", e->id);
				redeploy_ref_for(c, dir, t->image, t->ref, sizeof t->ref);
				rc = 0;
				goto out;
			}
			if (q->to != NULL) {
				snprintf(err->text, sizeof err->text,
				    "the image of deploy %.64s (%.19s) is no longer present", e->id, cands[k]);
				goto out;
			}
		}
		if (q->to != NULL) {
			snprintf(err->text, sizeof err->text, "deploy %.64s names no image", e->id);
			goto out;
		}
	}
	if (q->to != NULL)
		snprintf(err->text, sizeof err->text, "no deploy %.64s of %.100s/%.100s in the journal",
		    q->to, q->service, q->branch);
	else
		snprintf(err->text, sizeof err->text,
		    "no earlier image of %.100s/%.100s in the journal is still present",
		    q->service, q->branch);
out:
	journal_history_clear(&h);
	return rc;
}
