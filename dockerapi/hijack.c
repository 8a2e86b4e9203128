/* Exec and attach sessions over the engine's hijacked HTTP connection (curl CONNECT_ONLY). */
#include "dockerapi/hijack.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "xmalloc.h"

#define START_TIMEOUT_MS 10000
#define MAX_HEADER 8192

struct hijack {
	CURL *easy;
	curl_socket_t fd;
	char *early;		/* stream bytes that came with the headers */
	size_t early_len, early_off;
};

int
hijack_exec_create(struct dapi_client *c, const char *id,
    const char *const *argv, size_t argc, char *exec_id, size_t idsz,
    struct dapi_error *err)
{
	json_t *body = NULL, *cmd = json_array(), *root = NULL, *jid;
	struct dapi_buf b = { 0 };
	char path[128], *text = NULL;
	int rc = -1;

	for (size_t i = 0; i < argc; i++)
		json_array_append_new(cmd, json_string(argv[i]));
	body = json_pack("{s:b,s:b,s:b,s:b,s:o}", "AttachStdin", 1, "AttachStdout", 1,
	    "AttachStderr", 1, "Tty", 1, "Cmd", cmd);
	cmd = NULL;	/* "o" took it, even on failure */
	if (body == NULL || (text = json_dumps(body, JSON_COMPACT)) == NULL) {
		snprintf(err->text, sizeof err->text, "cannot build the exec request");
		goto out;
	}
	snprintf(path, sizeof path, "/containers/%.64s/exec", id);
	if (dapi_request(c, "POST", path, text, 0, &b, err) != 0)
		goto out;
	root = json_loadb(b.data, b.len, 0, NULL);
	jid = json_object_get(root, "Id");
	if (!json_is_string(jid) || json_string_length(jid) == 0 ||
	    json_string_length(jid) >= idsz || strspn(json_string_value(jid),
	    "0123456789abcdef") != json_string_length(jid)) {
		snprintf(err->text, sizeof err->text, "the engine sent no usable exec id");
		goto out;
	}
	snprintf(exec_id, idsz, "%s", json_string_value(jid));
	rc = 0;
out:
	json_decref(cmd);
	json_decref(body);
	json_decref(root);
	free(text);
	dapi_buf_free(&b);
	return rc;
}

static int
wait_fd(curl_socket_t fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n;

	do
		n = poll(&p, 1, ms);
	while (n < 0 && errno == EINTR);
	return n;
}

int
hijack_send(struct hijack *h, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		size_t sent = 0;
		CURLcode rc = curl_easy_send(h->easy, p, n, &sent);
		if (rc == CURLE_AGAIN) {
			if (wait_fd(h->fd, POLLOUT, START_TIMEOUT_MS) <= 0)
				return -1;
			continue;
		}
		if (rc != CURLE_OK)
			return -1;
		p += sent;
		n -= sent;
	}
	return 0;
}

ssize_t
hijack_recv(struct hijack *h, void *buf, size_t n)
{
	size_t got = 0;
	CURLcode rc;

	if (h->early_off < h->early_len) {
		size_t k = h->early_len - h->early_off;
		if (k > n)
			k = n;
		memcpy(buf, h->early + h->early_off, k);
		h->early_off += k;
		return (ssize_t)k;
	}
	rc = curl_easy_recv(h->easy, buf, n, &got);
	if (rc == CURLE_AGAIN)
		return -2;
	if (rc != CURLE_OK)
		return -1;
	return (ssize_t)got;
}

int
hijack_fd(const struct hijack *h)
{
	return (int)h->fd;
}

void
hijack_close(struct hijack *h)
{
	if (h == NULL)
		return;
	if (h->easy != NULL)
		curl_easy_cleanup(h->easy);
	free(h->early);
	free(h);
}

/* "Host:" for the request: the authority of the endpoint's base URL. */
static void
host_of(const struct endpoint *ep, char *out, size_t n)
{
	const char *p = strstr(ep->base, "://");

	snprintf(out, n, "%s", p != NULL ? p + 3 : "localhost");
	out[strcspn(out, "/")] = '\0';
}

/* POST path (after the version prefix) with body, upgraded: what exec
 * start and attach share. */
