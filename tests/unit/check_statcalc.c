/* statcalc: the docker stats formulas against hand-computed numbers. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "dockerapi/statcalc.h"

static struct dapi_stats
cpu_sample(uint64_t cpu, uint64_t sys, uint32_t ncpu)
{
	struct dapi_stats s = { 0 };

	s.cpu_total_ns = cpu;
	s.system_ns = sys;
	s.online_cpus = ncpu;
	s.valid = true;
	return s;
}

static struct dapi_stats
mem_sample(uint64_t usage, uint64_t inactive, uint64_t limit)
{
	struct dapi_stats s = { 0 };

	s.mem_usage = usage;
	s.mem_inactive_file = inactive;
	s.mem_limit = limit;
	s.valid = true;
	return s;
}

/*
 * GET /containers/burn/stats?stream=false from a real engine (20.10.24,
 * cgroup v1, 2 CPUs), a `while :; do :; done` container:
 * cpu_stats.cpu_usage.total_usage 35299214147, system_cpu_usage 797190000000;
 * precpu_stats 34297984464, 795210000000; online_cpus 2.
 * 1001229683 / 1980000000 * 2 * 100 = 101.134311414141...
 */
START_TEST(cpu_docker_json_busy)
{
	struct dapi_stats pre = cpu_sample(34297984464u, 795210000000u, 2);
	struct dapi_stats cur = cpu_sample(35299214147u, 797190000000u, 2);

	ck_assert_double_eq_tol(statcalc_cpu_percent(&pre, &cur),
	    101.134311414141, 1e-9);
}
END_TEST

/* Same engine, the idle container: no CPU time between the two samples. */
START_TEST(cpu_docker_json_idle)
{
	struct dapi_stats pre = cpu_sample(62799835u, 811150000000u, 2);
	struct dapi_stats cur = cpu_sample(62799835u, 813140000000u, 2);

	ck_assert_double_eq(statcalc_cpu_percent(&pre, &cur), 0.0);
}
END_TEST

/* 0.5 s of CPU over 4 s of host time on 4 CPUs: 0.125 * 4 * 100 = 50. */
START_TEST(cpu_hand)
{
	struct dapi_stats pre = cpu_sample(1000000000u, 10000000000u, 4);
	struct dapi_stats cur = cpu_sample(1500000000u, 14000000000u, 4);

	ck_assert_double_eq_tol(statcalc_cpu_percent(&pre, &cur), 50.0, 1e-12);
	/* online CPUs come from the newer sample */
	cur.online_cpus = 8;
	ck_assert_double_eq_tol(statcalc_cpu_percent(&pre, &cur), 100.0, 1e-12);
}
END_TEST

/* Counters near 2^64 keep their precision: deltas are taken in integers. */
START_TEST(cpu_large_counters)
{
	struct dapi_stats pre = cpu_sample(UINT64_MAX - 3000, UINT64_MAX - 40000, 1);
	struct dapi_stats cur = cpu_sample(UINT64_MAX - 1000, UINT64_MAX, 1);

	ck_assert_double_eq_tol(statcalc_cpu_percent(&pre, &cur), 5.0, 1e-12);
}
END_TEST

START_TEST(cpu_system_not_advanced)
{
	struct dapi_stats pre = cpu_sample(1000, 5000000, 2);
	struct dapi_stats cur = cpu_sample(2000, 5000000, 2);

	ck_assert_double_eq(statcalc_cpu_percent(&pre, &cur), -1.0);
	cur.system_ns = 4000000;	/* went backwards */
	ck_assert_double_eq(statcalc_cpu_percent(&pre, &cur), -1.0);
}
END_TEST

/* A restarted container's counter starts again: the CLI shows 0. */
START_TEST(cpu_counter_reset)
{
	struct dapi_stats pre = cpu_sample(9000000000u, 10000000000u, 2);
	struct dapi_stats cur = cpu_sample(1000000u, 12000000000u, 2);

	ck_assert_double_eq(statcalc_cpu_percent(&pre, &cur), 0.0);
}
END_TEST

START_TEST(cpu_invalid)
{
	struct dapi_stats pre = cpu_sample(1000, 1000000, 2);
	struct dapi_stats cur = cpu_sample(2000, 2000000, 2);

	ck_assert_double_eq(statcalc_cpu_percent(NULL, &cur), -1.0);
	ck_assert_double_eq(statcalc_cpu_percent(&pre, NULL), -1.0);
	pre.valid = false;
	ck_assert_double_eq(statcalc_cpu_percent(&pre, &cur), -1.0);
	pre.valid = true;
	cur.valid = false;
	ck_assert_double_eq(statcalc_cpu_percent(&pre, &cur), -1.0);
	cur.valid = true;
	cur.online_cpus = 0;
	ck_assert_double_eq(statcalc_cpu_percent(&pre, &cur), -1.0);
}
END_TEST

