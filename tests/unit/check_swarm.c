/* Swarm decoders and update bodies on fixtures recorded from a dockerd 20.10 swarm. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/swarm.h"
#include "tests/unit/fixture.h"

static const struct swarm_service *
by_name(const struct swarm_service *arr, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(arr[i].name, name) == 0)
			return &arr[i];
	return NULL;
}

START_TEST(info_manager)
{
	struct swarm_info i;
	struct decode_error e;
	size_t len;
	char *buf = fixture("swarm_info_manager.json", &len);

	ck_assert_int_eq(swarm_info_decode(buf, len, &i, &e), 0);
	ck_assert(i.active);
	ck_assert(i.manager);
	ck_assert_str_eq(i.state, "active");
	ck_assert_str_eq(i.node_id, "eo2efz2wdulq78ttqqytlap57");
	free(buf);
}
END_TEST

START_TEST(info_inactive)
{
	struct swarm_info i;
	struct decode_error e;
	size_t len;
	char *buf = fixture("swarm_info_inactive.json", &len);

	ck_assert_int_eq(swarm_info_decode(buf, len, &i, &e), 0);
	ck_assert(!i.active);
	ck_assert(!i.manager);
	ck_assert_str_eq(i.state, "inactive");
	free(buf);
	/* no Swarm object at all (an old engine): inactive, not an error */
	ck_assert_int_eq(swarm_info_decode("{}", 2, &i, &e), 0);
	ck_assert(!i.manager);
	ck_assert_int_eq(swarm_info_decode("[1]", 3, &i, &e), -1);
	ck_assert_int_eq(swarm_info_decode("{\"Swarm\":", 9, &i, &e), -1);
	ck_assert(strstr(e.text, "not valid JSON") != NULL);
}
END_TEST

START_TEST(services_list)
{
	struct swarm_service *arr;
	const struct swarm_service *s;
	struct decode_error e;
	size_t len, n;
	char *buf = fixture("swarm_services.json", &len);

	ck_assert_int_eq(swarm_services_decode(buf, len, &arr, &n, &e), 0);
	ck_assert_uint_eq(n, 3);
	s = by_name(arr, n, "web");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->id, "iyg2h72th0fzgfbxubf9f4swh");
	ck_assert_str_eq(s->mode, "replicated");
	ck_assert(!s->global);
	ck_assert_uint_eq(s->replicas, 2);
	ck_assert(s->has_status);
	ck_assert_uint_eq(s->running, 2);
	ck_assert_uint_eq(s->desired, 2);
	ck_assert_str_eq(s->image, "app:v2");
	ck_assert_str_eq(s->prev_image, "app:v1");
	ck_assert_str_eq(s->update_state, "updating");
	ck_assert_str_eq(s->update_msg, "update in progress");
	ck_assert_uint_eq(s->version, 34);
	ck_assert_str_eq(swarm_service_label(s, "berth.branch"), "production");
	ck_assert_ptr_null(swarm_service_label(s, "nope"));
	ck_assert(!swarm_service_problem(s));
	s = by_name(arr, n, "glob");
	ck_assert_ptr_nonnull(s);
	ck_assert(s->global);
	ck_assert_str_eq(s->mode, "global");
	ck_assert_str_eq(s->ports, "");
	ck_assert_ptr_null(s->prev_image);
	s = by_name(arr, n, "pub");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->ports, "18081:80/tcp(host)");
	swarm_services_free(arr, n);
	free(buf);
}
END_TEST

