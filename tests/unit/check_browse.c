/* Open-port URLs (views/browse.c) and detach-key specs (tui/bridge.c): the pure parts of w and A. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/endpoint.h"
#include "fixture.h"
#include "tui/bridge.h"
#include "views/browse.h"

static const char *
host_of(const char *base, const char *socket_path, const char *ssh_host)
{
	static char buf[256];
	struct endpoint ep = {
		.base = (char *)base, .socket_path = (char *)socket_path,
		.ssh_host = (char *)ssh_host,
	};

	browse_engine_host(&ep, buf, sizeof buf);
	return buf;
}

START_TEST(test_engine_host)
{
	ck_assert_str_eq(host_of("http://localhost", "/run/docker.sock", NULL), "127.0.0.1");
	ck_assert_str_eq(host_of("https://build.example:2376", NULL, NULL), "build.example");
	ck_assert_str_eq(host_of("http://10.0.0.7:2375/", NULL, NULL), "10.0.0.7");
	ck_assert_str_eq(host_of("http://[fd00::7]:2375", NULL, NULL), "fd00::7");
	ck_assert_str_eq(host_of("http://localhost:2375", NULL, NULL), "127.0.0.1");
	ck_assert_str_eq(host_of("http://localhost", NULL, "deploy@web-1.example"), "web-1.example");
	ck_assert_str_eq(host_of("http://localhost", NULL, "web-2"), "web-2");
	ck_assert_str_eq(host_of(NULL, NULL, NULL), "127.0.0.1");
}
END_TEST

START_TEST(test_url)
{
	char u[300];

	/* bound to every address: the engine's host */
	browse_url("127.0.0.1", "0.0.0.0", 8080, u, sizeof u);
	ck_assert_str_eq(u, "http://127.0.0.1:8080/");
	browse_url("build.example", "::", 443, u, sizeof u);
	ck_assert_str_eq(u, "http://build.example:443/");
	browse_url("build.example", NULL, 80, u, sizeof u);
	ck_assert_str_eq(u, "http://build.example:80/");
	browse_url("build.example", "", 81, u, sizeof u);
	ck_assert_str_eq(u, "http://build.example:81/");
	/* a specific address wins; IPv6 is bracketed */
	browse_url("build.example", "192.168.5.2", 9000, u, sizeof u);
	ck_assert_str_eq(u, "http://192.168.5.2:9000/");
	browse_url("127.0.0.1", "::1", 9001, u, sizeof u);
	ck_assert_str_eq(u, "http://[::1]:9001/");
	browse_url("fd00::7", "0.0.0.0", 65535, u, sizeof u);
	ck_assert_str_eq(u, "http://[fd00::7]:65535/");
	/* cut, never overrun */
	browse_url("127.0.0.1", NULL, 8080, u, 10);
	ck_assert_str_eq(u, "http://12");
}
END_TEST

START_TEST(test_detach_keys)
{
	static const struct {
		const char *spec, *bytes;
	} good[] = {
		{ "ctrl-p,ctrl-q", "\x10\x11" },
		{ "ctrl-a", "\x01" },
		{ "ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_", "\x1b\x1c\x1d\x1e\x1f" },
		{ "ctrl-x,e,ctrl-z", "\x18" "e\x1a" },
	};
	char k[16];

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		ck_assert_int_eq(bridge_detach_keys(good[i].spec, k, sizeof k), 0);
		ck_assert_str_eq(k, good[i].bytes);
	}
	static const char *const bad[] = {
		"", ",", "ctrl-p,", "ctrl-", "ctrl-P", "ctrl-pp", "ab", "ctrl-1", "alt-x",
		"ctrl-@",	/* a NUL: not in a NUL-terminated sequence */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		strcpy(k, "junk");
		ck_assert_int_eq(bridge_detach_keys(bad[i], k, sizeof k), -1);
		ck_assert_str_eq(k, "");
	}
	ck_assert_int_eq(bridge_detach_keys(NULL, k, sizeof k), -1);
	/* too long for out */
	ck_assert_int_eq(bridge_detach_keys("a,b,c", k, 3), -1);
	ck_assert_int_eq(bridge_detach_keys("a,b", k, 3), 0);
	ck_assert_str_eq(k, "ab");
}
END_TEST

int
main(void)
{
	const TTest *tests[] = { test_engine_host, test_url, test_detach_keys };

	return fixture_run("browse", tests, sizeof tests / sizeof tests[0]);
}
