/* The engine watcher thread: /events stream, list resyncs, inspects, 1 Hz stats. */
#include "dockerapi/watcher.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "dockerapi/cgroup.h"
#include "dockerapi/dapi.h"
#include "dockerapi/decode.h"
#include "dockerapi/evsplit.h"
#include "dockerapi/statcalc.h"
#include "monotime.h"
#include "xmalloc.h"

#define MAX_EVENT_LINE (256u << 10)
#define BACKOFF_MIN_MS 250
#define BACKOFF_MAX_MS 3000
#define STATS_TIMEOUT_MS 5000L
#define STATS_PRIME_MS 250	/* after the first sample: the first CPU% needs a second */
#define STATS_QUIET_MS 5000	/* API path: how often to ask about an idle container */
#define STATS_QUIET_AFTER 2	/* idle samples in a row before asking less often */
#define STATS_MAX_INFLIGHT 64
#define STATS_MAX_INFLIGHT_SSH 8	/* over ssh each connection is an ssh process */
#define STATS_BODY_LIMIT (1u << 20)

struct wrow {
	struct dapi_container c;
	struct dapi_stats prev;
	bool seen;		/* mark for resync sweeps */
	CURL *stats_req;	/* one-shot API stats in flight, in the multi handle */
	unsigned api_quiet;	/* API samples in a row that found it idle */
	uint64_t api_due_ms;	/* no API stats request before this */
	struct cgroup_dirs *cgd;	/* the container's cgroup directories, once found */
	struct dapi_buf stats_body;
};

struct watcher {
	struct endpoint ep;
	struct watcher_opts opts;
	struct watcher_sink sink;
	pthread_t thread;
	bool started;

	atomic_bool stop;	/* set by watcher_free */

	/* Shared with other threads, under mu. */
	pthread_mutex_t mu;
	char (*wanted)[65];
	size_t nwanted;
	bool wanted_all;
	CURLM *multi;		/* set before the thread starts; wakeup is thread-safe */

	/* Watcher thread only. */
	struct dapi_client *api;
	struct cgroup_ctx *cg;
	struct evsplit *split;
	CURL *events;
	bool connected;
	int64_t last_event_ns;
	struct wrow **rows;
	size_t nrows, caprows;
	char (*pending)[65];	/* ids to inspect */
	size_t npending, cappending;
	char *conn_message;
	size_t ninflight;	/* API stats requests in the multi handle */
	struct watcher_stat *done;	/* API stats answered in this turn */
	size_t ndone, capdone;
};

static struct wrow *
row_find(struct watcher *w, const char *id, size_t *idx)
{
	for (size_t i = 0; i < w->nrows; i++) {
		if (strcmp(w->rows[i]->c.id, id) == 0) {
			if (idx != NULL)
				*idx = i;
			return w->rows[i];
		}
	}
	return NULL;
}

static struct wrow *
row_add(struct watcher *w, const char *id)
{
	struct wrow *r;

	w->rows = xgrowarray(w->rows, &w->caprows, w->nrows + 1, sizeof *w->rows);
	r = xcalloc(1, sizeof *r);
	snprintf(r->c.id, sizeof r->c.id, "%s", id);
	w->rows[w->nrows++] = r;
	return r;
}

static void
stats_req_end(struct watcher *w, struct wrow *r)
{
	if (r->stats_req == NULL)
		return;
	curl_multi_remove_handle(w->multi, r->stats_req);
	curl_easy_cleanup(r->stats_req);
	r->stats_req = NULL;
	dapi_buf_free(&r->stats_body);
	w->ninflight--;
}

static void
row_remove(struct watcher *w, size_t idx)
{
	stats_req_end(w, w->rows[idx]);
	cgroup_dirs_free(w->rows[idx]->cgd);
	records_container_clear(&w->rows[idx]->c);
	free(w->rows[idx]);
	w->rows[idx] = w->rows[--w->nrows];
}

