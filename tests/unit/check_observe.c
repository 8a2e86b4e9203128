/* Observed deploys: which removed container a unit's new one replaces. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "deploy/journal.h"
#include "deploy/observe.h"
#include "model/ctable.h"
#include "xmalloc.h"

static void
label(struct dapi_container *c, const char *k, const char *v)
{
	c->labels[c->nlabels].key = xstrdup(k);
	c->labels[c->nlabels++].value = xstrdup(v);
}

/* A running container of unit blog/validation whose image is commit. */
static void
unit_container(struct dapi_container *c, const char *id, const char *name,
    const char *commit, int64_t created)
{
	char buf[80];

	memset(c, 0, sizeof *c);
	snprintf(c->id, sizeof c->id, "%s", id);
	c->name = xstrdup(name);
	snprintf(buf, sizeof buf, "app:%s", commit);
	c->image = xstrdup(buf);
	snprintf(buf, sizeof buf, "sha256:%s", commit);
	c->image_id = xstrdup(buf);
	c->created = created;
	c->state = DAPI_ST_RUNNING;
	c->inspected = true;
	c->labels = xcalloc(3, sizeof *c->labels);
	label(c, "berth.service", "blog");
	label(c, "berth.branch", "validation");
	label(c, "berth.commit", commit);
}

struct fx {
	char dir[64];
	struct endpoint ep;
	struct ctable *t;
	struct observe *o;
};

static void
fx_open(struct fx *f)
{
	char err[128];

	snprintf(f->dir, sizeof f->dir, "/tmp/check_observe.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	/* no engine answers here: the start-up recovery finds nothing to do */
	ck_assert_int_eq(endpoint_parse("unix:///nonexistent/berth-check.sock", &f->ep, err, sizeof err), 0);
	f->t = ctable_new();
	f->o = observe_new(f->dir, &f->ep, 0, false);
	ck_assert_ptr_nonnull(f->o);
}

static void
add(struct fx *f, const char *id, const char *name, const char *commit, int64_t created)
{
	struct dapi_container c;
	unit_container(&c, id, name, commit, created);
	observe_apply_container(f->o, f->t, &c);
	records_container_clear(&c);
}

static void
rm(struct fx *f, const char *id)
{
	observe_removed(f->o, f->t, id);
	ctable_remove(f->t, 0, id);
}

/* Stop the writer (it finishes its queue) and read what it journaled as
 * "from -> to" lines, oldest first. */
static void
fx_close(struct fx *f, char *out, size_t outsz)
{
	struct journal_lines l;
	struct journal_error je;
	size_t used = 0;
	char path[128];

	observe_free(f->o);
	ctable_free(f->t);
	endpoint_clear(&f->ep);
	out[0] = '\0';
	if (journal_read(f->dir, &l, &je) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			json_t *r = l.recs[i];
			if (strcmp(json_string_value(json_object_get(r, "ev")), "observed") != 0)
				continue;
			used += (size_t)snprintf(out + used, outsz - used, "%s%s -> %s",
			    used ? "; " : "",
			    json_string_value(json_object_get(r, "from_commit")),
			    json_string_value(json_object_get(r, "commit")));
		}
		journal_lines_clear(&l);
	}
	snprintf(path, sizeof path, "%s/journal.jsonl", f->dir);
	unlink(path);
	rmdir(f->dir);
}

START_TEST(test_replace)
{
	struct fx f;
	char got[256];

	fx_open(&f);
	add(&f, "a1", "blog-val", "aaaa001", 100);
	rm(&f, "a1");
	add(&f, "b2", "blog-val", "cccc003", 200);
	fx_close(&f, got, sizeof got);
	ck_assert_str_eq(got, "aaaa001 -> cccc003");
}
END_TEST

/* A killed deploy's temporary container, removed by the recovery, is not
 * what a later manual replacement replaced. */
START_TEST(test_temp_container_ignored)
{
	struct fx f;
	char got[256];

	fx_open(&f);
	add(&f, "a1", "blog-val", "aaaa001", 100);
	add(&f, "n2", "blog-val-berth-new-1234", "bbbb002", 150);
	rm(&f, "n2");
	rm(&f, "a1");
	add(&f, "c3", "blog-val", "cccc003", 200);
	fx_close(&f, got, sizeof got);
	ck_assert_str_eq(got, "aaaa001 -> cccc003");
}
END_TEST

/* Two manual replacements in a row: each from the container it replaced. */
START_TEST(test_newest_gone)
{
	struct fx f;
	char got[256];

	fx_open(&f);
	add(&f, "a1", "blog-val", "aaaa001", 100);
	rm(&f, "a1");
	add(&f, "b2", "blog-val", "bbbb002", 200);
	rm(&f, "b2");
	add(&f, "c3", "blog-val", "cccc003", 300);
	fx_close(&f, got, sizeof got);
	ck_assert_str_eq(got, "aaaa001 -> bbbb002; bbbb002 -> cccc003");
}
END_TEST

/* A container that is only restarted with its own image is no deploy. */
START_TEST(test_same_image)
{
	struct fx f;
	char got[256];

	fx_open(&f);
	add(&f, "a1", "blog-val", "aaaa001", 100);
	rm(&f, "a1");
	add(&f, "b2", "blog-val", "aaaa001", 200);
	fx_close(&f, got, sizeof got);
	ck_assert_str_eq(got, "");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("observe");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_replace);
	tcase_add_test(tc, test_temp_container_ignored);
	tcase_add_test(tc, test_newest_gone);
	tcase_add_test(tc, test_same_image);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int nf;
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
