/* POST /images/create with credentials, folding the message stream as it arrives. */
#include "dockerapi/pull.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/jsonget.h"
#include "dockerapi/regauth.h"
#include "monotime.h"

#define PATH_LEN 1200

struct pull_run {
	CURL *h;
	struct pullprog *pp;
	struct dapi_buf refusal;	/* the body of a non-2xx answer */
	void (*on_progress)(void *, const struct pullprog_sum *);
	bool (*stop)(void *);
	void *arg;
	long interval_ms;
	uint64_t last_ms;
	bool pending;
};

static void
report(struct pull_run *r, bool force)
{
	struct pullprog_sum s;
	uint64_t now = monotime_ms();

	if (r->on_progress == NULL || !r->pending)
		return;
	if (!force && r->last_ms != 0 && now < r->last_ms + (uint64_t)r->interval_ms)
		return;
	r->last_ms = now;
	r->pending = false;
	pullprog_summary(r->pp, &s);
	r->on_progress(r->arg, &s);
}

static size_t
on_body(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct pull_run *r = arg;
	long status = 0;

	curl_easy_getinfo(r->h, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299) {
		(void)dapi_buf_add(&r->refusal, ptr, size * nmemb);
		return size * nmemb;
	}
	if (pullprog_feed(r->pp, ptr, size * nmemb))
		r->pending = true;
	report(r, false);
	return size * nmemb;
}

/* curl's progress callback: non-zero aborts the transfer. */
static int
on_xfer(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	struct pull_run *r = arg;

	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	return r->stop(r->arg) ? 1 : 0;
}

/* curl's own failure, or the engine's refusal, or the stream's error. */
static int
outcome(struct pull_run *r, CURLcode cc, const char *ebuf, struct dapi_error *err)
{
	struct pullprog_sum s;
	long status = 0;

	curl_easy_getinfo(r->h, CURLINFO_RESPONSE_CODE, &status);
	err->status = status;
	if (cc == CURLE_ABORTED_BY_CALLBACK) {
		snprintf(err->text, sizeof err->text, "the pull was cancelled");
		return -1;
	}
	if (cc != CURLE_OK) {
		snprintf(err->text, sizeof err->text, "%s", ebuf[0] ? ebuf : curl_easy_strerror(cc));
		return -1;
	}
	if (status < 200 || status > 299) {
		json_error_t jerr;
		json_t *o = jsonget_load(r->refusal.data, r->refusal.len, &jerr);
		const char *m = jsonget_str(json_object_get(o, "message"));

		snprintf(err->text, sizeof err->text, "%s", m != NULL ? m : "the engine refused the pull");
		if (m == NULL)
			snprintf(err->text, sizeof err->text, "the engine answered HTTP %ld", status);
		json_decref(o);
		return -1;
	}
	pullprog_finish(r->pp);
	pullprog_summary(r->pp, &s);
	if (s.error != NULL) {
		snprintf(err->text, sizeof err->text, "%s", s.error);
		return -1;
	}
	r->pending = true;
	report(r, true);
	return 0;
}

int
pull_image(struct dapi_client *c, const char *ref, long timeout_ms, long interval_ms,
    void (*on_progress)(void *arg, const struct pullprog_sum *s), void *arg,
    struct dapi_error *err)
{
	return pull_image_until(c, ref, timeout_ms, interval_ms, on_progress, NULL, arg, err);
}

int
pull_image_until(struct dapi_client *c, const char *ref, long timeout_ms, long interval_ms,
    void (*on_progress)(void *arg, const struct pullprog_sum *s), bool (*stop)(void *arg),
    void *arg, struct dapi_error *err)
{
	struct pull_run r = { .on_progress = on_progress, .stop = stop, .arg = arg,
	    .interval_ms = interval_ms };
	struct curl_slist *hdrs = NULL;
	char path[PATH_LEN], about[512], ebuf[CURL_ERROR_SIZE] = "";
	char *auth = NULL;
	size_t n;
	int rc = -1;

	memset(err, 0, sizeof *err);
	n = (size_t)snprintf(path, sizeof path, "/images/create?fromImage=");
	if (dapi_urlencode(ref, path + n, sizeof path - n) >= sizeof path - n) {
		snprintf(err->text, sizeof err->text, "the image reference is too long");
		return -1;
	}
	if (regauth_header(ref, &auth, about, sizeof about, err) != 0)
		return -1;
	r.pp = pullprog_new();
	r.refusal.limit = 64 * 1024;
	r.h = dapi_stream_handle(c, path, on_body, &r);
	if (r.h == NULL) {
		snprintf(err->text, sizeof err->text, "cannot create a curl handle for the pull");
		goto out;
	}
	if (auth != NULL)
		hdrs = curl_slist_append(hdrs, auth);
	curl_easy_setopt(r.h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(r.h, CURLOPT_POSTFIELDS, "");
	curl_easy_setopt(r.h, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(r.h, CURLOPT_ERRORBUFFER, ebuf);
	if (stop != NULL) {
		curl_easy_setopt(r.h, CURLOPT_XFERINFOFUNCTION, on_xfer);
		curl_easy_setopt(r.h, CURLOPT_XFERINFODATA, &r);
		curl_easy_setopt(r.h, CURLOPT_NOPROGRESS, 0L);
	}
	rc = outcome(&r, curl_easy_perform(r.h), ebuf, err);
	if (rc != 0)
		(void)regauth_explain_refusal(err, ref, auth != NULL, about);
out:
	if (r.h != NULL)
		curl_easy_cleanup(r.h);
	curl_slist_free_all(hdrs);
	if (auth != NULL) {
		explicit_bzero(auth, strlen(auth));
		free(auth);
	}
	dapi_buf_free(&r.refusal);
	pullprog_free(r.pp);
	return rc;
}
