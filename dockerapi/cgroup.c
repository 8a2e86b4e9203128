/* Local stats fast path: a container's cgroup files and /proc/<pid>/net/dev, read directly. */
#define _POSIX_C_SOURCE 200809L

#include "dockerapi/cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xmalloc.h"

#define CG_PATH_MAX	4096
#define CG_FILE_MAX	(4u << 20)	/* mountinfo of a busy host, net/dev with host networking */
#define CG_HEAD_MAX	4096		/* /proc/stat: only the first line matters */

/* v1 controllers berth reads; the v2 hierarchy is the last slot. */
enum {
	CG_CPUACCT,
	CG_MEMORY,
	CG_BLKIO,
	CG_PIDS,
	CG_V2,
	CG_NSLOT
};

static const char *const cg_names[CG_V2] = { "cpuacct", "memory", "blkio", "pids" };

struct cg_mount {
	char *point;		/* sys_root + mount point */
	char *root;		/* the mount's root inside its hierarchy */
};

struct cgroup_ctx {
	char *proc_root;
	struct cg_mount mnt[CG_NSLOT];
	uint32_t online_cpus;
	uint64_t mem_total;	/* bytes, 0 when /proc/meminfo says nothing */
	uint64_t clk_tck;

	/* per-sample scratch: file contents and the container's directories */
	char *buf;
	size_t cap;
	bool have[CG_NSLOT];
	char dir[CG_NSLOT][CG_PATH_MAX];
};

/* ---- buffer parsers: bytes in, numbers out, no NUL termination assumed ---- */

static const char *
skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *
line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl != NULL ? nl : end;
}

/* Decimal digits at *p; advances *p. -1 without digits or on overflow. */
static int
parse_u64(const char **pp, const char *end, uint64_t *v)
{
	const char *p = *pp;
	uint64_t n = 0;

	if (p >= end || *p < '0' || *p > '9')
		return -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (n > (UINT64_MAX - d) / 10)
			return -1;
		n = n * 10 + d;
	}
	*pp = p;
	*v = n;
	return 0;
}

static bool
word_is(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(p, w, n) == 0;
}

/* A file holding one number ("max" allowed when max_ok: UINT64_MAX). */
static int
parse_single(const char *buf, size_t len, bool max_ok, uint64_t *v)
{
	const char *p = buf, *end = buf + len;

	p = skip_blank(p, end);
	if (max_ok && (size_t)(end - p) >= 3 && memcmp(p, "max", 3) == 0) {
		p += 3;
		*v = UINT64_MAX;
	} else if (parse_u64(&p, end, v) == -1)
		return -1;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++;
	return p == end ? 0 : -1;
}

/* "key value" lines (memory.stat, cpu.stat, meminfo with sep ':'). */
static int
parse_keyed(const char *buf, size_t len, const char *key, char sep, uint64_t *v)
{
	const char *p = buf, *end = buf + len, *eol, *k;

	for (; p < end; p = eol + 1) {
		eol = line_end(p, end);
		k = p;
		while (p < eol && *p != ' ' && *p != '\t' && *p != sep)
			p++;
		if (!word_is(k, (size_t)(p - k), key))
			continue;
		if (sep != ' ') {
			if (p >= eol || *p != sep)
				return -1;
			p++;
		}
		p = skip_blank(p, eol);
		return parse_u64(&p, eol, v);
	}
	return -1;
}

/*
 * /proc/stat: the "cpu " line, summed as moby's getSystemCPUUsage does:
 * user nice system idle iowait irq softirq (parts[1:8], so steal is not
 * counted), then ticks to ns.
 */
static int
parse_proc_stat(const char *buf, size_t len, uint64_t clk_tck, uint64_t *ns)
{
	const char *p = buf, *end = buf + len, *eol;
	uint64_t sum = 0, v;
	int i;

	for (; p < end; p = eol + 1) {
		eol = line_end(p, end);
		if (eol - p < 4 || memcmp(p, "cpu", 3) != 0 ||
		    (p[3] != ' ' && p[3] != '\t'))
			continue;
		p += 3;
		for (i = 0; i < 7; i++) {
			p = skip_blank(p, eol);
			if (parse_u64(&p, eol, &v) == -1)
				return -1;
			sum += v;
		}
		if (1000000000u % clk_tck == 0)
			*ns = sum * (1000000000u / clk_tck);
		else
			*ns = sum / clk_tck * 1000000000u +
			    sum % clk_tck * 1000000000u / clk_tck;
		return 0;
	}
	return -1;
}

