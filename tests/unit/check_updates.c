/* The newer-image check: its decoders (dockerapi/distrib.c) and its plan and answers (model/updates.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/distrib.h"
#include "model/ctable.h"
#include "model/updates.h"
#include "tests/unit/fixture.h"
#include "xmalloc.h"

#define D1 "sha256:1111111111111111111111111111111111111111111111111111111111111111"
#define D2 "sha256:2222222222222222222222222222222222222222222222222222222222222222"

START_TEST(test_digest_decode)
{
	struct decode_error err;
	char d[160];
	size_t len;
	char *buf = fixture("distribution.json", &len);

	ck_assert_int_eq(distrib_digest_decode(buf, len, d, sizeof d, &err), 0);
	ck_assert_str_eq(d, "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b");
	ck_assert_int_eq(distrib_digest_decode(buf, len, d, 20, &err), -1);	/* too long */
	free(buf);
	ck_assert_int_eq(distrib_digest_decode("{}", 2, d, sizeof d, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.text, "Descriptor.digest"));
	ck_assert_int_eq(distrib_digest_decode("{\"Descriptor\":{\"digest\":7}}", 27, d, sizeof d, &err), -1);
	ck_assert_int_eq(distrib_digest_decode("not json", 8, d, sizeof d, &err), -1);
}
END_TEST

