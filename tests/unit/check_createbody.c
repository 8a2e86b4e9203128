/* Tests for the redeploy create body, built from inspects recorded from a real engine. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "deploy/createbody.h"
#include "model/identity.h"
#include "tests/unit/fixture.h"

static json_t *
load(const char *name)
{
	size_t len;
	char *buf = fixture(name, &len);
	json_error_t e;
	json_t *v = json_loadb(buf, len, 0, &e);

	ck_assert_msg(v != NULL, "%s: %s (line %d)", name, e.text, e.line);
	free(buf);
	return v;
}

/* The first path where a and b differ, for a failure message a person can use. */
static void
first_difference(json_t *a, json_t *b, const char *at, char *out, size_t n)
{
	const char *k;
	json_t *v;
	char sub[512];

	if (json_equal(a, b))
		return;
	if (json_is_object(a) && json_is_object(b)) {
		json_object_foreach(a, k, v) {
			snprintf(sub, sizeof sub, "%s.%s", at, k);
			if (!json_equal(v, json_object_get(b, k))) {
				first_difference(v, json_object_get(b, k), sub, out, n);
				return;
			}
		}
		json_object_foreach(b, k, v) {
			if (json_object_get(a, k) == NULL) {
				snprintf(out, n, "%s.%s: only expected", at, k);
				return;
			}
		}
	}
	{
		char *da = a != NULL ? json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		char *db = b != NULL ? json_dumps(b, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		snprintf(out, n, "%s: got %.200s, expected %.200s", at, da ? da : "(none)",
		    db ? db : "(none)");
		free(da);
		free(db);
	}
}

static void
assert_json_eq(json_t *got, json_t *want, const char *what)
{
	char diff[1024] = "";

	first_difference(got, want, "", diff, sizeof diff);
	ck_assert_msg(json_equal(got, want), "%s differs at %s", what, diff);
}

/* Build from inspect (and image, or NULL) and compare with createbody/EXPECT.json. */
static void
check_case(const char *inspect, const char *image, const char *expect, const char *extra)
{
	json_t *insp = load(inspect), *img = image != NULL ? load(image) : NULL;
	json_t *insp0 = json_deep_copy(insp), *img0 = json_deep_copy(img);
	json_t *nets = (json_t *)1, *body, *want;
	char path[256];

	body = createbody_build(insp, img, "shop:v2", &nets);
	ck_assert_ptr_nonnull(body);
	snprintf(path, sizeof path, "createbody/%s.json", expect);
	want = load(path);
	assert_json_eq(body, want, path);
	json_decref(want);
	if (extra != NULL) {
		snprintf(path, sizeof path, "createbody/%s.json", extra);
		want = load(path);
		ck_assert_ptr_nonnull(nets);
		assert_json_eq(nets, want, path);
		json_decref(want);
	} else {
		ck_assert_msg(nets == NULL, "%s: networks to connect after create", inspect);
	}
	/* the inputs are the caller's: left as they were */
	ck_assert(json_equal(insp, insp0));
	ck_assert(img == NULL || json_equal(img, img0));
	json_decref(body);
	json_decref(nets);
	json_decref(insp);
	json_decref(insp0);
	json_decref(img);
	json_decref(img0);
}

START_TEST(running)
{
	check_case("inspect_running.json", "image_local.json", "running", NULL);
}
END_TEST

START_TEST(running_image_gone)
{
	/* the old image deleted: every value counts as set explicitly */
	check_case("inspect_running.json", NULL, "running_image_gone", NULL);
}
END_TEST

START_TEST(hostnet)
{
	check_case("inspect_hostnet.json", "image_local.json", "hostnet", NULL);
}
END_TEST

START_TEST(ports)
{
	check_case("inspect_ports.json", "image_local.json", "ports", NULL);
}
END_TEST

START_TEST(healthy)
{
	check_case("inspect_healthy.json", "image_local.json", "healthy", NULL);
}
END_TEST

START_TEST(detail)
{
	check_case("inspect_detail.json", "image_local.json", "detail", NULL);
}
END_TEST

START_TEST(networks)
{
	check_case("inspect_networks.json", "image_digest.json", "networks", "networks.extra");
}
END_TEST

/* The rules themselves, so a regenerated expectation cannot hide a change. */
START_TEST(rules)
{
	json_t *insp = load("inspect_running.json"), *img = load("image_local.json");
	json_t *nets, *body, *labels;
	const char *id = json_string_value(json_object_get(insp, "Id"));
	char short_id[13];

	snprintf(short_id, sizeof short_id, "%.12s", id);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(insp, "Config"),
	    "Hostname")), short_id);
	body = createbody_build(insp, img, "registry:5000/shop:v2", &nets);
	ck_assert_str_eq(json_string_value(json_object_get(body, "Image")), "registry:5000/shop:v2");
	/* the engine's own hostname (the short id) is the engine's to give again */
	ck_assert_ptr_null(json_object_get(body, "Hostname"));
	labels = json_object_get(body, "Labels");
	ck_assert_str_eq(json_string_value(json_object_get(labels, identity_label(IDENTITY_SERVICE))), "shop");
	/* commit and build describe the image: the new image's come through */
	ck_assert_ptr_null(json_object_get(labels, identity_label(IDENTITY_COMMIT)));
	ck_assert_ptr_null(json_object_get(labels, identity_label(IDENTITY_BUILD)));
	ck_assert_ptr_null(json_object_get(body, "Entrypoint"));	/* null in the inspect */
	ck_assert(json_is_object(json_object_get(body, "HostConfig")));
	ck_assert_ptr_null(json_object_get(body, "NetworkingConfig"));	/* --network none */
	json_decref(body);

	/* a value equal to the old image's default is left for the new image */
	json_object_set_new(json_object_get(img, "Config"), "Cmd",
	    json_deep_copy(json_object_get(json_object_get(insp, "Config"), "Cmd")));
	body = createbody_build(insp, img, "shop:v2", &nets);
	ck_assert_ptr_null(json_object_get(body, "Cmd"));
	json_decref(body);
	json_decref(insp);
	json_decref(img);
}
END_TEST

