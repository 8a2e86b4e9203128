/* Local stats fast path: cgroup v1/v2 files and /proc/<pid>/net/dev. */
#ifndef BERTH_CGROUP_H
#define BERTH_CGROUP_H

#include <stdbool.h>
#include <stdint.h>

#include "dockerapi/records.h"

struct cgroup_ctx;

/*
 * Discover cgroup mounts (from /proc/self/mountinfo) and host facts
 * (online CPUs, MemTotal). proc_root is "/proc" normally; sys_root
 * prefixes absolute mount points ("" normally) so tests can use fixture
 * trees. Returns NULL if neither v1 nor v2 cgroups are found.
 * Call from one thread; the context is not shared between threads.
 */
struct cgroup_ctx *cgroup_ctx_new(const char *proc_root, const char *sys_root);
void cgroup_ctx_free(struct cgroup_ctx *ctx);

/*
 * Sample the container whose main process is host pid `pid`: find its
 * cgroup from /proc/<pid>/cgroup, read CPU (cpuacct.usage or cpu.stat
 * usage_usec), memory (usage, inactive file, limit capped at MemTotal),
 * blkio, pids, and /proc/<pid>/net/dev (all interfaces but lo), and the
 * host CPU time from /proc/stat as docker does. Blocks on file reads only.
 * Returns true and fills st (valid = true) on success, false when the
 * files are not readable (caller falls back to the API).
 */
bool cgroup_sample(struct cgroup_ctx *ctx, int pid, struct dapi_stats *st);

/* One container's cgroup directories, found once, reused every tick. */
struct cgroup_dirs;
void cgroup_dirs_free(struct cgroup_dirs *d);

/*
 * The host CPU time from /proc/stat (docker's system_cpu_usage), in ns.
 * Read it once per tick for all containers, as moby's collector does.
 */
bool cgroup_system_ns(struct cgroup_ctx *ctx, uint64_t *ns);

/*
 * cgroup_sample for the 1 Hz loop: *dirs caches the container's cgroup
 * directories (NULL at first; owned by the caller, cgroup_dirs_free), so
 * /proc/<pid>/cgroup is read only when pid changes or a read fails.
 * system_ns, when not NULL, is used instead of reading /proc/stat.
 */
bool cgroup_sample_cached(struct cgroup_ctx *ctx, struct cgroup_dirs **dirs,
    int pid, const uint64_t *system_ns, struct dapi_stats *st);

#endif