START_TEST(test_repo_digests_decode)
{
	struct decode_error err;
	size_t len, n;
	char **rd;
	char *buf = fixture("image_digest.json", &len);

	ck_assert_int_eq(distrib_repo_digests_decode(buf, len, &rd, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rd[0], "registry.example/shop@sha256:4b0c1f0e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c");
	xstrv_free(rd);
	free(buf);
	buf = fixture("image_local.json", &len);
	ck_assert_int_eq(distrib_repo_digests_decode(buf, len, &rd, &n, &err), 0);
	ck_assert_uint_eq(n, 0);	/* built here: none */
	ck_assert_ptr_null(rd);
	free(buf);
	ck_assert_int_eq(distrib_repo_digests_decode("[1]", 3, &rd, &n, &err), -1);
}
END_TEST

START_TEST(test_compare)
{
	char a[] = "127.0.0.1:5000/x@" D1, b[] = "other/x@" D2;
	char *rd[] = { a, b };

	ck_assert(updates_checkable("127.0.0.1:5000/x:stable"));
	ck_assert(updates_checkable("nginx"));
	ck_assert(!updates_checkable("x@" D1));
	ck_assert(!updates_checkable(D1));
	ck_assert(!updates_checkable("3c703900662e"));
	ck_assert(!updates_checkable(""));
	ck_assert_int_eq(updates_compare("127.0.0.1:5000/x:stable", rd, 2, D1), UPDATES_CURRENT);
	ck_assert_int_eq(updates_compare("127.0.0.1:5000/x:stable", rd, 2, D2), UPDATES_AVAILABLE);
	ck_assert_int_eq(updates_compare("127.0.0.1:5000/x", rd, 2, D2), UPDATES_AVAILABLE);
	ck_assert_int_eq(updates_compare("other/x:1", rd, 2, D2), UPDATES_CURRENT);
	ck_assert_int_eq(updates_compare("third/x:1", rd, 2, D2), UPDATES_UNKNOWN);
	ck_assert_int_eq(updates_compare("127.0.0.1:5000/x:stable", rd, 2, NULL), UPDATES_UNKNOWN);
	ck_assert_int_eq(updates_compare("127.0.0.1:5000/x:stable", NULL, 0, D1), UPDATES_UNKNOWN);
}
END_TEST

static void
add(struct ctable *t, int engine, const char *id, const char *image, const char *image_id,
    enum dapi_state st)
{
	struct dapi_container c = { 0 };

	snprintf(c.id, sizeof c.id, "%s", id);
	c.name = xstrdup(id);
	c.image = xstrdup(image);
	c.image_id = xstrdup(image_id);
	c.state = st;
	c.inspected = true;
	ctable_apply_container(t, engine, &c);
}

static char **
strs(const char *a)
{
	char **v = xcalloc(2, sizeof *v);

	v[0] = xstrdup(a);
	return v;
}

START_TEST(test_plan)
{
	struct ctable *t = ctable_new();
	struct ctable_row *rows[8];
	struct updates_check *c;
	struct updates_job j;
	long i, img_x = -1, img_l = -1, img_e1 = -1;

	/* three on x (one image), one stopped, one local, one on engine 1 */
	add(t, 0, "a", "reg/x:1", "sha256:ix", DAPI_ST_RUNNING);
	add(t, 0, "b", "reg/x:1", "sha256:ix", DAPI_ST_RUNNING);
	add(t, 0, "c", "reg/x:1", "sha256:ix", DAPI_ST_RUNNING);
	add(t, 0, "d", "reg/y:1", "sha256:iy", DAPI_ST_EXITED);
	add(t, 0, "e", "local:1", "sha256:il", DAPI_ST_RUNNING);
	add(t, 1, "f", "reg/x:1", "sha256:ix", DAPI_ST_RUNNING);
	for (size_t k = 0; k < ctable_count(t); k++)
		rows[k] = ctable_at(t, k);
	c = updates_check_new(rows, ctable_count(t));
	/* first the images, once each per engine */
	while ((i = updates_check_next(c, &j)) >= 0) {
		ck_assert_int_eq(j.kind, UPDATES_JOB_IMAGE);
		if (j.engine == 1)
			img_e1 = i;
		else if (strcmp(j.key, "sha256:ix") == 0)
			img_x = i;
		else if (strcmp(j.key, "sha256:il") == 0)
			img_l = i;
		else
			ck_abort_msg("unexpected image job %s", j.key);
	}
	ck_assert(img_x >= 0 && img_l >= 0 && img_e1 >= 0);
	ck_assert(!updates_check_done(c));
	updates_check_image(c, img_x, strs("reg/x@" D1), 1);
	updates_check_image(c, img_l, NULL, 0);	/* local: no registry request */
	ck_assert_int_eq(updates_check_next(c, &j), -1);	/* an image still out */
	updates_check_image(c, img_e1, NULL, 0);	/* failed */
	/* then the registry, once for reg/x:1 on engine 0 */
	i = updates_check_next(c, &j);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(j.kind, UPDATES_JOB_REMOTE);
	ck_assert_int_eq(j.engine, 0);
	ck_assert_str_eq(j.key, "reg/x:1");
	ck_assert_int_eq(updates_check_next(c, &j), -1);
	ck_assert_int_eq(updates_check_answer(c, 0, "reg/x:1", "sha256:ix"), UPDATES_UNKNOWN);
	updates_check_remote(c, i, D2);
	ck_assert(updates_check_done(c));
	ck_assert_uint_eq(updates_check_count(c, UPDATES_JOB_REMOTE), 1);
	ck_assert_uint_eq(updates_check_count(c, UPDATES_JOB_IMAGE), 3);
	ck_assert_int_eq(updates_check_answer(c, 0, "reg/x:1", "sha256:ix"), UPDATES_AVAILABLE);
	ck_assert_int_eq(updates_check_answer(c, 0, "local:1", "sha256:il"), UPDATES_UNKNOWN);
	ck_assert_int_eq(updates_check_answer(c, 1, "reg/x:1", "sha256:ix"), UPDATES_UNKNOWN);
	ck_assert_int_eq(updates_check_answer(c, 0, "reg/y:1", "sha256:iy"), UPDATES_UNKNOWN);
	ck_assert_int_eq(updates_check_answer(NULL, 0, "reg/x:1", "sha256:ix"), UPDATES_UNKNOWN);
	updates_check_free(c);

	/* nothing to ask: done at once */
	c = updates_check_new(rows, 0);
	ck_assert_int_eq(updates_check_next(c, &j), -1);
	ck_assert(updates_check_done(c));
	updates_check_free(c);
	ctable_free(t);
}
END_TEST

int
main(void)
{
	const TTest *tests[] = { test_digest_decode, test_repo_digests_decode, test_compare, test_plan };

	return fixture_run("updates", tests, sizeof tests / sizeof tests[0]);
}
