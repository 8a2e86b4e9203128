/* Tests for the deploy journal: history folding, and the writer and reader sharing one field table. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "deploy/journal.h"

#define ENG_A "unix:///run/a.sock"
#define ENG_B "tcp://10.0.0.2:2376"

/* Records as berth wrote them (observe.c, redeploy.c, swarmdeploy.c, recovery). */
static const char history[] =
    /* 1: a start-first deploy that succeeded */
    "{\"id\":\"d1\",\"ev\":\"start\",\"t\":1000,\"engine\":\"" ENG_A "\",\"service\":\"shop\","
    "\"branch\":\"production\",\"container\":\"shop\",\"via\":\"cli\",\"who\":\"ci\","
    "\"strategy\":\"start-first\",\"from_ref\":\"shop:production\",\"from_image\":\"sha256:a\","
    "\"from_commit\":\"c1\",\"from_build\":\"1\",\"to_ref\":\"shop:production\","
    "\"to_image\":\"sha256:b\",\"to_digest\":\"shop@sha256:bd\",\"commit\":\"c2\",\"build\":\"2\"}\n"
    "{\"id\":\"d1\",\"ev\":\"step\",\"t\":1100,\"step\":\"created\",\"old_id\":\"o1\","
    "\"old_name\":\"shop\",\"old_running\":true,\"new_id\":\"n1\",\"new_name\":\"shop-berth-new-d1\"}\n"
    "{\"id\":\"d1\",\"ev\":\"step\",\"t\":1200,\"step\":\"healthy\",\"old_id\":\"o1\","
    "\"old_name\":\"shop\",\"old_running\":true,\"new_id\":\"n1\",\"new_name\":\"shop-berth-new-d1\"}\n"
    "{\"id\":\"d1\",\"ev\":\"step\",\"t\":1300,\"step\":\"removed_old\",\"old_id\":\"o1\","
    "\"old_name\":\"shop\",\"old_running\":true,\"new_id\":\"n1\",\"new_name\":\"shop\"}\n"
    /* a line torn by a crash, then finished by the next writer's newline */
    "{\"id\":\"d1\",\"ev\":\"st\n"
    "{\"id\":\"d1\",\"ev\":\"end\",\"t\":6300,\"result\":\"succeeded\",\"new_id\":\"n1\"}\n"
    /* 2: another engine's deploy of the same unit name, interleaved */
    "{\"id\":\"d2\",\"ev\":\"start\",\"t\":2000,\"engine\":\"" ENG_B "\",\"service\":\"shop\","
    "\"branch\":\"production\",\"via\":\"tui\",\"to_image\":\"sha256:x\"}\n"
    /* 3: a failed deploy of another branch, rolled back */
    "{\"id\":\"d3\",\"ev\":\"start\",\"t\":7000,\"engine\":\"" ENG_A "\",\"service\":\"shop\","
    "\"branch\":\"integration\",\"via\":\"cli\",\"to_image\":\"sha256:c\"}\n"
    "{\"id\":\"d3\",\"ev\":\"step\",\"t\":7100,\"step\":\"stopped_old\",\"old_id\":\"o3\","
    "\"old_running\":false}\n"
    "{\"id\":\"d3\",\"ev\":\"end\",\"t\":9000,\"result\":\"rolled back\","
    "\"reason\":\"the new container exited at once (exit code 3)\"}\n"
    "   \n"
    /* 4: a rollback to d1's image that failed before any change */
    "{\"id\":\"d4\",\"ev\":\"start\",\"t\":10000,\"engine\":\"" ENG_A "\",\"service\":\"shop\","
    "\"branch\":\"production\",\"via\":\"cli\",\"to_image\":\"sha256:a\",\"rollback_of\":\"d1\"}\n"
    "{\"id\":\"d4\",\"ev\":\"end\",\"t\":10050,\"result\":\"failed\","
    "\"reason\":\"image sha256:a does not exist on this engine\"}\n"
    /* 5: a replacement berth only saw */
    "{\"id\":\"d5\",\"ev\":\"observed\",\"t\":11000,\"engine\":\"" ENG_A "\",\"service\":\"shop\","
    "\"branch\":\"production\",\"container\":\"shop\",\"via\":\"observed\","
    "\"observed_by\":\"ops\",\"from_image\":\"sha256:b\",\"to_image\":\"sha256:d\","
    "\"result\":\"succeeded\",\"reason\":\"replaced outside berth\"}\n"
    /* records that belong to no deploy, or to none berth knows */
    "{\"id\":\"d9\",\"ev\":\"end\",\"t\":12000,\"result\":\"failed\"}\n"
    "{\"id\":\"d1\",\"ev\":\"future-kind\",\"t\":12001,\"result\":\"failed\"}\n"
    "[1,2]\n"
    "{\"id\":5,\"ev\":\"start\"}\n"
    /* 6: interrupted after created (no end), then a swarm scale, torn at the tail */
    "{\"id\":\"d6\",\"ev\":\"start\",\"t\":13000,\"engine\":\"" ENG_A "\",\"service\":\"cart\","
    "\"branch\":\"production\",\"container\":\"cart\",\"via\":\"cli\"}\n"
    "{\"id\":\"d6\",\"ev\":\"step\",\"t\":13100,\"step\":\"created\",\"old_id\":\"o6\","
    "\"old_name\":\"cart\",\"old_running\":true,\"new_id\":\"n6\",\"to_image\":\"sha256:old-writer\"}\n"
    "{\"id\":\"d7\",\"ev\":\"start\",\"t\":14000,\"engine\":\"" ENG_A "\",\"service\":\"web\","
    "\"branch\":\"production\",\"via\":\"swarm\",\"strategy\":\"swarm-scale\","
    "\"swarm_service\":\"svc1\",\"from_replicas\":3,\"to_replicas\":0}\n"
    "{\"id\":\"d7\",\"ev\":\"end\",\"t\":15000,\"result\":\"succeeded\",\"recovered\":true}\n"
    "{\"id\":\"d8\",\"ev\":\"start\",\"t\":16000,\"engine\":";

