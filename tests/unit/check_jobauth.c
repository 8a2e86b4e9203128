/* A job's registry credentials (jobs_submit_auth) against a fake engine on a unix socket: the header it sends, or none. */
#include <check.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dockerapi/endpoint.h"
#include "dockerapi/jobs.h"
#include "dockerapi/regauth.h"
#include "tests/unit/fixture.h"
#include "xmalloc.h"

#define REF "127.0.0.1:5000/shop:v2"

/* The fake engine: answers every request 200 {}, keeps the request heads it saw. */
struct fake {
	int lfd;
	pthread_t th;
	pthread_mutex_t mu;
	char heads[16384];
	size_t len;
};

static void
serve_conn(struct fake *f, int fd)
{
	static const char ok[] = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\n"
	    "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
	char buf[4096];
	size_t have = 0;
	ssize_t n;

	while ((n = read(fd, buf + have, sizeof buf - 1 - have)) > 0) {
		char *end;
		have += (size_t)n;
		buf[have] = '\0';
		while ((end = strstr(buf, "\r\n\r\n")) != NULL) {
			size_t head = (size_t)(end - buf) + 4;
			pthread_mutex_lock(&f->mu);
			if (f->len + head < sizeof f->heads) {
				memcpy(f->heads + f->len, buf, head);
				f->len += head;
				f->heads[f->len] = '\0';
			}
			pthread_mutex_unlock(&f->mu);
			if (write(fd, ok, sizeof ok - 1) < 0)
				return;
			memmove(buf, buf + head, have - head + 1);
			have -= head;
		}
		if (have == sizeof buf - 1)
			return;		/* a head this large is not ours */
	}
}

static void *
fake_main(void *arg)
{
	struct fake *f = arg;
	int fd;

	while ((fd = accept(f->lfd, NULL, NULL)) >= 0) {
		serve_conn(f, fd);
		close(fd);
	}
	return NULL;
}

/* Results, handed over from the worker thread. */
static pthread_mutex_t rmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rcv = PTHREAD_COND_INITIALIZER;
static struct jobs_result *got;

static void
sink_done(void *arg, struct jobs_result *r)
{
	(void)arg;
	pthread_mutex_lock(&rmu);
	got = r;
	pthread_cond_signal(&rcv);
	pthread_mutex_unlock(&rmu);
}

static struct jobs_result *
wait_result(void)
{
	struct jobs_result *r;

	pthread_mutex_lock(&rmu);
	while (got == NULL)
		pthread_cond_wait(&rcv, &rmu);
	r = got;
	got = NULL;
	pthread_mutex_unlock(&rmu);
	return r;
}

static char dir[64];
static struct fake fk;
static struct jobs *pool;

/* A fake engine at dir/engine.sock, DOCKER_CONFIG=dir with config cfg (NULL: none), a pool of one. */
static void
setup(const char *cfg)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct jobs_sink sink = { sink_done, NULL };
	struct endpoint ep;
	char url[200], path[128], err[256];

	snprintf(dir, sizeof dir, "/tmp/bt-jobauth.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("DOCKER_CONFIG", dir, 1);
	if (cfg != NULL) {
		FILE *fp;
		snprintf(path, sizeof path, "%s/config.json", dir);
		ck_assert_ptr_nonnull(fp = fopen(path, "w"));
		fputs(cfg, fp);
		fclose(fp);
	}
	memset(&fk, 0, sizeof fk);
	pthread_mutex_init(&fk.mu, NULL);
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s/engine.sock", dir);
	ck_assert_int_ge(fk.lfd = socket(AF_UNIX, SOCK_STREAM, 0), 0);
	ck_assert_int_eq(bind(fk.lfd, (struct sockaddr *)&sa, sizeof sa), 0);
	ck_assert_int_eq(listen(fk.lfd, 4), 0);
	ck_assert_int_eq(pthread_create(&fk.th, NULL, fake_main, &fk), 0);
	snprintf(url, sizeof url, "unix://%s", sa.sun_path);
	ck_assert_int_eq(endpoint_parse(url, &ep, err, sizeof err), 0);
	ck_assert_ptr_nonnull(pool = jobs_new(&ep, &sink, 1, false));
	endpoint_clear(&ep);
}

