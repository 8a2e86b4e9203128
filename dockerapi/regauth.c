/* Registry credentials from the docker CLI's config.json and its helpers, as X-Registry-Auth. */
#include "dockerapi/regauth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/credhelper.h"
#include "dockerapi/jsonget.h"
#include "xmalloc.h"

#define HUB_ADDR "https://index.docker.io/v1/"
#define CONFIG_MAX (4 * 1024 * 1024)
#define HELPER_TIMEOUT_MS 30000

void
regauth_server(const char *ref, char *host, size_t hostsz, char *addr, size_t addrsz)
{
	size_t n = strcspn(ref, "/");
	bool named = ref[n] == '/' && (memchr(ref, '.', n) != NULL ||
	    memchr(ref, ':', n) != NULL || (n == 9 && strncmp(ref, "localhost", 9) == 0));

	if (named && !(n == 9 && strncmp(ref, "docker.io", 9) == 0) &&
	    !(n == 15 && strncmp(ref, "index.docker.io", 15) == 0)) {
		snprintf(host, hostsz, "%.*s", (int)n, ref);
		snprintf(addr, addrsz, "%.*s", (int)n, ref);
	} else {
		snprintf(host, hostsz, "docker.io");
		snprintf(addr, addrsz, "%s", HUB_ADDR);
	}
}

/* An `auths` key without its scheme and path: "https://h:5000/v2/" -> "h:5000". */
static bool
key_is_host(const char *key, const char *host)
{
	size_t n;

	if (strncmp(key, "https://", 8) == 0)
		key += 8;
	else if (strncmp(key, "http://", 7) == 0)
		key += 7;
	n = strcspn(key, "/");
	if (strcmp(host, "docker.io") == 0)
		return (n == 15 && strncmp(key, "index.docker.io", 15) == 0) ||
		    (n == 9 && strncmp(key, "docker.io", 9) == 0) ||
		    (n == 20 && strncmp(key, "registry-1.docker.io", 20) == 0);
	return strlen(host) == n && strncmp(key, host, n) == 0;
}

static int
b64val(int ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == '+' || ch == '-')
		return 62;
	if (ch == '/' || ch == '_')
		return 63;
	return -1;
}