static struct hijack *
upgrade(struct dapi_client *c, const char *path, const char *body, struct dapi_error *err)
{
	struct hijack *h = xcalloc(1, sizeof *h);
	char req[1024], host[256], hdr[MAX_HEADER + 1];
	size_t hlen = 0;
	char *end = NULL;
	long status = 0;
	int n;

	memset(err, 0, sizeof *err);
	if ((h->easy = dapi_connect_only(c, err)) == NULL)
		goto fail;
	if (curl_easy_getinfo(h->easy, CURLINFO_ACTIVESOCKET, &h->fd) != CURLE_OK ||
	    h->fd == CURL_SOCKET_BAD) {
		snprintf(err->text, sizeof err->text, "no socket for the session");
		goto fail;
	}
	host_of(dapi_endpoint(c), host, sizeof host);
	n = snprintf(req, sizeof req,
	    "POST /v%s%s HTTP/1.1\r\n"
	    "Host: %s\r\n"
	    "User-Agent: berth\r\n"
	    "Content-Type: application/json\r\n"
	    "Connection: Upgrade\r\n"
	    "Upgrade: tcp\r\n"
	    "Content-Length: %zu\r\n\r\n%s",
	    dapi_version(c), path, host, strlen(body), body);
	if (n < 0 || (size_t)n >= sizeof req || hijack_send(h, req, (size_t)n) != 0) {
		snprintf(err->text, sizeof err->text, "cannot send the request");
		goto fail;
	}
	/* The answer's headers; whatever follows them is the session's. */
	while (end == NULL) {
		size_t got = 0;
		CURLcode rc;
		if (hlen >= MAX_HEADER) {
			snprintf(err->text, sizeof err->text, "the engine's answer is too long");
			goto fail;
		}
		rc = curl_easy_recv(h->easy, hdr + hlen, MAX_HEADER - hlen, &got);
		if (rc == CURLE_AGAIN) {
			if (wait_fd(h->fd, POLLIN, START_TIMEOUT_MS) <= 0) {
				snprintf(err->text, sizeof err->text, "the engine did not answer");
				goto fail;
			}
			continue;
		}
		if (rc != CURLE_OK || got == 0) {
			snprintf(err->text, sizeof err->text, "the engine closed the exec connection");
			goto fail;
		}
		hlen += got;
		hdr[hlen] = '\0';
		end = strstr(hdr, "\r\n\r\n");
	}
	if (sscanf(hdr, "HTTP/1.%*d %ld", &status) != 1 || (status != 101 && status != 200)) {
		char *eol = strstr(hdr, "\r\n");
		size_t blen = hlen - (size_t)(end + 4 - hdr);
		if (eol != NULL)
			*eol = '\0';
		/* the engine's JSON message, if the body came with the headers */
		json_t *m = json_loadb(end + 4, blen, 0, NULL);
		const char *msg = json_string_value(json_object_get(m, "message"));
		snprintf(err->text, sizeof err->text, "refused: %.120s%s%.100s",
		    hdr, msg != NULL ? ": " : "", msg != NULL ? msg : "");
		err->status = status;
		json_decref(m);
		goto fail;
	}
	end += 4;
	h->early_len = hlen - (size_t)(end - hdr);
	if (h->early_len > 0) {
		h->early = xmalloc(h->early_len);
		memcpy(h->early, end, h->early_len);
	}
	return h;
fail:
	hijack_close(h);
	return NULL;
}

struct hijack *
hijack_start(struct dapi_client *c, const char *exec_id, struct dapi_error *err)
{
	char path[128];

	snprintf(path, sizeof path, "/exec/%.64s/start", exec_id);
	return upgrade(c, path, "{\"Detach\":false,\"Tty\":true}", err);
}

struct hijack *
hijack_attach(struct dapi_client *c, const char *id, bool input, const char *detach_keys,
    struct dapi_error *err)
{
	char path[400], eid[200], ekeys[100];

	dapi_urlencode(id, eid, sizeof eid);
	dapi_urlencode(detach_keys != NULL ? detach_keys : "", ekeys, sizeof ekeys);
	snprintf(path, sizeof path, "/containers/%s/attach?stream=1&stdin=%d&stdout=1&stderr=1%s%s",
	    eid, input ? 1 : 0, ekeys[0] ? "&detachKeys=" : "", ekeys);
	return upgrade(c, path, "", err);
}

static int
resize(struct dapi_client *c, const char *kind, const char *id, int rows, int cols)
{
	struct dapi_buf b = { 0 };
	struct dapi_error err;
	char path[240];
	int rc;

	snprintf(path, sizeof path, "/%s/%.64s/resize?h=%d&w=%d", kind, id, rows, cols);
	rc = dapi_request(c, "POST", path, NULL, 3000, &b, &err);
	dapi_buf_free(&b);
	return rc;
}

int
hijack_resize(struct dapi_client *c, const char *exec_id, int rows, int cols)
{
	return resize(c, "exec", exec_id, rows, cols);
}

int
hijack_resize_container(struct dapi_client *c, const char *id, int rows, int cols)
{
	return resize(c, "containers", id, rows, cols);
}

int
hijack_exit_code(struct dapi_client *c, const char *exec_id, int *code)
{
	struct dapi_buf b = { 0 };
	struct dapi_error err;
	char path[128];
	json_t *root = NULL, *ec;
	int rc = -1;

	snprintf(path, sizeof path, "/exec/%.64s/json", exec_id);
	if (dapi_request(c, NULL, path, NULL, 3000, &b, &err) != 0)
		goto out;
	root = json_loadb(b.data, b.len, 0, NULL);
	ec = json_object_get(root, "ExitCode");
	if (json_is_true(json_object_get(root, "Running")) || !json_is_integer(ec))
		goto out;
	*code = (int)json_integer_value(ec);
	rc = 0;
out:
	json_decref(root);
	dapi_buf_free(&b);
	return rc;
}
