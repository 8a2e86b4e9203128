/* A prune's report: what went, what stayed and why, and the space reclaimed, as lines or JSON. */
#include "deploy/pruneout.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "deploy/journal.h"
#include "deploy/prunerun.h"
#include "dockerapi/resources.h"

static char *(*safe)(const char *s, size_t len);

void
pruneout_set_safe(char *(*safe_dup)(const char *s, size_t len))
{
	safe = safe_dup;
}


/* printf of a line made of engine text: the whole line made safe */
void
pruneout_say(FILE *f, const char *fmt, ...)
{
	char line[4096];
	char *safe_line;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	safe_line = safe(line, strlen(line));
	fprintf(f, "%s\n", safe_line);
	free(safe_line);
}

void
pruneout_print_json(json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT);

	if (s != NULL)
		printf("%s\n", s);
	free(s);
	json_decref(v);
}

json_t *
pruneout_str(const char *s)
{
	return journal_json_string(s);
}

/* ---------------------------------------------------------------- prune */

struct applied {
	json_t *removed, *failed;
	bool json;
};

static void
prune_said(void *arg, const struct prune_item *it, int rc, const char *msg)
{
	struct applied *ap = arg;
	char size[24];

	resources_size(it->size, size, sizeof size);
	if (ap->json) {
		json_t *o = json_object();
		json_object_set_new(o, "kind", json_string(prune_kind_name(it->kind)));
		json_object_set_new(o, "id", pruneout_str(it->id));
		json_object_set_new(o, "name", pruneout_str(it->name));
		if (rc != 0)
			json_object_set_new(o, "error", pruneout_str(msg));
		json_array_append_new(rc == 0 ? ap->removed : ap->failed, o);
	} else if (rc == 0)
		pruneout_say(stdout, "removed %s %s (%s): %s", prune_kind_name(it->kind), it->name, size, it->why);
	else
		pruneout_say(stdout, "FAILED  %s %s: %s", prune_kind_name(it->kind), it->name, msg);
	fflush(stdout);
}

int
pruneout_run(struct dapi_client *c, const struct prune_plan *plan, bool dry, bool json)
{
	struct applied ap = { json_array(), json_array(), json };
	json_t *kept = json_array(), *would = json_array();
	int64_t before = -1, after = -1, reclaimed;
	size_t failed = 0;
	char sz[24];

	for (size_t i = 0; i < plan->n; i++) {
		const struct prune_item *it = &plan->items[i];
		resources_size(it->size, sz, sizeof sz);
		if (json && (!it->go || dry)) {
			json_t *o = json_object();
			json_object_set_new(o, "kind", json_string(prune_kind_name(it->kind)));
			json_object_set_new(o, "id", pruneout_str(it->id));
			json_object_set_new(o, "name", pruneout_str(it->name));
			json_object_set_new(o, "why", pruneout_str(it->why));
			if (it->size >= 0)
				json_object_set_new(o, "size", json_integer(it->size));
			json_array_append_new(it->go ? would : kept, o);
		} else if (!json && !it->go)
			pruneout_say(stdout, "keep    %s %s: %s", prune_kind_name(it->kind), it->name, it->why);
		else if (!json && dry)
			pruneout_say(stdout, "would remove %s %s (%s): %s", prune_kind_name(it->kind), it->name, sz,
			    it->why);
	}
	if (!dry && plan->ngo > 0) {
		before = prunerun_df_total(c);
		failed = prunerun_apply(c, plan, prune_said, &ap);
		after = prunerun_df_total(c);
	}
	reclaimed = before >= 0 && after >= 0 ? (before > after ? before - after : 0) : 0;
	if (json) {
		json_t *o = json_object();
		json_object_set_new(o, "dry_run", json_boolean(dry));
		json_object_set_new(o, dry ? "would_remove" : "removed", dry ? would : ap.removed);
		json_object_set_new(o, "kept", kept);
		json_object_set_new(o, "failed", ap.failed);
		json_object_set_new(o, dry ? "would_reclaim" : "reclaimed",
		    json_integer(dry ? plan->bytes : reclaimed));
		if (dry)
			json_decref(ap.removed);
		else
			json_decref(would);
		pruneout_print_json(o);
	} else {
		json_decref(kept);
		json_decref(would);
		json_decref(ap.removed);
		json_decref(ap.failed);
		resources_size(dry ? plan->bytes : reclaimed, sz, sizeof sz);
		if (dry)
			printf("dry run: would remove %zu, keep %zu; would reclaim about %s\n",
			    plan->ngo, plan->n - plan->ngo, sz);
		else
			printf("removed %zu, kept %zu, failed %zu; reclaimed %s (%lld bytes)\n",
			    plan->ngo - failed, plan->n - plan->ngo, failed, sz,
			    (long long)reclaimed);
	}
	return failed > 0 ? 1 : 0;
}

int
pruneout_deploy_keep(struct dapi_client *c, const char *dir, const char *engine,
    const char *service, const char *branch, int keep,
    char *(*safe_dup)(const char *s, size_t len))
{
	struct prune_opts o = { .images = true, .all = true, .keep = keep,
	    .service = service, .branch = branch };
	struct prunerun_data d;
	struct prune_plan plan;
	char err[512];
	int rc = -1;

	pruneout_set_safe(safe_dup);
	if (prunerun_plan(c, dir, engine, &o, &d, &plan, err, sizeof err) != 0)
		fprintf(stderr, "berth: --keep: cannot plan the prune: %s\n", err);
	else
		rc = pruneout_run(c, &plan, false, false) == 0 ? 0 : 1;
	prune_plan_clear(&plan);
	prunerun_data_clear(&d);
	return rc;
}

