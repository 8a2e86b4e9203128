/* Resource decoders: images, history, volumes, networks, disk use and users; engine JSON in, records out, no I/O. */
#include "dockerapi/resources.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/jsonget.h"
#include "xmalloc.h"

/* A copy of the string at path in obj, or "" (never NULL). */
static char *
res_str(json_t *obj, const char *path)
{
	char *s = jsonget_str_dup(jsonget_path(obj, path));

	return s != NULL ? s : xstrdup("");
}

static int64_t
res_i64(json_t *obj, const char *key, int64_t dflt)
{
	int64_t x = dflt;

	jsonget_i64(json_object_get(obj, key), &x);
	return x;
}

/* The string members of array arr, but skip ("<none>:<none>"), as a new
 * array in *out (NULL when none). Returns the count. */
static size_t
res_strings(json_t *arr, const char *skip, char ***out)
{
	size_t n = 0, i;
	json_t *v;

	*out = NULL;
	if (!json_is_array(arr))
		return 0;
	json_array_foreach(arr, i, v) {
		const char *s = jsonget_str(v);
		if (s == NULL || (skip != NULL && strcmp(s, skip) == 0))
			continue;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = jsonget_str_dup(v);
	}
	return n;
}

static void
res_strings_free(char **a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i]);
	free(a);
}

/* A char * member of a record and the JSON path it comes from (NULL: the
 * fill sets it). */
struct res_member {
	size_t off;
	const char *path;
};

/* An array of strings in a record: its pointer and its count. */
struct res_strv {
	size_t off, noff;
};

/* One kind of list: how its JSON is found, its records filled and freed. */
struct res_kind {
	const char *what;
	json_type want;
	const char *key;		/* the array's member (NULL: the root is it) */
	size_t size;
	const struct res_member *strs;	/* every string member */
	size_t nstrs;
	struct res_strv strv[2];	/* string arrays (noff 0: none) */
	size_t labels, nlabels;		/* the labels' members (nlabels 0: none) */
	bool (*fill)(json_t *obj, void *rec);	/* the rest; false: skip obj */
};

#define MEMBER(rec, off, type) ((type)(void *)((char *)(rec) + (off)))

static void
res_clear(const struct res_kind *k, void *rec)
{
	for (size_t i = 0; i < k->nstrs; i++)
		free(*MEMBER(rec, k->strs[i].off, char **));
	for (size_t i = 0; i < 2 && k->strv[i].noff != 0; i++)
		res_strings_free(*MEMBER(rec, k->strv[i].off, char ***),
		    *MEMBER(rec, k->strv[i].noff, size_t *));
	if (k->nlabels != 0)
		records_labels_free(*MEMBER(rec, k->labels, struct dapi_label **),
		    *MEMBER(rec, k->nlabels, size_t *));
}

/* Each object of arr whose fill accepts it, as a new element of *out. */
static size_t
res_each(const struct res_kind *k, json_t *arr, void **out)
{
	size_t n = 0, i;
	json_t *v;
	char *a = NULL;

	json_array_foreach(arr, i, v) {
		char *rec;
		if (!json_is_object(v))
			continue;
		a = xreallocarray(a, n + 1, k->size);
		rec = a + n * k->size;
		memset(rec, 0, k->size);
		for (size_t m = 0; m < k->nstrs; m++)
			if (k->strs[m].path != NULL)
				*MEMBER(rec, k->strs[m].off, char **) = res_str(v, k->strs[m].path);
		if (k->nlabels != 0)
			*MEMBER(rec, k->nlabels, size_t *) = decode_labels(json_object_get(v,
			    "Labels"), MEMBER(rec, k->labels, struct dapi_label **));
		if (k->fill(v, rec))
			n++;
		else
			res_clear(k, rec);
	}
	if (n == 0) {
		free(a);
		a = NULL;
	}
	*out = a;
	return n;
}

/* Load buf as k says and decode its list. Returns 0 or -1 with err. */
static int
res_decode(const struct res_kind *k, const char *buf, size_t len, void **out, size_t *n,
    struct decode_error *err)
{
	json_t *root = decode_load(buf, len, k->want, k->what, err);
	json_t *arr = root;

	*out = NULL;
	*n = 0;
	if (root == NULL)
		return -1;
	if (k->key != NULL)
		arr = json_object_get(root, k->key);
	if (arr != NULL && !json_is_null(arr) && !json_is_array(arr)) {
		decode_set_err(err, "%s: %s is not a JSON array", k->what, k->key);
		json_decref(root);
		return -1;
	}
	if (arr != NULL)
		*n = res_each(k, arr, out);
	json_decref(root);
	return 0;
}

/* ---------------------------------------------------------------- images */

