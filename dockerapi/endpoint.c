/* Engine endpoint resolution, following the docker CLI's order. */
#include "dockerapi/endpoint.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "xmalloc.h"

#define DEFAULT_HOST "unix:///var/run/docker.sock"

void
endpoint_clear(struct endpoint *ep)
{
	free(ep->url);
	free(ep->socket_path);
	free(ep->base);
	free(ep->ca);
	free(ep->cert);
	free(ep->key);
	free(ep->source);
	free(ep->name);
	memset(ep, 0, sizeof *ep);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
endpoint_copy(struct endpoint *dst, const struct endpoint *src)
{
	*dst = *src;
	dst->url = dup_or_null(src->url);
	dst->socket_path = dup_or_null(src->socket_path);
	dst->base = dup_or_null(src->base);
	dst->ca = dup_or_null(src->ca);
	dst->cert = dup_or_null(src->cert);
	dst->key = dup_or_null(src->key);
	dst->source = dup_or_null(src->source);
	dst->name = dup_or_null(src->name);
}

/* The default display name of a parsed endpoint (see endpoint.h). */
static char *
default_name(const struct endpoint *ep)
{
	if (ep->socket_path != NULL) {
		const char *p = ep->socket_path, *slash = strrchr(p, '/');
		if (strcmp(p, "/var/run/docker.sock") == 0 || strcmp(p, "/run/docker.sock") == 0)
			return xstrdup("local");
		if (slash != NULL && slash != p) {
			const char *start = slash - 1;
			while (start > p && start[-1] != '/')
				start--;
			return xstrndup(start, (size_t)(slash - start));
		}
		return xstrdup(p);
	}
	if (ep->base != NULL && strstr(ep->base, "://") != NULL)
		return xstrdup(strstr(ep->base, "://") + 3);
	return xstrdup(ep->url != NULL ? ep->url : "?");
}

static char *
join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void
tls_from_env(struct endpoint *ep)
{
	const char *verify = getenv("DOCKER_TLS_VERIFY");
	const char *certs = getenv("DOCKER_CERT_PATH");
	char *home_certs = NULL;

	if (verify != NULL && *verify != '\0')
		ep->tls = ep->tls_verify = true;
	if (!ep->tls)
		return;
	if (certs == NULL || *certs == '\0') {
		const char *home = getenv("HOME");
		home_certs = join_path(home != NULL ? home : ".", ".docker");
		certs = home_certs;
	}
	ep->ca = join_path(certs, "ca.pem");
	ep->cert = join_path(certs, "cert.pem");
	ep->key = join_path(certs, "key.pem");
	free(home_certs);
}

int
endpoint_parse(const char *url, struct endpoint *ep, char *err, size_t errsz)
{
	memset(ep, 0, sizeof *ep);
	if (strncmp(url, "unix://", 7) == 0) {
		const char *path = url + 7;
		if (*path == '\0') {
			snprintf(err, errsz, "empty socket path in %s", url);
			return -1;
		}
		ep->socket_path = xstrdup(path);
		ep->base = xstrdup("http://localhost");
		ep->local = true;
	} else if (strncmp(url, "tcp://", 6) == 0 ||
	    strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "https://", 8) == 0) {
		const char *hostport = strstr(url, "://") + 3;
		size_t n = strcspn(hostport, "/");
		bool https = strncmp(url, "https://", 8) == 0;
		char buf[512];

		if (n == 0 || n > 400) {
			snprintf(err, errsz, "bad host in %s", url);
			return -1;
		}
		ep->tls = https;
		if (strncmp(url, "tcp://", 6) == 0)
			tls_from_env(ep);
		snprintf(buf, sizeof buf, "%s://%.*s%s", ep->tls ? "https" : "http",
		    (int)n, hostport, memchr(hostport, ':', n) ? "" :
		    (ep->tls ? ":2376" : ":2375"));
		ep->base = xstrdup(buf);
		ep->local = strncmp(hostport, "127.", 4) == 0 ||
		    strncmp(hostport, "localhost:", 10) == 0 ||
		    strcmp(hostport, "localhost") == 0 ||
		    strncmp(hostport, "[::1]", 5) == 0;
	} else {
		snprintf(err, errsz, "unsupported engine address %s (use unix:// or tcp://)", url);
		return -1;
	}
	ep->url = xstrdup(url);
	ep->name = default_name(ep);
	return 0;
}

/* The context's host from its meta.json; scanning avoids needing sha256. */
static char *
context_host(const char *home, const char *name)
{
	char *dir = NULL, *found = NULL;
	DIR *d;
	struct dirent *de;
	char path[4096];

	snprintf(path, sizeof path, "%s/.docker/contexts/meta", home);
	dir = xstrdup(path);
	if ((d = opendir(dir)) == NULL)
		goto out;
	while (found == NULL && (de = readdir(d)) != NULL) {
		json_t *root, *h;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s/meta.json", dir, de->d_name);
		root = json_load_file(path, 0, NULL);
		if (root == NULL)
			continue;
		h = json_object_get(json_object_get(json_object_get(root,
		    "Endpoints"), "docker"), "Host");
		if (json_is_string(json_object_get(root, "Name")) &&
		    strcmp(json_string_value(json_object_get(root, "Name")), name) == 0 &&
		    json_is_string(h))
			found = xstrdup(json_string_value(h));
		json_decref(root);
	}
	closedir(d);
out:
	free(dir);
	return found;
}

