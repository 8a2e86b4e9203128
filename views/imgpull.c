/* The images pane's pull: the reference asked, pulled on a thread of its own, progress through app_post. */
#include "views/imgpull.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/prunerun.h"
#include "dockerapi/ctrapi.h"
#include "dockerapi/dapi.h"
#include "dockerapi/endpoint.h"
#include "dockerapi/pull.h"
#include "tui/prompt.h"
#include "views/app.h"
#include "views/confirm.h"
#include "views/resviews.h"
#include "xmalloc.h"

#define PULL_TIMEOUT_MS (10L * 60 * 1000)
#define PULL_REPORT_MS 250	/* at most four progress lines a second */

/* The pane's pull state (r->ext). */
struct imgpull {
	struct prunerun_gate *gate;	/* the pull thread answers through it */
	bool running;
	char ref[512];
};

/* One pull, on its own thread. */
struct imgpull_task {
	struct prunerun_gate *gate;
	struct app *app;
	unsigned owner;		/* the images pane */
	struct resviews *r;	/* only touched on the UI thread while owner is open */
	struct endpoint ep;
	char ref[512];
	bool read_only;
	/* the message being posted (prunerun_gate_call's argument) */
	struct imgpull_msg *msg;
};

/* A message from the pull thread to the UI thread (one allocation). */
struct imgpull_msg {
	bool last, ok;
	char text[1600];
};

/* UI thread, the pane still open: the status bar, and at the end a refresh. */
static void
on_msg(struct app *app, void *arg, void *payload)
{
	struct resviews *r = arg;
	struct imgpull_msg *m = payload;
	struct imgpull *ip = r->ext;

	if (!m->last) {
		if (ip->running)
			app_message(app, 0, "%s", m->text);
		return;
	}
	ip->running = false;
	app_message(app, m->ok ? 15 : 0, "%s", m->text);
	r->l.fetched_at = 0;	/* refresh at the next draw */
}

/* Under the gate: the pane has not closed, so app is alive. */
static void
post(void *arg)
{
	struct imgpull_task *t = arg;

	app_post(t->app, t->owner, on_msg, t->r, t->msg, free);
	t->msg = NULL;
}

static void __attribute__((format(printf, 4, 5)))
say(struct imgpull_task *t, bool last, bool ok, const char *fmt, ...)
{
	va_list ap;

	t->msg = xcalloc(1, sizeof *t->msg);
	t->msg->last = last;
	t->msg->ok = ok;
	va_start(ap, fmt);
	vsnprintf(t->msg->text, sizeof t->msg->text, fmt, ap);
	va_end(ap);
	(void)prunerun_gate_call(t->gate, post, t);
	free(t->msg);		/* not posted: the pane has closed */
	t->msg = NULL;
}

static void
on_progress(void *arg, const struct pullprog_sum *s)
{
	struct imgpull_task *t = arg;
	char line[160];

	pullprog_format(s, line, sizeof line);
	say(t, false, false, "pulling %s: %s", t->ref, line);
}

/* The pane has closed (or berth quits): give the pull up. */
static bool
stopped(void *arg)
{
	struct imgpull_task *t = arg;

	return prunerun_gate_stopped(t->gate);
}

static void *
pull_thread(void *arg)
{
	struct imgpull_task *t = arg;
	struct dapi_client *c = NULL;
	struct dapi_error err;
	char digest[200];

	if (t->read_only) {
		/* the request layer's own refusal: nothing is sent */
		say(t, true, false, "read-only: pull is disabled");
		goto out;
	}
	c = dapi_client_new(&t->ep);
	if (dapi_ping(c, &err) != 0)
		say(t, true, false, "cannot pull %s: %s", t->ref, err.text);
	else if (pull_image_until(c, t->ref, PULL_TIMEOUT_MS, PULL_REPORT_MS, on_progress, stopped, t,
	    &err) != 0)
		say(t, true, false, "cannot pull %s: %s", t->ref, err.text);
	else {
		ctrapi_image_digest(c, t->ref, digest, sizeof digest);
		say(t, true, true, "pulled %s%s%s%s", t->ref, digest[0] != '\0' ? " (digest " : "",
		    digest, digest[0] != '\0' ? ")" : "");
	}
out:
	dapi_client_free(c);
	prunerun_gate_release(t->gate);
	endpoint_clear(&t->ep);
	free(t);
	return NULL;
}

static void
imgpull_free(void *p)
{
	struct imgpull *ip = p;

	/* a pull still running gives up (curl asks at least once a second)
	 * and nothing of it reaches the pane any more; a moment for it to go,
	 * so that berth does not exit under its feet */
	prunerun_gate_stop(ip->gate);
	prunerun_gate_close(ip->gate, 1500);
	free(ip);
}

static void
start(struct resviews *r, struct app *app, const char *ref)
{
	struct imgpull *ip = r->ext;
	struct imgpull_task *t = xcalloc(1, sizeof *t);
	pthread_t th;

	t->gate = ip->gate;
	t->app = app;
	t->owner = r->l.owner;
	t->r = r;
	endpoint_copy(&t->ep, r->l.ep);
	snprintf(t->ref, sizeof t->ref, "%s", ref);
	t->read_only = app->opts.read_only;
	snprintf(ip->ref, sizeof ip->ref, "%s", ref);
	ip->running = true;
	prunerun_gate_hold(ip->gate);
	app_message(app, 0, "pulling %s", ref);
	if (pthread_create(&th, NULL, pull_thread, t) == 0) {
		pthread_detach(th);	/* it frees t itself */
		return;
	}
	ip->running = false;
	app_message(app, 0, "cannot pull %s: cannot start a thread", ref);
	prunerun_gate_release(ip->gate);
	endpoint_clear(&t->ep);
	free(t);
}

/* What the prompt's done is told: the pane it was asked in. */
struct ask {
	struct resviews *r;
	unsigned owner;
};

static void
on_answer(struct app *app, void *arg, enum prompt_result res, const char *text)
{
	struct ask *a = arg;
	const char *b = text != NULL ? text : "";
	size_t len;
	char ref[512];

	if (res == PROMPT_YES && app_owner(app, a->r) == a->owner) {
		while (isspace((unsigned char)*b))
			b++;
		for (len = strlen(b); len > 0 && isspace((unsigned char)b[len - 1]); len--)
			;
		if (len == 0)
			app_message(app, 5, "pull: no image reference given");
		else if (len >= sizeof ref)
			app_message(app, 5, "pull: the image reference is too long");
		else {
			snprintf(ref, sizeof ref, "%.*s", (int)len, b);
			start(a->r, app, ref);
		}
	} else if (res != PROMPT_YES)
		app_message(app, 3, "pull: cancelled");
	free(a);
}

int
imgpull_ask(struct resviews *r, struct app *app, const char *initial)
{
	struct imgpull *ip = r->ext;
	struct ask *a;

	if (confirm_refused(app, "pull"))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (r->l.ep == NULL) {
		app_message(app, 5, "pull: no engine");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (ip == NULL) {
		ip = r->ext = xcalloc(1, sizeof *ip);
		ip->gate = prunerun_gate_new();
		r->ext_free = imgpull_free;
	}
	if (ip->running) {
		app_message(app, 5, "pull: %s is still being pulled", ip->ref);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	a = xcalloc(1, sizeof *a);
	a->r = r;
	a->owner = r->l.owner;
	app_prompt(app, prompt_new_text("Pull which image?",
	    "REPOSITORY[:TAG] or @DIGEST; the login is the docker CLI's (docker login)", initial), on_answer, a);
	return VIEW_HANDLED | VIEW_REDRAW;
}