static void
pending_add(struct watcher *w, const char *id)
{
	for (size_t i = 0; i < w->npending; i++)
		if (strcmp(w->pending[i], id) == 0)
			return;
	w->pending = xgrowarray(w->pending, &w->cappending, w->npending + 1, sizeof *w->pending);
	snprintf(w->pending[w->npending++], 65, "%s", id);
}

static void
post_conn(struct watcher *w, bool up, const char *msg)
{
	/* Only report changes, so a dead engine does not flood the UI. */
	if (up == w->connected && w->conn_message != NULL &&
	    strcmp(w->conn_message, msg) == 0)
		return;
	free(w->conn_message);
	w->conn_message = xstrdup(msg);
	w->connected = up;
	if (w->sink.conn != NULL)
		w->sink.conn(w->sink.arg, up, msg, up ? dapi_version(w->api) : NULL);
}

/* Inspect one container and publish it; a 404 means it is gone. */
static void
inspect_and_post(struct watcher *w, const char *id)
{
	struct dapi_buf b = { 0 };
	struct dapi_error err;
	struct decode_error derr;
	struct dapi_container c = { 0 };
	char path[128];
	size_t idx;
	struct wrow *r;

	snprintf(path, sizeof path, "/containers/%.64s/json", id);
	if (dapi_request(w->api, NULL, path, NULL, 0, &b, &err) != 0) {
		/* 404: gone between the list (or event) and now; the UI may
		 * already show its summary row, so always say so */
		if (err.status == 404) {
			if ((r = row_find(w, id, &idx)) != NULL)
				row_remove(w, idx);
			if (w->sink.removed != NULL)
				w->sink.removed(w->sink.arg, id);
		}
		goto out;
	}
	if (decode_container_inspect(b.data, b.len, &c, &derr) != 0)
		goto out;
	if ((r = row_find(w, c.id, NULL)) == NULL)
		r = row_add(w, c.id);
	else if (r->c.pid != c.pid)
		memset(&r->prev, 0, sizeof r->prev);	/* restarted: counters reset */
	r->api_quiet = 0;	/* something happened to it: look again at once */
	r->api_due_ms = 0;
	records_container_clear(&r->c);
	records_container_copy(&r->c, &c);
	r->seen = true;
	if (w->sink.container != NULL) {
		struct dapi_container *heap = xmalloc(sizeof *heap);
		*heap = c;	/* moved */
		memset(&c, 0, sizeof c);
		w->sink.container(w->sink.arg, heap);
	}
out:
	records_container_clear(&c);
	dapi_buf_free(&b);
}

/*
 * List containers; inspect the new and the changed ones; drop the missing.
 * The first sync after connecting also publishes the summary list at once,
 * so the first paint does not wait for every inspect.
 */
static int
sync_list(struct watcher *w, bool publish_snapshot)
{
	struct dapi_buf b = { 0 };
	struct dapi_error err;
	struct decode_error derr;
	struct dapi_container *arr = NULL;
	size_t n = 0;
	int rc = -1;

	if (dapi_request(w->api, NULL, "/containers/json?all=1", NULL, 0, &b, &err) != 0) {
		post_conn(w, false, err.text);
		goto out;
	}
	if (decode_container_list(b.data, b.len, &arr, &n, &derr) != 0) {
		char msg[256];
		snprintf(msg, sizeof msg, "bad container list from engine: %s", derr.text);
		post_conn(w, false, msg);
		goto out;
	}
	for (size_t i = 0; i < w->nrows; i++)
		w->rows[i]->seen = false;
	for (size_t i = 0; i < n; i++) {
		struct wrow *r = row_find(w, arr[i].id, NULL);
		bool changed = r == NULL || !r->c.inspected ||
		    r->c.state != arr[i].state || r->c.health != arr[i].health ||
		    r->c.name == NULL || arr[i].name == NULL ||
		    strcmp(r->c.name, arr[i].name) != 0;
		if (r != NULL)
			r->seen = true;
		if (changed)
			pending_add(w, arr[i].id);
	}
	for (size_t i = w->nrows; i-- > 0;) {
		if (!w->rows[i]->seen) {
			char id[65];
			snprintf(id, sizeof id, "%s", w->rows[i]->c.id);
			row_remove(w, i);
			if (w->sink.removed != NULL)
				w->sink.removed(w->sink.arg, id);
		}
	}
	if (publish_snapshot && w->sink.snapshot != NULL) {
		w->sink.snapshot(w->sink.arg, arr, n);
		arr = NULL;
		n = 0;
	}
	rc = 0;
out:
	decode_container_array_free(arr, n);
	dapi_buf_free(&b);
	return rc;
}

