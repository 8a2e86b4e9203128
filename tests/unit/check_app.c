/* The runtime's seams without curses: pane arguments, job callbacks on the
 * UI thread, and answers for a closed pane dropped (views/app.c). */
#include <check.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/jobs.h"
#include "model/msgq.h"
#include "views/app.h"
#include "views/view.h"
#include "xmalloc.h"

struct fake {
	int x;			/* from the pane's argument */
	unsigned self;		/* app_owner inside init */
};

static int finis;

static void *
fake_init(struct app *app, const void *arg)
{
	struct fake *f = xcalloc(1, sizeof *f);

	f->x = arg != NULL ? *(const int *)arg : -1;
	f->self = app_owner(app, f);
	return f;
}

static void
fake_fini(void *st)
{
	free(st);
	finis++;
}

static const struct view root_view = { .name = "root", .init = fake_init, .fini = fake_fini };
static const struct view pane_view = { .name = "pane", .init = fake_init, .fini = fake_fini };

/* What a callback saw. */
struct rec {
	int calls, freed;
	bool ok;
	char error[256];
	struct app *app;
};

static void
on_done(struct app *app, void *arg, const struct jobs_result *r)
{
	struct rec *c = arg;

	c->calls++;
	c->app = app;
	c->ok = r->ok;
	snprintf(c->error, sizeof c->error, "%s", r->error != NULL ? r->error : "");
}

static void
rec_free(void *arg)
{
	((struct rec *)arg)->freed++;
}

static struct app *
app_make(void)
{
	struct app *app = xcalloc(1, sizeof *app);
	struct endpoint ep;
	struct jobs_sink sink;
	char err[128];

	ck_assert_int_eq(endpoint_parse("unix:///nonexistent/berth-test.sock", &ep, err,
	    sizeof err), 0);
	app->q = msgq_new();
	ck_assert_ptr_nonnull(app->q);
	app_engines_init(app, &ep, 1);
	sink = app_jobs_sink(app, 0);
	app->engines[0].jobs = jobs_new(&ep, &sink, 1, false);
	ck_assert_ptr_nonnull(app->engines[0].jobs);
	endpoint_clear(&ep);
	finis = 0;
	app_push(app, &root_view, NULL);
	return app;
}

static void
app_unmake(struct app *app)
{
	while (app->depth > 0) {
		app->depth--;
		fake_fini(app->state[app->depth]);
	}
	app_engines_free(app);
	msgq_free(app->q);
	free(app);
}

/* Take messages, as the main loop does, until *freed reaches want. */
static void
pump(struct app *app, const int *freed, int want)
{
	for (int i = 0; i < 100 && *freed < want; i++) {
		struct pollfd p = { .fd = msgq_fd(app->q), .events = POLLIN };
		poll(&p, 1, 100);
		app_take_messages(app);
	}
	ck_assert_int_eq(*freed, want);
}

START_TEST(test_pane_argument)
{
	struct app *app = app_make();
	int arg = 42;
	struct fake *f;

	app_push(app, &pane_view, &arg);
	ck_assert_int_eq(app->depth, 2);
	f = app->state[1];
	ck_assert_int_eq(f->x, 42);
	/* the id init got is the pane's id on the stack */
	ck_assert_uint_ne(f->self, APP_NO_OWNER);
	ck_assert_uint_eq(app_owner(app, f), f->self);
	ck_assert_uint_ne(app_owner(app, app->state[0]), f->self);
	app_unmake(app);
}
END_TEST

START_TEST(test_answer_for_open_pane)
{
	struct app *app = app_make();
	struct rec c = { 0 };
	struct fake *f;

	app_push(app, &pane_view, NULL);
	f = app->state[1];
	ck_assert_uint_ne(app_job(app, 0, f->self, NULL, "/containers/x/json", NULL, 500,
	    on_done, &c, rec_free), 0);
	pump(app, &c.freed, 1);
	/* called once, on this (the UI) thread, with the engine's failure */
	ck_assert_int_eq(c.calls, 1);
	ck_assert_ptr_eq(c.app, app);
	ck_assert(!c.ok);
	ck_assert_str_ne(c.error, "");
	app_unmake(app);
}
END_TEST

