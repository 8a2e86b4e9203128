/* The deploy runner and the rollback target: every run ends with one DONE
 * event, runs are told apart by id, and the rollback's choice from the
 * journal. Against an engine that is not there; also meant for TSan. */
#include <check.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "deploy/rollback.h"
#include "deploy/runner.h"
#include "model/msgq.h"
#include "views/app.h"
#include "xmalloc.h"

#define NOWHERE "unix:///nonexistent/berth-test.sock"

/* The events as the dashboard's glue (views/app.c app_runner_sink)
 * delivers them on the UI thread. */
struct seen {
	struct runner **r;
	const enum runner_action *acts;
	int *done, got;
};

static void
on_event(struct app *app, void *arg, const struct app_deploy_event *d)
{
	struct seen *s = arg;
	int k = -1;
	(void)app;

	for (int i = 0; i < 3; i++)
		if (d->run == runner_id(s->r[i]))
			k = i;
	ck_assert_int_ge(k, 0);
	/* nothing reached: no step, only the end */
	ck_assert_int_eq(d->kind, RUNNER_DONE);
	ck_assert(!d->ok);
	ck_assert_str_eq(d->step, s->acts[k] == RUNNER_SWARM ? "failed" : "refused");
	ck_assert_ptr_nonnull(strstr(d->text, "cannot reach the engine"));
	ck_assert_str_eq(d->id, "");
	s->done[k]++;
	s->got++;
}

START_TEST(test_runner_done_once)
{
	struct app *app = xcalloc(1, sizeof *app);
	struct runner *r[3];
	enum runner_action acts[3] = { RUNNER_REDEPLOY, RUNNER_ROLLBACK, RUNNER_SWARM };
	int done[3] = { 0 };
	struct seen seen = { r, acts, done, 0 };
	struct app_runner_link link = { app, APP_NO_OWNER, on_event, &seen };
	struct runner_sink sink = app_runner_sink(&link);
	struct endpoint ep;
	char err[128], svc[32];

	app->q = msgq_new();
	ck_assert_ptr_nonnull(app->q);
	ck_assert_int_eq(endpoint_parse(NOWHERE, &ep, err, sizeof err), 0);
	for (int i = 0; i < 3; i++) {
		struct runner_opts o = { .action = acts[i], .ep = &ep, .dir = "/nonexistent",
		    .what = "shop/integration",
		    .redeploy = { .engine = ep.url, .service = svc, .branch = "integration",
		    .via = "tui" },
		    .swarm = { .engine = ep.url, .service_id = svc, .op = SWARM_OP_SCALE,
		    .replicas = 2 } };
		snprintf(svc, sizeof svc, "shop");
		r[i] = runner_start(&o, &sink, err, sizeof err);
		ck_assert_ptr_nonnull(r[i]);
		/* the options were copied: the caller's buffers may change */
		snprintf(svc, sizeof svc, "changed");
		ck_assert_str_eq(runner_what(r[i]), "shop/integration");
		ck_assert_int_eq(runner_action(r[i]), acts[i]);
	}
	ck_assert_uint_ne(runner_id(r[0]), runner_id(r[1]));
	ck_assert_uint_ne(runner_id(r[1]), runner_id(r[2]));
	while (seen.got < 3) {
		struct pollfd p = { .fd = msgq_fd(app->q), .events = POLLIN };
		ck_assert_int_eq(poll(&p, 1, 20000), 1);
		app_take_messages(app);
	}
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(done[i], 1);
		runner_cancel(r[i]);
		runner_free(r[i]);
	}
	ck_assert_ptr_null(msgq_take_all(app->q));
	ck_assert(!runner_busy(NULL));
	runner_free(NULL);
	endpoint_clear(&ep);
	msgq_free(app->q);
	free(app);
}
END_TEST

static const char journal[] =
    "{\"id\":\"d000000000001\",\"ev\":\"start\",\"t\":1,\"engine\":\"E\",\"service\":\"shop\","
    "\"branch\":\"integration\",\"from_image\":\"sha256:aaa\",\"to_image\":\"sha256:bbb\"}\n"
    "{\"id\":\"d000000000001\",\"ev\":\"end\",\"t\":2,\"result\":\"succeeded\"}\n"
    "{\"id\":\"d000000000002\",\"ev\":\"start\",\"t\":3,\"engine\":\"E\",\"service\":\"shop\","
    "\"branch\":\"production\",\"from_image\":\"sha256:ccc\",\"to_image\":\"sha256:ddd\"}\n";

START_TEST(test_rollback_target_refusals)
{
	struct endpoint ep;
	struct dapi_client *c;
	struct journal_lines l;
	struct rollback_target t;
	struct journal_error je;
	char err[128];
	struct rollback_query none = { "E", "api", "integration", NULL };
	struct rollback_query missing = { "E", "shop", "integration", "d9" };
	struct rollback_query gone = { "E", "shop", "integration", "d000000000001" };
	struct rollback_query prev = { "E", "shop", "integration", NULL };
	struct rollback_query running = { "E", "shop", "production", NULL };

	ck_assert_int_eq(endpoint_parse(NOWHERE, &ep, err, sizeof err), 0);
	c = dapi_client_new(&ep);
	journal_parse(journal, sizeof journal - 1, &l);
	ck_assert_uint_eq(l.n, 3);

	ck_assert_int_eq(rollback_target(c, "/nonexistent", &l, &none, &t, &je), -1);
	ck_assert_str_eq(je.text, "no earlier image of api/integration in the journal is still present");
	ck_assert_int_eq(rollback_target(c, "/nonexistent", &l, &missing, &t, &je), -1);
	ck_assert_str_eq(je.text, "no deploy d9 of shop/integration in the journal");
	/* the deploy is there, its image is not (no engine: nothing is present) */
	ck_assert_int_eq(rollback_target(c, "/nonexistent", &l, &gone, &t, &je), -1);
	ck_assert_str_eq(je.text, "the image of deploy d000000000001 (sha256:bbb) is no longer present");
	/* the previous image: bbb is current, aaa is not on the engine */
	ck_assert_int_eq(rollback_target(c, "/nonexistent", &l, &prev, &t, &je), -1);
	ck_assert_ptr_nonnull(strstr(je.text, "no earlier image of shop/integration"));
	/* a deploy that never ended is no rollback target */
	ck_assert_int_eq(rollback_target(c, "/nonexistent", &l, &running, &t, &je), -1);
	ck_assert_ptr_nonnull(strstr(je.text, "no earlier image of shop/production"));
	ck_assert_str_eq(t.of, "");

	journal_lines_clear(&l);
	dapi_client_free(c);
	endpoint_clear(&ep);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("runner");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);	/* before the runners' threads */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_runner_done_once);
	tcase_add_test(tc, test_rollback_target_refusals);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
