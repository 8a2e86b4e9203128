/* Engine endpoint resolution: -H, DOCKER_HOST, contexts, the default. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/endpoint.h"

static char home[PATH_MAX];

static void
setup(void)
{
	const char *data = getenv("BERTH_TEST_DATA");
	char rel[PATH_MAX];

	snprintf(rel, sizeof rel, "%s/contexts/home", data != NULL ? data : "tests/data");
	ck_assert_ptr_nonnull(realpath(rel, home));
	setenv("HOME", home, 1);
	unsetenv("DOCKER_HOST");
	unsetenv("DOCKER_CONTEXT");
	unsetenv("DOCKER_TLS_VERIFY");
	unsetenv("DOCKER_CERT_PATH");
}

START_TEST(test_current_context)
{
	struct endpoint ep;
	char err[256];

	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.url, "unix:///run/stage-docker.sock");
	ck_assert_str_eq(ep.socket_path, "/run/stage-docker.sock");
	ck_assert_str_eq(ep.source, "context stage");
	ck_assert(ep.local);
	endpoint_clear(&ep);
}
END_TEST

START_TEST(test_docker_context_env)
{
	struct endpoint ep;
	char err[256];

	setenv("DOCKER_CONTEXT", "prod", 1);
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.base, "http://127.0.0.1:2376");
	ck_assert_ptr_null(ep.socket_path);
	endpoint_clear(&ep);
	setenv("DOCKER_CONTEXT", "nosuch", 1);
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "nosuch"));
	setenv("DOCKER_CONTEXT", "default", 1);
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.url, "unix:///var/run/docker.sock");
	endpoint_clear(&ep);
}
END_TEST

START_TEST(test_precedence)
{
	struct endpoint ep;
	char err[256];

	setenv("DOCKER_HOST", "unix:///tmp/env.sock", 1);
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.socket_path, "/tmp/env.sock");
	ck_assert_str_eq(ep.source, "DOCKER_HOST");
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_resolve("unix:///tmp/flag.sock", &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.socket_path, "/tmp/flag.sock");
	ck_assert_str_eq(ep.source, "-H");
	endpoint_clear(&ep);
	setenv("HOME", "/nonexistent", 1);
	unsetenv("DOCKER_HOST");
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.url, "unix:///var/run/docker.sock");
	ck_assert_str_eq(ep.source, "default");
	endpoint_clear(&ep);
}
END_TEST

START_TEST(test_tcp_tls)
{
	struct endpoint ep;
	char err[256];

	setenv("DOCKER_TLS_VERIFY", "1", 1);
	setenv("DOCKER_CERT_PATH", "/certs", 1);
	ck_assert_int_eq(endpoint_parse("tcp://engine.example:2376", &ep, err, sizeof err), 0);
	ck_assert(ep.tls && ep.tls_verify);
	ck_assert_str_eq(ep.base, "https://engine.example:2376");
	ck_assert_str_eq(ep.ca, "/certs/ca.pem");
	ck_assert_str_eq(ep.key, "/certs/key.pem");
	ck_assert(!ep.local);
	endpoint_clear(&ep);
	unsetenv("DOCKER_TLS_VERIFY");
	ck_assert_int_eq(endpoint_parse("tcp://127.0.0.1", &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.base, "http://127.0.0.1:2375");
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_parse("tcp://[::1]:2375", &ep, err, sizeof err), 0);
	ck_assert(ep.local);
	ck_assert_ptr_null(endpoint_warning(&ep, err, sizeof err));
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_parse("tcp://10.1.2.3:2375", &ep, err, sizeof err), 0);
	ck_assert_ptr_nonnull(endpoint_warning(&ep, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "without TLS"));
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_parse("tcp://localhost.evil.example:2375", &ep, err, sizeof err), 0);
	ck_assert(!ep.local);
	endpoint_clear(&ep);
	setenv("DOCKER_TLS_VERIFY", "1", 1);
	ck_assert_int_eq(endpoint_parse("tcp://10.1.2.3:2376", &ep, err, sizeof err), 0);
	ck_assert_ptr_null(endpoint_warning(&ep, err, sizeof err));
	endpoint_clear(&ep);
	unsetenv("DOCKER_TLS_VERIFY");
	ck_assert_int_eq(endpoint_parse("ftp://x", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("unix://", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("tcp://", &ep, err, sizeof err), -1);
}
END_TEST

START_TEST(test_unique_names)
{
	struct endpoint eps[5];
	char err[256];
	const char *urls[5] = { "a=unix:///run/a.sock", "a=unix:///run/b.sock",
	    "a-2=unix:///run/c.sock", "a=unix:///run/d.sock", "unix:///srv/x/docker.sock" };

	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(endpoint_parse_named(urls[i], &eps[i], err, sizeof err), 0);
	free(eps[4].name);
	eps[4].name = NULL;	/* no name at all */
	endpoint_unique_names(eps, 5);
	/* a suffix never takes a name given later: the named a-2 keeps its own */
	ck_assert_str_eq(eps[0].name, "a");
	ck_assert_str_eq(eps[1].name, "a-3");
	ck_assert_str_eq(eps[2].name, "a-2");
	ck_assert_str_eq(eps[3].name, "a-4");
	ck_assert_str_eq(eps[4].name, "engine");
	for (int i = 0; i < 5; i++)
		endpoint_clear(&eps[i]);
}
END_TEST

START_TEST(test_parse_named)
{
	struct endpoint ep;
	char err[256];

	ck_assert_int_eq(endpoint_parse_named("prod=tcp://10.1.2.3:2376", &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.name, "prod");
	ck_assert_str_eq(ep.url, "tcp://10.1.2.3:2376");
	endpoint_clear(&ep);
	/* '=' after the scheme is part of the URL, not a name */
	ck_assert_int_eq(endpoint_parse_named("unix:///run/x=y/docker.sock", &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.url, "unix:///run/x=y/docker.sock");
	ck_assert_str_eq(ep.name, "x=y");
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_parse_named("=unix:///run/a.sock", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse_named("n=ftp://x", &ep, err, sizeof err), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("endpoint");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_current_context);
	tcase_add_test(tc, test_docker_context_env);
	tcase_add_test(tc, test_precedence);
	tcase_add_test(tc, test_tcp_tls);
	tcase_add_test(tc, test_unique_names);
	tcase_add_test(tc, test_parse_named);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
