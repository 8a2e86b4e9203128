/* Blocking Engine API requests with version negotiation, over libcurl. */
#include "config.h"
#include "dockerapi/dapi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/sshdial.h"
#include "xmalloc.h"

#define CONNECT_TIMEOUT_MS 3000L
/* ssh's own handshake comes first; ssh gives up after its ConnectTimeout */
#define SSH_CONNECT_TIMEOUT_MS 20000L
#define DEFAULT_TIMEOUT_MS 10000L
#define DEFAULT_LIMIT (32u << 20)

struct dapi_client {
	struct endpoint ep;
	struct sshdial *ssh;	/* ssh:// endpoints */
	CURL *easy;
	char version[32];
	char api_header[32];
};

void
dapi_buf_free(struct dapi_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

int
dapi_buf_add(struct dapi_buf *b, const void *p, size_t n)
{
	size_t limit = b->limit ? b->limit : DEFAULT_LIMIT;

	if (b->len > limit || n > limit - b->len) {
		b->truncated = true;
		return -1;
	}
	b->data = xgrowbuf(b->data, &b->cap, b->len + n + 1, limit + 1);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static size_t
buf_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	/* a short count aborts the transfer */
	return dapi_buf_add(arg, ptr, size * nmemb) == 0 ? size * nmemb : 0;
}

static size_t
header_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct dapi_client *c = arg;
	size_t n = size * nmemb;

	if (n > 12 && strncasecmp(ptr, "Api-Version:", 12) == 0) {
		size_t i = 12, j = 0;
		while (i < n && (ptr[i] == ' ' || ptr[i] == '\t'))
			i++;
		while (i < n && j + 1 < sizeof c->api_header &&
		    ptr[i] != '\r' && ptr[i] != '\n')
			c->api_header[j++] = ptr[i++];
		c->api_header[j] = '\0';
	}
	return n;
}

static long
connect_timeout(const struct dapi_client *c)
{
	return c->ssh != NULL ? SSH_CONNECT_TIMEOUT_MS : CONNECT_TIMEOUT_MS;
}

void
dapi_setup_handle(struct dapi_client *c, CURL *h)
{
	if (c->ssh != NULL)
		sshdial_setup(c->ssh, h);
	if (c->ep.socket_path != NULL)
		curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, c->ep.socket_path);
	if (c->ep.tls) {
		if (c->ep.ca != NULL)
			curl_easy_setopt(h, CURLOPT_CAINFO, c->ep.ca);
		if (c->ep.cert != NULL)
			curl_easy_setopt(h, CURLOPT_SSLCERT, c->ep.cert);
		if (c->ep.key != NULL)
			curl_easy_setopt(h, CURLOPT_SSLKEY, c->ep.key);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, c->ep.tls_verify ? 1L : 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, c->ep.tls_verify ? 2L : 0L);
	}
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout(c));
	curl_easy_setopt(h, CURLOPT_USERAGENT, "berth/" PACKAGE_VERSION);
}

void
dapi_setup_multi(struct dapi_client *c, CURLM *m)
{
	/* keep idle connections: over ssh a new one is a new ssh handshake */
	if (c->ssh != NULL)
		curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, 16L);
}

struct dapi_client *
dapi_client_new(const struct endpoint *ep)
{
	struct dapi_client *c = xcalloc(1, sizeof *c);

	endpoint_copy(&c->ep, ep);
	if (ep->ssh_host != NULL)
		c->ssh = sshdial_new(ep);
	snprintf(c->version, sizeof c->version, "%s", DAPI_MIN_VERSION);
	return c;
}

void
dapi_client_free(struct dapi_client *c)
{
	if (c == NULL)
		return;
	if (c->easy != NULL)
		curl_easy_cleanup(c->easy);
	sshdial_free(c->ssh);
	endpoint_clear(&c->ep);
	free(c);
}

const struct endpoint *
dapi_endpoint(const struct dapi_client *c)
{
	return &c->ep;
}

const char *
dapi_version(const struct dapi_client *c)
{
	return c->version;
}