#define IM(m) offsetof(struct resources_image, m)

static bool
image_fill(json_t *obj, void *rec)
{
	struct resources_image *im = rec;

	im->ntags = res_strings(json_object_get(obj, "RepoTags"), "<none>:<none>", &im->tags);
	im->ndigests = res_strings(json_object_get(obj, "RepoDigests"), "<none>@<none>",
	    &im->digests);
	im->created = res_i64(obj, "Created", 0);
	im->size = res_i64(obj, "Size", 0);
	return jsonget_str(json_object_get(obj, "Id")) != NULL;
}

static const struct res_member image_strs[] = { { IM(id), "Id" } };

/* ---------------------------------------------------------------- history */

#define LY(m) offsetof(struct resources_layer, m)

static bool
layer_fill(json_t *obj, void *rec)
{
	struct resources_layer *l = rec;

	l->created = res_i64(obj, "Created", 0);
	l->size = res_i64(obj, "Size", 0);
	return true;
}

static const struct res_member layer_strs[] = {
	{ LY(id), "Id" }, { LY(created_by), "CreatedBy" }, { LY(comment), "Comment" },
};

/* ---------------------------------------------------------------- volumes */

#define VO(m) offsetof(struct resources_volume, m)

static bool
hex64(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

static bool
volume_fill(json_t *obj, void *rec)
{
	struct resources_volume *v = rec;

	v->anonymous = records_labels_get(v->labels, v->nlabels,
	    "com.docker.volume.anonymous") != NULL || hex64(v->name);
	return jsonget_str(json_object_get(obj, "Name")) != NULL;
}

static const struct res_member volume_strs[] = {
	{ VO(name), "Name" }, { VO(driver), "Driver" }, { VO(mountpoint), "Mountpoint" },
	{ VO(scope), "Scope" },
};

/* ---------------------------------------------------------------- networks */

#define NW(m) offsetof(struct resources_network, m)

static bool
network_fill(json_t *obj, void *rec)
{
	static const char *const builtin[] = { "bridge", "host", "none", "ingress",
	    "docker_gwbridge" };
	struct resources_network *nw = rec;
	json_t *cfg = jsonget_path(obj, "IPAM.Config"), *c;
	char sub[512] = "";
	size_t i, used = 0;

	if (json_is_array(cfg))
		json_array_foreach(cfg, i, c) {
			const char *s = jsonget_str(json_object_get(c, "Subnet"));
			int k;
			if (s == NULL || used >= sizeof sub)
				continue;
			k = snprintf(sub + used, sizeof sub - used, "%s%s", used ? "," : "", s);
			used += k > 0 ? (size_t)k : 0;
		}
	nw->subnet = xstrdup(sub);
	nw->builtin = strcmp(nw->scope, "swarm") == 0;
	for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		nw->builtin = nw->builtin || strcmp(nw->name, builtin[i]) == 0;
	return jsonget_str(json_object_get(obj, "Name")) != NULL;
}

static const struct res_member network_strs[] = {
	{ NW(id), "Id" }, { NW(name), "Name" }, { NW(driver), "Driver" }, { NW(scope), "Scope" },
	{ NW(subnet), NULL },
};

/* ---------------------------------------------------------------- system df */

/* A list of df items: its name at name_key, size at size_path, users at users_path. */
static size_t
df_items(json_t *arr, const char *name_key, const char *size_path, const char *users_path,
    struct resources_df_item **out)
{
	size_t n = 0, i;
	json_t *v;

	*out = NULL;
	if (!json_is_array(arr))
		return 0;
	json_array_foreach(arr, i, v) {
		struct resources_df_item *it;
		if (jsonget_str(json_object_get(v, name_key)) == NULL)
			continue;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		it = &(*out)[n++];
		it->name = res_str(v, name_key);
		it->size = -1;
		it->users = -1;
		it->shared = 0;
		jsonget_i64(jsonget_path(v, size_path), &it->size);
		jsonget_i64(jsonget_path(v, users_path), &it->users);
		jsonget_i64(json_object_get(v, "SharedSize"), &it->shared);
		if (it->shared < 0)
			it->shared = 0;
	}
	return n;
}

/* The containers and build cache lines: size from key, active and
 * reclaimable as docker system df counts them. */
static void
df_class(json_t *arr, struct resources_df_class *c, bool cache)
{
	size_t i;
	json_t *v;

	if (!json_is_array(arr))
		return;
	json_array_foreach(arr, i, v) {
		int64_t sz = res_i64(v, cache ? "Size" : "SizeRw", 0);
		bool active = cache ? json_is_true(json_object_get(v, "InUse")) :
		    jsonget_str(json_object_get(v, "State")) != NULL &&
		    strcmp(jsonget_str(json_object_get(v, "State")), "running") == 0;
		if (!json_is_object(v))
			continue;
		if (sz < 0)
			sz = 0;
		c->count++;
		if (cache && json_is_true(json_object_get(v, "Shared")))
			continue;
		c->size += sz;
		if (active)
			c->active++;
		else
			c->reclaimable += sz;
	}
}

int
resources_df_decode(const char *buf, size_t len, struct resources_df *out,
    struct decode_error *err)
{
	json_t *root = decode_load(buf, len, JSON_OBJECT, "system df", err);
	int64_t used = 0;

	memset(out, 0, sizeof *out);
	if (root == NULL)
		return -1;
	out->nimgs = df_items(json_object_get(root, "Images"), "Id", "Size", "Containers",
	    &out->imgs);
	out->nvols = df_items(json_object_get(root, "Volumes"), "Name", "UsageData.Size",
	    "UsageData.RefCount", &out->vols);
	out->images.size = res_i64(root, "LayersSize", 0);
	for (size_t i = 0; i < out->nimgs; i++) {
		const struct resources_df_item *it = &out->imgs[i];
		out->images.count++;
		if (it->users > 0) {
			out->images.active++;
			if (it->size > 0)
				used += it->size - it->shared;
		}
	}
	out->images.reclaimable = out->images.size - used > 0 ? out->images.size - used : 0;
	for (size_t i = 0; i < out->nvols; i++) {
		const struct resources_df_item *it = &out->vols[i];
		int64_t sz = it->size > 0 ? it->size : 0;
		out->volumes.count++;
		out->volumes.size += sz;
		if (it->users > 0)
			out->volumes.active++;
		else
			out->volumes.reclaimable += sz;
	}
	df_class(json_object_get(root, "Containers"), &out->containers, false);
	df_class(json_object_get(root, "BuildCache"), &out->cache, true);
	json_decref(root);
	return 0;
}

static void
df_items_free(struct resources_df_item *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i].name);
	free(a);
}

