/* The logs follower: one curl easy handle in a multi handle, on its own thread. */
#include "dockerapi/logstream.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "dockerapi/dapi.h"
#include "dockerapi/logframe.h"
#include "monotime.h"
#include "xmalloc.h"

struct logstream {
	struct logstream_opts o;
	char id[65];
	struct logstream_sink sink;
	struct dapi_client *api;
	CURLM *multi;
	pthread_t thread;
	atomic_bool stop;	/* set by logstream_stop */

	/* stream thread only */
	struct logframe *demux;
	struct logstream_batch *pending;
	size_t capbuf, caplines;
	uint64_t first_pending_ms;
};

void
logstream_batch_free(struct logstream_batch *b)
{
	if (b == NULL)
		return;
	free(b->buf);
	free(b->lines);
	free(b->error);
	free(b);
}

static struct logstream_batch *
pending(struct logstream *s)
{
	if (s->pending == NULL) {
		s->pending = xcalloc(1, sizeof *s->pending);
		s->pending->tag = s->o.tag;
		s->capbuf = s->caplines = 0;
		s->first_pending_ms = monotime_ms();
	}
	return s->pending;
}

/* The UI fell behind: forget the older half of what waits for it. */
static void
drop_older_half(struct logstream_batch *b)
{
	size_t keep_from = b->n / 2, base;

	if (keep_from == 0)
		return;
	base = b->lines[keep_from].off;
	memmove(b->buf, b->buf + base, b->buflen - base);
	b->buflen -= base;
	memmove(b->lines, b->lines + keep_from, (b->n - keep_from) * sizeof *b->lines);
	b->n -= keep_from;
	b->dropped += keep_from;
	for (size_t i = 0; i < b->n; i++)
		b->lines[i].off -= (uint32_t)base;
}

static void
on_line(void *arg, int stream, const char *line, size_t len)
{
	struct logstream *s = arg;
	struct logstream_batch *b = pending(s);
	struct logstream_line *l;

	if (b->n >= s->o.max_pending)
		drop_older_half(b);
	b->lines = xgrowarray(b->lines, &s->caplines, b->n + 1, sizeof *b->lines);
	b->buf = xgrowarray(b->buf, &s->capbuf, b->buflen + len + 1, 1);
	l = &b->lines[b->n++];
	l->off = (uint32_t)b->buflen;
	l->len = (uint32_t)len;
	l->stream = (uint8_t)stream;
	memcpy(b->buf + b->buflen, line, len);
	b->buflen += len;
	b->buf[b->buflen++] = '\0';
}

static size_t
on_body(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct logstream *s = arg;

	logframe_feed(s->demux, ptr, size * nmemb, on_line, s);
	return size * nmemb;
}

static void
deliver(struct logstream *s)
{
	struct logstream_batch *b = s->pending;

	s->pending = NULL;
	if (b != NULL && !atomic_load(&s->stop))
		s->sink.batch(s->sink.arg, b);
	else
		logstream_batch_free(b);
}

static void *
stream_main(void *arg)
{
	struct logstream *s = arg;
	char path[256], ebuf[CURL_ERROR_SIZE] = "";
	CURL *h;
	CURLMsg *m;
	int running = 1, left;
	char *error = NULL;
	long status = 0;

	snprintf(path, sizeof path,
	    "/containers/%s/logs?follow=1&stdout=1&stderr=1&tail=%d%s",
	    s->id, s->o.tail, s->o.timestamps ? "&timestamps=1" : "");
	h = dapi_stream_handle(s->api, path, on_body, s);
	if (h == NULL) {
		error = xstrdup("cannot create a curl handle for the logs");
		goto out;
	}
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	curl_multi_add_handle(s->multi, h);
	while (!atomic_load(&s->stop)) {
		int timeout = 1000;
		uint64_t now;

		if (s->pending != NULL) {
			now = monotime_ms();
			timeout = s->first_pending_ms + LOGSTREAM_BATCH_MS > now ?
			    (int)(s->first_pending_ms + LOGSTREAM_BATCH_MS - now) : 0;
		}
		curl_multi_poll(s->multi, NULL, 0, timeout, NULL);
		curl_multi_perform(s->multi, &running);
		/* Coalesce: at most one batch per LOGSTREAM_BATCH_MS. */
		if (s->pending != NULL &&
		    monotime_ms() >= s->first_pending_ms + LOGSTREAM_BATCH_MS)
			deliver(s);
		if ((m = curl_multi_info_read(s->multi, &left)) != NULL &&
		    m->msg == CURLMSG_DONE) {
			char msg[300];
			curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
			if (m->data.result != CURLE_OK)
				snprintf(msg, sizeof msg, "log stream failed: %s",
				    ebuf[0] ? ebuf : curl_easy_strerror(m->data.result));
			else if (status < 200 || status > 299)
				snprintf(msg, sizeof msg,
				    "the engine refused the logs (HTTP %ld)", status);
			else
				snprintf(msg, sizeof msg, "log stream ended");
			error = xstrdup(msg);
			break;
		}
	}
	curl_multi_remove_handle(s->multi, h);
	curl_easy_cleanup(h);
out:
	if (!atomic_load(&s->stop)) {
		struct logstream_batch *b;
		logframe_flush(s->demux, on_line, s);
		b = pending(s);
		b->ended = true;
		b->error = error;
		error = NULL;
		deliver(s);
	}
	free(error);
	return NULL;
}

/* Free what s owns, once its thread is not running (never started, or joined). */
static void
stream_free(struct logstream *s)
{
	logstream_batch_free(s->pending);
	if (s->multi != NULL)
		curl_multi_cleanup(s->multi);
	logframe_free(s->demux);
	dapi_client_free(s->api);
	free(s);
}

struct logstream *
logstream_start(const struct endpoint *ep, const struct logstream_opts *o,
    const struct logstream_sink *sink)
{
	struct logstream *s = xcalloc(1, sizeof *s);

	s->o = *o;
	snprintf(s->id, sizeof s->id, "%.64s", o->id);
	s->o.id = s->id;
	s->o.version = NULL;
	if (s->o.max_pending < 16)
		s->o.max_pending = 16;
	s->sink = *sink;
	s->api = dapi_client_new(ep);
	if (o->version != NULL && o->version[0] != '\0')
		dapi_set_version(s->api, o->version);
	s->demux = logframe_new(o->tty, LOGSTREAM_MAX_LINE);
	s->multi = curl_multi_init();
	atomic_init(&s->stop, false);
	if (s->multi == NULL ||
	    pthread_create(&s->thread, NULL, stream_main, s) != 0) {
		stream_free(s);
		return NULL;
	}
	return s;
}

void
logstream_stop(struct logstream *s)
{
	if (s == NULL)
		return;
	atomic_store(&s->stop, true);
	curl_multi_wakeup(s->multi);
	pthread_join(s->thread, NULL);
	stream_free(s);
}
