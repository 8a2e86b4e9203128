/* sources: dockerapi/cgroup.c xmalloc.c */
/*
 * Fuzz the /proc and cgroup file parsers through the public API: the input
 * is NUL-separated file contents, written into a scratch proc/sys tree that
 * cgroup_ctx_new() and cgroup_sample() then read. Segments, in order:
 *   0 self/mountinfo   1 <pid>/cgroup     2 stat        3 meminfo
 *   4 <pid>/net/dev    5 cpuacct.usage and cpu.stat
 *   6 memory.usage_in_bytes and memory.current
 *   7 memory.limit_in_bytes and memory.max        8 memory.stat
 *   9 blkio.throttle.io_service_bytes and io.stat  10 pids.current
 * Every cgroup file lives in <root>/c: seeds mount all controllers at /c
 * and put the container at "/".
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "dockerapi/cgroup.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NSEG	11

static char scratch[256];

static const char *const seg_files[NSEG][2] = {
	{ "proc/self/mountinfo", NULL },
	{ "proc/1/cgroup", NULL },
	{ "proc/stat", NULL },
	{ "proc/meminfo", NULL },
	{ "proc/1/net/dev", NULL },
	{ "root/c/cpuacct.usage", "root/c/cpu.stat" },
	{ "root/c/memory.usage_in_bytes", "root/c/memory.current" },
	{ "root/c/memory.limit_in_bytes", "root/c/memory.max" },
	{ "root/c/memory.stat", NULL },
	{ "root/c/blkio.throttle.io_service_bytes", "root/c/io.stat" },
	{ "root/c/pids.current", NULL },
};

static const char *const dirs[] = {
	"proc", "proc/self", "proc/1", "proc/1/net", "root", "root/c"
};

static void
scratch_path(char *out, size_t n, const char *rel)
{
	snprintf(out, n, "%s/%s", scratch, rel);
}

static void
put_file(const char *rel, const uint8_t *p, size_t n)
{
	char path[512];
	ssize_t w;
	int fd;

	scratch_path(path, sizeof path, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		abort();
	while (n > 0) {
		w = write(fd, p, n);
		if (w <= 0)
			abort();
		p += w;
		n -= (size_t)w;
	}
	close(fd);
}

static void
scratch_remove(void)
{
	char path[512];
	size_t i, j;

	for (i = 0; i < NSEG; i++)
		for (j = 0; j < 2; j++)
			if (seg_files[i][j] != NULL) {
				scratch_path(path, sizeof path, seg_files[i][j]);
				unlink(path);
			}
	for (i = sizeof dirs / sizeof dirs[0]; i-- > 0;) {
		scratch_path(path, sizeof path, dirs[i]);
		rmdir(path);
	}
	rmdir(scratch);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[512];
	const char *tmp = getenv("TMPDIR");
	size_t i;

	(void)argc;
	(void)argv;
	snprintf(scratch, sizeof scratch, "%s/berth-fuzz-cgroup.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(scratch) == NULL)
		abort();
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		scratch_path(path, sizeof path, dirs[i]);
		if (mkdir(path, 0700) == -1)
			abort();
	}
	atexit(scratch_remove);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char proc[512], root[512];
	const uint8_t *p = data, *end = data + size, *nul;
	struct cgroup_ctx *ctx;
	struct dapi_stats st;
	size_t i, j, n;

	if (scratch[0] == '\0')
		LLVMFuzzerInitialize(NULL, NULL);
	for (i = 0; i < NSEG; i++) {
		nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
		n = nul != NULL ? (size_t)(nul - p) : (size_t)(end - p);
		for (j = 0; j < 2; j++)
			if (seg_files[i][j] != NULL)
				put_file(seg_files[i][j], p, n);
		p = nul != NULL ? nul + 1 : end;
	}
	scratch_path(proc, sizeof proc, "proc");
	scratch_path(root, sizeof root, "root");
	ctx = cgroup_ctx_new(proc, root);
	if (ctx == NULL)
		return 0;
	if (cgroup_sample(ctx, 1, &st) && !st.valid)
		abort();
	cgroup_ctx_free(ctx);
	return 0;
}

#ifdef FUZZ_STANDALONE
/* Replay inputs without libFuzzer: fuzz_cgroup FILE... */
int
main(int argc, char **argv)
{
	static uint8_t buf[1 << 20];
	size_t n;
	FILE *f;
	int i;

	for (i = 1; i < argc; i++) {
		f = fopen(argv[i], "rb");
		if (f == NULL)
			return 1;
		n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	return 0;
}
#endif
