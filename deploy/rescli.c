/* The resource commands: images, volumes, networks, df and prune, as tables or JSON. */
#include "deploy/rescli.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "deploy/cli.h"
#include "deploy/journal.h"
#include "deploy/prune.h"
#include "deploy/prunerun.h"
#include "deploy/pruneout.h"
#include "dockerapi/dapi.h"
#include "dockerapi/endpoint.h"
#include "dockerapi/resources.h"

enum { RC_OK = 0, RC_ERR = 1, RC_USAGE = 2 };

struct rargs {
	const char *cmd, *host, *state_dir;
	bool json, read_only, dry_run;
	struct prune_opts o;
};

static const char usage_text[] =
    "       berth images|volumes|networks|df [--json]\n"
    "       berth prune [--images [--all]] [--containers] [--volumes [--all]] [--networks]\n"
    "                   [--keep N] [--dry-run] [--json]   (--keep: default 1)\n";

const char *
rescli_usage(void)
{
	return usage_text;
}

static int
parse(int argc, char **argv, struct rargs *a)
{
	static const struct option longopts[] = {
		{ "host", required_argument, NULL, 'H' },
		{ "state-dir", required_argument, NULL, 'S' },
		{ "keep", required_argument, NULL, 'k' },
		{ "json", no_argument, NULL, 'j' },
		{ "read-only", no_argument, NULL, 'R' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "images", no_argument, NULL, 'i' },
		{ "all", no_argument, NULL, 'a' },
		{ "containers", no_argument, NULL, 'c' },
		{ "volumes", no_argument, NULL, 'v' },
		{ "networks", no_argument, NULL, 'w' },
		{ "stats-api", no_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;
	char *end;

	optind = 1;
	opterr = 1;
	a->o.keep = 1;
	while ((ch = getopt_long(argc, argv, "H:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'H': a->host = optarg; break;
		case 'S': a->state_dir = optarg; break;
		case 'j': a->json = true; break;
		case 'R': a->read_only = true; break;
		case 'n': a->dry_run = true; break;
		case 'i': a->o.images = true; break;
		case 'a': a->o.all = true; break;
		case 'c': a->o.containers = true; break;
		case 'v': a->o.volumes = true; break;
		case 'w': a->o.networks = true; break;
		case 'A': break;
		case 'k': {
			long v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 0 || v > 1000) {
				fprintf(stderr, "berth: --keep takes a count from 0 to 1000\n");
				return -1;
			}
			a->o.keep = (int)v;
			break;
		}
		default:
			return -1;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "berth: %s takes options only\n", argv[optind]);
		return -1;
	}
	a->cmd = argv[optind];
	return 0;
}

/* ---------------------------------------------------------------- lists */

/* "repo:tag" split at the last ':' after the last '/' into repo and tag. */
static void
split_tag(const char *ref, char *repo, size_t rsz, char *tag, size_t tsz)
{
	const char *slash = strrchr(ref, '/');
	const char *colon = strrchr(slash != NULL ? slash : ref, ':');

	if (colon == NULL) {
		snprintf(repo, rsz, "%s", ref);
		snprintf(tag, tsz, "<none>");
	} else {
		snprintf(repo, rsz, "%.*s", (int)(colon - ref), ref);
		snprintf(tag, tsz, "%s", colon + 1);
	}
}

static int
cmd_images(const struct rargs *a, const struct prunerun_data *d)
{
	json_t *arr = json_array();
	time_t now = time(NULL);

	if (!a->json)
		pruneout_say("%-40s %-20s %-12s %-16s %-10s %s", "REPOSITORY", "TAG", "IMAGE ID",
		    "CREATED", "SIZE", "CONTAINERS");
	for (size_t i = 0; i < d->nimages; i++) {
		const struct resources_image *im = &d->images[i];
		size_t users = resources_image_users(d->users, d->nusers, im->id);
		char sid[16], age[48], size[24];
		size_t nrows = im->ntags > 0 ? im->ntags : 1;

		resources_short_id(im->id, sid, sizeof sid);
		resources_age((int64_t)now - im->created, age, sizeof age);
		resources_size(im->size, size, sizeof size);
		for (size_t t = 0; t < nrows; t++) {
			char repo[512], tag[256];
			if (im->ntags > 0)
				split_tag(im->tags[t], repo, sizeof repo, tag, sizeof tag);
			else {
				snprintf(repo, sizeof repo, "<none>");
				snprintf(tag, sizeof tag, "<none>");
			}
			if (!a->json) {
				pruneout_say("%-40s %-20s %-12s %-16s %-10s %zu", repo, tag, sid, age, size,
				    users);
				continue;
			}
			json_t *o = json_object(), *dg = json_array();
			for (size_t k = 0; k < im->ndigests; k++)
				json_array_append_new(dg, pruneout_str(im->digests[k]));
			json_object_set_new(o, "repository", pruneout_str(repo));
			json_object_set_new(o, "tag", pruneout_str(tag));
			json_object_set_new(o, "id", pruneout_str(im->id));
			json_object_set_new(o, "short_id", pruneout_str(sid));
			json_object_set_new(o, "created", json_integer(im->created));
			json_object_set_new(o, "size", json_integer(im->size));
			json_object_set_new(o, "containers", json_integer((json_int_t)users));
			json_object_set_new(o, "digests", dg);
			json_array_append_new(arr, o);
		}
	}
	if (a->json)
		pruneout_print_json(arr);
	else
		json_decref(arr);
	return RC_OK;
}

static int
cmd_volumes(const struct rargs *a, const struct prunerun_data *d)
{
	json_t *arr = json_array();

	if (!a->json)
		pruneout_say("%-10s %-40s %-10s %-30s %s", "DRIVER", "VOLUME NAME", "SIZE", "USED BY",
		    "MOUNTPOINT");
	for (size_t i = 0; i < d->nvolumes; i++) {
		const struct resources_volume *v = &d->volumes[i];
		const struct resources_df_item *it = d->have_df ?
		    resources_df_find(d->df.vols, d->df.nvols, v->name) : NULL;
		char users[1024], size[24];
		size_t nu = resources_volume_users(d->users, d->nusers, v->name, users,
		    sizeof users);

		resources_size(it != NULL ? it->size : -1, size, sizeof size);
		if (!a->json) {
			pruneout_say("%-10s %-40s %-10s %-30s %s", v->driver, v->name, size,
			    nu > 0 ? users : "-", v->mountpoint);
			continue;
		}
		json_t *o = json_object(), *ub = json_array();
		for (size_t u = 0; u < d->nusers; u++)
			if (resources_volume_users(&d->users[u], 1, v->name, NULL, 0) > 0)
				json_array_append_new(ub, pruneout_str(d->users[u].name));
		json_object_set_new(o, "name", pruneout_str(v->name));
		json_object_set_new(o, "driver", pruneout_str(v->driver));
		json_object_set_new(o, "scope", pruneout_str(v->scope));
		json_object_set_new(o, "mountpoint", pruneout_str(v->mountpoint));
		json_object_set_new(o, "anonymous", json_boolean(v->anonymous));
		json_object_set_new(o, "size", it != NULL && it->size >= 0 ?
		    json_integer(it->size) : json_null());
		json_object_set_new(o, "used_by", ub);
		json_array_append_new(arr, o);
	}
	if (a->json)
		pruneout_print_json(arr);
	else
		json_decref(arr);
	return RC_OK;
}

static int
cmd_networks(const struct rargs *a, const struct prunerun_data *d)
{
	json_t *arr = json_array();

	if (!a->json)
		pruneout_say("%-12s %-30s %-10s %-6s %-20s %s", "NETWORK ID", "NAME", "DRIVER", "SCOPE",
		    "SUBNET", "CONTAINERS");
	for (size_t i = 0; i < d->nnetworks; i++) {
		const struct resources_network *nw = &d->networks[i];
		size_t nu = resources_network_users(d->users, d->nusers, nw->name, NULL, 0);

		if (!a->json) {
			pruneout_say("%-12.12s %-30s %-10s %-6s %-20s %zu", nw->id, nw->name, nw->driver,
			    nw->scope, nw->subnet[0] ? nw->subnet : "-", nu);
			continue;
		}
		json_t *o = json_object();
		json_object_set_new(o, "id", pruneout_str(nw->id));
		json_object_set_new(o, "name", pruneout_str(nw->name));
		json_object_set_new(o, "driver", pruneout_str(nw->driver));
		json_object_set_new(o, "scope", pruneout_str(nw->scope));
		json_object_set_new(o, "subnet", pruneout_str(nw->subnet));
		json_object_set_new(o, "containers", json_integer((json_int_t)nu));
		json_array_append_new(arr, o);
	}
	if (a->json)
		pruneout_print_json(arr);
	else
		json_decref(arr);
	return RC_OK;
}

static int
cmd_df(const struct rargs *a, const struct resources_df *df)
{
	const struct { const char *type; const struct resources_df_class *c; } rows[] = {
		{ "Images", &df->images }, { "Containers", &df->containers },
		{ "Local Volumes", &df->volumes }, { "Build Cache", &df->cache },
	};
	json_t *arr = json_array();

	if (!a->json)
		printf("%-15s %-8s %-8s %-12s %s\n", "TYPE", "TOTAL", "ACTIVE", "SIZE",
		    "RECLAIMABLE");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct resources_df_class *c = rows[i].c;
		char size[24], rec[24];
		if (!a->json) {
			resources_size(c->size, size, sizeof size);
			resources_size(c->reclaimable, rec, sizeof rec);
			printf("%-15s %-8lld %-8lld %-12s %s (%lld%%)\n", rows[i].type,
			    (long long)c->count, (long long)c->active, size, rec,
			    c->size > 0 ? (long long)(c->reclaimable * 100 / c->size) : 0LL);
			continue;
		}
		json_t *o = json_object();
		json_object_set_new(o, "type", json_string(rows[i].type));
		json_object_set_new(o, "total", json_integer(c->count));
		json_object_set_new(o, "active", json_integer(c->active));
		json_object_set_new(o, "size", json_integer(c->size));
		json_object_set_new(o, "reclaimable", json_integer(c->reclaimable));
		json_array_append_new(arr, o);
	}
	if (a->json)
		pruneout_print_json(arr);
	else
		json_decref(arr);
	return RC_OK;
}

static bool
is_cmd(const char *s)
{
	return strcmp(s, "images") == 0 || strcmp(s, "volumes") == 0 ||
	    strcmp(s, "networks") == 0 || strcmp(s, "df") == 0 || strcmp(s, "prune") == 0;
}

int
rescli_main(int argc, char **argv, char *(*safe_dup)(const char *s, size_t len))
{
	const char *cmd = cli_command(argc, argv);
	struct rargs a = { 0 };
	struct endpoint ep = { 0 };
	struct dapi_client *c = NULL;
	struct dapi_error de;
	struct prunerun_data d = { 0 };
	struct prune_plan plan = { 0 };
	struct journal_error je;
	char err[512], dir[4096];
	int rc = RC_ERR;

	if (cmd == NULL || !is_cmd(cmd))
		return -1;
	pruneout_set_safe(safe_dup);
	if (parse(argc, argv, &a) != 0) {
		fprintf(stderr, "usage:\n%s", usage_text);
		return RC_USAGE;
	}
	if (strcmp(a.cmd, "prune") == 0 && !a.o.images && !a.o.containers && !a.o.volumes &&
	    !a.o.networks) {
		fprintf(stderr, "berth: prune: say what: --images, --containers, --volumes, "
		    "--networks\nusage:\n%s", usage_text);
		return RC_USAGE;
	}
	if (strcmp(a.cmd, "prune") == 0 && a.read_only && !a.dry_run) {
		fprintf(stderr, "berth: --read-only: prune removes things; refused "
		    "(--dry-run only lists)\n");
		return RC_ERR;
	}
	if (endpoint_resolve(a.host, &ep, err, sizeof err) != 0) {
		fprintf(stderr, "berth: %s\n", err);
		return RC_ERR;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	c = dapi_client_new(&ep);
	if (dapi_ping(c, &de) != 0) {
		fprintf(stderr, "berth: cannot reach the Docker engine at %s: ", ep.url);
		pruneout_say_err("%s", de.text);
		goto out;
	}
	if (strcmp(a.cmd, "prune") == 0) {
		if (journal_dir(a.state_dir, dir, sizeof dir, &je) != 0) {
			fprintf(stderr, "berth: %s\n", je.text);
			goto out;
		}
		if (prunerun_plan(c, dir, ep.url, &a.o, &d, &plan, err, sizeof err) != 0) {
			fprintf(stderr, "berth: prune: %s; nothing was removed\n", err);
			goto out;
		}
		rc = pruneout_run(c, &plan, a.dry_run, a.json);
		goto out;
	}
	if (prunerun_gather(c, strcmp(a.cmd, "images") == 0, strcmp(a.cmd, "volumes") == 0,
	    strcmp(a.cmd, "networks") == 0, &d, err, sizeof err) != 0) {
		fprintf(stderr, "berth: %s\n", err);
		goto out;
	}
	if (strcmp(a.cmd, "df") == 0 && !d.have_df) {
		fprintf(stderr, "berth: the engine did not answer GET /system/df\n");
		goto out;
	}
	rc = strcmp(a.cmd, "images") == 0 ? cmd_images(&a, &d) :
	    strcmp(a.cmd, "volumes") == 0 ? cmd_volumes(&a, &d) :
	    strcmp(a.cmd, "networks") == 0 ? cmd_networks(&a, &d) : cmd_df(&a, &d.df);
out:
	fflush(stdout);
	prune_plan_clear(&plan);
	prunerun_data_clear(&d);
	dapi_client_free(c);
	endpoint_clear(&ep);
	curl_global_cleanup();
	return rc;
}
