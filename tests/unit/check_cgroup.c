/* cgroup: sampling from fixture trees (tests/data/cgroup/<tree>/{proc,root}). */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dockerapi/cgroup.h"
#include "dockerapi/statcalc.h"

static struct cgroup_ctx *
tree_ctx(const char *tree)
{
	const char *data = getenv("BERTH_TEST_DATA");
	char proc[1024], root[1024];

	if (data == NULL || *data == '\0')
		data = "tests/data";
	snprintf(proc, sizeof proc, "%s/cgroup/%s/proc", data, tree);
	snprintf(root, sizeof root, "%s/cgroup/%s/root", data, tree);
	return cgroup_ctx_new(proc, root);
}

/* Host facts the fixtures cannot fix: they come from this machine. */
static uint32_t
host_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (uint32_t)n : 0;
}

static uint64_t
ticks_ns(uint64_t ticks)
{
	return ticks * (1000000000u / (uint64_t)sysconf(_SC_CLK_TCK));
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Sample and expect success; the clock must be read during the call. */
static void
sample_ok(struct cgroup_ctx *ctx, int pid, struct dapi_stats *st)
{
	uint64_t t0 = now_ns(), t1;

	ck_assert_msg(cgroup_sample(ctx, pid, st), "sample of pid %d failed", pid);
	t1 = now_ns();
	ck_assert(st->valid);
	ck_assert_uint_ge(st->read_ns, t0);
	ck_assert_uint_le(st->read_ns, t1);
	ck_assert_uint_eq(st->online_cpus, host_cpus());
}

static void
sample_fails(struct cgroup_ctx *ctx, int pid)
{
	struct dapi_stats st;

	memset(&st, 0xa5, sizeof st);
	ck_assert_msg(!cgroup_sample(ctx, pid, &st), "sample of pid %d worked", pid);
	ck_assert(!st.valid);
	ck_assert_uint_eq(st.cpu_total_ns, 0);
	ck_assert_uint_eq(st.mem_usage, 0);
}

/*
 * v1 tree, recorded from a real engine on a cgroup v1 hybrid host.
 * /proc/stat "cpu  16137 0 3883 67462 423 0 66 34 0 0": docker sums the
 * first seven (steal left out) = 87971 ticks. MemTotal 24684084 kB.
 */
#define V1_SYSTEM_TICKS	87971u
#define V1_MEMTOTAL	(24684084u * (uint64_t)1024)

/* `while :; do :; done`, no memory limit: the limit becomes MemTotal. */
START_TEST(v1_busy_unlimited)
{
	struct cgroup_ctx *ctx = tree_ctx("v1");
	struct dapi_stats st;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 14115, &st);
	ck_assert_uint_eq(st.cpu_total_ns, 75352763541u);
	ck_assert_uint_eq(st.system_ns, ticks_ns(V1_SYSTEM_TICKS));
	ck_assert_uint_eq(st.mem_usage, 323584u);
	ck_assert_uint_eq(st.mem_inactive_file, 0);
	ck_assert_uint_eq(st.mem_limit, V1_MEMTOTAL);	/* from 9223372036854771712 */
	ck_assert_uint_eq(st.net_rx, 0);		/* --network none: lo only */
	ck_assert_uint_eq(st.net_tx, 0);
	ck_assert_uint_eq(st.blk_read, 0);		/* "Total 0" */
	ck_assert_uint_eq(st.blk_write, 0);
	ck_assert_uint_eq(st.pids, 1);
	cgroup_ctx_free(ctx);
}
END_TEST

/* -m 64m with 18 MiB of page cache: 17.85MiB / 64MiB, 27.89%. */
START_TEST(v1_limited)
{
	struct cgroup_ctx *ctx = tree_ctx("v1");
	struct dapi_stats st;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 14545, &st);
	ck_assert_uint_eq(st.cpu_total_ns, 62799835u);
	ck_assert_uint_eq(st.mem_usage, 19767296u);
	ck_assert_uint_eq(st.mem_inactive_file, 1048576u);
	ck_assert_uint_eq(st.mem_limit, 67108864u);
	ck_assert_uint_eq(statcalc_mem_used(&st), 18718720u);
	ck_assert_double_eq_tol(statcalc_mem_percent(&st), 27.89306640625, 1e-12);
	cgroup_ctx_free(ctx);
}
END_TEST