START_TEST(test_answer_for_closed_pane_dropped)
{
	struct app *app = app_make();
	struct rec c = { 0 }, kept = { 0 };
	struct fake *f;
	unsigned old;

	app_push(app, &pane_view, NULL);
	f = app->state[1];
	old = f->self;
	app_job(app, 0, old, NULL, "/containers/x/json", NULL, 500, on_done, &c, rec_free);
	/* work of no pane outlives any pane */
	app_job(app, 0, APP_NO_OWNER, NULL, "/containers/y/json", NULL, 500, on_done,
	    &kept, rec_free);
	app_pop(app);
	ck_assert_int_eq(finis, 1);
	ck_assert_int_eq(app->depth, 1);
	/* a new pane, maybe at the old one's address, is not the old one */
	app_push(app, &pane_view, NULL);
	ck_assert_uint_ne(((struct fake *)app->state[1])->self, old);
	pump(app, &c.freed, 1);
	pump(app, &kept.freed, 1);
	ck_assert_int_eq(c.calls, 0);
	ck_assert_int_eq(kept.calls, 1);
	app_unmake(app);
}
END_TEST

/* app_post from another thread, as a pane's follower or deploy runner does. */
struct poster {
	struct app *app;
	unsigned owner;
	int *payload;
};

static int post_calls, payloads_freed;

static void
on_post(struct app *app, void *arg, void *payload)
{
	(void)app;
	ck_assert_ptr_eq(arg, &post_calls);
	ck_assert_int_eq(*(int *)payload, 7);
	post_calls++;
}

static void
payload_free(void *p)
{
	free(p);
	payloads_freed++;
}

static void *
post_main(void *arg)
{
	struct poster *p = arg;

	app_post(p->app, p->owner, on_post, &post_calls, p->payload, payload_free);
	return NULL;
}

static void
post_from_thread(struct app *app, unsigned owner)
{
	struct poster p = { app, owner, xmalloc(sizeof (int)) };
	pthread_t th;

	*p.payload = 7;
	ck_assert_int_eq(pthread_create(&th, NULL, post_main, &p), 0);
	pthread_join(th, NULL);
}

START_TEST(test_post)
{
	struct app *app = app_make();
	unsigned owner;

	post_calls = payloads_freed = 0;
	app_push(app, &pane_view, NULL);
	owner = app_owner(app, app->state[1]);
	post_from_thread(app, owner);
	pump(app, &payloads_freed, 1);
	ck_assert_int_eq(post_calls, 1);
	/* closed: the next one is dropped, its payload freed all the same */
	post_from_thread(app, owner);
	app_pop(app);
	pump(app, &payloads_freed, 2);
	ck_assert_int_eq(post_calls, 1);
	/* and freed with the queue when nobody took it */
	post_from_thread(app, APP_NO_OWNER);
	app_unmake(app);
	ck_assert_int_eq(payloads_freed, 3);
	ck_assert_int_eq(post_calls, 1);
}
END_TEST

START_TEST(test_no_engine)
{
	struct app *app = app_make();
	struct rec c = { 0 };

	/* no such engine: 0, and the arg is freed at once */
	ck_assert_uint_eq(app_job(app, 5, APP_NO_OWNER, NULL, "/x", NULL, 0, on_done, &c,
	    rec_free), 0);
	ck_assert_int_eq(c.freed, 1);
	ck_assert_int_eq(c.calls, 0);
	app_unmake(app);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("app");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pane_argument);
	tcase_add_test(tc, test_answer_for_open_pane);
	tcase_add_test(tc, test_answer_for_closed_pane_dropped);
	tcase_add_test(tc, test_post);
	tcase_add_test(tc, test_no_engine);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