/* Decode standard or URL base64 (padding optional) into out; -1 if not base64 or too long. */
static int
b64decode(const char *s, char *out, size_t outsz, size_t *outlen)
{
	unsigned acc = 0;
	int bits = 0;
	size_t j = 0;

	for (; *s != '\0' && *s != '='; s++) {
		int v = b64val((unsigned char)*s);
		if (v < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (j + 1 >= outsz)
				return -1;
			out[j++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[j] = '\0';
	*outlen = j;
	return 0;
}

static void
copy_field(char *dst, size_t n, const char *src, struct dapi_error *err, bool *fits)
{
	if (src == NULL)
		return;
	if (strlen(src) >= n) {
		snprintf(err->text, sizeof err->text, "a credential in the docker config is too long");
		*fits = false;
		return;
	}
	snprintf(dst, n, "%s", src);
}

/* An `auths` entry: "auth" (base64 user:password) and/or "identitytoken". */
static int
inline_entry(json_t *entry, struct regauth_lookup *out, struct dapi_error *err)
{
	const char *auth = jsonget_str(json_object_get(entry, "auth"));
	const char *tok = jsonget_str(json_object_get(entry, "identitytoken"));
	bool fits = true;

	if (tok != NULL && *tok != '\0') {
		copy_field(out->cred.identitytoken, sizeof out->cred.identitytoken, tok, err, &fits);
		if (!fits)
			return -1;
		out->src = REGAUTH_INLINE;
		return 0;
	}
	if (auth != NULL && *auth != '\0') {
		char plain[1400];
		size_t len;
		char *colon;

		if (b64decode(auth, plain, sizeof plain, &len) != 0 || memchr(plain, '\0', len) != NULL ||
		    (colon = strchr(plain, ':')) == NULL) {
			snprintf(err->text, sizeof err->text, "the docker config's \"auth\" for %.100s is not base64 of user:password",
			    out->cred.serveraddress);
			return -1;
		}
		*colon = '\0';
		copy_field(out->cred.username, sizeof out->cred.username, plain, err, &fits);
		copy_field(out->cred.password, sizeof out->cred.password, colon + 1, err, &fits);
		if (!fits)
			return -1;
		out->src = REGAUTH_INLINE;
	}
	return 0;
}

static bool
set_helper(struct regauth_lookup *out, const char *name)
{
	if (name == NULL || *name == '\0' || strlen(name) >= sizeof out->helper)
		return false;
	snprintf(out->helper, sizeof out->helper, "%s", name);
	out->src = REGAUTH_HELPER;
	return true;
}

int
regauth_config_lookup(const char *buf, size_t len, const char *ref,
    struct regauth_lookup *out, struct dapi_error *err)
{
	json_error_t jerr;
	json_t *root, *helpers, *auths, *v;
	char host[256];
	const char *k;
	int rc = -1;

	memset(out, 0, sizeof *out);
	memset(err, 0, sizeof *err);
	regauth_server(ref, host, sizeof host, out->cred.serveraddress, sizeof out->cred.serveraddress);
	root = jsonget_load(buf, len, &jerr);
	if (!json_is_object(root)) {
		snprintf(err->text, sizeof err->text, "the docker config is not a JSON object%s%s",
		    root == NULL ? ": " : "", root == NULL ? jerr.text : "");
		goto out;
	}
	helpers = json_object_get(root, "credHelpers");
	json_object_foreach(helpers, k, v) {
		if ((strcmp(k, out->cred.serveraddress) == 0 || key_is_host(k, host)) &&
		    set_helper(out, jsonget_str(v))) {
			rc = 0;
			goto out;
		}
	}
	if (set_helper(out, jsonget_str(json_object_get(root, "credsStore")))) {
		rc = 0;
		goto out;
	}
	auths = json_object_get(root, "auths");
	json_object_foreach(auths, k, v) {
		if (key_is_host(k, host)) {
			rc = inline_entry(v, out, err);
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

int
regauth_helper_parse(const char *buf, size_t len, struct regauth_cred *out, struct dapi_error *err)
{
	json_error_t jerr;
	json_t *root = jsonget_load(buf, len, &jerr);
	const char *user = jsonget_str(json_object_get(root, "Username"));
	const char *secret = jsonget_str(json_object_get(root, "Secret"));
	bool fits = true;
	int rc = -1;

	memset(err, 0, sizeof *err);
	if (!json_is_object(root) || secret == NULL) {
		snprintf(err->text, sizeof err->text, "the credential helper's answer has no \"Secret\"");
		goto out;
	}
	out->username[0] = out->password[0] = out->identitytoken[0] = '\0';
	if (user != NULL && strcmp(user, "<token>") == 0) {
		copy_field(out->identitytoken, sizeof out->identitytoken, secret, err, &fits);
	} else {
		copy_field(out->username, sizeof out->username, user != NULL ? user : "", err, &fits);
		copy_field(out->password, sizeof out->password, secret, err, &fits);
	}
	rc = fits ? 0 : -1;
out:
	json_decref(root);
	return rc;
}

char *
regauth_encode(const struct regauth_cred *c)
{
	static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	json_t *o = json_object();
	char *js, *out;
	size_t n, j = 0;

	if (c->identitytoken[0] != '\0') {
		json_object_set_new(o, "identitytoken", json_string(c->identitytoken));
	} else {
		json_object_set_new(o, "username", json_string(c->username));
		json_object_set_new(o, "password", json_string(c->password));
	}
	json_object_set_new(o, "serveraddress", json_string(c->serveraddress));
	js = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (js == NULL)
		js = xstrdup("{}");	/* not UTF-8: the registry will refuse, and say so */
	n = strlen(js);
	out = xmalloc(4 * (n / 3 + 1) + 1);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)(unsigned char)js[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)(unsigned char)js[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned)(unsigned char)js[i + 2];
		out[j++] = b64url[(v >> 18) & 63];
		out[j++] = b64url[(v >> 12) & 63];
		out[j++] = i + 1 < n ? b64url[(v >> 6) & 63] : '=';
		out[j++] = i + 2 < n ? b64url[v & 63] : '=';
	}
	out[j] = '\0';
	free(js);
	return out;
}

/* Read the config file into *buf (*len bytes, NUL-terminated; the caller
 * frees it): 0, 1 when there is none, -1 with err. */
static int
read_config(char *path, size_t pathsz, char **buf, size_t *len, struct dapi_error *err)
{
	const char *dir = getenv("DOCKER_CONFIG"), *home = getenv("HOME");
	size_t cap = 8192, r;
	FILE *f;

	if (dir != NULL && *dir != '\0')
		snprintf(path, pathsz, "%s/config.json", dir);
	else if (home != NULL && *home != '\0')
		snprintf(path, pathsz, "%s/.docker/config.json", home);
	else
		return 1;
	if ((f = fopen(path, "re")) == NULL)
		return 1;
	*buf = xmalloc(cap + 1);
	*len = 0;
	while ((r = fread(*buf + *len, 1, cap - *len, f)) > 0) {
		*len += r;
		if (*len == cap && cap >= CONFIG_MAX) {
			snprintf(err->text, sizeof err->text, "%.200s is too large", path);
			fclose(f);
			return -1;
		}
		if (*len == cap) {
			cap *= 2;
			*buf = xreallocarray(*buf, cap + 1, 1);
		}
	}
	(*buf)[*len] = '\0';
	fclose(f);
	return 0;
}

int
regauth_header(const char *ref, char **header, char *about, size_t aboutsz, struct dapi_error *err)
{
	struct regauth_lookup lk;
	char *cfg = NULL, *said = NULL;
	size_t cfglen = 0, saidlen = 0;
	char path[1024], host[256], addr[256];
	char *val;
	int rc = -1, got;

	*header = NULL;
	memset(err, 0, sizeof *err);
	regauth_server(ref, host, sizeof host, addr, sizeof addr);
	snprintf(about, aboutsz, "no credentials for %s", host);
	got = read_config(path, sizeof path, &cfg, &cfglen, err);
	if (got != 0) {
		rc = got > 0 ? 0 : -1;
		if (got > 0)
			snprintf(about, aboutsz, "no credentials for %s (no docker config)", host);
		goto out;
	}
	if (regauth_config_lookup(cfg, cfglen, ref, &lk, err) != 0) {
		char why[sizeof err->text];
		snprintf(why, sizeof why, "%s", err->text);
		snprintf(err->text, sizeof err->text, "%.80s: %.160s", path, why);
		goto out;
	}
	if (lk.src == REGAUTH_NONE) {
		snprintf(about, aboutsz, "no credentials for %s in %s", host, path);
		rc = 0;
		goto out;
	}
	if (lk.src == REGAUTH_HELPER) {
		got = credhelper_get(lk.helper, lk.cred.serveraddress, HELPER_TIMEOUT_MS, &said, &saidlen, err);
		if (got < 0)
			goto out;
		if (got > 0) {
			snprintf(about, aboutsz, "no credentials for %s in docker-credential-%s (named in %s)",
			    host, lk.helper, path);
			rc = 0;
			goto out;
		}
		if (regauth_helper_parse(said, saidlen, &lk.cred, err) != 0)
			goto out;
		snprintf(about, aboutsz, "credentials for %s from docker-credential-%s (named in %s)",
		    host, lk.helper, path);
	} else {
		snprintf(about, aboutsz, "credentials for %s from %s", host, path);
	}
	val = regauth_encode(&lk.cred);
	*header = xmalloc(strlen(val) + sizeof "X-Registry-Auth: ");
	memcpy(*header, "X-Registry-Auth: ", sizeof "X-Registry-Auth: " - 1);
	strcpy(*header + sizeof "X-Registry-Auth: " - 1, val);
	free(val);
	rc = 0;
out:
	explicit_bzero(&lk, sizeof lk);
	if (said != NULL)
		explicit_bzero(said, saidlen);
	if (cfg != NULL)
		explicit_bzero(cfg, cfglen);
	free(said);
	free(cfg);
	return rc;
}

void
regauth_header_free(char *header)
{
	if (header == NULL)
		return;
	explicit_bzero(header, strlen(header));
	free(header);
}

bool
regauth_explain_refusal(struct dapi_error *err, const char *ref, bool sent, const char *about)
{
	static const char *const words[] = {
		"unauthorized", "authentication required", "denied", "401 Unauthorized", "403 Forbidden",
		"no basic auth",
	};
	char host[256], addr[256], said[160];
	bool refused = false;

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(err->text, words[i]) != NULL)
			refused = true;
	if (!refused)
		return false;
	regauth_server(ref, host, sizeof host, addr, sizeof addr);
	snprintf(said, sizeof said, "%.150s", err->text);
	if (sent)
		snprintf(err->text, sizeof err->text, "the registry refused the %.90s (docker login %.40s again?): %.70s",
		    about, host, said);
	else
		snprintf(err->text, sizeof err->text, "the registry wants credentials (docker login %.40s): %.70s; %.90s",
		    host, said, about);
	return true;
}