static void
parse_history(struct journal_lines *l)
{
	journal_parse(history, strlen(history), l);
}

static const struct journal_entry *
by_id(const struct journal_history *h, const char *id)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->e[i].id, id) == 0)
			return &h->e[i];
	return NULL;
}

START_TEST(torn_lines_are_skipped)
{
	struct journal_lines l;

	parse_history(&l);
	/* the torn line, [1,2], the numeric id and the torn tail */
	ck_assert_uint_eq(l.nbad, 4);
	ck_assert_uint_eq(l.bad[0], 5);
	ck_assert(l.torn_tail);
	ck_assert_uint_eq(l.n, 18);
	journal_lines_clear(&l);
}
END_TEST

START_TEST(start_end_pairs)
{
	struct journal_lines l;
	struct journal_history h;
	const struct journal_entry *e;

	parse_history(&l);
	journal_fold(&l, NULL, NULL, NULL, &h);
	/* d1..d7 in the order of their first record; d9 had no start */
	ck_assert_uint_eq(h.n, 7);
	ck_assert_str_eq(h.e[0].id, "d1");
	ck_assert_str_eq(h.e[1].id, "d2");
	ck_assert_str_eq(h.e[6].id, "d7");
	ck_assert_ptr_null(by_id(&h, "d9"));
	e = by_id(&h, "d1");
	ck_assert_int_eq(e->result, JOURNAL_SUCCEEDED);
	ck_assert_int_eq(e->start_ms, 1000);
	ck_assert_int_eq(e->end_ms, 6300);
	ck_assert_str_eq(e->engine, ENG_A);
	ck_assert_str_eq(e->who, "ci");
	ck_assert_str_eq(e->strategy, "start-first");
	ck_assert_str_eq(e->from_commit, "c1");
	ck_assert_str_eq(e->commit, "c2");
	ck_assert_str_eq(e->build, "2");
	ck_assert_str_eq(e->to_digest, "shop@sha256:bd");
	ck_assert_ptr_null(e->from_digest);
	ck_assert_ptr_null(e->reason);
	ck_assert_ptr_null(e->rollback_of);
	/* the last step wins; "healthy" was seen on the way */
	ck_assert_str_eq(e->step, "removed_old");
	ck_assert_str_eq(e->new_name, "shop");
	ck_assert(e->healthy);
	ck_assert(e->old_running);
	ck_assert(!e->recovered);
	/* a record of an unknown kind is ignored, not taken for an end */
	ck_assert_int_eq(e->result, JOURNAL_SUCCEEDED);
	journal_history_clear(&h);
	journal_lines_clear(&l);
}
END_TEST