void
resources_df_clear(struct resources_df *df)
{
	df_items_free(df->vols, df->nvols);
	df_items_free(df->imgs, df->nimgs);
	memset(df, 0, sizeof *df);
}

const struct resources_df_item *
resources_df_find(const struct resources_df_item *a, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].name, name) == 0)
			return &a[i];
	return NULL;
}

/* ---------------------------------------------------------------- users */

#define US(m) offsetof(struct resources_user, m)

static bool
user_fill(json_t *obj, void *rec)
{
	struct resources_user *u = rec;
	json_t *mounts = json_object_get(obj, "Mounts"), *m;
	json_t *nets = jsonget_path(obj, "NetworkSettings.Networks"), *v;
	const char *key, *nm = jsonget_str(json_array_get(json_object_get(obj, "Names"), 0));
	size_t i;

	u->name = xstrdup(nm == NULL ? "" : nm[0] == '/' ? nm + 1 : nm);
	if (json_is_array(mounts))
		json_array_foreach(mounts, i, m) {
			const char *t = jsonget_str(json_object_get(m, "Type"));
			const char *s = jsonget_str(json_object_get(m, "Name"));
			if (t == NULL || s == NULL || strcmp(t, "volume") != 0)
				continue;
			u->volumes = xreallocarray(u->volumes, u->nvolumes + 1, sizeof *u->volumes);
			u->volumes[u->nvolumes++] = xstrdup(s);
		}
	if (json_is_object(nets))
		json_object_foreach(nets, key, v) {
			u->networks = xreallocarray(u->networks, u->nnetworks + 1,
			    sizeof *u->networks);
			u->networks[u->nnetworks++] = xstrdup(key);
		}
	return jsonget_str(json_object_get(obj, "Id")) != NULL;
}

static const struct res_member user_strs[] = {
	{ US(id), "Id" }, { US(name), NULL }, { US(image_id), "ImageID" }, { US(state), "State" },
};

#define NMEMB(a) (sizeof (a) / sizeof (a)[0])