/* /proc/meminfo MemTotal in bytes. */
static int
parse_meminfo(const char *buf, size_t len, uint64_t *bytes)
{
	uint64_t kb;

	if (parse_keyed(buf, len, "MemTotal", ':', &kb) == -1)
		return -1;
	if (kb > UINT64_MAX / 1024)
		return -1;
	*bytes = kb * 1024;
	return 0;
}

/*
 * /proc/<pid>/net/dev: sum receive bytes (first column) and transmit bytes
 * (ninth) over every interface but lo. Header lines carry no ':'.
 */
static int
parse_net_dev(const char *buf, size_t len, uint64_t *rx, uint64_t *tx)
{
	const char *p = buf, *end = buf + len, *eol, *colon, *name, *ne;
	uint64_t col[9];
	int i;

	*rx = *tx = 0;
	for (; p < end; p = eol + 1) {
		eol = line_end(p, end);
		colon = memchr(p, ':', (size_t)(eol - p));
		if (colon == NULL)
			continue;
		name = skip_blank(p, colon);
		for (ne = colon; ne > name && (ne[-1] == ' ' || ne[-1] == '\t'); ne--)
			;
		p = colon + 1;
		for (i = 0; i < 9; i++) {
			p = skip_blank(p, eol);
			if (parse_u64(&p, eol, &col[i]) == -1)
				return -1;
		}
		if (word_is(name, (size_t)(ne - name), "lo"))
			continue;
		*rx += col[0];
		*tx += col[8];
	}
	return 0;
}

/* v1 blkio.throttle.io_service_bytes: "MAJ:MIN Op bytes" lines, then "Total N". */
static int
parse_blkio_v1(const char *buf, size_t len, uint64_t *rd, uint64_t *wr)
{
	const char *p = buf, *end = buf + len, *eol, *op;
	uint64_t v;

	*rd = *wr = 0;
	for (; p < end; p = eol + 1) {
		eol = line_end(p, end);
		p = skip_blank(p, eol);
		if (p == eol || *p < '0' || *p > '9')
			continue;	/* "Total N" and blank lines */
		while (p < eol && *p != ' ' && *p != '\t')
			p++;
		op = p = skip_blank(p, eol);
		while (p < eol && *p != ' ' && *p != '\t')
			p++;
		if (!word_is(op, (size_t)(p - op), "Read") &&
		    !word_is(op, (size_t)(p - op), "Write"))
			continue;
		p = skip_blank(p, eol);
		if (parse_u64(&p, eol, &v) == -1)
			return -1;
		if (*op == 'R')
			*rd += v;
		else
			*wr += v;
	}
	return 0;
}

/* v2 io.stat: "MAJ:MIN rbytes=N wbytes=N rios=N ..." per device. */
static int
parse_io_stat(const char *buf, size_t len, uint64_t *rd, uint64_t *wr)
{
	const char *p = buf, *end = buf + len, *eol, *k, *eq;
	uint64_t v;

	*rd = *wr = 0;
	for (; p < end; p = eol + 1) {
		eol = line_end(p, end);
		p = skip_blank(p, eol);
		while (p < eol && *p != ' ' && *p != '\t')
			p++;		/* device */
		for (;;) {
			p = skip_blank(p, eol);
			if (p == eol)
				break;
			k = p;
			while (p < eol && *p != ' ' && *p != '\t')
				p++;
			eq = memchr(k, '=', (size_t)(p - k));
			if (eq == NULL)
				continue;
			if (!word_is(k, (size_t)(eq - k), "rbytes") &&
			    !word_is(k, (size_t)(eq - k), "wbytes"))
				continue;
			eq++;
			if (parse_u64(&eq, p, &v) == -1 || eq != p)
				return -1;
			if (*k == 'r')
				*rd += v;
			else
				*wr += v;
		}
	}
	return 0;
}

/* ---- paths ---- */