/* blkio over two devices (254:0 and 7:0); Sync/Async/Total lines ignored. */
START_TEST(v1_blkio)
{
	struct cgroup_ctx *ctx = tree_ctx("v1");
	struct dapi_stats st;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 15383, &st);
	ck_assert_uint_eq(st.blk_read, 1052672u + 20480u);
	ck_assert_uint_eq(st.blk_write, 8388608u);
	ck_assert_uint_eq(st.mem_usage, 9199616u);
	ck_assert_uint_eq(st.mem_inactive_file, 8388608u);
	ck_assert_uint_eq(statcalc_mem_used(&st), 811008u);
	ck_assert_uint_eq(st.mem_limit, V1_MEMTOTAL);
	cgroup_ctx_free(ctx);
}
END_TEST

/*
 * Hand-made pid 7004: no v1 blkio/pids lines (the hybrid v2 group has no
 * files either: zeros, not a failure), a trailing '/' in a path, several
 * interfaces incl. "eth0:1234567" with no space, and total_inactive_file
 * >= usage, where the CLI falls back to the group's own inactive_file.
 */
START_TEST(v1_partial_and_net)
{
	struct cgroup_ctx *ctx = tree_ctx("v1");
	struct dapi_stats st;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 7004, &st);
	ck_assert_uint_eq(st.cpu_total_ns, 12345678901u);
	ck_assert_uint_eq(st.net_rx, 1234567u + 100u + 4294967296u);
	ck_assert_uint_eq(st.net_tx, 765432u + 200u + 8589934592u);
	ck_assert_uint_eq(st.mem_usage, 4096000u);
	ck_assert_uint_eq(st.mem_inactive_file, 1000000u);
	ck_assert_uint_eq(statcalc_mem_used(&st), 3096000u);
	ck_assert_uint_eq(st.mem_limit, 2147483648u);
	ck_assert_uint_eq(st.blk_read, 0);
	ck_assert_uint_eq(st.blk_write, 0);
	ck_assert_uint_eq(st.pids, 0);
	cgroup_ctx_free(ctx);
}
END_TEST

START_TEST(v1_failures)
{
	struct cgroup_ctx *ctx = tree_ctx("v1");

	ck_assert_ptr_nonnull(ctx);
	sample_fails(ctx, 7001);	/* "/docker/../../../etc": refused */
	sample_fails(ctx, 7002);	/* group directory gone */
	sample_fails(ctx, 7003);	/* no /proc/<pid>/net/dev */
	sample_fails(ctx, 999999);	/* no such pid */
	sample_fails(ctx, 0);
	sample_fails(ctx, -1);
	/* a failure leaves the context usable */
	{
		struct dapi_stats st;
		sample_ok(ctx, 14115, &st);
	}
	cgroup_ctx_free(ctx);
}
END_TEST

/* Two samples of the same files: Δsystem is 0, so no CPU% yet. */
START_TEST(v1_same_files_no_cpu)
{
	struct cgroup_ctx *ctx = tree_ctx("v1");
	struct dapi_stats a, b;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 14115, &a);
	sample_ok(ctx, 14115, &b);
	ck_assert_double_eq(statcalc_cpu_percent(&a, &b), -1.0);
	cgroup_ctx_free(ctx);
}
END_TEST

/*
 * v2 tree: /proc/stat "cpu  2255470 1432 612310 91288210 40125 0 18211 977"
 * -> 94215758 ticks; MemTotal 16209624 kB.
 */
#define V2_SYSTEM_TICKS	94215758u
#define V2_MEMTOTAL	(16209624u * (uint64_t)1024)

