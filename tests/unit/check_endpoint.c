/* Engine endpoint resolution: -H, DOCKER_HOST, contexts, the default. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dockerapi/endpoint.h"
#include "dockerapi/sshdial.h"
#include "xmalloc.h"

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

/* A temporary HOME with contexts written by the test. */
static char tmphome[PATH_MAX];

static void
put(const char *rel, const char *text)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmphome, rel);
	for (char *p = path + strlen(tmphome) + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	}
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static void
tmp_setup(void)
{
	setup();
	snprintf(tmphome, sizeof tmphome, "/tmp/berth-check-endpoint.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmphome));
	setenv("HOME", tmphome, 1);
	put(".docker/config.json", "{\"currentContext\": \"plain\"}");
	put(".docker/contexts/meta/aa11/meta.json",
	    "{\"Name\":\"plain\",\"Metadata\":{\"Description\":\"a plain one\"},"
	    "\"Endpoints\":{\"docker\":{\"Host\":\"unix:///tmp/plain.sock\",\"SkipTLSVerify\":false}}}");
	put(".docker/contexts/meta/bb22/meta.json",
	    "{\"Name\":\"secure\",\"Metadata\":{},"
	    "\"Endpoints\":{\"docker\":{\"Host\":\"tcp://10.0.0.5:2376\",\"SkipTLSVerify\":false}}}");
	put(".docker/contexts/tls/bb22/docker/ca.pem", "-----BEGIN CERTIFICATE-----\n");
	put(".docker/contexts/tls/bb22/docker/cert.pem", "-----BEGIN CERTIFICATE-----\n");
	put(".docker/contexts/tls/bb22/docker/key.pem", "-----BEGIN PRIVATE KEY-----\n");
	put(".docker/contexts/meta/cc33/meta.json",
	    "{\"Name\":\"lab\",\"Metadata\":{},"
	    "\"Endpoints\":{\"docker\":{\"Host\":\"tcp://lab.example\",\"SkipTLSVerify\":true}}}");
	put(".docker/contexts/meta/dd44/meta.json",
	    "{\"Name\":\"remote\",\"Metadata\":{},"
	    "\"Endpoints\":{\"docker\":{\"Host\":\"ssh://ops@build.example:2222\"}}}");
	put(".docker/contexts/meta/ee55/meta.json", "{\"Name\": tor");
}

static void
tmp_teardown(void)
{
	char cmd[PATH_MAX + 32];
	pid_t pid;

	/* no shell: rm -rf by fork/exec */
	snprintf(cmd, sizeof cmd, "%s", tmphome);
	if ((pid = fork()) == 0) {
		execlp("rm", "rm", "-rf", "--", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

START_TEST(test_ctx_current_and_env)
{
	struct endpoint ep;
	char err[256], cur[64];

	ck_assert_str_eq(endpoint_current_context(cur, sizeof cur), "plain");
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.socket_path, "/tmp/plain.sock");
	ck_assert_str_eq(ep.name, "plain");
	ck_assert_str_eq(ep.description, "a plain one");
	ck_assert(!ep.tls);
	endpoint_clear(&ep);
	setenv("DOCKER_CONTEXT", "secure", 1);
	ck_assert_str_eq(endpoint_current_context(cur, sizeof cur), "secure");
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.source, "context secure");
	endpoint_clear(&ep);
	setenv("DOCKER_HOST", "unix:///tmp/env.sock", 1);
	ck_assert_str_eq(endpoint_current_context(cur, sizeof cur), "default");
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.socket_path, "/tmp/env.sock");
	endpoint_clear(&ep);
	unsetenv("DOCKER_HOST");
	setenv("DOCKER_CONTEXT", "missing", 1);
	ck_assert_int_eq(endpoint_resolve(NULL, &ep, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "\"missing\" not found"));
}
END_TEST

START_TEST(test_ctx_tls)
{
	struct endpoint ep;
	char err[256], want[PATH_MAX + 64];

	ck_assert_int_eq(endpoint_from_context("secure", &ep, err, sizeof err), 0);
	ck_assert(ep.tls && ep.tls_verify);
	ck_assert_str_eq(ep.base, "https://10.0.0.5:2376");
	snprintf(want, sizeof want, "%s/.docker/contexts/tls/bb22/docker/ca.pem", tmphome);
	ck_assert_str_eq(ep.ca, want);
	snprintf(want, sizeof want, "%s/.docker/contexts/tls/bb22/docker/key.pem", tmphome);
	ck_assert_str_eq(ep.key, want);
	ck_assert_ptr_null(endpoint_warning(&ep, err, sizeof err));
	endpoint_clear(&ep);
	/* DOCKER_TLS_VERIFY belongs to DOCKER_HOST, not to contexts */
	setenv("DOCKER_TLS_VERIFY", "1", 1);
	ck_assert_int_eq(endpoint_from_context("plain", &ep, err, sizeof err), 0);
	ck_assert(!ep.tls);
	endpoint_clear(&ep);
	unsetenv("DOCKER_TLS_VERIFY");
	ck_assert_int_eq(endpoint_from_context("lab", &ep, err, sizeof err), 0);
	ck_assert(ep.tls && !ep.tls_verify);
	ck_assert_str_eq(ep.base, "https://lab.example:2376");
	ck_assert_ptr_null(ep.ca);
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_from_context("remote", &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.ssh_host, "build.example");
	ck_assert_str_eq(ep.ssh_user, "ops");
	ck_assert_int_eq(ep.ssh_port, 2222);
	ck_assert(!ep.tls && !ep.local);
	endpoint_clear(&ep);
}
END_TEST

START_TEST(test_ctx_list)
{
	struct endpoint_ctxinfo *v;
	char **errs;
	size_t n, nerrs;

	n = endpoint_contexts(&v, &errs, &nerrs);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(v[0].name, "default");
	ck_assert_str_eq(v[0].host, "unix:///var/run/docker.sock");
	ck_assert(!v[0].current);
	ck_assert_str_eq(v[1].name, "lab");
	ck_assert_str_eq(v[1].tls, "skip-verify");
	ck_assert_str_eq(v[2].name, "plain");
	ck_assert(v[2].current);
	ck_assert_str_eq(v[2].tls, "no");
	ck_assert_str_eq(v[2].description, "a plain one");
	ck_assert_str_eq(v[3].name, "remote");
	ck_assert_str_eq(v[4].name, "secure");
	ck_assert_str_eq(v[4].tls, "yes");
	ck_assert_uint_eq(nerrs, 1);
	ck_assert_ptr_nonnull(strstr(errs[0], "ee55/meta.json"));
	endpoint_contexts_free(v, n, errs, nerrs);
}
END_TEST

START_TEST(test_ssh_url)
{
	struct endpoint ep;
	char err[256];

	ck_assert_int_eq(endpoint_parse("ssh://root@127.0.0.1:2222", &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.ssh_user, "root");
	ck_assert_str_eq(ep.ssh_host, "127.0.0.1");
	ck_assert_int_eq(ep.ssh_port, 2222);
	ck_assert_str_eq(ep.base, "http://docker");
	ck_assert_str_eq(ep.name, "127.0.0.1:2222");
	ck_assert_ptr_null(ep.socket_path);
	ck_assert(!ep.local && !ep.tls);
	ck_assert_ptr_null(endpoint_warning(&ep, err, sizeof err));
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_parse("ssh://build.example", &ep, err, sizeof err), 0);
	ck_assert_ptr_null(ep.ssh_user);
	ck_assert_int_eq(ep.ssh_port, 0);
	ck_assert_str_eq(ep.name, "build.example");
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_parse("ssh://me@[::1]:22/", &ep, err, sizeof err), 0);
	ck_assert_str_eq(ep.ssh_host, "::1");
	ck_assert_int_eq(ep.ssh_port, 22);
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_parse("ssh://-oProxyCommand=x", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("ssh://-l@host", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("ssh://host:0", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("ssh://host:99999", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("ssh://host/var/run/docker.sock", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("ssh://", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("ssh://a b", &ep, err, sizeof err), -1);
	ck_assert_int_eq(endpoint_parse("ssh://[::1", &ep, err, sizeof err), -1);
}
END_TEST

/* The ssh command line: the user's options first (ssh keeps the first
 * value of an option), berth's defaults, -l/-p, then "--" and the host. */
START_TEST(test_ssh_argv)
{
	const char *opts[] = { "-o", "ConnectTimeout=5", "-i", "/k" };
	struct endpoint ep;
	char err[256], line[1024] = "";
	char **v;
	size_t n;

	ck_assert_int_eq(endpoint_parse("ssh://ops@build.example:2222", &ep, err, sizeof err), 0);
	v = sshdial_argv(&ep, &n);
	for (size_t i = 0; i < n; i++)
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", i ? " " : "", v[i]);
	ck_assert_str_eq(line, "ssh -o ConnectTimeout=30 -o BatchMode=yes -T -l ops -p 2222 "
	    "-- build.example docker system dial-stdio");
	ck_assert_ptr_null(v[n]);
	xstrv_free(v);
	sshdial_set_options(opts, 4);
	v = sshdial_argv(&ep, &n);
	ck_assert_uint_eq(n, 19);
	ck_assert_str_eq(v[1], "-o");
	ck_assert_str_eq(v[2], "ConnectTimeout=5");
	ck_assert_str_eq(v[4], "/k");
	ck_assert_str_eq(v[n - 4], "build.example");
	ck_assert_str_eq(v[n - 5], "--");
	xstrv_free(v);
	sshdial_cleanup();
	endpoint_clear(&ep);
	ck_assert_int_eq(endpoint_parse("ssh://build.example", &ep, err, sizeof err), 0);
	v = sshdial_argv(&ep, &n);
	ck_assert_uint_eq(n, 11);
	ck_assert_str_eq(v[6], "--");
	xstrv_free(v);
	endpoint_clear(&ep);
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
	tc = tcase_create("contexts");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_ctx_current_and_env);
	tcase_add_test(tc, test_ctx_tls);
	tcase_add_test(tc, test_ctx_list);
	tcase_add_test(tc, test_ssh_url);
	tcase_add_test(tc, test_ssh_argv);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