static const struct res_kind kinds[] = {
	[RESOURCES_IMAGES] = { "images", JSON_ARRAY, NULL, sizeof (struct resources_image),
	    image_strs, NMEMB(image_strs), { { IM(tags), IM(ntags) },
	    { IM(digests), IM(ndigests) } }, IM(labels), IM(nlabels), image_fill },
	[RESOURCES_HISTORY] = { "history", JSON_ARRAY, NULL, sizeof (struct resources_layer),
	    layer_strs, NMEMB(layer_strs), { { 0, 0 }, { 0, 0 } }, 0, 0, layer_fill },
	[RESOURCES_VOLUMES] = { "volumes", JSON_OBJECT, "Volumes",
	    sizeof (struct resources_volume), volume_strs, NMEMB(volume_strs),
	    { { 0, 0 }, { 0, 0 } }, VO(labels), VO(nlabels), volume_fill },
	[RESOURCES_NETWORKS] = { "networks", JSON_ARRAY, NULL, sizeof (struct resources_network),
	    network_strs, NMEMB(network_strs), { { 0, 0 }, { 0, 0 } }, NW(labels), NW(nlabels),
	    network_fill },
	[RESOURCES_USERS] = { "containers", JSON_ARRAY, NULL, sizeof (struct resources_user),
	    user_strs, NMEMB(user_strs), { { US(volumes), US(nvolumes) },
	    { US(networks), US(nnetworks) } }, 0, 0, user_fill },
};

int
resources_decode(enum resources_list k, const char *buf, size_t len, void *out, size_t *n,
    struct decode_error *err)
{
	return res_decode(&kinds[k], buf, len, out, n, err);
}

void
resources_free(enum resources_list k, void *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		res_clear(&kinds[k], (char *)a + i * kinds[k].size);
	free(a);
}

int
resources_image_inspect_decode(const char *buf, size_t len, struct resources_image **out,
    struct decode_error *err)
{
	json_t *root = decode_load(buf, len, JSON_OBJECT, "image", err);
	struct resources_image *im;

	*out = NULL;
	if (root == NULL)
		return -1;
	im = xcalloc(1, sizeof *im);
	im->id = res_str(root, "Id");
	if (!image_fill(root, im)) {
		decode_set_err(err, "image: no Id");
		resources_free(RESOURCES_IMAGES, im, 1);
		json_decref(root);
		return -1;
	}
	im->nlabels = decode_labels(jsonget_path(root, "Config.Labels"), &im->labels);
	json_decref(root);
	*out = im;
	return 0;
}

size_t
resources_image_users(const struct resources_user *u, size_t n, const char *id)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].image_id, id) == 0)
			k++;
	return k;
}

/* How many users' volume (or network) lists hold name, their names into names. */
static size_t
res_users_of(const struct resources_user *u, size_t n, const char *name, bool volumes,
    char *names, size_t namesz)
{
	size_t k = 0, used = 0;

	if (names != NULL && namesz > 0)
		names[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char **l = volumes ? u[i].volumes : u[i].networks;
		size_t nl = volumes ? u[i].nvolumes : u[i].nnetworks;
		for (size_t j = 0; j < nl; j++) {
			if (strcmp(l[j], name) != 0)
				continue;
			k++;
			if (names != NULL && used < namesz) {
				int w = snprintf(names + used, namesz - used, "%s%s",
				    used ? "," : "", u[i].name);
				used += w > 0 ? (size_t)w : 0;
			}
			break;
		}
	}
	return k;
}

size_t
resources_volume_users(const struct resources_user *u, size_t n, const char *name,
    char *names, size_t namesz)
{
	return res_users_of(u, n, name, true, names, namesz);
}

size_t
resources_network_users(const struct resources_user *u, size_t n, const char *name,
    char *names, size_t namesz)
{
	return res_users_of(u, n, name, false, names, namesz);
}

void
resources_size(int64_t bytes, char *buf, size_t n)
{
	static const char *const units[] = { "B", "kB", "MB", "GB", "TB", "PB" };
	double v = (double)bytes;
	size_t u = 0;

	if (bytes < 0) {
		snprintf(buf, n, "-");
		return;
	}
	while (v >= 1000.0 && u + 1 < sizeof units / sizeof units[0]) {
		v /= 1000.0;
		u++;
	}
	if (u == 0)
		snprintf(buf, n, "%lldB", (long long)bytes);
	else
		snprintf(buf, n, "%.4g%s", v, units[u]);
}

const char *
resources_short_id(const char *id, char *buf, size_t n)
{
	if (strncmp(id, "sha256:", 7) == 0)
		id += 7;
	snprintf(buf, n, "%.12s", id);
	return buf;
}

void
resources_age(int64_t secs, char *buf, size_t n)
{
	static const struct { int64_t s; const char *unit; } steps[] = {
		{ 365 * 86400, "year" }, { 30 * 86400, "month" }, { 7 * 86400, "week" },
		{ 86400, "day" }, { 3600, "hour" }, { 60, "minute" }, { 1, "second" },
	};

	if (secs < 1) {
		snprintf(buf, n, "less than a second ago");
		return;
	}
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (secs >= steps[i].s) {
			long long k = (long long)(secs / steps[i].s);
			snprintf(buf, n, "%lld %s%s ago", k, steps[i].unit, k == 1 ? "" : "s");
			return;
		}
}