START_TEST(failed_and_rolled_back)
{
	struct journal_lines l;
	struct journal_history h;
	const struct journal_entry *e;

	parse_history(&l);
	journal_fold(&l, ENG_A, NULL, NULL, &h);
	e = by_id(&h, "d3");
	ck_assert_int_eq(e->result, JOURNAL_ROLLED_BACK);
	ck_assert_str_eq(e->reason, "the new container exited at once (exit code 3)");
	ck_assert_str_eq(e->step, "stopped_old");
	ck_assert(!e->old_running);
	ck_assert(!e->healthy);
	ck_assert_int_eq(e->end_ms, 9000);
	e = by_id(&h, "d4");
	ck_assert_int_eq(e->result, JOURNAL_FAILED);
	ck_assert_str_eq(e->rollback_of, "d1");
	ck_assert_str_eq(e->to_image, "sha256:a");
	ck_assert_ptr_null(e->step);
	ck_assert_str_eq(journal_result_name(e->result), "failed");
	journal_history_clear(&h);
	journal_lines_clear(&l);
}
END_TEST

START_TEST(observed_is_start_and_end)
{
	struct journal_lines l;
	struct journal_history h;
	const struct journal_entry *e;

	parse_history(&l);
	journal_fold(&l, ENG_A, "shop", "production", &h);
	e = by_id(&h, "d5");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->result, JOURNAL_SUCCEEDED);
	ck_assert_int_eq(e->start_ms, 11000);
	ck_assert_int_eq(e->end_ms, 11000);
	ck_assert_str_eq(e->via, "observed");
	ck_assert_str_eq(e->observed_by, "ops");
	ck_assert_ptr_null(e->who);
	ck_assert_str_eq(e->reason, "replaced outside berth");
	journal_history_clear(&h);
	journal_lines_clear(&l);
}
END_TEST

START_TEST(units_and_engines)
{
	struct journal_lines l;
	struct journal_history h;

	parse_history(&l);
	/* engine B holds only d2, though d2 shares the unit's name */
	journal_fold(&l, ENG_B, NULL, NULL, &h);
	ck_assert_uint_eq(h.n, 1);
	ck_assert_str_eq(h.e[0].id, "d2");
	ck_assert_int_eq(h.e[0].result, JOURNAL_RUNNING);
	journal_history_clear(&h);
	/* shop/production on A: d1, d4, d5; steps and ends match by id alone */
	journal_fold(&l, ENG_A, "shop", "production", &h);
	ck_assert_uint_eq(h.n, 3);
	ck_assert_str_eq(h.e[0].id, "d1");
	ck_assert_str_eq(h.e[1].id, "d4");
	ck_assert_str_eq(h.e[2].id, "d5");
	ck_assert_int_eq(h.e[0].result, JOURNAL_SUCCEEDED);
	journal_history_clear(&h);
	journal_fold(&l, ENG_A, "shop", "integration", &h);
	ck_assert_uint_eq(h.n, 1);
	ck_assert_str_eq(h.e[0].id, "d3");
	journal_history_clear(&h);
	journal_fold(&l, ENG_A, "nope", NULL, &h);
	ck_assert_uint_eq(h.n, 0);
	journal_history_clear(&h);
	journal_lines_clear(&l);
}
END_TEST