static void
drain_pending(struct watcher *w)
{
	/* Inspecting may queue nothing new; copy so the list can grow safely. */
	while (w->npending > 0 && !atomic_load(&w->stop)) {
		char id[65];
		snprintf(id, sizeof id, "%s", w->pending[--w->npending]);
		inspect_and_post(w, id);
	}
}

static bool
action_needs_inspect(const char *action)
{
	static const char *const ignore[] = {
		"exec_create", "exec_start", "exec_die", "exec_detach", "attach",
		"detach", "resize", "top", "commit", "copy", "archive-path",
		"extract-to-dir", "export", NULL
	};
	for (size_t i = 0; ignore[i] != NULL; i++)
		if (strncmp(action, ignore[i], strlen(ignore[i])) == 0)
			return false;
	return true;
}

static void
on_event_line(const char *line, size_t len, void *arg)
{
	struct watcher *w = arg;
	struct dapi_event ev = { 0 };
	struct decode_error derr;

	if (decode_event(line, len, &ev, &derr) != 0)
		return;
	if (ev.time_nano > w->last_event_ns)
		w->last_event_ns = ev.time_nano;
	if (ev.type != NULL && strcmp(ev.type, "container") == 0 &&
	    ev.id != NULL && ev.action != NULL) {
		if (strcmp(ev.action, "destroy") == 0) {
			size_t idx;
			for (size_t i = 0; i < w->npending; i++) {
				if (strcmp(w->pending[i], ev.id) == 0) {
					memmove(w->pending[i], w->pending[--w->npending], 65);
					break;
				}
			}
			if (row_find(w, ev.id, &idx) != NULL) {
				row_remove(w, idx);
				if (w->sink.removed != NULL)
					w->sink.removed(w->sink.arg, ev.id);
			}
		} else if (action_needs_inspect(ev.action)) {
			pending_add(w, ev.id);
		}
	}
	if (w->sink.event != NULL) {
		struct dapi_event *heap = xmalloc(sizeof *heap);
		*heap = ev;
		w->sink.event(w->sink.arg, heap);
	} else {
		records_event_clear(&ev);
	}
}

static size_t
events_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct watcher *w = arg;
	evsplit_feed(w->split, ptr, size * nmemb, on_event_line, w);
	return size * nmemb;
}

static void
events_close(struct watcher *w)
{
	if (w->events != NULL) {
		curl_multi_remove_handle(w->multi, w->events);
		curl_easy_cleanup(w->events);
		w->events = NULL;
	}
	evsplit_reset(w->split);
}

static int
events_open(struct watcher *w)
{
	char path[128];

	/* After a reconnect, ask for what we missed. */
	if (w->last_event_ns > 0)
		snprintf(path, sizeof path, "/events?since=%lld.%09lld",
		    (long long)(w->last_event_ns / 1000000000),
		    (long long)(w->last_event_ns % 1000000000));
	else
		snprintf(path, sizeof path, "/events");
	w->events = dapi_stream_handle(w->api, path, events_write, w);
	if (w->events == NULL)
		return -1;
	curl_multi_add_handle(w->multi, w->events);
	return 0;
}

