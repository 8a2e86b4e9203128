/* The deploy journal: one fsync'ed write() per record, a forgiving reader, unit locks. */
#include "deploy/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "xmalloc.h"

#define JOURNAL_FILE "journal.jsonl"
#define READ_LIMIT (256u << 20)

struct journal {
	char *dir;
	char *path;
	int fd;
};

struct journal_lock {
	int fd;
	long stale_pid;
};

static void
err_set(struct journal_error *err, const char *what, const char *path, int e)
{
	char eb[128];

	if (err == NULL)
		return;
	/* strerror_r: GNU or XSI flavour; both leave text in eb or return it */
#if defined(_GNU_SOURCE)
	const char *s = strerror_r(e, eb, sizeof eb);
#else
	const char *s = strerror_r(e, eb, sizeof eb) == 0 ? eb : "error";
#endif
	snprintf(err->text, sizeof err->text, "%.50s %.200s: %.60s", what, path, s);
}

int
journal_dir(const char *flag, char *out, size_t outsz, struct journal_error *err)
{
	const char *v;

	if (flag != NULL && *flag != '\0') {
		snprintf(out, outsz, "%s", flag);
		return 0;
	}
	if ((v = getenv("BERTH_STATE_DIR")) != NULL && *v != '\0') {
		snprintf(out, outsz, "%s", v);
		return 0;
	}
	if ((v = getenv("XDG_STATE_HOME")) != NULL && *v == '/') {
		snprintf(out, outsz, "%s/berth", v);
		return 0;
	}
	if ((v = getenv("HOME")) != NULL && *v != '\0') {
		snprintf(out, outsz, "%s/.local/state/berth", v);
		return 0;
	}
	if (err != NULL)
		snprintf(err->text, sizeof err->text,
		    "no state directory: set --state-dir, BERTH_STATE_DIR or HOME");
	return -1;
}

/* mkdir -p with mode for the last component. */
static int
mkdirs(const char *dir, mode_t mode)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = '/';
	}
	if (rc == 0 && mkdir(p, mode) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* A crash can leave a torn last line; start the next record on its own line.
 * The check and the newline happen under flock, so writers opening together
 * end a torn tail once, not once each (which would leave blank lines). */
static void
terminate_torn_tail(int fd)
{
	struct stat st;
	char ch;

	while (flock(fd, LOCK_EX) != 0)
		if (errno != EINTR)
			break;
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    pread(fd, &ch, 1, st.st_size - 1) == 1 && ch != '\n')
		(void)write(fd, "\n", 1);
	(void)flock(fd, LOCK_UN);
}

struct journal *
journal_open(const char *dir, struct journal_error *err)
{
	struct journal *j = xcalloc(1, sizeof *j);
	size_t n = strlen(dir) + sizeof JOURNAL_FILE + 2;
	int e;

	j->fd = -1;
	j->dir = xstrdup(dir);
	j->path = xmalloc(n);
	snprintf(j->path, n, "%s/%s", dir, JOURNAL_FILE);
	if (mkdirs(dir, 0750) != 0) {
		err_set(err, "cannot create the state directory", dir, errno);
		goto fail;
	}
	j->fd = open(j->path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
	if (j->fd < 0 && errno == ENOENT) {
		j->fd = open(j->path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640);
		if (j->fd >= 0)
			(void)fchmod(j->fd, 0640);	/* whatever the umask */
		else if (errno == EEXIST)
			j->fd = open(j->path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
	}
	if (j->fd < 0) {
		/* a symlink here was not put there by berth: never write through it */
		err_set(err, errno == ELOOP ? "refusing to follow a symlink (remove it) at" :
		    "cannot open the journal", j->path, errno);
		goto fail;
	}
	terminate_torn_tail(j->fd);
	return j;
fail:
	e = errno;
	journal_free(j);
	errno = e;
	return NULL;
}

void
journal_free(struct journal *j)
{
	if (j == NULL)
		return;
	if (j->fd >= 0)
		close(j->fd);
	free(j->dir);
	free(j->path);
	free(j);
}

const char *
journal_path(const struct journal *j)
{
	return j->path;
}

const char *
journal_dirname(const struct journal *j)
{
	return j->dir;
}

int
journal_append(struct journal *j, json_t *rec, struct journal_error *err)
{
	char *s = json_dumps(rec, JSON_COMPACT | JSON_ENSURE_ASCII);
	size_t len;
	ssize_t w;
	int rc = -1;

	if (s == NULL) {
		snprintf(err->text, sizeof err->text, "cannot encode a journal record");
		return -1;
	}
	len = strlen(s);
	s = xreallocarray(s, len + 2, 1);
	s[len++] = '\n';
	s[len] = '\0';
	/* One write(): with O_APPEND concurrent writers never interleave lines. */
	do
		w = write(j->fd, s, len);
	while (w < 0 && errno == EINTR);
	if (w < 0) {
		err_set(err, "cannot write the journal", j->path, errno);
		goto out;
	}
	if ((size_t)w != len) {
		/* out of space mid-record: end the torn line so the next one parses */
		int e = errno;
		(void)write(j->fd, "\n", 1);
		err_set(err, "short write to the journal", j->path, e ? e : ENOSPC);
		goto out;
	}
	if (fsync(j->fd) != 0) {
		err_set(err, "cannot fsync the journal", j->path, errno);
		goto out;
	}
	rc = 0;
out:
	free(s);
	return rc;
}

int64_t
journal_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
journal_new_id(char *out, size_t outsz)
{
	unsigned char r[4] = { 0 };
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	uint64_t t = (uint64_t)journal_now_ms();

	if (fd >= 0) {
		if (read(fd, r, sizeof r) != (ssize_t)sizeof r)
			memset(r, 0, sizeof r);
		close(fd);
	}
	/* time first, so ids sort roughly by start */
	snprintf(out, outsz, "d%08llx%02x%02x%02x", (unsigned long long)((t / 1000) & 0xffffffffu),
	    r[0], r[1], r[2] ^ (unsigned char)getpid());
}

void
journal_who(char *out, size_t outsz)
{
	const char *v = getenv("SUDO_USER");
	struct passwd pw, *res = NULL;
	char buf[1024];

	if (v == NULL || *v == '\0')
		v = getenv("USER");
	if (v != NULL && *v != '\0') {
		snprintf(out, outsz, "%s", v);
		return;
	}
	if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &res) == 0 && res != NULL)
		snprintf(out, outsz, "%s", pw.pw_name);
	else
		snprintf(out, outsz, "?");
}