START_TEST(services_problems)
{
	struct swarm_service *arr;
	const struct swarm_service *s;
	struct decode_error e;
	size_t len, n;
	char *buf = fixture("swarm_services_short.json", &len);

	ck_assert_int_eq(swarm_services_decode(buf, len, &arr, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(arr[0].name, "noimg");
	ck_assert_uint_eq(arr[0].running, 0);
	ck_assert_uint_eq(arr[0].desired, 1);
	ck_assert(swarm_service_problem(&arr[0]));
	swarm_services_free(arr, n);
	free(buf);

	buf = fixture("swarm_services_rollback.json", &len);
	ck_assert_int_eq(swarm_services_decode(buf, len, &arr, &n, &e), 0);
	s = by_name(arr, n, "web");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->update_state, "rollback_completed");
	ck_assert_uint_eq(s->running, 3);
	ck_assert(swarm_service_problem(s));
	ck_assert(!swarm_service_problem(by_name(arr, n, "glob")));
	swarm_services_free(arr, n);
	free(buf);
}
END_TEST

START_TEST(services_odd)
{
	struct swarm_service *arr;
	struct decode_error e;
	size_t n;
	const char *odd = "[1, {}, {\"ID\": 5}, {\"ID\":\"x\",\"Spec\":{\"Mode\":{\"Replicated\":"
	    "{\"Replicas\":-1}},\"Labels\":{\"a\":1,\"b\":\"c\"}},\"ServiceStatus\":\"no\","
	    "\"Endpoint\":{\"Ports\":[1,{\"TargetPort\":\"x\"}]}}]";

	ck_assert_int_eq(swarm_services_decode(odd, strlen(odd), &arr, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(arr[0].id, "x");
	ck_assert_str_eq(arr[0].name, "");
	ck_assert_uint_eq(arr[0].replicas, 0);
	ck_assert(!arr[0].has_status);
	ck_assert_uint_eq(arr[0].nlabels, 1);
	ck_assert_str_eq(arr[0].ports, "0/tcp");
	swarm_services_free(arr, n);
	ck_assert_int_eq(swarm_services_decode("{}", 2, &arr, &n, &e), -1);
	ck_assert_ptr_null(arr);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(swarm_services_decode(NULL, 0, &arr, &n, &e), -1);
}
END_TEST

START_TEST(image_short)
{
	char b[64];

	ck_assert_str_eq(swarm_image_short("app:v1@sha256:abcd", b, sizeof b), "app:v1");
	ck_assert_str_eq(swarm_image_short("reg:5000/app:v1", b, sizeof b), "reg:5000/app:v1");
	ck_assert_str_eq(swarm_image_short(NULL, b, sizeof b), "");
}
END_TEST

START_TEST(tasks_list)
{
	struct swarm_task *arr;
	struct swarm_node *nodes;
	struct decode_error e;
	size_t len, n, nn;
	char *buf = fixture("swarm_tasks_history.json", &len);
	char *nb = fixture("swarm_nodes.json", &nn);

	ck_assert_int_eq(swarm_tasks_decode(buf, len, &arr, &n, &e), 0);
	ck_assert_uint_ge(n, 6);
	for (size_t i = 1; i < n; i++)	/* newest first */
		ck_assert(arr[i - 1].created > arr[i].created ||
		    (arr[i - 1].created == arr[i].created &&
		    arr[i - 1].created_ns >= arr[i].created_ns));
	ck_assert_str_eq(arr[0].state, "running");
	ck_assert_str_eq(arr[0].desired, "running");
	ck_assert_str_eq(arr[0].service_id, "iyg2h72th0fzgfbxubf9f4swh");
	ck_assert_int_ge(arr[0].slot, 1);
	ck_assert_int_le(arr[0].slot, 3);
	ck_assert_int_eq(swarm_nodes_decode(nb, nn, &nodes, &nn, &e), 0);
	ck_assert_str_eq(swarm_node_hostname(nodes, nn, arr[0].node_id), "vm");
	ck_assert_ptr_null(swarm_node_hostname(nodes, nn, "nope"));
	swarm_nodes_free(nodes, nn);
	swarm_tasks_free(arr, n);
	free(buf);
	free(nb);
}
END_TEST

START_TEST(tasks_failed)
{
	struct swarm_task *arr;
	struct decode_error e;
	size_t len, n;
	char *buf = fixture("swarm_tasks_failed.json", &len);

	ck_assert_int_eq(swarm_tasks_decode(buf, len, &arr, &n, &e), 0);
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(arr[0].state, "rejected");
	ck_assert_str_eq(arr[0].error, "No such image: no/such:image");
	ck_assert_str_eq(arr[0].image, "no/such:image");
	swarm_tasks_free(arr, n);
	free(buf);
	{
		const char *two = "[{\"ID\":\"a\"},{\"ID\":\"b\",\"CreatedAt\":\"2026-01-01T00:00:00Z\"}]";
		ck_assert_int_eq(swarm_tasks_decode(two, strlen(two), &arr, &n, &e), 0);
	}
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(arr[0].id, "b");
	ck_assert_str_eq(arr[1].node_id, "");
	swarm_tasks_free(arr, n);
}
END_TEST

START_TEST(nodes_list)
{
	struct swarm_node *arr;
	struct decode_error e;
	size_t len, n;
	char *buf = fixture("swarm_nodes.json", &len);

	ck_assert_int_eq(swarm_nodes_decode(buf, len, &arr, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(arr[0].hostname, "vm");
	ck_assert_str_eq(arr[0].role, "manager");
	ck_assert_str_eq(arr[0].availability, "active");
	ck_assert_str_eq(arr[0].status, "ready");
	ck_assert_str_eq(arr[0].engine, "20.10.24+dfsg1");
	ck_assert_str_eq(arr[0].reachability, "reachable");
	ck_assert(arr[0].leader);
	swarm_nodes_free(arr, n);
	free(buf);
}
END_TEST

/* The body's spec, parsed back. */
static json_t *
body(const struct swarm_update *u)
{
	json_t *j = json_loads(u->body, 0, NULL);

	ck_assert_ptr_nonnull(j);
	return j;
}

START_TEST(update_scale)
{
	struct swarm_update u;
	struct decode_error e;
	char path[200];
	size_t len;
	char *buf = fixture("swarm_service_inspect.json", &len);
	json_t *j;

	ck_assert_int_eq(swarm_update_prepare(buf, len, SWARM_OP_SCALE, NULL, 3, &u, &e), 0);
	ck_assert_str_eq(u.id, "iyg2h72th0fzgfbxubf9f4swh");
	ck_assert_str_eq(u.name, "web");
	ck_assert_uint_eq(u.from_replicas, 2);
	ck_assert_uint_eq(u.to_replicas, 3);
	ck_assert_str_eq(u.from_image, u.to_image);
	j = body(&u);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    json_object_get(j, "Mode"), "Replicated"), "Replicas")), 3);
	ck_assert_str_eq(json_string_value(json_object_get(j, "Name")), "web");
	json_decref(j);
	swarm_update_path(&u, SWARM_OP_SCALE, path, sizeof path);
	ck_assert_str_eq(path, "/services/iyg2h72th0fzgfbxubf9f4swh/update?version=34");
	swarm_update_clear(&u);
	free(buf);

	buf = fixture("swarm_service_global.json", &len);
	ck_assert_int_eq(swarm_update_prepare(buf, len, SWARM_OP_SCALE, NULL, 3, &u, &e), -1);
	ck_assert(strstr(e.text, "cannot be scaled") != NULL);
	ck_assert_ptr_null(u.id);
	free(buf);
}
END_TEST

START_TEST(update_image_force)
{
	struct swarm_update u;
	struct decode_error e;
	size_t len;
	char *buf = fixture("swarm_service_inspect.json", &len);
	json_t *j, *tt;

	ck_assert_int_eq(swarm_update_prepare(buf, len, SWARM_OP_IMAGE, "app:v3", 0, &u, &e), 0);
	ck_assert_str_eq(u.from_image, "app:v2");
	ck_assert_str_eq(u.to_image, "app:v3");
	ck_assert(!u.forced);
	j = body(&u);
	tt = json_object_get(j, "TaskTemplate");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(tt, "ContainerSpec"), "Image")), "app:v3");
	ck_assert_int_eq(json_integer_value(json_object_get(tt, "ForceUpdate")), 0);
	json_decref(j);
	swarm_update_clear(&u);

	/* the same image again: a forced update */
	ck_assert_int_eq(swarm_update_prepare(buf, len, SWARM_OP_IMAGE, "app:v2", 0, &u, &e), 0);
	ck_assert(u.forced);
	j = body(&u);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(j, "TaskTemplate"), "ForceUpdate")), 1);
	json_decref(j);
	swarm_update_clear(&u);

	ck_assert_int_eq(swarm_update_prepare(buf, len, SWARM_OP_FORCE, NULL, 0, &u, &e), 0);
	ck_assert(u.forced);
	ck_assert_str_eq(u.to_image, "app:v2");
	swarm_update_clear(&u);
	ck_assert_int_eq(swarm_update_prepare(buf, len, SWARM_OP_IMAGE, "", 0, &u, &e), -1);
	free(buf);
}
END_TEST

