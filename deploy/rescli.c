/* The resource commands: images, volumes, networks, df and prune, as tables or JSON. */
#include "deploy/rescli.h"

#include <getopt.h>
#include <stddef.h>
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
#include "dockerapi/ctrapi.h"
#include "dockerapi/dapi.h"
#include "dockerapi/endpoint.h"
#include "dockerapi/pull.h"
#include "dockerapi/resources.h"

enum { RC_OK = 0, RC_ERR = 1, RC_USAGE = 2 };

struct rargs {
	const char *cmd, *host, *state_dir;
	const char *ref;	/* pull: the image reference */
	bool json, read_only, dry_run;
	struct prune_opts o;
};

static const char usage_text[] =
    "       berth images|volumes|networks|df [--json]\n"
    "       berth prune [--images [--all]] [--containers] [--volumes [--all]] [--networks]\n"
    "                   [--keep N] [--dry-run] [--json]   (--keep: default 1)\n"
    "       berth pull REF   (with the docker CLI's registry login; progress on stderr)\n";

const char *
rescli_usage(void)
{
	return usage_text;
}

static int
parse(int argc, char **argv, struct rargs *a)
{
	static const struct option longopts[] = {
		{ "host", required_argument, NULL, 'H' }, { "state-dir", required_argument, NULL, 'S' },
		{ "keep", required_argument, NULL, 'k' }, { "json", no_argument, NULL, 'j' },
		{ "read-only", no_argument, NULL, 'R' }, { "dry-run", no_argument, NULL, 'n' },
		{ "images", no_argument, NULL, 'i' }, { "all", no_argument, NULL, 'a' },
		{ "containers", no_argument, NULL, 'c' }, { "volumes", no_argument, NULL, 'v' },
		{ "networks", no_argument, NULL, 'w' }, { "stats-api", no_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 }
	};
	/* the switches, by the letter getopt_long returns */
	const struct { int ch; bool *on; } flags[] = {
		{ 'j', &a->json }, { 'R', &a->read_only }, { 'n', &a->dry_run },
		{ 'i', &a->o.images }, { 'a', &a->o.all }, { 'c', &a->o.containers },
		{ 'v', &a->o.volumes }, { 'w', &a->o.networks }, { 'A', NULL },
	};
	int ch;
	char *end;
	long v;

	optind = 1;
	opterr = 1;
	a->o.keep = 1;
	while ((ch = getopt_long(argc, argv, "H:", longopts, NULL)) != -1) {
		size_t f;
		for (f = 0; f < sizeof flags / sizeof flags[0] && flags[f].ch != ch; f++)
			;
		if (f < sizeof flags / sizeof flags[0]) {
			if (flags[f].on != NULL)
				*flags[f].on = true;
		} else if (ch == 'H')
			a->host = optarg;
		else if (ch == 'S')
			a->state_dir = optarg;
		else if (ch == 'k' && (v = strtol(optarg, &end, 10)) >= 0 && v <= 1000 &&
		    *optarg != '\0' && *end == '\0')
			a->o.keep = (int)v;
		else {
			if (ch == 'k')
				fprintf(stderr, "berth: --keep takes a count from 0 to 1000\n");
			return -1;
		}
	}
	if (optind < argc && strcmp(argv[optind], "pull") == 0) {
		if (optind + 2 != argc) {
			fprintf(stderr, "berth: pull takes one image reference\n");
			return -1;
		}
		a->ref = argv[optind + 1];
	} else if (optind + 1 != argc) {
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

/*
 * The human table of a command, as one line of spec: columns split by
 * '|', each TITLE=key/WIDTH and a kind letter: s string, i integer,
 * z size, a age (unix seconds ago), l list (joined by ','), p reclaimable
 * (size and its share of "size"). WIDTH 0: the last column, unpadded.
 */
struct rcol {
	char title[32], key[32];
	int width;
	char kind;
};

/* Column k of spec into c; false past the last. */
static bool
rcol_get(const char *spec, size_t k, struct rcol *c)
{
	const char *p = spec;

	for (; k > 0 && p != NULL; k--)
		if ((p = strchr(p, '|')) != NULL)
			p++;
	return p != NULL && sscanf(p, "%31[^=]=%31[^/]/%d%c", c->title, c->key, &c->width,
	    &c->kind) == 4;
}

static void
rcol_text(const struct rcol *c, json_t *row, time_t now, char *buf, size_t n)
{
	json_t *v = json_object_get(row, c->key), *e;
	json_int_t x = json_integer_value(v);
	const char *str = json_string_value(v);
	json_int_t size = json_integer_value(json_object_get(row, "size"));
	char s[24];
	size_t used = 0, i;

	buf[0] = '\0';
	switch (c->kind) {
	case 's': snprintf(buf, n, "%s", str != NULL ? str : ""); break;
	case 'i': snprintf(buf, n, "%lld", (long long)x); break;
	case 'z': resources_size(json_is_integer(v) ? x : -1, buf, n); break;
	case 'a': resources_age((int64_t)now - x, buf, n); break;
	case 'p':
		resources_size(x, s, sizeof s);
		snprintf(buf, n, "%s (%lld%%)", s, size > 0 ? (long long)(x * 100 / size) : 0LL);
		break;
	case 'l':
		json_array_foreach(v, i, e)
			if (used < n)
				used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? "," : "",
				    json_string_value(e) ? json_string_value(e) : "");
		break;
	}
	if (buf[0] == '\0')
		snprintf(buf, n, "-");
}

/* One line of the table: row's cells, or the titles when row is NULL. */
static void
emit_line(const char *spec, json_t *row, time_t now)
{
	char line[4096], cell[1024];
	size_t used = 0;
	struct rcol c;

	line[0] = '\0';
	for (size_t k = 0; rcol_get(spec, k, &c) && used < sizeof line; k++) {
		if (row == NULL)
			snprintf(cell, sizeof cell, "%s", c.title);
		else
			rcol_text(&c, row, now, cell, sizeof cell);
		used += (size_t)snprintf(line + used, sizeof line - used, "%-*.*s ", c.width,
		    c.width ? c.width : (int)sizeof cell, cell);
	}
	pruneout_say(stdout, "%s", line);
}

/* rows (taken) as JSON, or as the table spec says. */
static int
emit(const struct rargs *a, json_t *rows, const char *spec)
{
	time_t now = time(NULL);
	size_t i;
	json_t *row;

	if (a->json) {
		pruneout_print_json(rows);
		return RC_OK;
	}
	emit_line(spec, NULL, now);
	json_array_foreach(rows, i, row)
		emit_line(spec, row, now);
	json_decref(rows);
	return RC_OK;
}

/* One array of the users' names that hold name (a volume's) . */
static json_t *
volume_users(const struct prunerun_data *d, const char *name)
{
	json_t *ub = json_array();

	for (size_t u = 0; u < d->nusers; u++)
		if (resources_volume_users(&d->users[u], 1, name, NULL, 0) > 0)
			json_array_append_new(ub, pruneout_str(d->users[u].name));
	return ub;
}

static int
cmd_images(const struct rargs *a, const struct prunerun_data *d)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < d->nimages; i++) {
		const struct resources_image *im = &d->images[i];
		size_t users = resources_image_users(d->users, d->nusers, im->id);
		char sid[16];

		resources_short_id(im->id, sid, sizeof sid);
		for (size_t t = 0; t < (im->ntags > 0 ? im->ntags : 1); t++) {
			char repo[512] = "<none>", tag[256] = "<none>";
			json_t *dg = json_array();
			if (im->ntags > 0)
				split_tag(im->tags[t], repo, sizeof repo, tag, sizeof tag);
			for (size_t k = 0; k < im->ndigests; k++)
				json_array_append_new(dg, pruneout_str(im->digests[k]));
			json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o, s:I, s:I, s:I, s:o}",
			    "repository", pruneout_str(repo), "tag", pruneout_str(tag),
			    "id", pruneout_str(im->id), "short_id", pruneout_str(sid),
			    "created", (json_int_t)im->created, "size", (json_int_t)im->size,
			    "containers", (json_int_t)users, "digests", dg));
		}
	}
	return emit(a, arr, "REPOSITORY=repository/40s|TAG=tag/20s|IMAGE ID=short_id/12s|"
	    "CREATED=created/16a|SIZE=size/10z|CONTAINERS=containers/0i");
}