/* No "." or ".." component: a path from a file must stay under its mount. */
static bool
path_tame(const char *p, size_t n)
{
	size_t i = 0, s;

	if (memchr(p, '\0', n) != NULL)
		return false;
	while (i < n) {
		while (i < n && p[i] == '/')
			i++;
		s = i;
		while (i < n && p[i] != '/')
			i++;
		if ((i - s == 1 && p[s] == '.') ||
		    (i - s == 2 && p[s] == '.' && p[s + 1] == '.'))
			return false;
	}
	return true;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static char *
unescape_field(const char *p, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 3 < n &&
		    p[i + 1] >= '0' && p[i + 1] <= '3' &&
		    p[i + 2] >= '0' && p[i + 2] <= '7' &&
		    p[i + 3] >= '0' && p[i + 3] <= '7') {
			*o++ = (char)((p[i + 1] - '0') << 6 |
			    (p[i + 2] - '0') << 3 | (p[i + 3] - '0'));
			i += 3;
		} else
			*o++ = p[i];
	}
	*o = '\0';
	return out;
}

/* Does the comma-separated list hold word w? */
static bool
list_has(const char *p, size_t n, const char *w)
{
	const char *end = p + n, *c;

	while (p < end) {
		c = memchr(p, ',', (size_t)(end - p));
		if (c == NULL)
			c = end;
		if (word_is(p, (size_t)(c - p), w))
			return true;
		p = c + 1;
	}
	return false;
}

static void
mount_set(struct cg_mount *m, const char *sys_root, const char *root,
    size_t rootlen, const char *point, size_t pointlen)
{
	char *r, *pt;
	size_t n;

	r = unescape_field(root, rootlen);
	pt = unescape_field(point, pointlen);
	/* keep the first mount, unless a later one shows the whole hierarchy */
	if (pt[0] != '/' || r[0] != '/' || !path_tame(pt, strlen(pt)) ||
	    (m->point != NULL && (strcmp(m->root, "/") == 0 || strcmp(r, "/") != 0))) {
		free(r);
		free(pt);
		return;
	}
	free(m->point);
	free(m->root);
	n = strlen(sys_root) + strlen(pt) + 1;
	m->point = xmalloc(n);
	snprintf(m->point, n, "%s%s", sys_root, pt);
	m->root = r;
	free(pt);
}

/*
 * /proc/self/mountinfo: "id parent maj:min root point opts [optional...] -
 * fstype source superopts". v1 hierarchies name their controllers in the
 * super options; the v2 one has fstype cgroup2.
 */
static void
parse_mountinfo(struct cgroup_ctx *ctx, const char *sys_root, const char *buf,
    size_t len)
{
	const char *p = buf, *end = buf + len, *eol;
	const char *f[32];
	size_t fl[32];
	int nf, sep, i;

	for (; p < end; p = eol + 1) {
		eol = line_end(p, end);
		for (nf = 0; nf < 32; nf++) {
			p = skip_blank(p, eol);
			if (p == eol)
				break;
			f[nf] = p;
			while (p < eol && *p != ' ' && *p != '\t')
				p++;
			fl[nf] = (size_t)(p - f[nf]);
		}
		for (sep = 6; sep < nf && !word_is(f[sep], fl[sep], "-"); sep++)
			;
		if (sep + 3 >= nf)
			continue;
		if (word_is(f[sep + 1], fl[sep + 1], "cgroup2")) {
			mount_set(&ctx->mnt[CG_V2], sys_root, f[3], fl[3], f[4], fl[4]);
			continue;
		}
		if (!word_is(f[sep + 1], fl[sep + 1], "cgroup"))
			continue;
		for (i = 0; i < CG_V2; i++)
			if (list_has(f[sep + 3], fl[sep + 3], cg_names[i]))
				mount_set(&ctx->mnt[i], sys_root, f[3], fl[3],
				    f[4], fl[4]);
	}
}

/* dir = mount point joined with path made relative to the mount's root. */
static bool
resolve_dir(const struct cg_mount *m, const char *path, size_t n, char *dir)
{
	size_t rl;
	int w;

	if (m->point == NULL || !path_tame(path, n))
		return false;
	rl = strlen(m->root);
	if (strcmp(m->root, "/") != 0) {
		/* a mount of a sub-hierarchy only reaches groups below it */
		while (rl > 1 && m->root[rl - 1] == '/')
			rl--;
		if (n < rl || memcmp(path, m->root, rl) != 0 ||
		    (n > rl && path[rl] != '/'))
			return false;
		path += rl;
		n -= rl;
	}
	while (n > 0 && *path == '/') {
		path++;
		n--;
	}
	while (n > 0 && path[n - 1] == '/')
		n--;
	if (n >= CG_PATH_MAX)
		return false;
	if (n == 0)
		w = snprintf(dir, CG_PATH_MAX, "%s", m->point);
	else
		w = snprintf(dir, CG_PATH_MAX, "%s%s%.*s", m->point,
		    m->point[strlen(m->point) - 1] == '/' ? "" : "/",
		    (int)n, path);
	return w > 0 && w < CG_PATH_MAX;
}

