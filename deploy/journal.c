/* The deploy journal: one fsync'ed write() per record, a forgiving reader, unit locks. */
#include "deploy/journal.h"

#include <errno.h>
#include <stddef.h>
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

#include "deploy/statedir.h"
#include "dockerapi/jsonget.h"
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

/* fd < 0 from statedir_open: refused by its check (why), else errno */
static void
err_open(struct journal_error *err, const char *what, const char *path, const char *why, int e)
{
	if (why[0] != '\0') {
		if (err != NULL)
			snprintf(err->text, sizeof err->text, "refusing %.30s %.200s: it %.70s",
			    what, path, why);
		return;
	}
	/* a symlink here was not put there by berth: never write through it */
	if (e == ELOOP) {
		err_set(err, "refusing to follow a symlink (remove it) at", path, e);
	} else {
		char w[64];
		snprintf(w, sizeof w, "cannot open %s", what);
		err_set(err, w, path, e);
	}
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
	struct statedir sd;
	char why[120];
	int e;

	j->fd = -1;
	j->dir = xstrdup(dir);
	j->path = xmalloc(n);
	snprintf(j->path, n, "%s/%s", dir, JOURNAL_FILE);
	if (mkdirs(dir, 0750) != 0) {
		err_set(err, "cannot create the state directory", dir, errno);
		goto fail;
	}
	if (statedir_probe(dir, &sd) != 0) {
		err_set(err, "cannot use the state directory", dir, errno);
		goto fail;
	}
	if ((j->fd = statedir_open(j->path, O_RDWR | O_APPEND, &sd, why, sizeof why)) < 0) {
		err_open(err, "the journal", j->path, why, errno);
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

/* each result's name in the journal, for both directions */
static const char *const result_names[] = {
	[JOURNAL_RUNNING] = "unfinished",
	[JOURNAL_SUCCEEDED] = "succeeded",
	[JOURNAL_FAILED] = "failed",
	[JOURNAL_ROLLED_BACK] = "rolled back",
};
#define NRESULTS (sizeof result_names / sizeof result_names[0])

const char *
journal_result_name(enum journal_result r)
{
	return (size_t)r < NRESULTS ? result_names[r] : result_names[JOURNAL_RUNNING];
}

enum journal_result
journal_result_parse(const char *s)
{
	for (size_t i = 0; s != NULL && i < NRESULTS; i++)
		if (strcmp(s, result_names[i]) == 0)
			return (enum journal_result)i;
	return JOURNAL_RUNNING;
}

/* ---------------------------------------------------------------- the schema */

enum field_type {
	FIELD_STR,	/* char *, owned by the entry */
	FIELD_BOOL,	/* bool, always written */
	FIELD_FLAG,	/* bool, written only when true */
	FIELD_COUNT,	/* struct journal_count, written when set */
	FIELD_RESULT,	/* enum journal_result, by name */
	FIELD_MS	/* int64_t from the record's "t"; the writer stamps "t" itself */
};

#define EV_S JOURNAL_EV_START
#define EV_P JOURNAL_EV_STEP
#define EV_E JOURNAL_EV_END
#define EV_O JOURNAL_EV_OBSERVED
#define EV_SE (JOURNAL_EV_START | JOURNAL_EV_END)	/* the new image's fields */
#define AT(m) offsetof(struct journal_entry, m)

/*
 * Every field of every record but "id" and "ev", in the order of
 * journal_entry_json. The new image's fields are in the end record too: a
 * deploy with --pull journals its start before the pull says what it got. "ev" is the records that carry the field (written
 * and read), "old_ev" those it is also read from (older writers), "json"
 * its name in `history --json` (NULL: not shown there).
 */
static const struct journal_field {
	const char *key;
	enum field_type type;
	size_t off;
	unsigned ev, old_ev;
	const char *json;
	bool null0;		/* FIELD_MS: null in JSON when 0 */
} fields[] = {
	{ "engine", FIELD_STR, AT(engine), EV_S | EV_O, 0, "engine", false },
	{ "service", FIELD_STR, AT(service), EV_S | EV_O, 0, "service", false },
	{ "branch", FIELD_STR, AT(branch), EV_S | EV_O, 0, "branch", false },
	{ "container", FIELD_STR, AT(container), EV_S | EV_O, 0, "container", false },
	{ "via", FIELD_STR, AT(via), EV_S | EV_O, 0, "via", false },
	{ "who", FIELD_STR, AT(who), EV_S | EV_O, 0, "who", false },
	{ "strategy", FIELD_STR, AT(strategy), EV_S | EV_O, 0, "strategy", false },
	{ "from_ref", FIELD_STR, AT(from_ref), EV_S | EV_O, 0, "from_ref", false },
	{ "from_image", FIELD_STR, AT(from_image), EV_S | EV_O, 0, "from_image", false },
	{ "from_digest", FIELD_STR, AT(from_digest), EV_S | EV_O, 0, "from_digest", false },
	{ "from_commit", FIELD_STR, AT(from_commit), EV_S | EV_O, 0, "from_commit", false },
	{ "from_build", FIELD_STR, AT(from_build), EV_S | EV_O, 0, "from_build", false },
	{ "to_ref", FIELD_STR, AT(to_ref), EV_S | EV_O, 0, "to_ref", false },
	{ "to_image", FIELD_STR, AT(to_image), EV_SE | EV_O, EV_P, "to_image", false },
	{ "to_digest", FIELD_STR, AT(to_digest), EV_SE | EV_O, 0, "to_digest", false },
	{ "commit", FIELD_STR, AT(commit), EV_SE | EV_O, 0, "commit", false },
	{ "build", FIELD_STR, AT(build), EV_SE | EV_O, 0, "build", false },
	{ "rollback_of", FIELD_STR, AT(rollback_of), EV_S | EV_O, 0, "rollback_of", false },
	{ "t", FIELD_MS, AT(start_ms), EV_S | EV_O, 0, "start_ms", false },
	{ "t", FIELD_MS, AT(end_ms), EV_E | EV_O, 0, "end_ms", true },
	{ "result", FIELD_RESULT, AT(result), EV_E | EV_O, 0, "result", false },
	{ "reason", FIELD_STR, AT(reason), EV_E | EV_O, 0, "reason", false },
	{ "step", FIELD_STR, AT(step), EV_P, 0, "last_step", false },
	{ "old_id", FIELD_STR, AT(old_id), EV_P, 0, NULL, false },
	{ "old_name", FIELD_STR, AT(old_name), EV_P, 0, NULL, false },
	{ "old_running", FIELD_BOOL, AT(old_running), EV_P, 0, NULL, false },
	{ "new_id", FIELD_STR, AT(new_id), EV_P | EV_E, 0, NULL, false },
	{ "new_name", FIELD_STR, AT(new_name), EV_P, 0, NULL, false },
	{ "aside_name", FIELD_STR, AT(aside_name), EV_P, 0, NULL, false },
	{ "recovered", FIELD_FLAG, AT(recovered), EV_E, 0, NULL, false },
	{ "swarm_service", FIELD_STR, AT(swarm_service), EV_S, 0, NULL, false },
	{ "from_replicas", FIELD_COUNT, AT(from_replicas), EV_S, 0, NULL, false },
	{ "to_replicas", FIELD_COUNT, AT(to_replicas), EV_S, 0, NULL, false },
	{ "observed_by", FIELD_STR, AT(observed_by), EV_O, 0, NULL, false },
};

#define NFIELDS (sizeof fields / sizeof fields[0])

static char **
field_str(struct journal_entry *e, const struct journal_field *f)
{
	return (char **)(void *)((char *)e + f->off);
}

static const void *
field_at(const struct journal_entry *e, const struct journal_field *f)
{
	return (const char *)e + f->off;
}

static void *
field_mut(struct journal_entry *e, const struct journal_field *f)
{
	return (char *)e + f->off;
}

/* each record kind's "ev" value, for both directions */
static const struct {
	enum journal_ev ev;
	const char *name;
} ev_names[] = {
	{ JOURNAL_EV_START, "start" },
	{ JOURNAL_EV_STEP, "step" },
	{ JOURNAL_EV_END, "end" },
	{ JOURNAL_EV_OBSERVED, "observed" },
};
#define NEVS (sizeof ev_names / sizeof ev_names[0])

static const char *
ev_name(enum journal_ev ev)
{
	for (size_t i = 0; i < NEVS; i++)
		if (ev_names[i].ev == ev)
			return ev_names[i].name;
	return "?";
}

static unsigned
ev_parse(const char *s)
{
	for (size_t i = 0; i < NEVS; i++)
		if (strcmp(s, ev_names[i].name) == 0)
			return ev_names[i].ev;
	return 0;	/* unknown: kept, ignored */
}

/* ---------------------------------------------------------------- folding */

static bool
matches(json_t *rec, const char *key, const char *want)
{
	const char *v;

	if (want == NULL)
		return true;
	v = json_string_value(json_object_get(rec, key));
	return v != NULL && strcmp(v, want) == 0;
}

/* What rec (of kind ev) says about e, by the table; later records win. */
static void
fill(struct journal_entry *e, unsigned ev, json_t *rec)
{
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct journal_field *f = &fields[i];
		json_t *v;

		if (((f->ev | f->old_ev) & ev) == 0)
			continue;
		v = json_object_get(rec, f->key);
		switch (f->type) {
		case FIELD_STR:
			if (json_is_string(v)) {
				char **dst = field_str(e, f);
				free(*dst);
				*dst = xstrdup(json_string_value(v));
			}
			break;
		case FIELD_BOOL:
			if (json_is_boolean(v))
				*(bool *)field_mut(e, f) = json_is_true(v);
			break;
		case FIELD_FLAG:
			if (json_is_true(v))
				*(bool *)field_mut(e, f) = true;
			break;
		case FIELD_COUNT:
			if (json_is_integer(v) && json_integer_value(v) >= 0) {
				struct journal_count *cnt = field_mut(e, f);
				cnt->set = true;
				cnt->n = (uint64_t)json_integer_value(v);
			}
			break;
		case FIELD_RESULT:
			*(enum journal_result *)field_mut(e, f) =
			    journal_result_parse(json_string_value(v));
			break;
		case FIELD_MS:
			*(int64_t *)field_mut(e, f) = json_is_integer(v) ?
			    (int64_t)json_integer_value(v) : 0;
			break;
		}
	}
	if (e->step != NULL && strcmp(e->step, "healthy") == 0)
		e->healthy = true;
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
		unsigned ev = ev_parse(json_string_value(json_object_get(rec, "ev")));
		struct journal_entry *e = NULL;
		bool first = ev == JOURNAL_EV_START || ev == JOURNAL_EV_OBSERVED;

		if (ev == 0)
			continue;
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
		fill(e, ev, rec);
	}
}