START_TEST(update_rollback)
{
	struct swarm_update u;
	struct decode_error e;
	char path[200];
	size_t len;
	char *buf = fixture("swarm_service_inspect.json", &len);

	ck_assert_int_eq(swarm_update_prepare(buf, len, SWARM_OP_ROLLBACK, NULL, 0, &u, &e), 0);
	ck_assert_str_eq(u.from_image, "app:v2");
	ck_assert_str_eq(u.to_image, "app:v1");
	swarm_update_path(&u, SWARM_OP_ROLLBACK, path, sizeof path);
	ck_assert_str_eq(path, "/services/iyg2h72th0fzgfbxubf9f4swh/update?version=34&rollback=previous");
	swarm_update_clear(&u);
	free(buf);

	buf = fixture("swarm_service_noprev.json", &len);
	ck_assert_int_eq(swarm_update_prepare(buf, len, SWARM_OP_ROLLBACK, NULL, 0, &u, &e), -1);
	ck_assert(strstr(e.text, "no previous spec") != NULL);
	free(buf);
	/* an ID that would change the request path is refused */
	{
		const char *bad = "{\"ID\":\"../x\",\"Spec\":{\"TaskTemplate\":"
		    "{\"ContainerSpec\":{\"Image\":\"a\"}}}}";
		ck_assert_int_eq(swarm_update_prepare(bad, strlen(bad), SWARM_OP_FORCE, NULL, 0, &u, &e), -1);
		ck_assert(strstr(e.text, "not a swarm ID") != NULL);
	}
}
END_TEST

static Suite *
swarm_suite(void)
{
	Suite *s = suite_create("swarm");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, info_manager);
	tcase_add_test(tc, info_inactive);
	tcase_add_test(tc, services_list);
	tcase_add_test(tc, services_problems);
	tcase_add_test(tc, services_odd);
	tcase_add_test(tc, image_short);
	tcase_add_test(tc, tasks_list);
	tcase_add_test(tc, tasks_failed);
	tcase_add_test(tc, nodes_list);
	suite_add_tcase(s, tc);
	tc = tcase_create("update");
	tcase_add_test(tc, update_scale);
	tcase_add_test(tc, update_image_force);
	tcase_add_test(tc, update_rollback);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(swarm_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