static bool
is_wanted(struct watcher *w, const char *id)
{
	bool want = false;

	pthread_mutex_lock(&w->mu);
	if (w->wanted_all || w->wanted == NULL) {
		want = true;
	} else {
		for (size_t i = 0; i < w->nwanted && !want; i++)
			want = strcmp(w->wanted[i], id) == 0;
	}
	pthread_mutex_unlock(&w->mu);
	return want;
}

/* Derived figures from a new sample and the row's previous one. */
static void
stat_fill(struct wrow *r, const struct dapi_stats *s, bool from_api,
    struct watcher_stat *o)
{
	snprintf(o->id, sizeof o->id, "%s", r->c.id);
	o->from_api = from_api;
	o->cpu_percent = r->prev.valid ? statcalc_cpu_percent(&r->prev, s) : -1;
	o->mem_used = statcalc_mem_used(s);
	o->mem_limit = s->mem_limit;
	o->pids = s->pids;
	/* A host-network container's net/dev is the host's: docker
	 * shows no network figures for it, and neither do we. */
	if (r->prev.valid && !r->c.host_network) {
		o->rx_rate = statcalc_rate(r->prev.net_rx, s->net_rx, r->prev.read_ns, s->read_ns);
		o->tx_rate = statcalc_rate(r->prev.net_tx, s->net_tx, r->prev.read_ns, s->read_ns);
	} else {
		o->rx_rate = o->tx_rate = -1;
	}
	if (r->prev.valid) {
		o->blk_read_rate = statcalc_rate(r->prev.blk_read, s->blk_read, r->prev.read_ns, s->read_ns);
		o->blk_write_rate = statcalc_rate(r->prev.blk_write, s->blk_write, r->prev.read_ns, s->read_ns);
	} else {
		o->blk_read_rate = o->blk_write_rate = -1;
	}
	r->prev = *s;
}

static size_t
stats_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	/* past STATS_BODY_LIMIT (no stats body is this big) aborts */
	return dapi_buf_add(arg, ptr, size * nmemb) == 0 ? size * nmemb : 0;
}

/*
 * Start a one-shot stats request in the multi handle. The engine answers
 * them on its next collection tick (up to a second away), so they run side
 * by side, and events keep flowing meanwhile.
 */
static void
stats_req_start(struct watcher *w, struct wrow *r)
{
	char path[160];
	CURL *h;

	/* one-shot (1.41+) answers at once; older engines wait for a 2nd sample */
	snprintf(path, sizeof path, "/containers/%.64s/stats?stream=false%s", r->c.id,
	    dapi_version_cmp(w->api, "1.41") >= 0 ? "&one-shot=true" : "");
	r->stats_body.limit = STATS_BODY_LIMIT;
	h = dapi_stream_handle(w->api, path, stats_write, &r->stats_body);
	if (h == NULL)
		return;
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, STATS_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)r);
	if (curl_multi_add_handle(w->multi, h) != CURLM_OK) {
		curl_easy_cleanup(h);
		return;
	}
	r->stats_req = h;
	w->ninflight++;
}

/* A stats request finished: keep its figures for this turn's batch. */
static void
stats_req_done(struct watcher *w, CURL *h, CURLcode res)
{
	struct wrow *r = NULL;
	struct dapi_stats s = { 0 };
	struct decode_error derr;
	long code = 0;

	curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&r);
	if (r == NULL || r->stats_req != h)
		return;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (res == CURLE_OK && code == 200 && r->stats_body.data != NULL &&
	    r->c.state == DAPI_ST_RUNNING &&
	    decode_stats(r->stats_body.data, r->stats_body.len, &s, &derr) == 0 &&
	    s.valid) {
		w->done = xgrowarray(w->done, &w->capdone, w->ndone + 1, sizeof *w->done);
		struct watcher_stat *o = &w->done[w->ndone++];

		stat_fill(r, &s, true, o);
		/*
		 * Each one-shot request costs the engine about what a second of a
		 * stats stream does. An idle container (no CPU, no traffic) is
		 * asked again after STATS_QUIET_MS, not every second; any figure
		 * moving, or any event about it, brings it back to 1 Hz.
		 */
		if (o->cpu_percent >= 0 && o->cpu_percent < 0.05 &&
		    o->rx_rate < 1 && o->tx_rate < 1)
			r->api_quiet++;
		else
			r->api_quiet = 0;
		r->api_due_ms = r->api_quiet >= STATS_QUIET_AFTER ?
		    monotime_ms() + STATS_QUIET_MS - STATS_PRIME_MS : 0;
	}
	stats_req_end(w, r);
}