static void
entry_clear(struct journal_entry *e)
{
	free(e->id);
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].type == FIELD_STR)
			free(*field_str(e, &fields[i]));
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
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct journal_field *f = &fields[i];
		const void *p = field_at(e, f);

		if (f->json == NULL)
			continue;
		if (f->type == FIELD_STR) {
			set_opt(o, f->json, *(char *const *)p);
		} else if (f->type == FIELD_MS) {
			int64_t ms = *(const int64_t *)p;
			json_object_set_new(o, f->json, ms == 0 && f->null0 ? json_null() :
			    json_integer((json_int_t)ms));
		} else if (f->type == FIELD_RESULT) {
			json_object_set_new(o, f->json,
			    json_string(journal_result_name(*(const enum journal_result *)p)));
		}
	}
	return o;
}

/* ---------------------------------------------------------------- writing */

/* s with every byte >= 0x80 replaced by '?': UTF-8 whatever s was. */
static char *
ascii_only(const char *s)
{
	char *copy = xstrdup(s);

	for (char *q = copy; *q != '\0'; q++)
		if ((unsigned char)*q >= 0x80)
			*q = '?';
	return copy;
}

json_t *
journal_json_string(const char *s)
{
	return jsonget_string_fixed(s, ascii_only);
}

json_t *
journal_record(enum journal_ev ev, const struct journal_entry *e)
{
	json_t *r = json_object();

	json_object_set_new(r, "id", journal_json_string(e->id != NULL ? e->id : ""));
	json_object_set_new(r, "ev", json_string(ev_name(ev)));
	json_object_set_new(r, "t", json_integer((json_int_t)journal_now_ms()));
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct journal_field *f = &fields[i];
		const void *p = field_at(e, f);

		if ((f->ev & (unsigned)ev) == 0)
			continue;
		switch (f->type) {
		case FIELD_STR: {
			const char *s = *(char *const *)p;
			if (s != NULL && *s != '\0')
				json_object_set_new(r, f->key, journal_json_string(s));
			break;
		}
		case FIELD_BOOL:
			json_object_set_new(r, f->key, json_boolean(*(const bool *)p));
			break;
		case FIELD_FLAG:
			if (*(const bool *)p)
				json_object_set_new(r, f->key, json_true());
			break;
		case FIELD_COUNT: {
			const struct journal_count *cnt = p;
			if (cnt->set)
				json_object_set_new(r, f->key, json_integer((json_int_t)cnt->n));
			break;
		}
		case FIELD_RESULT:
			json_object_set_new(r, f->key,
			    json_string(journal_result_name(*(const enum journal_result *)p)));
			break;
		case FIELD_MS:
			break;	/* "t" is the time of writing, above */
		}
	}
	return r;
}

int
journal_write(struct journal *j, enum journal_ev ev, const struct journal_entry *e,
    struct journal_error *err)
{
	json_t *r = journal_record(ev, e);
	int rc = journal_append(j, r, err);

	json_decref(r);
	return rc;
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
	char ldir[4096], path[4200], line[1024], why[120];
	struct journal_lock *l = NULL;
	struct statedir sd;
	int64_t deadline = journal_now_ms() + (wait_ms > 0 ? wait_ms : 0);
	long holder;
	int fd;

	h = fnv1a(fnv1a(fnv1a(h, engine), service), branch);
	snprintf(ldir, sizeof ldir, "%s/locks", dir);
	if (mkdirs(dir, 0750) != 0 || statedir_probe(dir, &sd) != 0) {
		err_set(err, "cannot create the state directory", dir, errno);
		return NULL;
	}
	if (statedir_subdir(ldir, &sd, why, sizeof why) != 0) {
		err_open(err, "the lock directory", ldir, why, errno);
		return NULL;
	}
	snprintf(path, sizeof path, "%s/%016llx.lock", ldir, (unsigned long long)h);
	if ((fd = statedir_open(path, O_RDWR, &sd, why, sizeof why)) < 0) {
		err_open(err, "the lock file", path, why, errno);
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