/* ---------------------------------------------------------------- reading */

static void
lines_add_bad(struct journal_lines *l, size_t lineno)
{
	l->bad = xreallocarray(l->bad, l->nbad + 1, sizeof *l->bad);
	l->bad[l->nbad++] = lineno;
}

void
journal_parse(const char *buf, size_t len, struct journal_lines *out)
{
	size_t pos = 0, lineno = 0, cap = 0;

	memset(out, 0, sizeof *out);
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - buf) : len;
		size_t n = end - pos;
		json_t *rec;
		bool blank = true;

		lineno++;
		for (size_t i = pos; i < end; i++)
			if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r')
				blank = false;
		if (blank) {
			pos = end + 1;
			continue;
		}
		rec = json_loadb(buf + pos, n, JSON_REJECT_DUPLICATES, NULL);
		if (!json_is_object(rec) || !json_is_string(json_object_get(rec, "id")) ||
		    !json_is_string(json_object_get(rec, "ev"))) {
			json_decref(rec);
			lines_add_bad(out, lineno);
			if (nl == NULL)
				out->torn_tail = true;
		} else {
			if (out->n == cap) {
				cap = cap ? cap * 2 : 64;
				out->recs = xreallocarray(out->recs, cap, sizeof *out->recs);
			}
			out->recs[out->n++] = rec;
		}
		pos = end + 1;
	}
}

void
journal_lines_clear(struct journal_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		json_decref(l->recs[i]);
	free(l->recs);
	free(l->bad);
	memset(l, 0, sizeof *l);
}

int
journal_read(const char *dir, struct journal_lines *out, struct journal_error *err)
{
	size_t n = strlen(dir) + sizeof JOURNAL_FILE + 2, len = 0, cap = 0;
	char *path = xmalloc(n), *buf = NULL;
	int fd, rc = -1;

	memset(out, 0, sizeof *out);
	snprintf(path, n, "%s/%s", dir, JOURNAL_FILE);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno == ENOENT)
			rc = 0;
		else
			err_set(err, errno == ELOOP ? "refusing to follow a symlink (remove it) at" : "cannot read the journal", path, errno);
		goto out;
	}
	for (;;) {
		ssize_t r;
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 65536 * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err_set(err, errno == ELOOP ? "refusing to follow a symlink (remove it) at" : "cannot read the journal", path, errno);
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > READ_LIMIT) {
			snprintf(err->text, sizeof err->text, "the journal %s is larger than %u MiB",
			    path, READ_LIMIT >> 20);
			goto out;
		}
	}
	journal_parse(buf, len, out);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	free(path);
	return rc;
}

const char *
journal_result_name(enum journal_result r)
{
	switch (r) {
	case JOURNAL_SUCCEEDED: return "succeeded";
	case JOURNAL_FAILED: return "failed";
	case JOURNAL_ROLLED_BACK: return "rolled back";
	case JOURNAL_RUNNING: break;
	}
	return "unfinished";
}