static void
stats_flush_done(struct watcher *w)
{
	if (w->ndone == 0)
		return;
	if (w->sink.stats != NULL) {
		w->sink.stats(w->sink.arg, w->done, w->ndone);
		w->done = NULL;
		w->capdone = 0;
	}
	w->ndone = 0;
}

static void
sample_stats(struct watcher *w)
{
	struct watcher_stat *out = NULL;
	size_t n = 0;
	uint64_t sys = 0;
	bool have_sys;

	if (w->nrows > 0)
		out = xcalloc(w->nrows, sizeof *out);
	/* the host's CPU time once per tick, not once per container */
	have_sys = w->cg != NULL && cgroup_system_ns(w->cg, &sys);
	for (size_t i = 0; i < w->nrows && !atomic_load(&w->stop); i++) {
		struct wrow *r = w->rows[i];
		struct dapi_stats s = { 0 };

		if (r->c.state != DAPI_ST_RUNNING)
			continue;
		if (w->cg != NULL && r->c.pid > 0 &&
		    cgroup_sample_cached(w->cg, &r->cgd, r->c.pid, have_sys ? &sys : NULL, &s)) {
			stat_fill(r, &s, false, &out[n++]);
			continue;
		}
		if (r->stats_req == NULL && w->ninflight < (w->ep.ssh_host != NULL ?
		    STATS_MAX_INFLIGHT_SSH : STATS_MAX_INFLIGHT) &&
		    (r->api_due_ms == 0 || monotime_ms() >= r->api_due_ms) &&
		    is_wanted(w, r->c.id))
			stats_req_start(w, r);
	}
	/* posted even when empty: a tick with nothing running is news too */
	if (w->sink.stats != NULL) {
		w->sink.stats(w->sink.arg, out, n);
		out = NULL;
	}
	free(out);
}

/* Wait up to ms, waking early when asked to stop. */
static void
nap(struct watcher *w, int ms)
{
	curl_multi_poll(w->multi, NULL, 0, ms, NULL);
}

