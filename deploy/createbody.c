/* The redeploy create body: POST /containers/create from an old container's inspect. Pure. */
#include "deploy/createbody.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/journal.h"
#include "model/identity.h"
#include "dockerapi/jsonget.h"
#include "xmalloc.h"

static const char *
sget(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool
same_value(json_t *a, json_t *b)
{
	if (a == NULL || json_is_null(a))
		return b == NULL || json_is_null(b) ||
		    (json_is_array(b) && json_array_size(b) == 0) ||
		    (json_is_object(b) && json_object_size(b) == 0) ||
		    (json_is_string(b) && *json_string_value(b) == '\0');
	return b != NULL && json_equal(a, b);
}

static bool
is_identity_carried(const char *key)
{
	/* commit and build describe the image: they come from the new one */
	return identity_is_version_label(key);
}

static void
filter_env(json_t *cfg, json_t *img_cfg)
{
	json_t *env = json_object_get(cfg, "Env"), *ienv = json_object_get(img_cfg, "Env");
	json_t *keep = json_array();
	size_t i, k;
	json_t *v, *w;

	json_array_foreach(env, i, v) {
		bool inherited = false;
		json_array_foreach(ienv, k, w)
			if (json_equal(v, w))
				inherited = true;
		if (!inherited)
			json_array_append(keep, v);
	}
	if (json_array_size(keep) > 0)
		json_object_set_new(cfg, "Env", keep);
	else {
		json_decref(keep);
		json_object_del(cfg, "Env");
	}
}

static void
filter_labels(json_t *cfg, json_t *img_cfg)
{
	json_t *labels = json_object_get(cfg, "Labels"), *il = json_object_get(img_cfg, "Labels");
	json_t *keep = json_object();
	const char *k;
	json_t *v;

	json_object_foreach(labels, k, v) {
		if (is_identity_carried(k))
			continue;
		if (json_equal(v, json_object_get(il, k)))
			continue;	/* the old image's own label */
		json_object_set(keep, k, v);
	}
	json_object_set_new(cfg, "Labels", keep);
}

/*
 * Podman's inspect names ulimits as the kernel does ("RLIMIT_NOFILE") but
 * its create takes only Docker's names ("nofile"): write them back that way.
 */
static void
docker_ulimit_names(json_t *hc)
{
	json_t *u;
	size_t i;

	json_array_foreach(json_object_get(hc, "Ulimits"), i, u) {
		const char *name = sget(u, "Name");
		char low[64];
		size_t k;

		if (name == NULL || strncmp(name, "RLIMIT_", 7) != 0)
			continue;
		for (k = 0; name[7 + k] != '\0' && k < sizeof low - 1; k++)
			low[k] = (char)(name[7 + k] >= 'A' && name[7 + k] <= 'Z' ?
			    name[7 + k] - 'A' + 'a' : name[7 + k]);
		low[k] = '\0';
		json_object_set_new(u, "Name", json_string(low));
	}
}

/* Anonymous volumes would be created afresh: name them so the data stays. */
static void
keep_anonymous_volumes(json_t *inspect, json_t *hc)
{
	json_t *mounts = json_object_get(inspect, "Mounts"), *m;
	json_t *binds = json_object_get(hc, "Binds"), *hmounts = json_object_get(hc, "Mounts");
	size_t i, k;

	if (!json_is_array(binds)) {
		binds = json_array();
		json_object_set_new(hc, "Binds", binds);
	}
	json_array_foreach(mounts, i, m) {
		const char *type = sget(m, "Type"), *name = sget(m, "Name"), *dst = sget(m, "Destination");
		bool named = false;
		json_t *b;
		char spec[1024];

		if (type == NULL || strcmp(type, "volume") != 0 || name == NULL || dst == NULL)
			continue;
		json_array_foreach(binds, k, b) {
			const char *s = json_string_value(b);
			size_t nl = strlen(name);
			if (s != NULL && strncmp(s, name, nl) == 0 && s[nl] == ':')
				named = true;
		}
		json_array_foreach(hmounts, k, b) {
			const char *s = sget(b, "Source");
			if (s != NULL && strcmp(s, name) == 0)
				named = true;
		}
		if (named)
			continue;
		snprintf(spec, sizeof spec, "%s:%s%s", name, dst,
		    json_is_false(json_object_get(m, "RW")) ? ":ro" : "");
		json_array_append_new(binds, json_string(spec));
	}
	if (json_array_size(binds) == 0)
		json_object_set_new(hc, "Binds", json_null());
}

static json_t *
endpoint_config(json_t *net, const char *short_id, bool aliases_ok)
{
	json_t *ep = json_object(), *al = json_object_get(net, "Aliases"), *v;
	json_t *keep = json_array();
	size_t i;

	json_array_foreach(al, i, v) {
		const char *s = json_string_value(v);
		/* the engine adds the container's short id itself */
		if (s != NULL && strcmp(s, short_id) != 0)
			json_array_append(keep, v);
	}
	if (aliases_ok && json_array_size(keep) > 0)
		json_object_set_new(ep, "Aliases", keep);
	else
		json_decref(keep);
	v = json_object_get(net, "IPAMConfig");
	if (json_is_object(v) && json_object_size(v) > 0)
		json_object_set(ep, "IPAMConfig", v);
	v = json_object_get(net, "Links");
	if (json_is_array(v) && json_array_size(v) > 0)
		json_object_set(ep, "Links", v);
	v = json_object_get(net, "DriverOpts");
	if (json_is_object(v) && json_object_size(v) > 0)
		json_object_set(ep, "DriverOpts", v);
	return ep;
}

json_t *
createbody_build(json_t *inspect, json_t *old_image, const char *ref, json_t **extra_nets)
{
	static const char *const inherit[] = {
		"Cmd", "Entrypoint", "WorkingDir", "User", "Healthcheck", "ExposedPorts",
		"Volumes", "StopSignal", "Shell", "OnBuild", "ArgsEscaped", "Domainname",
	};
	json_t *cfg = json_deep_copy(json_object_get(inspect, "Config"));
	json_t *img_cfg = json_object_get(old_image, "Config");
	json_t *hc = json_deep_copy(json_object_get(inspect, "HostConfig"));
	json_t *nets = jsonget_path(inspect, "NetworkSettings.Networks");
	const char *id = sget(inspect, "Id"), *mode = sget(hc, "NetworkMode");
	char short_id[13] = "";
	json_t *body, *v;

	*extra_nets = NULL;
	if (!json_is_object(cfg)) {
		json_decref(cfg);
		cfg = json_object();
	}
	if (!json_is_object(hc)) {
		json_decref(hc);
		hc = json_object();
	}
	if (id != NULL)
		snprintf(short_id, sizeof short_id, "%.12s", id);
	for (size_t i = 0; i < sizeof inherit / sizeof inherit[0]; i++) {
		v = json_object_get(cfg, inherit[i]);
		if (v == NULL)
			continue;
		if (json_is_null(v) || (img_cfg != NULL && same_value(v, json_object_get(img_cfg, inherit[i]))))
			json_object_del(cfg, inherit[i]);
	}
	/* the engine names an unnamed host after the container's short id */
	v = json_object_get(cfg, "Hostname");
	if (json_is_string(v) && (strcmp(json_string_value(v), short_id) == 0 ||
	    *json_string_value(v) == '\0'))
		json_object_del(cfg, "Hostname");
	if (img_cfg != NULL)
		filter_env(cfg, img_cfg);
	filter_labels(cfg, img_cfg);
	json_object_set_new(cfg, "Image", journal_json_string(ref));
	keep_anonymous_volumes(inspect, hc);
	docker_ulimit_names(hc);

	body = cfg;
	json_object_set_new(body, "HostConfig", hc);
	if (mode != NULL && strcmp(mode, "host") != 0 && strcmp(mode, "none") != 0 &&
	    strncmp(mode, "container:", 10) != 0 && json_is_object(nets) && json_object_size(nets) > 0) {
		const char *primary = strcmp(mode, "default") == 0 ? "bridge" : mode;
		const char *k;
		json_t *eps = json_object(), *extra = json_object();

		if (json_object_get(nets, primary) == NULL)
			primary = NULL;
		json_object_foreach(nets, k, v) {
			bool user_net = strcmp(k, "bridge") != 0;
			json_t *ep = endpoint_config(v, short_id, user_net);
			if (primary == NULL)
				primary = k;
			/* API < 1.44 creates with one network; the rest are connected after */
			json_object_set_new(strcmp(k, primary) == 0 ? eps : extra, k, ep);
		}
		json_object_set_new(body, "NetworkingConfig", json_pack("{s:o}", "EndpointsConfig", eps));
		if (json_object_size(extra) > 0)
			*extra_nets = extra;
		else
			json_decref(extra);
	}
	return body;
}

void
createbody_add_unit(json_t *body, const char *service, const char *branch)
{
	json_t *labels = json_object_get(body, "Labels");

	if (!json_is_object(labels)) {
		labels = json_object();
		json_object_set_new(body, "Labels", labels);
	}
	json_object_set_new(labels, identity_label(IDENTITY_SERVICE), journal_json_string(service));
	json_object_set_new(labels, identity_label(IDENTITY_BRANCH), journal_json_string(branch));
}
