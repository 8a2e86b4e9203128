/* Cell formats: sizes, durations, states, uptimes, ports. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tui/fmt.h"
#include "views/cfmt.h"

START_TEST(test_bytes)
{
	char b[32];
	ck_assert_str_eq(fmt_bytes(0, b, sizeof b), "0B");
	ck_assert_str_eq(fmt_bytes(1023, b, sizeof b), "1023B");
	ck_assert_str_eq(fmt_bytes(1536, b, sizeof b), "1.5K");
	ck_assert_str_eq(fmt_bytes(64ull << 20, b, sizeof b), "64M");
	ck_assert_str_eq(fmt_bytes(3ull << 30, b, sizeof b), "3.0G");
	ck_assert_str_eq(fmt_bytes(UINT64_MAX, b, sizeof b), "16E");
}
END_TEST

START_TEST(test_duration)
{
	char b[32];
	ck_assert_str_eq(fmt_duration(-1, b, sizeof b), "-");
	ck_assert_str_eq(fmt_duration(59, b, sizeof b), "59s");
	ck_assert_str_eq(fmt_duration(61, b, sizeof b), "1m");
	ck_assert_str_eq(fmt_duration(3 * 3600 + 5 * 60, b, sizeof b), "3h05m");
	ck_assert_str_eq(fmt_duration(2 * 86400 + 4 * 3600, b, sizeof b), "2d04h");
	ck_assert_str_eq(fmt_duration(400 * 86400LL, b, sizeof b), "1y35d");
}
END_TEST

START_TEST(test_state_and_uptime)
{
	struct dapi_container c = { 0 };
	char b[64];

	c.state = DAPI_ST_EXITED;
	c.exit_code = 137;
	c.finished_at = 1000;
	ck_assert_str_eq(cfmt_state(&c, b, sizeof b), "exited(137)");
	ck_assert_str_eq(cfmt_uptime(&c, 1300, b, sizeof b), "5m ago");
	c.state = DAPI_ST_RUNNING;
	c.health = DAPI_HEALTH_UNHEALTHY;
	c.started_at = 1000;
	ck_assert_str_eq(cfmt_state(&c, b, sizeof b), "running UNHEALTHY");
	ck_assert_str_eq(cfmt_uptime(&c, 1045, b, sizeof b), "45s");
	c.state = DAPI_ST_PAUSED;
	c.health = DAPI_HEALTH_NONE;
	ck_assert_str_eq(cfmt_state(&c, b, sizeof b), "paused");
	c.state = DAPI_ST_RESTARTING;
	ck_assert_str_eq(cfmt_state(&c, b, sizeof b), "restarting");
	c.state = DAPI_ST_CREATED;
	ck_assert_str_eq(cfmt_uptime(&c, 1045, b, sizeof b), "-");
	ck_assert_str_eq(fmt_percent(-1, b, sizeof b), "-");
	ck_assert_str_eq(fmt_percent(12.345, b, sizeof b), "12.3");
	ck_assert_str_eq(fmt_percent(180.2, b, sizeof b), "180");
}
END_TEST

START_TEST(test_ports)
{
	struct dapi_container c = { 0 };
	struct dapi_port p[2] = {
		{ (char *)"127.0.0.1", 80, 8080, "tcp" },
		{ NULL, 443, 0, "tcp" },
	};
	char b[64], tiny[12];

	c.ports = p;
	c.nports = 2;
	ck_assert_str_eq(cfmt_ports(&c, b, sizeof b), "127.0.0.1:8080->80/tcp, 443/tcp");
	/* a short buffer keeps whole entries only */
	ck_assert_str_eq(cfmt_ports(&c, tiny, sizeof tiny), "");
	c.nports = 0;
	ck_assert_str_eq(cfmt_ports(&c, b, sizeof b), "");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("fmt");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_bytes);
	tcase_add_test(tc, test_duration);
	tcase_add_test(tc, test_state_and_uptime);
	tcase_add_test(tc, test_ports);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