static void *
watcher_main(void *arg)
{
	struct watcher *w = arg;
	int backoff = BACKOFF_MIN_MS;
	uint64_t next_stats = 0, next_resync = 0;
	bool priming = false;

	w->connected = false;
	while (!atomic_load(&w->stop)) {
		struct dapi_error err;
		CURLMsg *m;
		int running, left;
		uint64_t t, next;

		if (w->events == NULL) {
			if (dapi_ping(w->api, &err) != 0) {
				char msg[300];
				snprintf(msg, sizeof msg, "engine down: %s", err.text);
				post_conn(w, false, msg);
				nap(w, backoff);
				backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
				continue;
			}
			if (events_open(w) != 0) {
				post_conn(w, false, "cannot open the events stream");
				nap(w, backoff);
				continue;
			}
			post_conn(w, true, "connected");
			/* Events are already flowing, so nothing between list and stream is lost. */
			curl_multi_perform(w->multi, &running);
			if (sync_list(w, true) != 0) {
				/* an engine that answers pings but not the list must
				 * not be hammered: keep backing off */
				events_close(w);
				nap(w, backoff);
				backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
				continue;
			}
			backoff = BACKOFF_MIN_MS;
			drain_pending(w);
			if (w->sink.synced != NULL)
				w->sink.synced(w->sink.arg, w->nrows);
			next_stats = monotime_ms();
			priming = true;
			next_resync = monotime_ms() + (uint64_t)w->opts.resync_interval_ms;
		}

		t = monotime_ms();
		next = next_resync;
		if (!w->opts.no_stats && next_stats < next)
			next = next_stats;
		curl_multi_poll(w->multi, NULL, 0, next > t ? (int)(next - t) : 0, NULL);
		curl_multi_perform(w->multi, &running);
		drain_pending(w);

		while ((m = curl_multi_info_read(w->multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			if (m->easy_handle == w->events) {
				char msg[300];
				snprintf(msg, sizeof msg, "engine down: events stream ended (%s)",
				    curl_easy_strerror(m->data.result));
				events_close(w);
				post_conn(w, false, msg);
				break;
			}
			stats_req_done(w, m->easy_handle, m->data.result);
		}
		stats_flush_done(w);
		if (w->events == NULL)
			continue;

		t = monotime_ms();
		if (!w->opts.no_stats && t >= next_stats) {
			/* CPU% is a difference of two samples: right after a
			 * (re)connect, take the second one soon, not a second later */
			uint64_t step = priming && STATS_PRIME_MS < w->opts.stats_interval_ms ?
			    STATS_PRIME_MS : (uint64_t)w->opts.stats_interval_ms;

			sample_stats(w);
			priming = false;
			next_stats += step;
			if (next_stats <= t)	/* we fell behind: don't burst */
				next_stats = t + step;
		}
		if (t >= next_resync) {
			if (sync_list(w, false) != 0) {
				events_close(w);
				continue;
			}
			drain_pending(w);
			next_resync = monotime_ms() + (uint64_t)w->opts.resync_interval_ms;
		}
	}
	return NULL;
}

struct watcher *
watcher_new(const struct endpoint *ep, const struct watcher_opts *opts,
    const struct watcher_sink *sink)
{
	struct watcher *w = xcalloc(1, sizeof *w);

	endpoint_copy(&w->ep, ep);
	w->opts = *opts;
	if (w->opts.stats_interval_ms <= 0)
		w->opts.stats_interval_ms = 1000;
	if (w->opts.resync_interval_ms <= 0)
		w->opts.resync_interval_ms = 30000;
	w->sink = *sink;
	pthread_mutex_init(&w->mu, NULL);
	atomic_init(&w->stop, false);
	return w;
}

int
watcher_start(struct watcher *w)
{
	w->multi = curl_multi_init();
	w->api = dapi_client_new(&w->ep);
	if (w->multi != NULL)
		dapi_setup_multi(w->api, w->multi);
	w->split = evsplit_new(MAX_EVENT_LINE);
	if (w->ep.local && !w->opts.force_api_stats)
		w->cg = cgroup_ctx_new("/proc", "");
	if (w->multi == NULL || pthread_create(&w->thread, NULL, watcher_main, w) != 0)
		return -1;
	w->started = true;
	return 0;
}

void
watcher_free(struct watcher *w)
{
	if (w == NULL)
		return;
	atomic_store(&w->stop, true);
	if (w->started) {
		curl_multi_wakeup(w->multi);
		pthread_join(w->thread, NULL);
	}
	if (w->split != NULL)
		events_close(w);
	while (w->nrows > 0)
		row_remove(w, w->nrows - 1);
	free(w->rows);
	free(w->pending);
	free(w->done);
	free(w->wanted);
	free(w->conn_message);
	evsplit_free(w->split);
	cgroup_ctx_free(w->cg);
	dapi_client_free(w->api);
	if (w->multi != NULL)
		curl_multi_cleanup(w->multi);
	endpoint_clear(&w->ep);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

void
watcher_set_wanted(struct watcher *w, const char (*ids)[65], size_t n, bool all)
{
	char (*copy)[65] = NULL;

	if (n > 0) {
		copy = xcalloc(n, sizeof *copy);
		memcpy(copy, ids, n * sizeof *copy);
	}
	pthread_mutex_lock(&w->mu);
	free(w->wanted);
	w->wanted = copy;
	w->nwanted = n;
	w->wanted_all = all;
	pthread_mutex_unlock(&w->mu);
}