/* /proc/<pid>/cgroup: "hierarchy:controllers:path"; v2 is "0::path". */
static void
parse_pid_cgroup(struct cgroup_ctx *ctx, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *eol, *c1, *c2;
	int i;

	for (i = 0; i < CG_NSLOT; i++)
		ctx->have[i] = false;
	for (; p < end; p = eol + 1) {
		eol = line_end(p, end);
		c1 = memchr(p, ':', (size_t)(eol - p));
		if (c1 == NULL)
			continue;
		c2 = memchr(c1 + 1, ':', (size_t)(eol - c1 - 1));
		if (c2 == NULL)
			continue;
		if (c2 == c1 + 1 && word_is(p, (size_t)(c1 - p), "0")) {
			if (!ctx->have[CG_V2])
				ctx->have[CG_V2] = resolve_dir(&ctx->mnt[CG_V2],
				    c2 + 1, (size_t)(eol - c2 - 1), ctx->dir[CG_V2]);
			continue;
		}
		for (i = 0; i < CG_V2; i++)
			if (!ctx->have[i] &&
			    list_has(c1 + 1, (size_t)(c2 - c1 - 1), cg_names[i]))
				ctx->have[i] = resolve_dir(&ctx->mnt[i], c2 + 1,
				    (size_t)(eol - c2 - 1), ctx->dir[i]);
	}
}

/* ---- files ---- */

/*
 * Read a file into ctx->buf (NUL-terminated for good measure). head: the
 * first line is enough, a longer file is not an error. Returns 0 or -1.
 */
