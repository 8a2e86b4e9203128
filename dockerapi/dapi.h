/* Docker Engine API over libcurl: one client per thread, versioned requests. */
#ifndef BERTH_DAPI_H
#define BERTH_DAPI_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "dockerapi/endpoint.h"

#define DAPI_MIN_VERSION "1.25"
#define DAPI_MAX_VERSION "1.41"

struct dapi_client;

struct dapi_error {
	char text[256];
	long status;		/* HTTP status, 0 when no response */
};

/* A growable response body, capped so a hostile engine cannot exhaust memory. */
struct dapi_buf {
	char *data;		/* NUL-terminated */
	size_t len;
	size_t cap;
	size_t limit;		/* max bytes kept; 0 = 32 MiB */
	bool truncated;
};

/*
 * Append the n bytes at p, keeping data NUL-terminated. Returns 0; or -1
 * with truncated set, appending nothing, when len would pass the limit
 * (the buffer never reserves more than the limit). Never fails otherwise.
 */
int dapi_buf_add(struct dapi_buf *b, const void *p, size_t n);
void dapi_buf_free(struct dapi_buf *b);

/*
 * New client for ep (copied). Not thread-safe: one per thread. Never
 * blocks. Free with dapi_client_free.
 */
struct dapi_client *dapi_client_new(const struct endpoint *ep);
void dapi_client_free(struct dapi_client *c);
const struct endpoint *dapi_endpoint(const struct dapi_client *c);

/*
 * GET /_ping and negotiate the API version: the lower of the server's
 * API-Version header and DAPI_MAX_VERSION (DAPI_MIN_VERSION if the header is
 * missing). Blocks up to the connect timeout. Returns 0 or -1 with err.
 */
int dapi_ping(struct dapi_client *c, struct dapi_error *err);

/* The negotiated version, e.g. "1.41"; valid after a successful ping. */
const char *dapi_version(const struct dapi_client *c);
/* Use version v ("1.41") without a ping, e.g. the one the watcher already
 * negotiated. Ignored unless it is within the supported range. */
void dapi_set_version(struct dapi_client *c, const char *v);
/* Compare negotiated version with "1.xx": <0, 0, >0. */
int dapi_version_cmp(const struct dapi_client *c, const char *v);

/*
 * Blocking request of `path` (e.g. "/containers/json?all=1"), prefixed with
 * the negotiated version. method NULL means GET; "HEAD" asks for no body. body may be NULL (JSON
 * otherwise). Fills out (caller frees with dapi_buf_free). Returns 0 for a
 * 2xx answer; -1 otherwise, with the engine's "message" in err when it sent
 * one. timeout_ms 0 means the default (10 s).
 */
int dapi_request(struct dapi_client *c, const char *method, const char *path,
    const char *body, long timeout_ms, struct dapi_buf *out, struct dapi_error *err);

/*
 * dapi_request with one more request header: header is a complete
 * "Name: value" line (e.g. regauth_header's "X-Registry-Auth: ..."), or
 * NULL for none. Same answer and errors as dapi_request.
 */
int dapi_request_hdr(struct dapi_client *c, const char *method, const char *path,
    const char *body, const char *header, long timeout_ms, struct dapi_buf *out,
    struct dapi_error *err);

/*
 * An easy handle for a long-lived stream of `path` (events, logs), set up
 * with the client's transport and the negotiated version, no total timeout.
 * write_cb receives the body bytes. Caller adds it to a multi handle and
 * cleans it up with curl_easy_cleanup. Returns NULL on failure.
 */
CURL *dapi_stream_handle(struct dapi_client *c, const char *path,
    size_t (*write_cb)(char *, size_t, size_t, void *), void *arg);

/*
 * An easy handle connected to the engine with CURLOPT_CONNECT_ONLY (TLS
 * handshake done where the endpoint uses TLS), for protocols curl does not
 * speak, such as an exec session's upgraded connection. Blocks up to the
 * connect timeout. Use curl_easy_send/recv, clean up with curl_easy_cleanup.
 * Returns NULL with err on failure.
 */
CURL *dapi_connect_only(struct dapi_client *c, struct dapi_error *err);

/*
 * Give h the client's transport: unix socket, TLS material, or the ssh
 * dialer (dockerapi/sshdial.h); connect timeout, no signals, user agent.
 * Every easy handle berth makes for an engine goes through here (requests,
 * streams, exec). The client must outlive h. Any thread owning c.
 */
void dapi_setup_handle(struct dapi_client *c, CURL *h);

/*
 * Give multi handle m the connection settings c's endpoint needs (over
 * ssh, a larger cache of idle connections). Call once after
 * curl_multi_init. The thread owning c and m.
 */
void dapi_setup_multi(struct dapi_client *c, CURLM *m);

/*
 * Percent-encode s (everything but A-Z a-z 0-9 - _ . ~) into out, for a
 * query value or one path segment; always NUL-terminated when outsz > 0,
 * cut before the first character that does not fit. Returns the length
 * the whole encoding needs (without the NUL): >= outsz means it was cut.
 * Pure; any thread.
 */
size_t dapi_urlencode(const char *s, char *out, size_t outsz);

#endif