/* systemd driver, memory.max "max", eth0 traffic, io.stat over two devices. */
/* The 1 Hz path: cached directories and one /proc/stat read give the same sample. */
START_TEST(v1_cached_dirs)
{
	struct cgroup_ctx *ctx = tree_ctx("v1");
	struct cgroup_dirs *d = NULL;
	struct dapi_stats a, b, c;
	uint64_t sys = 0;

	ck_assert_ptr_nonnull(ctx);
	ck_assert(cgroup_system_ns(ctx, &sys));
	ck_assert_uint_eq(sys, ticks_ns(V1_SYSTEM_TICKS));
	sample_ok(ctx, 14115, &a);
	ck_assert(cgroup_sample_cached(ctx, &d, 14115, &sys, &b));
	ck_assert_ptr_nonnull(d);
	ck_assert(cgroup_sample_cached(ctx, &d, 14115, NULL, &c));	/* from the cache */
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(b.cpu_total_ns, a.cpu_total_ns);
	ck_assert_uint_eq(c.cpu_total_ns, a.cpu_total_ns);
	ck_assert_uint_eq(b.system_ns, a.system_ns);
	ck_assert_uint_eq(c.mem_usage, a.mem_usage);
	ck_assert_uint_eq(c.mem_limit, a.mem_limit);
	ck_assert_uint_eq(c.pids, a.pids);
	/* another pid (a restart): looked up again; a missing one: dropped */
	ck_assert(!cgroup_sample_cached(ctx, &d, 999999, &sys, &c));
	ck_assert_ptr_null(d);
	ck_assert(!c.valid);
	ck_assert(cgroup_sample_cached(ctx, &d, 14115, &sys, &c));
	ck_assert_uint_eq(c.cpu_total_ns, a.cpu_total_ns);
	cgroup_dirs_free(d);
	cgroup_ctx_free(ctx);
}
END_TEST

START_TEST(v2_systemd_unlimited)
{
	struct cgroup_ctx *ctx = tree_ctx("v2");
	struct dapi_stats st;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 3100, &st);
	ck_assert_uint_eq(st.cpu_total_ns, 48210455000u);	/* usage_usec * 1000 */
	ck_assert_uint_eq(st.system_ns, ticks_ns(V2_SYSTEM_TICKS));
	ck_assert_uint_eq(st.mem_usage, 157286400u);
	ck_assert_uint_eq(st.mem_inactive_file, 41943040u);
	ck_assert_uint_eq(st.mem_limit, V2_MEMTOTAL);
	ck_assert_uint_eq(statcalc_mem_used(&st), 115343360u);
	ck_assert_uint_eq(st.net_rx, 918273u);
	ck_assert_uint_eq(st.net_tx, 102938u);
	ck_assert_uint_eq(st.blk_read, 10485760u + 524288u);
	ck_assert_uint_eq(st.blk_write, 4096u + 2097152u);
	ck_assert_uint_eq(st.pids, 7);
	cgroup_ctx_free(ctx);
}
END_TEST

/* -m 64m, inactive_file larger than usage (nothing subtracted), no io.stat. */
START_TEST(v2_limited)
{
	struct cgroup_ctx *ctx = tree_ctx("v2");
	struct dapi_stats st;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 3200, &st);
	ck_assert_uint_eq(st.cpu_total_ns, 1500000u);
	ck_assert_uint_eq(st.mem_usage, 4194304u);
	ck_assert_uint_eq(st.mem_inactive_file, 8388608u);
	ck_assert_uint_eq(st.mem_limit, 67108864u);
	ck_assert_uint_eq(statcalc_mem_used(&st), 4194304u);
	ck_assert_double_eq_tol(statcalc_mem_percent(&st), 6.25, 1e-12);
	ck_assert_uint_eq(st.blk_read, 0);
	ck_assert_uint_eq(st.pids, 1);
	cgroup_ctx_free(ctx);
}
END_TEST

