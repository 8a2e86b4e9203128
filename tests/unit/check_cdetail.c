/* Tests for the detail decoder on inspect bodies recorded from a real engine. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/cdetail.h"
#include "tests/unit/fixture.h"

static void
load(const char *name, struct cdetail *d)
{
	size_t len;
	char *buf = fixture(name, &len);
	struct decode_error err;

	ck_assert_msg(cdetail_decode(buf, len, d, &err) == 0, "%s: %s", name, err.text);
	free(buf);
}

static const char *
env(const struct cdetail *d, const char *k)
{
	for (size_t i = 0; i < d->nenv; i++)
		if (strcmp(d->env[i].key, k) == 0)
			return d->env[i].value;
	return NULL;
}

START_TEST(detail_fixture)
{
	struct cdetail d;

	load("inspect_detail.json", &d);
	ck_assert_str_eq(d.name, "shop-detail");
	ck_assert_str_eq(d.image, "bb:latest");
	ck_assert(strncmp(d.image_id, "sha256:", 7) == 0);
	ck_assert_str_eq(d.command, "sleep 100000");
	ck_assert_str_eq(d.restart_policy, "on-failure");
	ck_assert_int_eq(d.restart_max, 3);
	ck_assert_int_eq(d.restart_count, 0);
	ck_assert(!d.tty);
	ck_assert_int_gt(d.created, 1700000000);
	ck_assert_int_ge(d.started_at, d.created);
	ck_assert_int_eq(d.finished_at, 0);
	ck_assert_str_eq(d.state, "running");
	ck_assert_str_eq(d.health, "healthy");
	ck_assert_uint_eq(d.nchecks, 5);
	ck_assert_str_eq(d.checks[4].output, "checked\n");
	ck_assert_int_eq(d.checks[4].exit_code, 0);
	ck_assert_int_ge(d.checks[4].start, d.checks[0].start);
	/* env sorted by name, split at the first '=' */
	ck_assert_uint_eq(d.nenv, 7);
	ck_assert_str_eq(d.env[0].key, "AWS_SECRET_ACCESS_KEY");
	ck_assert_str_eq(env(&d, "DB_PASSWORD"), "hunter2");
	ck_assert_str_eq(env(&d, "VIRTUAL_HOST"), "shop.example");
	ck_assert_str_eq(env(&d, "VIRTUAL_PORT"), "8080");
	/* labels sorted */
	ck_assert_uint_eq(d.nlabels, 4);
	ck_assert_str_eq(d.labels[0].key, "berth.branch");
	ck_assert_str_eq(d.labels[0].value, "production");
	ck_assert_str_eq(d.labels[3].key, "other");
	/* a bind (ro) and a named volume (rw) */
	ck_assert_uint_eq(d.nmounts, 2);
	ck_assert_str_eq(d.mounts[0].type, "bind");
	ck_assert_str_eq(d.mounts[0].dest, "/data");
	ck_assert(!d.mounts[0].rw);
	ck_assert_str_eq(d.mounts[1].type, "volume");
	ck_assert_str_eq(d.mounts[1].source, "shopdata");
	ck_assert(d.mounts[1].rw);
	ck_assert_uint_eq(d.nnets, 1);
	ck_assert_str_eq(d.nets[0].name, "none");
	ck_assert_str_eq(d.network_mode, "none");
	cdetail_clear(&d);
	ck_assert_ptr_null(d.env);
}
END_TEST

START_TEST(running_command_quoted)
{
	struct cdetail d;

	load("inspect_running.json", &d);
	ck_assert(strncmp(d.command, "sh -c \"busybox dd", 17) == 0);
	ck_assert_ptr_null(d.health);
	ck_assert_uint_eq(d.nchecks, 0);
	ck_assert_str_eq(d.restart_policy, "no");
	cdetail_clear(&d);
}
END_TEST