/* A string member of a record, written as key. */
struct jfield {
	const char *key;
	size_t off;
};

/* A new object of rec's string members as fields says. */
static json_t *
json_strs(const void *rec, const struct jfield *fields, size_t n)
{
	json_t *o = json_object();

	for (size_t i = 0; i < n; i++)
		json_object_set_new(o, fields[i].key,
		    pruneout_str(*(char *const *)(const void *)((const char *)rec + fields[i].off)));
	return o;
}

#define VOL(m) offsetof(struct resources_volume, m)
#define NET(m) offsetof(struct resources_network, m)

static int
cmd_volumes(const struct rargs *a, const struct prunerun_data *d)
{
	static const struct jfield strs[] = { { "name", VOL(name) }, { "driver", VOL(driver) },
	    { "scope", VOL(scope) }, { "mountpoint", VOL(mountpoint) } };
	json_t *arr = json_array();

	for (size_t i = 0; i < d->nvolumes; i++) {
		const struct resources_volume *v = &d->volumes[i];
		const struct resources_df_item *it = d->have_df ?
		    resources_df_find(d->df.vols, d->df.nvols, v->name) : NULL;
		json_t *o = json_strs(v, strs, sizeof strs / sizeof strs[0]);

		json_object_set_new(o, "anonymous", json_boolean(v->anonymous));
		json_object_set_new(o, "size", it != NULL && it->size >= 0 ?
		    json_integer(it->size) : json_null());
		json_object_set_new(o, "used_by", volume_users(d, v->name));
		json_array_append_new(arr, o);
	}
	return emit(a, arr, "DRIVER=driver/10s|VOLUME NAME=name/40s|SIZE=size/10z|"
	    "USED BY=used_by/30l|MOUNTPOINT=mountpoint/0s");
}