/* cgroupfs driver path; a limit above the host is shown as the host. */
START_TEST(v2_limit_above_host)
{
	struct cgroup_ctx *ctx = tree_ctx("v2");
	struct dapi_stats st;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 3300, &st);
	ck_assert_uint_eq(st.cpu_total_ns, 0);
	ck_assert_uint_eq(st.mem_usage, 0);
	ck_assert_uint_eq(st.mem_limit, V2_MEMTOTAL);	/* from 32 GiB */
	ck_assert_uint_eq(st.blk_read, 0);
	ck_assert_uint_eq(st.blk_write, 0);
	ck_assert_uint_eq(st.pids, 0);
	cgroup_ctx_free(ctx);
}
END_TEST

/*
 * ns tree: cpu,cpuacct co-mounted twice (a sub-hierarchy "/sub" first, then
 * the whole one: the whole one wins), memory mounted only from "/berth" at
 * a point with an escaped space, and "name=pids", which is no controller.
 */
START_TEST(ns_mount_roots)
{
	struct cgroup_ctx *ctx = tree_ctx("ns");
	struct dapi_stats st;

	ck_assert_ptr_nonnull(ctx);
	sample_ok(ctx, 5100, &st);
	ck_assert_uint_eq(st.cpu_total_ns, 111);	/* "/" is the mount itself */
	ck_assert_uint_eq(st.mem_usage, 7340032u);	/* "/berth/docker/abc" */
	ck_assert_uint_eq(st.mem_inactive_file, 1048576u);
	ck_assert_uint_eq(st.mem_limit, 8388608u);
	ck_assert_uint_eq(st.pids, 0);
	ck_assert_uint_eq(st.system_ns, ticks_ns(V2_SYSTEM_TICKS));

	sample_ok(ctx, 5300, &st);
	ck_assert_uint_eq(st.cpu_total_ns, 222);	/* "/x//y/" */
	ck_assert_uint_eq(st.mem_usage, 3145728u);	/* "/berth": the mount root */
	ck_assert_uint_eq(st.mem_limit, V2_MEMTOTAL);

	sample_fails(ctx, 5200);	/* "/elsewhere/...": outside the mount */
	cgroup_ctx_free(ctx);
}
END_TEST

START_TEST(ctx_none)
{
	const char *data = getenv("BERTH_TEST_DATA");
	char proc[1024];

	ck_assert_ptr_null(tree_ctx("none"));	/* no cgroup mounts */
	ck_assert_ptr_null(tree_ctx("does-not-exist"));
	if (data == NULL || *data == '\0')
		data = "tests/data";
	snprintf(proc, sizeof proc, "%s/cgroup/v1/proc", data);
	/* a sys_root without the files: mounts found, every sample fails */
	{
		struct cgroup_ctx *ctx = cgroup_ctx_new(proc, "/nonexistent-berth-root");
		ck_assert_ptr_nonnull(ctx);
		sample_fails(ctx, 14115);
		cgroup_ctx_free(ctx);
	}
	cgroup_ctx_free(NULL);
	{
		struct dapi_stats st;
		ck_assert(!cgroup_sample(NULL, 1, &st));
	}
}
END_TEST

static Suite *
cgroup_suite(void)
{
	Suite *s = suite_create("cgroup");
	TCase *tc;

	tc = tcase_create("v1");
	tcase_add_test(tc, v1_busy_unlimited);
	tcase_add_test(tc, v1_limited);
	tcase_add_test(tc, v1_blkio);
	tcase_add_test(tc, v1_partial_and_net);
	tcase_add_test(tc, v1_failures);
	tcase_add_test(tc, v1_same_files_no_cpu);
	tcase_add_test(tc, v1_cached_dirs);
	suite_add_tcase(s, tc);

	tc = tcase_create("v2");
	tcase_add_test(tc, v2_systemd_unlimited);
	tcase_add_test(tc, v2_limited);
	tcase_add_test(tc, v2_limit_above_host);
	suite_add_tcase(s, tc);

	tc = tcase_create("mounts");
	tcase_add_test(tc, ns_mount_roots);
	tcase_add_test(tc, ctx_none);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(cgroup_suite());
	int failed;

	/* CK_TAP_LOG_FILE_NAME=- puts TAP on stdout: keep the summary off it */
	srunner_run_all(sr, getenv("CK_TAP_LOG_FILE_NAME") != NULL ? CK_SILENT : CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