int
endpoint_from_context(const char *name, struct endpoint *ep, char *err, size_t errsz)
{
	const char *home = getenv("HOME");
	const char *env = getenv("DOCKER_HOST");
	char *host;
	char source[300];
	int rc;

	if (strcmp(name, "default") == 0) {
		rc = endpoint_parse(env != NULL && *env != '\0' ? env : DEFAULT_HOST, ep, err, errsz);
	} else {
		if (home == NULL || (host = context_host(home, name)) == NULL) {
			snprintf(err, errsz, "docker context \"%s\" not found under %s/.docker/contexts",
			    name, home != NULL ? home : "$HOME");
			return -1;
		}
		rc = endpoint_parse(host, ep, err, errsz);
		free(host);
	}
	if (rc != 0)
		return rc;
	snprintf(source, sizeof source, "context %s", name);
	free(ep->source);
	ep->source = xstrdup(source);
	free(ep->name);
	ep->name = xstrdup(name);
	return 0;
}

int
endpoint_resolve(const char *host, struct endpoint *ep, char *err, size_t errsz)
{
	const char *env = getenv("DOCKER_HOST");
	const char *home = getenv("HOME");
	char *ctx_name = NULL;
	const char *source = "default";
	const char *url = DEFAULT_HOST;
	int rc;

	if (host != NULL && *host != '\0') {
		url = host;
		source = "-H";
	} else if (env != NULL && *env != '\0') {
		url = env;
		source = "DOCKER_HOST";
	} else if (home != NULL) {
		const char *cname = getenv("DOCKER_CONTEXT");
		if (cname != NULL && *cname != '\0') {
			ctx_name = xstrdup(cname);
		} else {
			char path[4096];
			json_t *cfg;
			snprintf(path, sizeof path, "%s/.docker/config.json", home);
			cfg = json_load_file(path, 0, NULL);
			if (json_is_string(json_object_get(cfg, "currentContext")))
				ctx_name = xstrdup(json_string_value(
				    json_object_get(cfg, "currentContext")));
			json_decref(cfg);
		}
		if (ctx_name != NULL && strcmp(ctx_name, "default") != 0) {
			rc = endpoint_from_context(ctx_name, ep, err, errsz);
			free(ctx_name);
			return rc;
		}
	}
	rc = endpoint_parse(url, ep, err, errsz);
	if (rc == 0)
		ep->source = xstrdup(source);
	free(ctx_name);
	return rc;
}

const char *
endpoint_warning(const struct endpoint *ep, char *buf, size_t bufsz)
{
	if (ep->socket_path != NULL || ep->tls || ep->local)
		return NULL;
	snprintf(buf, bufsz, "warning: %s is plain tcp without TLS: anyone on the "
	    "network path can read and drive this engine (root on its host); "
	    "use DOCKER_TLS_VERIFY=1 with certificates, or ssh", ep->url);
	return buf;
}

static bool
name_taken(const struct endpoint *eps, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (eps[i].name != NULL && strcmp(eps[i].name, name) == 0)
			return true;
	return false;
}

void
endpoint_unique_names(struct endpoint *eps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char buf[300];

		if (eps[i].name == NULL || eps[i].name[0] == '\0') {
			free(eps[i].name);
			eps[i].name = xstrdup("engine");
		}
		if (!name_taken(eps, i, eps[i].name))
			continue;
		for (unsigned k = 2;; k++) {
			snprintf(buf, sizeof buf, "%.280s-%u", eps[i].name, k);
			if (!name_taken(eps, n, buf))
				break;
		}
		free(eps[i].name);
		eps[i].name = xstrdup(buf);
	}
}

int
endpoint_parse_named(const char *arg, struct endpoint *ep, char *err, size_t errsz)
{
	const char *eq = strchr(arg, '=');
	size_t nlen = eq != NULL ? (size_t)(eq - arg) : 0;

	if (eq == NULL || memchr(arg, ':', nlen) != NULL || memchr(arg, '/', nlen) != NULL)
		return endpoint_parse(arg, ep, err, errsz);
	if (nlen == 0 || nlen > 64) {
		snprintf(err, errsz, "bad engine name in '%.100s' (1 to 64 characters before '=')",
		    arg);
		return -1;
	}
	if (endpoint_parse(eq + 1, ep, err, errsz) != 0)
		return -1;
	free(ep->name);
	ep->name = xstrndup(arg, nlen);
	return 0;
}