START_TEST(anonymous_volume_kept_by_name)
{
	json_t *insp = load("inspect_networks.json"), *nets, *body, *binds;

	body = createbody_build(insp, NULL, "shop:v2", &nets);
	binds = json_object_get(json_object_get(body, "HostConfig"), "Binds");
	ck_assert_int_eq(json_array_size(binds), 1);
	ck_assert_str_eq(json_string_value(json_array_get(binds, 0)),
	    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff:/cache");
	json_decref(body);
	json_decref(nets);
	json_decref(insp);
}
END_TEST

START_TEST(add_unit)
{
	json_t *body = json_object();
	json_t *labels;

	createbody_add_unit(body, "shop", "feature/\xff");
	labels = json_object_get(body, "Labels");
	ck_assert_str_eq(json_string_value(json_object_get(labels, "berth.service")), "shop");
	/* not UTF-8: still a string, the bad byte replaced */
	ck_assert_str_eq(json_string_value(json_object_get(labels, "berth.branch")), "feature/?");
	json_decref(body);
}
END_TEST

START_TEST(not_an_inspect)
{
	json_t *nets = (json_t *)1;
	json_t *in = json_pack("{s:i,s:s}", "Config", 5, "HostConfig", "x");
	json_t *body = createbody_build(in, NULL, "shop:v2", &nets);

	/* nothing to copy, but still a body that names the image */
	ck_assert_ptr_null(nets);
	ck_assert_str_eq(json_string_value(json_object_get(body, "Image")), "shop:v2");
	ck_assert(json_is_object(json_object_get(body, "HostConfig")));
	json_decref(body);
	json_decref(in);
}
END_TEST

/* Podman's inspect says "RLIMIT_NOFILE"; its create wants "nofile" */
START_TEST(podman_ulimit_names)
{
	json_t *nets, *body, *u;
	json_t *in = json_pack("{s:{},s:{s:[{s:s,s:i,s:i},{s:s,s:i,s:i}]}}", "Config",
	    "HostConfig", "Ulimits", "Name", "RLIMIT_NOFILE", "Soft", 1024, "Hard", 1024,
	    "Name", "nproc", "Soft", 4096, "Hard", 4096);

	body = createbody_build(in, NULL, "shop:v2", &nets);
	u = json_object_get(json_object_get(body, "HostConfig"), "Ulimits");
	ck_assert_int_eq(json_array_size(u), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(u, 0), "Name")), "nofile");
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(u, 0), "Soft")), 1024);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(u, 1), "Name")), "nproc");
	json_decref(body);
	json_decref(in);
}
END_TEST

static Suite *
createbody_suite(void)
{
	Suite *s = suite_create("createbody");
	TCase *tc = tcase_create("build");

	tcase_add_test(tc, running);
	tcase_add_test(tc, running_image_gone);
	tcase_add_test(tc, hostnet);
	tcase_add_test(tc, ports);
	tcase_add_test(tc, healthy);
	tcase_add_test(tc, detail);
	tcase_add_test(tc, networks);
	tcase_add_test(tc, rules);
	tcase_add_test(tc, anonymous_volume_kept_by_name);
	tcase_add_test(tc, add_unit);
	tcase_add_test(tc, not_an_inspect);
	tcase_add_test(tc, podman_ulimit_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(createbody_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