START_TEST(unfinished_and_swarm)
{
	struct journal_lines l;
	struct journal_history h;
	const struct journal_entry *e;

	parse_history(&l);
	journal_fold(&l, NULL, NULL, NULL, &h);
	/* what recovery needs of an interrupted deploy */
	e = by_id(&h, "d6");
	ck_assert_int_eq(e->result, JOURNAL_RUNNING);
	ck_assert_int_eq(e->end_ms, 0);
	ck_assert_str_eq(e->step, "created");
	ck_assert_str_eq(e->old_id, "o6");
	ck_assert_str_eq(e->new_id, "n6");
	ck_assert(e->old_running);
	/* an older writer put to_image in a step record */
	ck_assert_str_eq(e->to_image, "sha256:old-writer");
	ck_assert_str_eq(journal_result_name(e->result), "unfinished");
	e = by_id(&h, "d7");
	ck_assert_str_eq(e->swarm_service, "svc1");
	ck_assert(e->from_replicas.set);
	ck_assert_uint_eq(e->from_replicas.n, 3);
	ck_assert(e->to_replicas.set);	/* a scale to 0 is still a count */
	ck_assert_uint_eq(e->to_replicas.n, 0);
	ck_assert(e->recovered);
	ck_assert(!by_id(&h, "d1")->from_replicas.set);
	journal_history_clear(&h);
	journal_lines_clear(&l);
}
END_TEST

START_TEST(entry_json_is_the_documented_shape)
{
	static const char *const keys[] = {
		"id", "engine", "service", "branch", "container", "via", "who", "strategy",
		"from_ref", "from_image", "from_digest", "from_commit", "from_build",
		"to_ref", "to_image", "to_digest", "commit", "build", "rollback_of",
		"start_ms", "end_ms", "result", "reason", "last_step",
	};
	struct journal_lines l;
	struct journal_history h;
	json_t *o;

	parse_history(&l);
	journal_fold(&l, NULL, NULL, NULL, &h);
	o = journal_entry_json(by_id(&h, "d1"));
	ck_assert_uint_eq(json_object_size(o), sizeof keys / sizeof keys[0]);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ck_assert_msg(json_object_get(o, keys[i]) != NULL, "no %s", keys[i]);
	ck_assert_str_eq(json_string_value(json_object_get(o, "last_step")), "removed_old");
	ck_assert_str_eq(json_string_value(json_object_get(o, "result")), "succeeded");
	ck_assert_int_eq(json_integer_value(json_object_get(o, "end_ms")), 6300);
	ck_assert(json_is_null(json_object_get(o, "reason")));
	json_decref(o);
	/* unfinished: no end time */
	o = journal_entry_json(by_id(&h, "d6"));
	ck_assert(json_is_null(json_object_get(o, "end_ms")));
	ck_assert_int_eq(json_integer_value(json_object_get(o, "start_ms")), 13000);
	ck_assert_str_eq(json_string_value(json_object_get(o, "result")), "unfinished");
	json_decref(o);
	journal_history_clear(&h);
	journal_lines_clear(&l);
}
END_TEST

/* ---------------------------------------------------------------- writer -> reader */

/* Records of e, one line each, as journal_append would write them. */
static char *
lines_of(const struct journal_entry *e, const unsigned *evs, size_t n)
{
	size_t len = 0;
	char *out = NULL;

	for (size_t i = 0; i < n; i++) {
		json_t *r = journal_record((enum journal_ev)evs[i], e);
		char *s = json_dumps(r, JSON_COMPACT | JSON_ENSURE_ASCII);
		size_t k = strlen(s);

		out = realloc(out, len + k + 2);
		memcpy(out + len, s, k);
		len += k;
		out[len++] = '\n';
		out[len] = '\0';
		free(s);
		json_decref(r);
	}
	return out;
}