static int
cmd_networks(const struct rargs *a, const struct prunerun_data *d)
{
	static const struct jfield strs[] = { { "id", NET(id) }, { "name", NET(name) },
	    { "driver", NET(driver) }, { "scope", NET(scope) }, { "subnet", NET(subnet) } };
	json_t *arr = json_array(), *o;

	for (size_t i = 0; i < d->nnetworks; i++) {
		o = json_strs(&d->networks[i], strs, sizeof strs / sizeof strs[0]);
		json_object_set_new(o, "containers", json_integer((json_int_t)
		    resources_network_users(d->users, d->nusers, d->networks[i].name, NULL, 0)));
		json_array_append_new(arr, o);
	}
	return emit(a, arr, "NETWORK ID=id/12s|NAME=name/30s|DRIVER=driver/10s|SCOPE=scope/6s|"
	    "SUBNET=subnet/20s|CONTAINERS=containers/0i");
}

static int
cmd_df(const struct rargs *a, const struct resources_df *df)
{
	const struct { const char *type; const struct resources_df_class *c; } rows[] = {
		{ "Images", &df->images }, { "Containers", &df->containers },
		{ "Local Volumes", &df->volumes }, { "Build Cache", &df->cache },
	};
	json_t *arr = json_array();

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:I, s:I}", "type", rows[i].type,
		    "total", (json_int_t)rows[i].c->count, "active", (json_int_t)rows[i].c->active,
		    "size", (json_int_t)rows[i].c->size,
		    "reclaimable", (json_int_t)rows[i].c->reclaimable));
	return emit(a, arr, "TYPE=type/15s|TOTAL=total/8i|ACTIVE=active/8i|SIZE=size/12z|"
	    "RECLAIMABLE=reclaimable/0p");
}

static bool
is_cmd(const char *s)
{
	return strcmp(s, "images") == 0 || strcmp(s, "volumes") == 0 ||
	    strcmp(s, "networks") == 0 || strcmp(s, "df") == 0 || strcmp(s, "prune") == 0 ||
	    strcmp(s, "pull") == 0;
}

static void
on_pull_progress(void *arg, const struct pullprog_sum *s)
{
	char line[160];

	pullprog_format(s, line, sizeof line);
	fprintf(stderr, "berth: pulling ");
	pruneout_say(stderr, "%s: %s", (const char *)arg, line);
}

/* berth pull REF: the progress lines on stderr, at most one a second. */
static int
cmd_pull(struct dapi_client *c, const char *ref)
{
	struct dapi_error de;
	char digest[200];

	fprintf(stderr, "berth: pulling ");
	pruneout_say(stderr, "%s", ref);
	if (pull_image(c, ref, 10L * 60 * 1000, 1000, on_pull_progress, (void *)ref, &de) != 0) {
		fprintf(stderr, "berth: cannot pull ");
		pruneout_say(stderr, "%s: %s", ref, de.text);
		return RC_ERR;
	}
	ctrapi_image_digest(c, ref, digest, sizeof digest);
	fprintf(stderr, "berth: pulled ");
	pruneout_say(stderr, "%s%s%s%s", ref, digest[0] != '\0' ? " (digest " : "", digest,
	    digest[0] != '\0' ? ")" : "");
	return RC_OK;
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
	if (strcmp(a.cmd, "pull") == 0 && a.read_only) {
		fprintf(stderr, "berth: --read-only: pull is disabled\n");
		return RC_ERR;
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
		pruneout_say(stderr, "%s", de.text);
		goto out;
	}
	if (strcmp(a.cmd, "pull") == 0) {
		rc = cmd_pull(c, a.ref);
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