static int
read_file(struct cgroup_ctx *ctx, const char *path, bool head, size_t *lenp)
{
	size_t len = 0, max = head ? CG_HEAD_MAX : CG_FILE_MAX, want;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	for (;;) {
		if (head && memchr(ctx->buf, '\n', len) != NULL)
			break;
		if (len == max) {
			if (head)
				break;
			goto fail;
		}
		ctx->buf = xgrowarray(ctx->buf, &ctx->cap, len + 2, 1);
		want = ctx->cap - 1 - len;
		if (want > max - len)
			want = max - len;
		n = read(fd, ctx->buf + len, want);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	ctx->buf[len] = '\0';
	*lenp = len;
	return 0;
fail:
	close(fd);
	return -1;
}

/* Read the file at the path fmt formats; -1 when it is too long or the
 * read fails. */
static int read_at(struct cgroup_ctx *ctx, bool head, size_t *lenp,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
read_at(struct cgroup_ctx *ctx, bool head, size_t *lenp, const char *fmt, ...)
{
	char path[CG_PATH_MAX];
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	if (w < 0 || w >= (int)sizeof path)
		return -1;
	return read_file(ctx, path, head, lenp);
}

/* Read dir/name when dir is known; -1 when it is not or the read fails. */
static int
read_in(struct cgroup_ctx *ctx, int slot, const char *name, size_t *lenp)
{
	if (!ctx->have[slot])
		return -1;
	return read_at(ctx, false, lenp, "%s/%s", ctx->dir[slot], name);
}

static int
read_proc(struct cgroup_ctx *ctx, int pid, const char *name, bool head,
    size_t *lenp)
{
	if (pid > 0)
		return read_at(ctx, head, lenp, "%s/%d/%s", ctx->proc_root, pid, name);
	return read_at(ctx, head, lenp, "%s/%s", ctx->proc_root, name);
}

static int
read_single(struct cgroup_ctx *ctx, int slot, const char *name, bool max_ok,
    uint64_t *v)
{
	size_t len;

	if (read_in(ctx, slot, name, &len) == -1)
		return -1;
	return parse_single(ctx->buf, len, max_ok, v);
}

static int
read_keyed(struct cgroup_ctx *ctx, int slot, const char *name, const char *key,
    uint64_t *v)
{
	size_t len;

	if (read_in(ctx, slot, name, &len) == -1)
		return -1;
	return parse_keyed(ctx->buf, len, key, ' ', v);
}

/* ---- public ---- */

struct cgroup_ctx *
cgroup_ctx_new(const char *proc_root, const char *sys_root)
{
	struct cgroup_ctx *ctx;
	size_t len;
	long v;
	int i;
	bool any = false;

	ctx = xcalloc(1, sizeof *ctx);
	ctx->proc_root = xstrdup(proc_root);
	ctx->cap = 8192;
	ctx->buf = xmalloc(ctx->cap);
	v = sysconf(_SC_NPROCESSORS_ONLN);
	ctx->online_cpus = v > 0 ? (uint32_t)v : 0;
	v = sysconf(_SC_CLK_TCK);
	ctx->clk_tck = v > 0 ? (uint64_t)v : 100;

	if (read_proc(ctx, 0, "meminfo", false, &len) == -1 ||
	    parse_meminfo(ctx->buf, len, &ctx->mem_total) == -1)
		ctx->mem_total = 0;
	if (read_proc(ctx, 0, "self/mountinfo", false, &len) == 0)
		parse_mountinfo(ctx, sys_root, ctx->buf, len);
	for (i = 0; i < CG_NSLOT; i++)
		any = any || ctx->mnt[i].point != NULL;
	if (!any) {
		cgroup_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

void
cgroup_ctx_free(struct cgroup_ctx *ctx)
{
	int i;

	if (ctx == NULL)
		return;
	for (i = 0; i < CG_NSLOT; i++) {
		free(ctx->mnt[i].point);
		free(ctx->mnt[i].root);
	}
	free(ctx->proc_root);
	free(ctx->buf);
	free(ctx);
}

/* CPU time, then the host's (unless given), then the clock: close together, as moby samples. */
static int
sample_cpu(struct cgroup_ctx *ctx, const uint64_t *system_ns, struct dapi_stats *st)
{
	struct timespec ts;
	uint64_t usec;
	size_t len;

	if (ctx->have[CG_CPUACCT]) {
		if (read_single(ctx, CG_CPUACCT, "cpuacct.usage", false,
		    &st->cpu_total_ns) == -1)
			return -1;
	} else {
		if (read_keyed(ctx, CG_V2, "cpu.stat", "usage_usec", &usec) == -1 ||
		    usec > UINT64_MAX / 1000)
			return -1;
		st->cpu_total_ns = usec * 1000;
	}
	if (system_ns != NULL)
		st->system_ns = *system_ns;
	else if (read_proc(ctx, 0, "stat", true, &len) == -1 ||
	    parse_proc_stat(ctx->buf, len, ctx->clk_tck, &st->system_ns) == -1)
		return -1;
	if (clock_gettime(CLOCK_REALTIME, &ts) == -1)
		return -1;
	st->read_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	st->online_cpus = ctx->online_cpus;
	return 0;
}

static int
sample_mem(struct cgroup_ctx *ctx, struct dapi_stats *st)
{
	uint64_t limit = UINT64_MAX, local;
	size_t len;

	if (ctx->have[CG_MEMORY]) {
		if (read_single(ctx, CG_MEMORY, "memory.usage_in_bytes", false,
		    &st->mem_usage) == -1)
			return -1;
		if (read_single(ctx, CG_MEMORY, "memory.limit_in_bytes", false,
		    &limit) == -1)
			limit = UINT64_MAX;
		if (read_in(ctx, CG_MEMORY, "memory.stat", &len) == 0) {
			if (parse_keyed(ctx->buf, len, "total_inactive_file", ' ',
			    &st->mem_inactive_file) == -1)
				st->mem_inactive_file = 0;
			/* the CLI falls back to the group's own inactive_file */
			if (st->mem_inactive_file >= st->mem_usage &&
			    parse_keyed(ctx->buf, len, "inactive_file", ' ',
			    &local) == 0 && local < st->mem_usage)
				st->mem_inactive_file = local;
		}
	} else {
		if (read_single(ctx, CG_V2, "memory.current", false,
		    &st->mem_usage) == -1)
			return -1;
		if (read_single(ctx, CG_V2, "memory.max", true, &limit) == -1)
			limit = UINT64_MAX;
		if (read_keyed(ctx, CG_V2, "memory.stat", "inactive_file",
		    &st->mem_inactive_file) == -1)
			st->mem_inactive_file = 0;
	}
	/* no limit, or one above the host: docker shows the host's memory */
	if (ctx->mem_total > 0 && limit > ctx->mem_total)
		limit = ctx->mem_total;
	st->mem_limit = limit == UINT64_MAX ? 0 : limit;
	return 0;
}

/* Optional: a controller that is not there leaves zeros. */
static void
sample_io(struct cgroup_ctx *ctx, struct dapi_stats *st)
{
	size_t len;
	int slot;

	if (ctx->have[CG_BLKIO]) {
		if (read_in(ctx, CG_BLKIO, "blkio.throttle.io_service_bytes",
		    &len) == 0 &&
		    parse_blkio_v1(ctx->buf, len, &st->blk_read, &st->blk_write) == -1)
			st->blk_read = st->blk_write = 0;
	} else if (read_in(ctx, CG_V2, "io.stat", &len) == 0 &&
	    parse_io_stat(ctx->buf, len, &st->blk_read, &st->blk_write) == -1)
		st->blk_read = st->blk_write = 0;

	slot = ctx->have[CG_PIDS] ? CG_PIDS : CG_V2;
	if (read_single(ctx, slot, "pids.current", false, &st->pids) == -1)
		st->pids = 0;
}

struct cgroup_dirs {
	int pid;
	bool have[CG_NSLOT];
	char *dir[CG_NSLOT];
};

void
cgroup_dirs_free(struct cgroup_dirs *d)
{
	if (d == NULL)
		return;
	for (int i = 0; i < CG_NSLOT; i++)
		free(d->dir[i]);
	free(d);
}

bool
cgroup_system_ns(struct cgroup_ctx *ctx, uint64_t *ns)
{
	size_t len;

	return ctx != NULL && read_proc(ctx, 0, "stat", true, &len) == 0 &&
	    parse_proc_stat(ctx->buf, len, ctx->clk_tck, ns) == 0;
}

/* The files themselves, once ctx->have/dir name the container's groups. */
static bool
sample_files(struct cgroup_ctx *ctx, int pid, const uint64_t *system_ns,
    struct dapi_stats *st)
{
	size_t len;

	if ((!ctx->have[CG_CPUACCT] || !ctx->have[CG_MEMORY]) && !ctx->have[CG_V2])
		return false;
	if (sample_cpu(ctx, system_ns, st) == -1 || sample_mem(ctx, st) == -1)
		return false;
	sample_io(ctx, st);
	if (read_proc(ctx, pid, "net/dev", false, &len) == -1 ||
	    parse_net_dev(ctx->buf, len, &st->net_rx, &st->net_tx) == -1)
		return false;
	st->valid = true;
	return true;
}

bool
cgroup_sample_cached(struct cgroup_ctx *ctx, struct cgroup_dirs **dirs, int pid,
    const uint64_t *system_ns, struct dapi_stats *st)
{
	struct cgroup_dirs *d = *dirs;
	size_t len;
	int i;

	memset(st, 0, sizeof *st);
	if (ctx == NULL || pid <= 0)
		return false;
	if (d != NULL && d->pid == pid) {
		for (i = 0; i < CG_NSLOT; i++) {
			ctx->have[i] = d->have[i];
			if (d->have[i])
				memcpy(ctx->dir[i], d->dir[i], strlen(d->dir[i]) + 1);
		}
		if (sample_files(ctx, pid, system_ns, st))
			return true;
		/* moved or gone: look the groups up again below */
		memset(st, 0, sizeof *st);
	}
	cgroup_dirs_free(d);
	*dirs = NULL;
	if (read_proc(ctx, pid, "cgroup", false, &len) == -1)
		return false;
	parse_pid_cgroup(ctx, ctx->buf, len);
	if (!sample_files(ctx, pid, system_ns, st)) {
		memset(st, 0, sizeof *st);
		return false;
	}
	d = xcalloc(1, sizeof *d);
	d->pid = pid;
	for (i = 0; i < CG_NSLOT; i++) {
		d->have[i] = ctx->have[i];
		if (ctx->have[i])
			d->dir[i] = xstrdup(ctx->dir[i]);
	}
	*dirs = d;
	return true;
}

bool
cgroup_sample(struct cgroup_ctx *ctx, int pid, struct dapi_stats *st)
{
	struct cgroup_dirs *d = NULL;
	bool ok = cgroup_sample_cached(ctx, &d, pid, NULL, st);

	cgroup_dirs_free(d);
	return ok;
}