START_TEST(round_trip_deploy)
{
	char id[] = "dabc", eng[] = ENG_A, svc[] = "shop", br[] = "feature/x", via[] = "tui";
	char who[] = "alice", img_a[] = "sha256:a", img_b[] = "sha256:b", c1[] = "c1";
	char step[] = "healthy", old_id[] = "o1", new_id[] = "n1", reason[] = "why \"quoted\"\n";
	char empty[] = "";
	struct journal_entry w = {
		.id = id, .engine = eng, .service = svc, .branch = br, .via = via, .who = who,
		.from_image = img_a, .to_image = img_b, .commit = c1, .from_commit = empty,
		.step = step, .old_id = old_id, .new_id = new_id, .old_running = false,
		.result = JOURNAL_ROLLED_BACK, .reason = reason, .recovered = true,
	};
	const unsigned evs[] = { JOURNAL_EV_START, JOURNAL_EV_STEP, JOURNAL_EV_END };
	char *text = lines_of(&w, evs, 3);
	struct journal_lines l;
	struct journal_history h;
	const struct journal_entry *e;
	json_t *start;

	journal_parse(text, strlen(text), &l);
	ck_assert_uint_eq(l.nbad, 0);
	ck_assert_uint_eq(l.n, 3);
	/* each record carries only its own fields */
	start = l.recs[0];
	ck_assert_str_eq(json_string_value(json_object_get(start, "ev")), "start");
	ck_assert_ptr_null(json_object_get(start, "step"));
	ck_assert_ptr_null(json_object_get(start, "result"));
	ck_assert_ptr_null(json_object_get(start, "from_commit"));	/* empty: left out */
	ck_assert_ptr_nonnull(json_object_get(l.recs[1], "old_running"));	/* false, but there */
	ck_assert_ptr_null(json_object_get(l.recs[1], "service"));
	ck_assert_ptr_null(json_object_get(l.recs[1], "reason"));
	ck_assert_ptr_nonnull(json_object_get(l.recs[2], "new_id"));
	ck_assert(json_is_true(json_object_get(l.recs[2], "recovered")));
	journal_fold(&l, ENG_A, "shop", "feature/x", &h);
	ck_assert_uint_eq(h.n, 1);
	e = &h.e[0];
	ck_assert_str_eq(e->id, "dabc");
	ck_assert_str_eq(e->via, "tui");
	ck_assert_str_eq(e->who, "alice");
	ck_assert_str_eq(e->from_image, "sha256:a");
	ck_assert_str_eq(e->to_image, "sha256:b");
	ck_assert_str_eq(e->commit, "c1");
	ck_assert_ptr_null(e->from_commit);
	ck_assert_str_eq(e->step, "healthy");
	ck_assert(e->healthy);
	ck_assert_str_eq(e->old_id, "o1");
	ck_assert_str_eq(e->new_id, "n1");
	ck_assert(!e->old_running);
	ck_assert_int_eq(e->result, JOURNAL_ROLLED_BACK);
	ck_assert_str_eq(e->reason, "why \"quoted\"\n");
	ck_assert(e->recovered);
	ck_assert_int_gt(e->start_ms, 0);
	ck_assert_int_ge(e->end_ms, e->start_ms);
	journal_history_clear(&h);
	journal_lines_clear(&l);
	free(text);
}
END_TEST

