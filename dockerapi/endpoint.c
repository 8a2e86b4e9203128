/* Engine endpoint resolution, following the docker CLI's order. */
#include "dockerapi/endpoint.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "xmalloc.h"

#define DEFAULT_HOST "unix:///var/run/docker.sock"

/* The strings a struct endpoint owns: endpoint_clear frees them and
 * endpoint_copy duplicates them, so the two cannot disagree. */
static const size_t owned[] = {
	offsetof(struct endpoint, url), offsetof(struct endpoint, socket_path),
	offsetof(struct endpoint, base), offsetof(struct endpoint, ca),
	offsetof(struct endpoint, cert), offsetof(struct endpoint, key),
	offsetof(struct endpoint, source), offsetof(struct endpoint, name),
	offsetof(struct endpoint, ssh_host), offsetof(struct endpoint, ssh_user),
	offsetof(struct endpoint, description),
};

void
endpoint_clear(struct endpoint *ep)
{
	xfree_members(ep, owned, sizeof owned / sizeof owned[0]);
	memset(ep, 0, sizeof *ep);
}

void
endpoint_copy(struct endpoint *dst, const struct endpoint *src)
{
	*dst = *src;
	xstrdup_members(dst, owned, sizeof owned / sizeof owned[0]);
}

/* The default display name of a parsed endpoint (see endpoint.h). */
static char *
default_name(const struct endpoint *ep)
{
	if (ep->ssh_host != NULL) {
		char buf[300];
		snprintf(buf, sizeof buf, "%s%s%.0d", ep->ssh_host,
		    ep->ssh_port ? ":" : "", ep->ssh_port);
		return xstrdup(buf);
	}
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

/* A user or host name we are willing to put on ssh's command line. */
static bool
ssh_word_ok(const char *s, size_t n, bool host)
{
	if (n == 0 || n > 255 || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_' ||
		    (host && (ch == ':' || ch == '%'))))
			return false;
	}
	return true;
}

/* ssh://[user@]host[:port], as the docker CLI takes it (no path). */
static int
parse_ssh(const char *url, struct endpoint *ep, char *err, size_t errsz)
{
	const char *p = url + 6, *at, *host, *hend, *rest;
	size_t n = strcspn(p, "/?#");
	long port = 0;

	if (p[n] != '\0' && strcmp(p + n, "/") != 0) {
		snprintf(err, errsz, "%s: ssh:// takes no path, query or fragment", url);
		return -1;
	}
	at = memchr(p, '@', n);
	host = at != NULL ? at + 1 : p;
	if (at != NULL && !ssh_word_ok(p, (size_t)(at - p), false)) {
		snprintf(err, errsz, "%s: bad ssh user name", url);
		return -1;
	}
	if (*host == '[') {
		hend = memchr(host, ']', (size_t)(p + n - host));
		if (hend == NULL) {
			snprintf(err, errsz, "%s: unterminated [ in the host", url);
			return -1;
		}
		rest = hend + 1;
		host++;
	} else {
		hend = host + strcspn(host, ":/?#");
		rest = hend;
	}
	if (!ssh_word_ok(host, (size_t)(hend - host), *(host - 1) == '[')) {
		snprintf(err, errsz, "%s: bad ssh host name", url);
		return -1;
	}
	if (*rest == ':') {
		char *e;
		errno = 0;
		port = strtol(rest + 1, &e, 10);
		if (errno != 0 || e == rest + 1 || port < 1 || port > 65535 ||
		    (*e != '\0' && *e != '/')) {
			snprintf(err, errsz, "%s: bad ssh port", url);
			return -1;
		}
	} else if (rest != p + n) {
		snprintf(err, errsz, "%s: bad ssh host name", url);
		return -1;
	}
	ep->ssh_host = xstrndup(host, (size_t)(hend - host));
	ep->ssh_user = at != NULL ? xstrndup(p, (size_t)(at - p)) : NULL;
	ep->ssh_port = (int)port;
	/* any host name will do: the bytes go down ssh's stdin */
	ep->base = xstrdup("http://docker");
	return 0;
}

/*
 * endpoint_parse, with TLS for tcp:// from the environment (DOCKER_HOST)
 * or, for a context, forced on (`tls`, `verify`) or left off.
 */
static int
parse_url(const char *url, bool env_tls, bool tls, bool verify, struct endpoint *ep,
    char *err, size_t errsz)
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
	} else if (strncmp(url, "ssh://", 6) == 0) {
		if (parse_ssh(url, ep, err, errsz) != 0) {
			endpoint_clear(ep);
			return -1;
		}
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
		if (strncmp(url, "tcp://", 6) == 0 && env_tls)
			tls_from_env(ep);
		if (strncmp(url, "http://", 7) != 0 && tls) {
			ep->tls = true;
			ep->tls_verify = verify;
		}
		snprintf(buf, sizeof buf, "%s://%.*s%s", ep->tls ? "https" : "http",
		    (int)n, hostport, memchr(hostport, ':', n) ? "" :
		    (ep->tls ? ":2376" : ":2375"));
		ep->base = xstrdup(buf);
		ep->local = strncmp(hostport, "127.", 4) == 0 ||
		    strncmp(hostport, "localhost:", 10) == 0 ||
		    strcmp(hostport, "localhost") == 0 ||
		    strncmp(hostport, "[::1]", 5) == 0;
	} else {
		snprintf(err, errsz, "unsupported engine address %s "
		    "(use unix://, tcp:// or ssh://)", url);
		return -1;
	}
	ep->url = xstrdup(url);
	ep->name = default_name(ep);
	return 0;
}