/*
 * The idle container's memory_stats from the same engine: usage 21864448,
 * stats.total_inactive_file 1048576, limit 67108864 (-m 64m).
 * 20815872 / 67108864 * 100 = 31.01806640625 (docker stats: 19.85MiB, 31.02%).
 */
START_TEST(mem_docker_json)
{
	struct dapi_stats s = mem_sample(21864448u, 1048576u, 67108864u);

	ck_assert_uint_eq(statcalc_mem_used(&s), 20815872u);
	ck_assert_double_eq_tol(statcalc_mem_percent(&s), 31.01806640625, 1e-12);
}
END_TEST

/* The burn container: no limit, so the engine reports host memory. */
START_TEST(mem_docker_json_unlimited)
{
	struct dapi_stats s = mem_sample(323584u, 0, 25276502016u);

	ck_assert_uint_eq(statcalc_mem_used(&s), 323584u);
	/* 323584 / 25276502016 * 100 */
	ck_assert_double_eq_tol(statcalc_mem_percent(&s), 0.0012801771376, 1e-12);
}
END_TEST

START_TEST(mem_inactive_not_smaller)
{
	struct dapi_stats s = mem_sample(4096, 4096, 8192);

	/* equal: nothing subtracted, as the CLI's strict comparison */
	ck_assert_uint_eq(statcalc_mem_used(&s), 4096u);
	ck_assert_double_eq_tol(statcalc_mem_percent(&s), 50.0, 1e-12);
	s.mem_inactive_file = 1u << 20;	/* larger than usage */
	ck_assert_uint_eq(statcalc_mem_used(&s), 4096u);
	s.mem_inactive_file = 1024;
	ck_assert_uint_eq(statcalc_mem_used(&s), 3072u);
	ck_assert_double_eq_tol(statcalc_mem_percent(&s), 37.5, 1e-12);
}
END_TEST

START_TEST(mem_no_limit_or_invalid)
{
	struct dapi_stats s = mem_sample(4096, 0, 0);

	ck_assert_double_eq(statcalc_mem_percent(&s), -1.0);
	s.mem_limit = 8192;
	s.valid = false;
	ck_assert_double_eq(statcalc_mem_percent(&s), -1.0);
	ck_assert_uint_eq(statcalc_mem_used(&s), 0u);
	ck_assert_uint_eq(statcalc_mem_used(NULL), 0u);
	ck_assert_double_eq(statcalc_mem_percent(NULL), -1.0);
}
END_TEST

START_TEST(rate_hand)
{
	/* 1 MiB in half a second: 2 MiB/s */
	ck_assert_double_eq_tol(statcalc_rate(1000, 1000 + 1048576,
	    1700000000000000000u, 1700000000500000000u), 2097152.0, 1e-6);
	/* 1500 bytes over 3 s */
	ck_assert_double_eq_tol(statcalc_rate(0, 1500, 0, 3000000000u), 500.0, 1e-9);
	/* no change */
	ck_assert_double_eq(statcalc_rate(77, 77, 1, 2), 0.0);
}
END_TEST

START_TEST(rate_edges)
{
	/* counter went backwards: container restarted */
	ck_assert_double_eq(statcalc_rate(5000, 10, 1000000000u, 2000000000u), 0.0);
	/* time did not advance, or went back */
	ck_assert_double_eq(statcalc_rate(0, 5000, 2000000000u, 2000000000u), 0.0);
	ck_assert_double_eq(statcalc_rate(0, 5000, 3000000000u, 2000000000u), 0.0);
	/* the whole range of a 64-bit counter */
	ck_assert_double_eq_tol(statcalc_rate(0, UINT64_MAX, 0, 1000000000u),
	    18446744073709551615.0, 1e4);
}
END_TEST

static Suite *
statcalc_suite(void)
{
	Suite *s = suite_create("statcalc");
	TCase *tc;

	tc = tcase_create("cpu");
	tcase_add_test(tc, cpu_docker_json_busy);
	tcase_add_test(tc, cpu_docker_json_idle);
	tcase_add_test(tc, cpu_hand);
	tcase_add_test(tc, cpu_large_counters);
	tcase_add_test(tc, cpu_system_not_advanced);
	tcase_add_test(tc, cpu_counter_reset);
	tcase_add_test(tc, cpu_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("mem");
	tcase_add_test(tc, mem_docker_json);
	tcase_add_test(tc, mem_docker_json_unlimited);
	tcase_add_test(tc, mem_inactive_not_smaller);
	tcase_add_test(tc, mem_no_limit_or_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("rate");
	tcase_add_test(tc, rate_hand);
	tcase_add_test(tc, rate_edges);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(statcalc_suite());
	int failed;

	/* CK_TAP_LOG_FILE_NAME=- puts TAP on stdout: keep the summary off it */
	srunner_run_all(sr, getenv("CK_TAP_LOG_FILE_NAME") != NULL ? CK_SILENT : CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