START_TEST(round_trip_observed_and_swarm)
{
	char id[] = "dobs", eng[] = ENG_B, svc[] = "web", br[] = "main", via[] = "observed";
	char by[] = "bob", bad[] = "caf\xe9", sid[] = "svc9";
	struct journal_entry w = {
		.id = id, .engine = eng, .service = svc, .branch = br, .via = via,
		.observed_by = by, .container = bad, .swarm_service = sid,
		.from_replicas = { true, 0 }, .to_replicas = { true, 5 },
		.result = JOURNAL_SUCCEEDED,
	};
	const unsigned obs[] = { JOURNAL_EV_OBSERVED };
	const unsigned scale[] = { JOURNAL_EV_START };
	char *text = lines_of(&w, obs, 1);
	struct journal_lines l;
	struct journal_history h;

	journal_parse(text, strlen(text), &l);
	journal_fold(&l, NULL, NULL, NULL, &h);
	ck_assert_uint_eq(h.n, 1);
	ck_assert_int_eq(h.e[0].result, JOURNAL_SUCCEEDED);
	ck_assert_int_eq(h.e[0].start_ms, h.e[0].end_ms);
	ck_assert_str_eq(h.e[0].observed_by, "bob");
	ck_assert_str_eq(h.e[0].container, "caf?");	/* not UTF-8: replaced, not dropped */
	/* replicas belong to a start record only */
	ck_assert(!h.e[0].from_replicas.set);
	journal_history_clear(&h);
	journal_lines_clear(&l);
	free(text);

	text = lines_of(&w, scale, 1);
	journal_parse(text, strlen(text), &l);
	journal_fold(&l, NULL, NULL, NULL, &h);
	ck_assert_uint_eq(h.n, 1);
	ck_assert(h.e[0].from_replicas.set);
	ck_assert_uint_eq(h.e[0].from_replicas.n, 0);
	ck_assert_uint_eq(h.e[0].to_replicas.n, 5);
	ck_assert_str_eq(h.e[0].swarm_service, "svc9");
	ck_assert_ptr_null(h.e[0].observed_by);	/* an observed record's field */
	ck_assert_int_eq(h.e[0].result, JOURNAL_RUNNING);
	journal_history_clear(&h);
	journal_lines_clear(&l);
	free(text);
}
END_TEST

START_TEST(round_trip_through_the_file)
{
	char dir[] = "/tmp/check_journal.XXXXXX", path[512];
	char id[] = "dfile", eng[] = ENG_A, svc[] = "shop", br[] = "production";
	struct journal_entry w = {
		.id = id, .engine = eng, .service = svc, .branch = br, .result = JOURNAL_FAILED,
	};
	struct journal_error err;
	struct journal *j;
	struct journal_lines l;
	struct journal_history h;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	j = journal_open(dir, &err);
	ck_assert_msg(j != NULL, "%s", err.text);
	ck_assert_int_eq(journal_write(j, JOURNAL_EV_START, &w, &err), 0);
	ck_assert_int_eq(journal_write(j, JOURNAL_EV_END, &w, &err), 0);
	journal_free(j);
	ck_assert_int_eq(journal_read(dir, &l, &err), 0);
	ck_assert_uint_eq(l.n, 2);
	journal_fold(&l, ENG_A, "shop", "production", &h);
	ck_assert_uint_eq(h.n, 1);
	ck_assert_str_eq(h.e[0].id, "dfile");
	ck_assert_int_eq(h.e[0].result, JOURNAL_FAILED);
	journal_history_clear(&h);
	journal_lines_clear(&l);
	snprintf(path, sizeof path, "%s/journal.jsonl", dir);
	unlink(path);
	rmdir(dir);
}
END_TEST

static Suite *
journal_suite(void)
{
	Suite *s = suite_create("journal");
	TCase *fold = tcase_create("fold");
	TCase *rt = tcase_create("round trip");

	tcase_add_test(fold, torn_lines_are_skipped);
	tcase_add_test(fold, start_end_pairs);
	tcase_add_test(fold, failed_and_rolled_back);
	tcase_add_test(fold, observed_is_start_and_end);
	tcase_add_test(fold, units_and_engines);
	tcase_add_test(fold, unfinished_and_swarm);
	tcase_add_test(fold, entry_json_is_the_documented_shape);
	tcase_add_test(rt, round_trip_deploy);
	tcase_add_test(rt, round_trip_observed_and_swarm);
	tcase_add_test(rt, round_trip_through_the_file);
	suite_add_tcase(s, fold);
	suite_add_tcase(s, rt);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(journal_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