static int
version_cmp(const char *a, const char *b)
{
	int amaj = 0, amin = 0, bmaj = 0, bmin = 0;

	sscanf(a, "%d.%d", &amaj, &amin);
	sscanf(b, "%d.%d", &bmaj, &bmin);
	if (amaj != bmaj)
		return amaj < bmaj ? -1 : 1;
	return amin < bmin ? -1 : amin > bmin;
}

void
dapi_set_version(struct dapi_client *c, const char *v)
{
	if (v != NULL && version_cmp(v, DAPI_MIN_VERSION) >= 0 &&
	    version_cmp(v, DAPI_MAX_VERSION) <= 0)
		snprintf(c->version, sizeof c->version, "%s", v);
}

int
dapi_version_cmp(const struct dapi_client *c, const char *v)
{
	return version_cmp(c->version, v);
}

/* The client's easy handle, reset and given its transport; clears err, or
 * fills it and returns NULL. */
static CURL *
easy_for(struct dapi_client *c, struct dapi_error *err)
{
	memset(err, 0, sizeof *err);
	if (c->easy == NULL)
		c->easy = curl_easy_init();
	else
		curl_easy_reset(c->easy);
	if (c->easy == NULL) {
		snprintf(err->text, sizeof err->text, "curl init failed");
		return NULL;
	}
	dapi_setup_handle(c, c->easy);
	return c->easy;
}

/* The engine's {"message": "..."} when there is one, else the HTTP status. */
static void
engine_message(const struct dapi_buf *b, long status, struct dapi_error *err)
{
	json_t *root = b->data ? json_loadb(b->data, b->len, 0, NULL) : NULL;
	json_t *m = json_object_get(root, "message");

	if (json_is_string(m))
		snprintf(err->text, sizeof err->text, "%s", json_string_value(m));
	else
		snprintf(err->text, sizeof err->text, "engine answered HTTP %ld", status);
	json_decref(root);
}

/* ssh's own words when it said something (it usually did), else curl's. */
static void
ssh_error(const struct dapi_client *c, const char *curl_text, struct dapi_error *err)
{
	char msg[200];

	if (!sshdial_last_error(c->ssh, msg, sizeof msg))
		snprintf(err->text, sizeof err->text, "ssh %s: %s", c->ep.ssh_host, curl_text);
	else if (strncmp(msg, "ssh:", 4) == 0)
		snprintf(err->text, sizeof err->text, "%s", msg);
	else
		snprintf(err->text, sizeof err->text, "ssh %s: %s", c->ep.ssh_host, msg);
}

static int
perform(struct dapi_client *c, CURL *h, struct dapi_buf *out, struct dapi_error *err)
{
	char ebuf[CURL_ERROR_SIZE] = "";
	CURLcode rc;
	long status = 0;

	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	err->status = status;
	if (rc != CURLE_OK) {
		long oserr = 0;
		curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &oserr);
		if (out->truncated) {
			snprintf(err->text, sizeof err->text, "engine response too large");
		} else if (c->ssh != NULL) {
			ssh_error(c, ebuf[0] ? ebuf : curl_easy_strerror(rc), err);
		} else if (rc == CURLE_COULDNT_CONNECT && c->ep.socket_path != NULL && oserr != 0) {
			/* curl names "localhost port 80" here; the socket is what matters */
			char why[128];
			const char *hint = oserr == ENOENT ? " (is dockerd running?)" :
			    oserr == EACCES ? " (are you in the docker group?)" :
			    oserr == ECONNREFUSED ? " (is dockerd running?)" : "";
			snprintf(err->text, sizeof err->text, "%s: %s%s", c->ep.socket_path,
			    strerror_r((int)oserr, why, sizeof why), hint);
		} else {
			snprintf(err->text, sizeof err->text, "%s",
			    ebuf[0] ? ebuf : curl_easy_strerror(rc));
		}
		return -1;
	}
	if (status < 200 || status > 299) {
		engine_message(out, status, err);
		if (status == 400 && !c->ep.tls && c->ep.socket_path == NULL &&
		    c->ssh == NULL) {
			size_t n = strlen(err->text);
			snprintf(err->text + n, sizeof err->text - n,
			    " (a TLS port? set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)");
		}
		return -1;
	}
	return 0;
}

