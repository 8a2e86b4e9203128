/* Where the engine is: -H, DOCKER_HOST, docker contexts, the default socket. */
#ifndef BERTH_ENDPOINT_H
#define BERTH_ENDPOINT_H

#include <stdbool.h>
#include <stddef.h>

struct endpoint {
	char *url;		/* as resolved, for display: "unix:///run/docker.sock" */
	char *socket_path;	/* unix socket path, or NULL for tcp */
	char *base;		/* "http://localhost" or "https://host:port" */
	bool tls;
	bool tls_verify;
	char *ca, *cert, *key;	/* PEM paths when tls */
	bool local;		/* same host: the cgroup fast path may work */
	char *source;		/* "-H", "DOCKER_HOST", "context NAME", "default" */
	char *name;		/* short label for the ENGINE column and status bar:
				 * the context's name, else "local" for the default
				 * socket, else host[:port] or the socket's directory */
	char *ssh_host;		/* ssh://[user@]host[:port]: the engine is reached
				 * through `ssh ... host docker system dial-stdio`
				 * (dockerapi/sshdial.h); NULL otherwise */
	char *ssh_user;		/* NULL: ssh's own default */
	int ssh_port;		/* 0: ssh's own default */
	char *description;	/* the context's Metadata.Description, or NULL */
};

/*
 * Resolve the engine the way the docker CLI does: `host` (from -H) if not
 * NULL, else $DOCKER_HOST, else the context named by $DOCKER_CONTEXT or the
 * currentContext of ~/.docker/config.json (read from
 * ~/.docker/contexts/meta/<hash>/meta.json), else unix:///var/run/docker.sock.
 * Fills ep (caller frees with endpoint_clear) and returns 0; on a bad URL
 * returns -1 with a message in err. Blocks on small file reads. Any thread.
 */
int endpoint_resolve(const char *host, struct endpoint *ep, char *err, size_t errsz);

/*
 * The endpoint of docker context `name` (as `docker --context NAME`):
 * "default" is $DOCKER_HOST or the default socket; others are read from
 * ~/.docker/contexts/meta/<sha256(name)>/meta.json. ep->name is the
 * context's name. Returns 0, or -1 with a message in err.
 */
int endpoint_from_context(const char *name, struct endpoint *ep, char *err, size_t errsz);

/*
 * Parse one URL (unix://, tcp://, http://, https://, ssh://[user@]host[:port])
 * into ep. tcp:// uses TLS when $DOCKER_TLS_VERIFY is set, with the PEM
 * files in $DOCKER_CERT_PATH (else ~/.docker). Returns 0, or -1 with err.
 */
int endpoint_parse(const char *url, struct endpoint *ep, char *err, size_t errsz);

/*
 * A warning a person should see before berth talks to ep, or NULL: plain
 * tcp (no TLS) to anything but loopback sends the engine's unauthenticated
 * root-equivalent API across the network (ssh and TLS are fine). Writes
 * into buf. Pure.
 */
const char *endpoint_warning(const struct endpoint *ep, char *buf, size_t bufsz);

/*
 * Make the names of eps[0..n) unique, in order: a name seen before gets
 * "-2", "-3", ... (the first suffix no other engine's name has, so a name
 * given later is kept); a NULL or empty name becomes "engine". Pure
 * (replaces the name strings).
 */
void endpoint_unique_names(struct endpoint *eps, size_t n);

/*
 * One -H argument: "URL" or "NAME=URL" (NAME has no ':' or '/', so a URL
 * with '=' in its query is not split). Fills ep with endpoint_parse and,
 * with NAME, sets ep->name. Returns 0, or -1 with a message in err.
 */
int endpoint_parse_named(const char *arg, struct endpoint *ep, char *err, size_t errsz);

/*
 * The context the docker CLI would use when no -H or --context is given:
 * "default" when $DOCKER_HOST is set, else $DOCKER_CONTEXT, else
 * currentContext of ~/.docker/config.json, else "default". Writes into buf
 * and returns it. Blocks on a small file read. Any thread.
 */
const char *endpoint_current_context(char *buf, size_t bufsz);

/* One row of `berth contexts`. */
struct endpoint_ctxinfo {
	char *name;
	char *description;	/* "" when none */
	char *host;		/* Endpoints.docker.Host as written */
	const char *tls;	/* "yes", "no" or "skip-verify" (static) */
	bool current;
};

/*
 * All docker contexts, "default" first, then the others by name. A meta
 * file that cannot be read or has no Name/Host adds a message to *errs
 * (caller frees with endpoint_contexts_free) and is left out. Returns the
 * number of contexts in *out. Blocks on file reads. Any thread.
 */
size_t endpoint_contexts(struct endpoint_ctxinfo **out, char ***errs, size_t *nerrs);
void endpoint_contexts_free(struct endpoint_ctxinfo *v, size_t n, char **errs, size_t nerrs);

void endpoint_clear(struct endpoint *ep);
void endpoint_copy(struct endpoint *dst, const struct endpoint *src);

#endif