enum journal_result
journal_result_parse(const char *s)
{
	if (s == NULL)
		return JOURNAL_RUNNING;
	if (strcmp(s, "succeeded") == 0)
		return JOURNAL_SUCCEEDED;
	if (strcmp(s, "failed") == 0)
		return JOURNAL_FAILED;
	if (strcmp(s, "rolled back") == 0)
		return JOURNAL_ROLLED_BACK;
	return JOURNAL_RUNNING;
}

static void
take_str(char **dst, json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);

	if (!json_is_string(v))
		return;
	free(*dst);
	*dst = xstrdup(json_string_value(v));
}

static int64_t
get_ms(json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static bool
matches(json_t *rec, const char *key, const char *want)
{
	const char *v;

	if (want == NULL)
		return true;
	v = json_string_value(json_object_get(rec, key));
	return v != NULL && strcmp(v, want) == 0;
}

static void
fill_start(struct journal_entry *e, json_t *rec)
{
	take_str(&e->engine, rec, "engine");
	take_str(&e->service, rec, "service");
	take_str(&e->branch, rec, "branch");
	take_str(&e->container, rec, "container");
	take_str(&e->via, rec, "via");
	take_str(&e->who, rec, "who");
	take_str(&e->strategy, rec, "strategy");
	take_str(&e->from_ref, rec, "from_ref");
	take_str(&e->from_image, rec, "from_image");
	take_str(&e->from_digest, rec, "from_digest");
	take_str(&e->from_commit, rec, "from_commit");
	take_str(&e->from_build, rec, "from_build");
	take_str(&e->to_ref, rec, "to_ref");
	take_str(&e->to_image, rec, "to_image");
	take_str(&e->to_digest, rec, "to_digest");
	take_str(&e->commit, rec, "commit");
	take_str(&e->build, rec, "build");
	take_str(&e->rollback_of, rec, "rollback_of");
	e->start_ms = get_ms(rec, "t");
}

static void
fill_step(struct journal_entry *e, json_t *rec)
{
	json_t *v;

	take_str(&e->step, rec, "step");
	take_str(&e->old_id, rec, "old_id");
	take_str(&e->old_name, rec, "old_name");
	take_str(&e->new_id, rec, "new_id");
	take_str(&e->new_name, rec, "new_name");
	take_str(&e->aside_name, rec, "aside_name");
	take_str(&e->to_image, rec, "to_image");
	if (json_is_boolean(v = json_object_get(rec, "old_running")))
		e->old_running = json_is_true(v);
	if (e->step != NULL && strcmp(e->step, "healthy") == 0)
		e->healthy = true;
}

static void
fill_end(struct journal_entry *e, json_t *rec)
{
	take_str(&e->reason, rec, "reason");
	e->result = journal_result_parse(json_string_value(json_object_get(rec, "result")));
	e->end_ms = get_ms(rec, "t");
}

void
journal_fold(const struct journal_lines *l, const char *engine,
    const char *service, const char *branch, struct journal_history *out)
{
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < l->n; i++) {
		json_t *rec = l->recs[i];
		const char *id = json_string_value(json_object_get(rec, "id"));
		const char *ev = json_string_value(json_object_get(rec, "ev"));
		struct journal_entry *e = NULL;
		bool first = strcmp(ev, "start") == 0 || strcmp(ev, "observed") == 0;

		/* later records of a deploy match on id alone */
		for (size_t k = out->n; k > 0; k--) {
			if (strcmp(out->e[k - 1].id, id) == 0) {
				e = &out->e[k - 1];
				break;
			}
		}
		if (e == NULL) {
			if (!first || !matches(rec, "engine", engine) ||
			    !matches(rec, "service", service) || !matches(rec, "branch", branch))
				continue;
			if (out->n == cap) {
				cap = cap ? cap * 2 : 32;
				out->e = xreallocarray(out->e, cap, sizeof *out->e);
			}
			e = &out->e[out->n++];
			memset(e, 0, sizeof *e);
			e->id = xstrdup(id);
		}
		if (first)
			fill_start(e, rec);
		if (strcmp(ev, "step") == 0)
			fill_step(e, rec);
		else if (strcmp(ev, "end") == 0 || strcmp(ev, "observed") == 0)
			fill_end(e, rec);
	}
}

static void
entry_clear(struct journal_entry *e)
{
	char **s[] = { &e->id, &e->engine, &e->service, &e->branch, &e->container,
	    &e->via, &e->who, &e->strategy, &e->from_ref, &e->from_image, &e->from_digest,
	    &e->from_commit, &e->from_build, &e->to_ref, &e->to_image, &e->to_digest,
	    &e->commit, &e->build, &e->reason, &e->rollback_of, &e->step, &e->old_id,
	    &e->old_name, &e->new_id, &e->new_name, &e->aside_name };

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		free(*s[i]);
	memset(e, 0, sizeof *e);
}