int
endpoint_parse(const char *url, struct endpoint *ep, char *err, size_t errsz)
{
	return parse_url(url, true, false, false, ep, err, errsz);
}

/* One context's meta.json and TLS material. */
struct ctx_meta {
	char *name, *description, *host;
	bool skip_verify;
	char *ca, *cert, *key;	/* NULL when the file is not there */
};

static const size_t ctx_meta_owned[] = {
	offsetof(struct ctx_meta, name), offsetof(struct ctx_meta, description),
	offsetof(struct ctx_meta, host), offsetof(struct ctx_meta, ca),
	offsetof(struct ctx_meta, cert), offsetof(struct ctx_meta, key),
};

static void
ctx_meta_clear(struct ctx_meta *m)
{
	xfree_members(m, ctx_meta_owned, sizeof ctx_meta_owned / sizeof ctx_meta_owned[0]);
	memset(m, 0, sizeof *m);
}

static char *
tls_file(const char *home, const char *dname, const char *file)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/.docker/contexts/tls/%s/docker/%s", home, dname, file);
	return access(path, F_OK) == 0 ? xstrdup(path) : NULL;
}

/*
 * Read ~/.docker/contexts/meta/<dname>/meta.json. The TLS files live in the
 * directory of the same (sha256 of the name) name under tls/, so no hash
 * is needed. Returns 0, or -1 with a message in err.
 */