int
dapi_ping(struct dapi_client *c, struct dapi_error *err)
{
	struct dapi_buf b = { 0 };
	char url[512];
	CURL *h = easy_for(c, err);
	int rc;

	if (h == NULL)
		return -1;
	c->api_header[0] = '\0';
	snprintf(url, sizeof url, "%s/_ping", c->ep.base);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, connect_timeout(c));
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, c);
	rc = perform(c, h, &b, err);
	if (rc == 0) {
		const char *v = c->api_header[0] ? c->api_header : DAPI_MIN_VERSION;
		if (version_cmp(v, DAPI_MAX_VERSION) > 0)
			v = DAPI_MAX_VERSION;
		if (version_cmp(v, DAPI_MIN_VERSION) < 0) {
			snprintf(err->text, sizeof err->text,
			    "engine API %s is older than the oldest supported, %s",
			    v, DAPI_MIN_VERSION);
			rc = -1;
		} else {
			snprintf(c->version, sizeof c->version, "%s", v);
		}
	}
	dapi_buf_free(&b);
	return rc;
}

int
dapi_request(struct dapi_client *c, const char *method, const char *path,
    const char *body, long timeout_ms, struct dapi_buf *out, struct dapi_error *err)
{
	return dapi_request_hdr(c, method, path, body, NULL, timeout_ms, out, err);
}

int
dapi_request_hdr(struct dapi_client *c, const char *method, const char *path,
    const char *body, const char *header, long timeout_ms, struct dapi_buf *out,
    struct dapi_error *err)
{
	struct curl_slist *hdrs = NULL;
	char url[2048];
	CURL *h = easy_for(c, err);
	int rc;

	if (h == NULL)
		return -1;
	snprintf(url, sizeof url, "%s/v%s%s", c->ep.base, c->version, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : DEFAULT_TIMEOUT_MS);
	if (method != NULL && strcmp(method, "HEAD") == 0)
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	else if (method != NULL)
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	if (header != NULL)
		hdrs = curl_slist_append(hdrs, header);
	if (body != NULL) {
		hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	} else if (method != NULL && strcmp(method, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
	}
	if (hdrs != NULL)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	rc = perform(c, h, out, err);
	curl_slist_free_all(hdrs);
	return rc;
}

CURL *
dapi_stream_handle(struct dapi_client *c, const char *path,
    size_t (*write_cb)(char *, size_t, size_t, void *), void *arg)
{
	char url[2048];
	CURL *h = curl_easy_init();

	if (h == NULL)
		return NULL;
	dapi_setup_handle(c, h);
	snprintf(url, sizeof url, "%s/v%s%s", c->ep.base, c->version, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, arg);
	return h;
}

CURL *
dapi_connect_only(struct dapi_client *c, struct dapi_error *err)
{
	char url[1024], ebuf[CURL_ERROR_SIZE] = "";
	CURL *h = curl_easy_init();
	CURLcode rc;

	memset(err, 0, sizeof *err);
	if (h == NULL) {
		snprintf(err->text, sizeof err->text, "curl init failed");
		return NULL;
	}
	dapi_setup_handle(c, h);
	snprintf(url, sizeof url, "%s/", c->ep.base);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	rc = curl_easy_perform(h);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
	if (rc != CURLE_OK) {
		if (c->ssh != NULL)
			ssh_error(c, ebuf[0] ? ebuf : curl_easy_strerror(rc), err);
		else
			snprintf(err->text, sizeof err->text, "%s",
			    ebuf[0] ? ebuf : curl_easy_strerror(rc));
		curl_easy_cleanup(h);
		return NULL;
	}
	return h;
}

size_t
dapi_urlencode(const char *s, char *out, size_t outsz)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t j = 0, need = 0;
	bool full = outsz == 0;

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;
		bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-_.~", ch) != NULL;

		need += plain ? 1 : 3;
		/* stop at the first that does not fit: never a partial escape */
		if (full || j + (plain ? 1 : 3) + 1 > outsz) {
			full = true;
			continue;
		}
		if (plain) {
			out[j++] = (char)ch;
		} else {
			out[j++] = '%';
			out[j++] = hex[ch >> 4];
			out[j++] = hex[ch & 15];
		}
	}
	if (outsz > 0)
		out[j] = '\0';
	return need;
}