START_TEST(ports_published_and_not)
{
	struct cdetail d;
	bool seen8080 = false, seen443 = false, seen_udp = false;

	load("inspect_ports.json", &d);
	for (size_t i = 0; i < d.nports; i++) {
		seen8080 |= strcmp(d.ports[i], "0.0.0.0:8080->80/tcp") == 0;
		seen443 |= strcmp(d.ports[i], "443/tcp") == 0;
		seen_udp |= strcmp(d.ports[i], "127.0.0.1:5353->53/udp") == 0;
	}
	ck_assert(seen8080 && seen443 && seen_udp);
	cdetail_clear(&d);
}
END_TEST

START_TEST(restarting_and_unhealthy)
{
	struct cdetail d;

	load("inspect_restarting.json", &d);
	ck_assert_str_eq(d.restart_policy, "always");
	ck_assert_int_eq(d.restart_count, 4);
	cdetail_clear(&d);
	load("inspect_unhealthy.json", &d);
	ck_assert_str_eq(d.health, "unhealthy");
	ck_assert_uint_gt(d.nchecks, 0);
	ck_assert_int_ne(d.checks[d.nchecks - 1].exit_code, 0);
	cdetail_clear(&d);
}
END_TEST

START_TEST(bad_bodies)
{
	static const char *const names[] = {
		"inspect_truncated.json", "not_json.txt", "empty.json",
		"inspect_missing_id.json", "containers_list.json",
	};
	struct cdetail d;
	struct decode_error err;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t len;
		char *buf = fixture(names[i], &len);
		err.text[0] = '\0';
		ck_assert_int_eq(cdetail_decode(buf, len, &d, &err), -1);
		ck_assert_msg(err.text[0] != '\0', "%s: no error text", names[i]);
		ck_assert_ptr_null(d.name);
		free(buf);
	}
	ck_assert_int_eq(cdetail_decode(NULL, 0, &d, &err), -1);
}
END_TEST

START_TEST(wrong_types_do_not_fail)
{
	struct cdetail d;

	load("inspect_wrong_types.json", &d);
	cdetail_clear(&d);
}
END_TEST

START_TEST(image_digest)
{
	size_t len;
	char *buf = fixture("image_digest.json", &len);
	char *dg = cdetail_image_digest(buf, len);

	ck_assert_ptr_nonnull(dg);
	ck_assert(strncmp(dg, "registry.example/shop@sha256:", 29) == 0);
	free(dg);
	free(buf);
	buf = fixture("image_local.json", &len);
	ck_assert_ptr_null(cdetail_image_digest(buf, len));	/* built locally */
	free(buf);
	ck_assert_ptr_null(cdetail_image_digest("[1", 2));
}
END_TEST

START_TEST(secret_names)
{
	ck_assert(cdetail_env_is_secret("DB_PASSWORD"));
	ck_assert(cdetail_env_is_secret("api_token"));
	ck_assert(cdetail_env_is_secret("AWS_SECRET_ACCESS_KEY"));
	ck_assert(cdetail_env_is_secret("ssh_Key_file"));
	ck_assert(cdetail_env_is_secret("KEY"));
	ck_assert(!cdetail_env_is_secret("VIRTUAL_HOST"));
	ck_assert(!cdetail_env_is_secret("PATH"));
	ck_assert(!cdetail_env_is_secret("PASSWORT"));
	ck_assert(cdetail_is_routing("VIRTUAL_HOST"));
	ck_assert(cdetail_is_routing("VIRTUAL_PORT"));
	ck_assert(cdetail_is_routing("berth.commit"));
	ck_assert(!cdetail_is_routing("virtual_host"));
	ck_assert(!cdetail_is_routing("berthx"));
}
END_TEST

static Suite *
cdetail_suite(void)
{
	Suite *s = suite_create("cdetail");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, detail_fixture);
	tcase_add_test(tc, running_command_quoted);
	tcase_add_test(tc, ports_published_and_not);
	tcase_add_test(tc, restarting_and_unhealthy);
	tcase_add_test(tc, bad_bodies);
	tcase_add_test(tc, wrong_types_do_not_fail);
	tcase_add_test(tc, image_digest);
	tcase_add_test(tc, secret_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(cdetail_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