static int
ctx_load(const char *home, const char *dname, struct ctx_meta *m, char *err, size_t errsz)
{
	char path[4096];
	json_error_t jerr;
	json_t *root, *name, *docker, *host, *desc, *skip;
	int rc = -1;

	memset(m, 0, sizeof *m);
	snprintf(path, sizeof path, "%s/.docker/contexts/meta/%s/meta.json", home, dname);
	if ((root = json_load_file(path, 0, &jerr)) == NULL) {
		snprintf(err, errsz, "%.400s: %s", path, jerr.text);
		return -1;
	}
	name = json_object_get(root, "Name");
	docker = json_object_get(json_object_get(root, "Endpoints"), "docker");
	host = json_object_get(docker, "Host");
	desc = json_object_get(json_object_get(root, "Metadata"), "Description");
	skip = json_object_get(docker, "SkipTLSVerify");
	if (!json_is_string(name) || json_string_length(name) == 0) {
		snprintf(err, errsz, "%.400s: no Name", path);
		goto out;
	}
	if (!json_is_string(host) || json_string_length(host) == 0) {
		snprintf(err, errsz, "%.400s: no Endpoints.docker.Host", path);
		goto out;
	}
	m->name = xstrdup(json_string_value(name));
	m->host = xstrdup(json_string_value(host));
	m->description = xstrdup(json_is_string(desc) ? json_string_value(desc) : "");
	m->skip_verify = json_is_true(skip);
	m->ca = tls_file(home, dname, "ca.pem");
	m->cert = tls_file(home, dname, "cert.pem");
	m->key = tls_file(home, dname, "key.pem");
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* Is the context's endpoint TLS: any material, or SkipTLSVerify (as docker). */
static bool
ctx_tls(const struct ctx_meta *m)
{
	return strncmp(m->host, "unix://", 7) != 0 && strncmp(m->host, "ssh://", 6) != 0 &&
	    (m->ca != NULL || m->cert != NULL || m->key != NULL || m->skip_verify);
}

/* Find context `name` by scanning the meta directories. 0, or -1 (not found). */
static int
ctx_find(const char *home, const char *name, struct ctx_meta *found)
{
	char path[4096], err[512];
	DIR *d;
	struct dirent *de;
	int rc = -1;

	snprintf(path, sizeof path, "%s/.docker/contexts/meta", home);
	if ((d = opendir(path)) == NULL)
		return -1;
	while (rc != 0 && (de = readdir(d)) != NULL) {
		struct ctx_meta m;
		if (de->d_name[0] == '.')
			continue;
		if (ctx_load(home, de->d_name, &m, err, sizeof err) != 0)
			continue;
		if (strcmp(m.name, name) == 0) {
			*found = m;
			rc = 0;
		} else {
			ctx_meta_clear(&m);
		}
	}
	closedir(d);
	return rc;
}

int
endpoint_from_context(const char *name, struct endpoint *ep, char *err, size_t errsz)
{
	const char *home = getenv("HOME");
	const char *env = getenv("DOCKER_HOST");
	struct ctx_meta m;
	char source[300];
	int rc;

	if (strcmp(name, "default") == 0) {
		rc = endpoint_parse(env != NULL && *env != '\0' ? env : DEFAULT_HOST, ep, err, errsz);
	} else {
		if (home == NULL || ctx_find(home, name, &m) != 0) {
			snprintf(err, errsz, "docker context \"%s\" not found under %s/.docker/contexts",
			    name, home != NULL ? home : "$HOME");
			return -1;
		}
		rc = parse_url(m.host, false, ctx_tls(&m), !m.skip_verify, ep, err, errsz);
		if (rc == 0 && ep->tls) {
			ep->ca = m.ca;
			ep->cert = m.cert;
			ep->key = m.key;
			m.ca = m.cert = m.key = NULL;
		}
		if (rc == 0 && m.description[0] != '\0')
			ep->description = xstrdup(m.description);
		ctx_meta_clear(&m);
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

const char *
endpoint_current_context(char *buf, size_t bufsz)
{
	const char *home = getenv("HOME");
	const char *env = getenv("DOCKER_HOST");
	const char *cname = getenv("DOCKER_CONTEXT");

	snprintf(buf, bufsz, "default");
	if (env != NULL && *env != '\0')
		return buf;
	if (cname != NULL && *cname != '\0') {
		snprintf(buf, bufsz, "%s", cname);
	} else if (home != NULL) {
		char path[4096];
		json_t *cfg, *cur;
		snprintf(path, sizeof path, "%s/.docker/config.json", home);
		cfg = json_load_file(path, 0, NULL);
		cur = json_object_get(cfg, "currentContext");
		if (json_is_string(cur) && json_string_length(cur) > 0)
			snprintf(buf, bufsz, "%s", json_string_value(cur));
		json_decref(cfg);
	}
	return buf;
}

static int
ctxinfo_cmp(const void *a, const void *b)
{
	return strcmp(((const struct endpoint_ctxinfo *)a)->name,
	    ((const struct endpoint_ctxinfo *)b)->name);
}

size_t
endpoint_contexts(struct endpoint_ctxinfo **out, char ***errs, size_t *nerrs)
{
	const char *home = getenv("HOME");
	const char *env = getenv("DOCKER_HOST");
	const char *verify = getenv("DOCKER_TLS_VERIFY");
	struct endpoint_ctxinfo *v = xcalloc(1, sizeof *v);
	char cur[256], path[4096], err[600];
	size_t n = 1;
	DIR *d;
	struct dirent *de;

	*errs = NULL;
	*nerrs = 0;
	endpoint_current_context(cur, sizeof cur);
	v[0].name = xstrdup("default");
	v[0].description = xstrdup("Current DOCKER_HOST based configuration");
	v[0].host = xstrdup(env != NULL && *env != '\0' ? env : DEFAULT_HOST);
	v[0].tls = strncmp(v[0].host, "tcp://", 6) == 0 && verify != NULL &&
	    *verify != '\0' ? "yes" : strncmp(v[0].host, "https://", 8) == 0 ? "yes" : "no";
	v[0].current = strcmp(cur, "default") == 0;
	snprintf(path, sizeof path, "%s/.docker/contexts/meta", home != NULL ? home : "");
	if (home == NULL || (d = opendir(path)) == NULL) {
		if (home != NULL && errno != ENOENT) {
			char why[128];
			snprintf(err, sizeof err, "%.400s: %s", path, strerror_r(errno, why, sizeof why));
			*errs = xcalloc(1, sizeof **errs);
			(*errs)[(*nerrs)++] = xstrdup(err);
		}
		*out = v;
		return n;
	}
	while ((de = readdir(d)) != NULL) {
		struct ctx_meta m;
		if (de->d_name[0] == '.')
			continue;
		if (ctx_load(home, de->d_name, &m, err, sizeof err) != 0) {
			*errs = xreallocarray(*errs, *nerrs + 1, sizeof **errs);
			(*errs)[(*nerrs)++] = xstrdup(err);
			continue;
		}
		if (strcmp(m.name, "default") == 0) {	/* reserved, as in docker */
			ctx_meta_clear(&m);
			continue;
		}
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].name = m.name;
		v[n].description = m.description;
		v[n].host = m.host;
		v[n].tls = !ctx_tls(&m) ? "no" : m.skip_verify ? "skip-verify" : "yes";
		v[n].current = strcmp(cur, m.name) == 0;
		m.name = m.description = m.host = NULL;
		ctx_meta_clear(&m);
		n++;
	}
	closedir(d);
	qsort(v + 1, n - 1, sizeof *v, ctxinfo_cmp);
	*out = v;
	return n;
}

void
endpoint_contexts_free(struct endpoint_ctxinfo *v, size_t n, char **errs, size_t nerrs)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].description);
		free(v[i].host);
	}
	free(v);
	for (size_t i = 0; i < nerrs; i++)
		free(errs[i]);
	free(errs);
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
	if (ep->socket_path != NULL || ep->ssh_host != NULL || ep->tls || ep->local)
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