void
journal_history_clear(struct journal_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		entry_clear(&h->e[i]);
	free(h->e);
	memset(h, 0, sizeof *h);
}

static void
set_opt(json_t *o, const char *key, const char *v)
{
	json_t *s;

	if (v == NULL)
		s = json_null();
	else if ((s = json_string(v)) == NULL)
		s = json_null();	/* not UTF-8: the journal wrote ASCII escapes, so rare */
	json_object_set_new(o, key, s);
}

json_t *
journal_entry_json(const struct journal_entry *e)
{
	json_t *o = json_object();

	set_opt(o, "id", e->id);
	set_opt(o, "engine", e->engine);
	set_opt(o, "service", e->service);
	set_opt(o, "branch", e->branch);
	set_opt(o, "container", e->container);
	set_opt(o, "via", e->via);
	set_opt(o, "who", e->who);
	set_opt(o, "strategy", e->strategy);
	set_opt(o, "from_ref", e->from_ref);
	set_opt(o, "from_image", e->from_image);
	set_opt(o, "from_digest", e->from_digest);
	set_opt(o, "from_commit", e->from_commit);
	set_opt(o, "from_build", e->from_build);
	set_opt(o, "to_ref", e->to_ref);
	set_opt(o, "to_image", e->to_image);
	set_opt(o, "to_digest", e->to_digest);
	set_opt(o, "commit", e->commit);
	set_opt(o, "build", e->build);
	set_opt(o, "rollback_of", e->rollback_of);
	json_object_set_new(o, "start_ms", json_integer(e->start_ms));
	json_object_set_new(o, "end_ms", e->end_ms ? json_integer(e->end_ms) : json_null());
	json_object_set_new(o, "result", json_string(journal_result_name(e->result)));
	set_opt(o, "reason", e->reason);
	set_opt(o, "last_step", e->step);
	return o;
}

/* ---------------------------------------------------------------- locks */

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	h ^= 0xff;	/* field separator */
	return h * 1099511628211ull;
}

static bool
pid_alive(long pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

static long
lock_pid(int fd)
{
	char buf[64] = "";
	ssize_t r = pread(fd, buf, sizeof buf - 1, 0);

	if (r <= 0)
		return 0;
	buf[r] = '\0';
	return strtol(buf, NULL, 10);
}

struct journal_lock *
journal_lock_take(const char *dir, const char *engine, const char *service,
    const char *branch, long wait_ms, struct journal_error *err)
{
	uint64_t h = 14695981039346656037ull;
	char ldir[4096], path[4200], line[1024];
	struct journal_lock *l = NULL;
	int64_t deadline = journal_now_ms() + (wait_ms > 0 ? wait_ms : 0);
	long holder;
	int fd;

	h = fnv1a(fnv1a(fnv1a(h, engine), service), branch);
	snprintf(ldir, sizeof ldir, "%s/locks", dir);
	if (mkdirs(ldir, 0750) != 0) {
		err_set(err, "cannot create the lock directory", ldir, errno);
		return NULL;
	}
	snprintf(path, sizeof path, "%s/%016llx.lock", ldir, (unsigned long long)h);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (fd < 0) {
		err_set(err, "cannot open the lock file", path, errno);
		return NULL;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		struct timespec ts = { 0, 100 * 1000000L };
		if (errno != EWOULDBLOCK && errno != EINTR) {
			err_set(err, "cannot lock", path, errno);
			close(fd);
			return NULL;
		}
		if (journal_now_ms() >= deadline) {
			holder = lock_pid(fd);
			snprintf(err->text, sizeof err->text,
			    "another deploy of %.60s/%.60s is running (pid %ld holds %.120s)",
			    service, branch != NULL ? branch : "-", holder, path);
			close(fd);
			return NULL;
		}
		nanosleep(&ts, NULL);
	}
	l = xcalloc(1, sizeof *l);
	l->fd = fd;
	holder = lock_pid(fd);
	/* flock died with its holder; say so when the file names a dead pid */
	if (holder > 0 && holder != (long)getpid() && !pid_alive(holder))
		l->stale_pid = holder;
	snprintf(line, sizeof line, "%ld\n%s\n%s\n%s\n", (long)getpid(),
	    engine != NULL ? engine : "", service != NULL ? service : "",
	    branch != NULL ? branch : "");
	if (ftruncate(fd, 0) == 0)
		(void)pwrite(fd, line, strlen(line), 0);
	return l;
}

long
journal_lock_stale_pid(const struct journal_lock *l)
{
	return l->stale_pid;
}

void
journal_lock_release(struct journal_lock *l)
{
	if (l == NULL)
		return;
	/* leave an empty file: a later holder finds no stale pid */
	if (ftruncate(l->fd, 0) != 0) {
		/* nothing to do: the lock itself goes with close */
	}
	flock(l->fd, LOCK_UN);
	close(l->fd);
	free(l);
}
