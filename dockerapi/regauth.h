/* Registry credentials as the docker CLI keeps them: config.json, credential helpers, X-Registry-Auth. */
#ifndef BERTH_REGAUTH_H
#define BERTH_REGAUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerapi/dapi.h"

/* One registry's credentials, and the address the engine is told they are for. */
struct regauth_cred {
	char username[256];
	char password[1024];
	char identitytoken[2048];	/* set instead of username/password */
	char serveraddress[256];
};

enum regauth_source {
	REGAUTH_NONE,		/* nothing configured for the registry: pull anonymously */
	REGAUTH_INLINE,		/* an `auths` entry with "auth" (or "identitytoken") */
	REGAUTH_HELPER		/* run docker-credential-<helper> get */
};

struct regauth_lookup {
	enum regauth_source src;
	char helper[64];	/* REGAUTH_HELPER: the NAME of docker-credential-NAME */
	struct regauth_cred cred;	/* REGAUTH_INLINE: filled; HELPER: serveraddress only */
};

/*
 * The registry of image reference ref, as the docker CLI reads it: host is
 * the first path component when it has a '.' or ':' or is "localhost",
 * else "docker.io"; addr is the address the CLI's config and helpers key it
 * by (the host, or "https://index.docker.io/v1/" for Docker Hub). Both
 * always NUL-terminated (cut to fit). Pure; any thread.
 */
void regauth_server(const char *ref, char *host, size_t hostsz, char *addr, size_t addrsz);

/*
 * What the docker CLI config in buf (config.json's bytes, len of them)
 * says about ref's registry, by the CLI's order: credHelpers[registry],
 * then credsStore, then an `auths` entry (its keys may carry a scheme
 * and a path: "https://127.0.0.1:5000/v2/"). An `auths` entry without
 * credentials counts as none. Returns 0 (out->src says which), or -1 with
 * err->text when buf is not a config the CLI would read, or an entry's
 * "auth" is not base64 of "user:password". Pure; any thread.
 */
int regauth_config_lookup(const char *buf, size_t len, const char *ref,
    struct regauth_lookup *out, struct dapi_error *err);

/*
 * Parse what `docker-credential-NAME get` printed (len bytes at buf:
 * {"ServerURL","Username","Secret"}; Username "<token>" means Secret is an
 * identity token) into out's credentials (serveraddress untouched).
 * Returns 0, or -1 with err->text. Pure; any thread.
 */
int regauth_helper_parse(const char *buf, size_t len, struct regauth_cred *out,
    struct dapi_error *err);

/*
 * The X-Registry-Auth value for c: base64url (with padding) of the JSON
 * {"username","password","serveraddress"} or {"identitytoken",
 * "serveraddress"}. The caller frees it. Pure; any thread.
 */
char *regauth_encode(const struct regauth_cred *c);

/*
 * The whole look-up for a pull of ref: read $DOCKER_CONFIG/config.json,
 * else ~/.docker/config.json, and run a credential helper if it names one
 * (docker-credential-NAME get, by PATH, no shell; up to 30 s). On 0,
 * *header is the complete "X-Registry-Auth: ..." line for curl (free
 * it with regauth_header_free), or NULL when there is nothing for that
 * registry (no config, no entry, or the helper has none: pull
 * anonymously). about always says
 * where the credentials came from, or that there were none, e.g.
 * "credentials for 127.0.0.1:5000 from /home/u/.docker/config.json
 * (credsStore test)", for a message when the registry refuses. Returns -1
 * with err->text when the config cannot be read or parsed, or the helper
 * fails. Blocks (file, child process); any thread. The update check's
 * GET /distribution/{ref}/json sends the same header (jobs_submit_auth,
 * on a jobs thread).
 */
int regauth_header(const char *ref, char **header, char *about, size_t aboutsz,
    struct dapi_error *err);

/* Wipe and free a header from regauth_header (it holds a secret). NULL-safe. */
void regauth_header_free(char *header);

/*
 * Make the message of a pull the registry refused (err->text: the
 * engine's words, e.g. "unauthorized: authentication required" or
 * "denied") say what berth sent (about, from regauth_header) and what
 * to do. Returns true when err->text looked like a refusal and was
 * rewritten. Pure; any thread.
 */
bool regauth_explain_refusal(struct dapi_error *err, const char *ref, bool sent,
    const char *about);

#endif
