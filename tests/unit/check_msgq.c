/* The thread plumbing: the message queue under concurrent producers, and
 * the jobs pool (results for every job, read-only refusal). Meant to run
 * under TSan as well (./configure --enable-tsan). */
#include <check.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/jobs.h"
#include "model/msgq.h"
#include "xmalloc.h"

#define PRODUCERS 4
#define PER_PRODUCER 5000

struct producer {
	struct msgq *q;
	int index;
};

static void *
produce(void *arg)
{
	struct producer *p = arg;

	/* one producer per engine, as the dashboard's watchers */
	for (int i = 0; i < PER_PRODUCER; i++) {
		struct msg *m = msgq_msg_new(MSG_REMOVED, p->index);
		char id[32];
		snprintf(id, sizeof id, "%d:%d", p->index, i);
		m->text = xstrdup(id);	/* any message kind will do */
		msgq_push(p->q, m);
	}
	return NULL;
}

START_TEST(test_queue_concurrent)
{
	struct msgq *q = msgq_new();
	pthread_t th[PRODUCERS];
	struct producer pr[PRODUCERS];
	int next[PRODUCERS] = { 0 };
	int total = 0;

	ck_assert_ptr_nonnull(q);
	for (int i = 0; i < PRODUCERS; i++) {
		pr[i] = (struct producer){ q, i };
		ck_assert_int_eq(pthread_create(&th[i], NULL, produce, &pr[i]), 0);
	}
	while (total < PRODUCERS * PER_PRODUCER) {
		struct pollfd p = { .fd = msgq_fd(q), .events = POLLIN };
		struct msg *m;

		/* the wake-up fd must fire while messages wait */
		ck_assert_int_eq(poll(&p, 1, 5000), 1);
		m = msgq_take_all(q);
		while (m != NULL) {
			struct msg *nx = m->next;
			int who, seq;
			ck_assert_int_eq(m->kind, MSG_REMOVED);
			ck_assert_int_eq(sscanf(m->text, "%d:%d", &who, &seq), 2);
			ck_assert_int_eq(m->engine, who);	/* tagged by its sink */
			/* each producer's messages arrive in order, none lost */
			ck_assert_int_eq(seq, next[who]);
			next[who]++;
			total++;
			msgq_msg_free(m);
			m = nx;
		}
	}
	for (int i = 0; i < PRODUCERS; i++)
		pthread_join(th[i], NULL);
	ck_assert_ptr_null(msgq_take_all(q));
	msgq_free(q);
}
END_TEST

/* A jobs sink as the dashboard's: each result onto the queue, as its payload. */
static void
result_free(void *p)
{
	jobs_result_free(p);
}

static void
sink_done(void *arg, struct jobs_result *r)
{
	msgq_push_call(arg, 0, 0, r, result_free);
}

static int args_freed;

/* runs with the result's free: the test's thread, after the threads wrote it */
static void
arg_free(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&args_freed, 1, __ATOMIC_SEQ_CST);
}

static void
on_done(void *arg, const struct jobs_result *r)
{
	int *calls = arg;
	(void)r;
	calls[0]++;
}

START_TEST(test_jobs_results_and_read_only)
{
	struct msgq *q = msgq_new();
	struct jobs_sink sink = { sink_done, q };
	int calls[60] = { 0 };
	struct endpoint ep;
	char err[128];
	struct jobs *j;
	int got = 0, refused = 0, unreachable = 0;

	ck_assert_int_eq(endpoint_parse("unix:///nonexistent/berth-test.sock", &ep, err, sizeof err), 0);
	j = jobs_new(&ep, &sink, 3, true);
	ck_assert_ptr_nonnull(j);
	args_freed = 0;
	for (int i = 0; i < 60; i++)
		jobs_submit(j, i % 2 ? "POST" : NULL, "/containers/x/stop", NULL, 500,
		    on_done, &calls[i], arg_free);
	while (got < 60) {
		struct pollfd p = { .fd = msgq_fd(q), .events = POLLIN };
		struct msg *m;
		ck_assert_int_eq(poll(&p, 1, 10000), 1);
		for (m = msgq_take_all(q); m != NULL;) {
			struct msg *nx = m->next;
			const struct jobs_result *r = m->payload;
			int i;
			ck_assert_int_eq(m->kind, MSG_CALL);
			ck_assert(!r->ok);
			/* the callback and its arg pass through */
			ck_assert_ptr_eq((void *)r->on_done, (void *)on_done);
			i = (int)((int *)r->arg - calls);
			ck_assert(i >= 0 && i < 60);
			jobs_result_call(r);
			ck_assert_int_eq(calls[i], 1);
			if (i % 2) {
				/* mutating under read-only: refused before any I/O */
				ck_assert_ptr_nonnull(strstr(r->error, "read-only"));
				refused++;
			} else {
				ck_assert_ptr_null(strstr(r->error, "read-only"));
				unreachable++;
			}
			got++;
			msgq_msg_free(m);
			m = nx;
		}
	}
	ck_assert_int_eq(refused, 30);
	ck_assert_int_eq(unreachable, 30);
	/* every arg freed once, with its result */
	ck_assert_int_eq(args_freed, 60);
	jobs_free(j);
	endpoint_clear(&ep);
	msgq_free(q);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_queue_concurrent);
	tcase_add_test(tc, test_jobs_results_and_read_only);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