static void
teardown(void)
{
	char path[128];

	jobs_free(pool);
	shutdown(fk.lfd, SHUT_RDWR);
	pthread_join(fk.th, NULL);
	close(fk.lfd);
	snprintf(path, sizeof path, "%s/engine.sock", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/config.json", dir);
	unlink(path);
	rmdir(dir);
	unsetenv("DOCKER_CONFIG");
}

/* How many times needle stands in the request heads seen so far. */
static int
count(const char *needle)
{
	int n = 0;

	pthread_mutex_lock(&fk.mu);
	for (const char *p = fk.heads; (p = strstr(p, needle)) != NULL; p++)
		n++;
	pthread_mutex_unlock(&fk.mu);
	return n;
}

/* Submit a GET of path (with auth_ref's credentials, or none) and wait: 2xx? */
static bool
ask(const char *path, const char *auth_ref)
{
	struct jobs_result *r;
	bool ok;

	jobs_submit_auth(pool, NULL, path, NULL, auth_ref, 0, NULL, NULL, NULL);
	r = wait_result();
	ok = r->ok;
	jobs_result_free(r);
	return ok;
}

START_TEST(test_auth_header_sent)
{
	struct dapi_error err;
	char *want = NULL, about[256];

	/* ci:s3cret-pw */
	setup("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"Y2k6czNjcmV0LXB3\"}}}");
	ck_assert_int_eq(regauth_header(REF, &want, about, sizeof about, &err), 0);
	ck_assert_ptr_nonnull(want);
	ck_assert(ask("/distribution/x/json", REF));
	ck_assert(ask("/images/y/json", NULL));
	ck_assert_int_eq(count("GET /v1.41/distribution/x/json"), 1);
	ck_assert_int_eq(count("GET /v1.41/images/y/json"), 1);
	ck_assert_int_eq(count(want), 1);	/* the same line, only on the first */
	ck_assert_int_eq(count("X-Registry-Auth:"), 1);
	pthread_mutex_lock(&fk.mu);
	ck_assert_ptr_null(strstr(strstr(fk.heads, "/images/y/json"), "X-Registry-Auth"));
	pthread_mutex_unlock(&fk.mu);
	regauth_header_free(want);
	teardown();
}
END_TEST

START_TEST(test_no_credentials)
{
	setup("{\"auths\":{\"other.example\":{\"auth\":\"Y2k6czNjcmV0LXB3\"}}}");
	ck_assert(ask("/distribution/x/json", REF));	/* sent, without a header */
	ck_assert_int_eq(count("/distribution/x/json"), 1);
	ck_assert_int_eq(count("X-Registry-Auth"), 0);
	teardown();
	setup(NULL);		/* no config at all */
	ck_assert(ask("/distribution/x/json", REF));
	ck_assert_int_eq(count("X-Registry-Auth"), 0);
	teardown();
}
END_TEST

START_TEST(test_unreadable_config)
{
	struct jobs_result *r;

	setup("{\"auths\": not json");
	jobs_submit_auth(pool, NULL, "/distribution/x/json", NULL, REF, 0, NULL, NULL, NULL);
	r = wait_result();
	ck_assert(!r->ok);
	ck_assert_int_eq(r->status, 0);
	ck_assert_ptr_nonnull(r->error);
	ck_assert_ptr_nonnull(strstr(r->error, "registry credentials: "));
	jobs_result_free(r);
	ck_assert_int_eq(count("/distribution/"), 0);	/* nothing sent */
	ck_assert(ask("/images/y/json", NULL));	/* the pool still works */
	teardown();
}
END_TEST

int
main(void)
{
	const TTest *tests[] = { test_auth_header_sent, test_no_credentials, test_unreadable_config };

	return fixture_run("jobauth", tests, sizeof tests / sizeof tests[0]);
}
