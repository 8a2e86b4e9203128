/* Sorting and filtering of container rows, and the problem marker. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ctable.h"
#include "model/rowsel.h"
#include "xmalloc.h"

static void
add(struct ctable *t, const char *id, const char *name, const char *image,
    enum dapi_state st, enum dapi_health h, int code, const char *svc,
    const char *branch, int64_t started)
{
	struct dapi_container c = { 0 };
	size_t nl = 0;

	snprintf(c.id, sizeof c.id, "%s", id);
	c.name = xstrdup(name);
	c.image = xstrdup(image);
	c.state = st;
	c.health = h;
	c.exit_code = code;
	c.started_at = started;
	c.finished_at = started + 10;
	c.inspected = true;
	c.labels = xcalloc(2, sizeof *c.labels);
	if (svc != NULL) {
		c.labels[nl].key = xstrdup("berth.service");
		c.labels[nl++].value = xstrdup(svc);
	}
	if (branch != NULL) {
		c.labels[nl].key = xstrdup("berth.branch");
		c.labels[nl++].value = xstrdup(branch);
	}
	c.nlabels = nl;
	ctable_apply_container(t, 0, &c);
}

static struct ctable *
fixture(void)
{
	struct ctable *t = ctable_new();
	add(t, "a1", "shop-production", "shop:42", DAPI_ST_RUNNING, DAPI_HEALTH_HEALTHY, 0, "shop", "production", 100);
	add(t, "b2", "billing-production", "billing:7", DAPI_ST_RUNNING, DAPI_HEALTH_UNHEALTHY, 0, "billing", "production", 200);
	add(t, "c3", "shop-migrate", "shop:42", DAPI_ST_EXITED, DAPI_HEALTH_NONE, 3, "shop", "migrate", 300);
	add(t, "d4", "alpha-done", "tools:1", DAPI_ST_EXITED, DAPI_HEALTH_NONE, 0, NULL, NULL, 50);
	add(t, "e5", "zeta-restart", "zeta:latest", DAPI_ST_RESTARTING, DAPI_HEALTH_NONE, 1, NULL, NULL, 400);
	add(t, "f6", "shop-integration", "registry:5000/shop:int", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, 0, NULL, NULL, 500);
	return t;
}

static size_t
names(struct ctable *t, struct rowsel_opts *o, const char **out)
{
	struct ctable_row *rows[16];
	size_t n = rowsel_build(t, o, rows);
	for (size_t i = 0; i < n; i++)
		out[i] = rows[i]->c.name;
	return n;
}

START_TEST(test_problems_first)
{
	struct ctable *t = fixture();
	struct rowsel_opts o = { .key = ROWSEL_PROBLEMS };
	const char *n[16];
	size_t k = names(t, &o, n);

	ck_assert_uint_eq(k, 6);
	/* problems (unhealthy, exited non-zero, restarting) by name, then the rest */
	ck_assert_str_eq(n[0], "billing-production");
	ck_assert_str_eq(n[1], "shop-migrate");
	ck_assert_str_eq(n[2], "zeta-restart");
	ck_assert_str_eq(n[3], "alpha-done");
	ck_assert_str_eq(n[4], "shop-integration");
	ck_assert_str_eq(n[5], "shop-production");
	ck_assert_uint_eq(ctable_problem_count(t), 3);
	ctable_free(t);
}
END_TEST

START_TEST(test_name_and_reverse)
{
	struct ctable *t = fixture();
	struct rowsel_opts o = { .key = ROWSEL_NAME };
	const char *n[16];

	names(t, &o, n);
	ck_assert_str_eq(n[0], "alpha-done");
	ck_assert_str_eq(n[5], "zeta-restart");
	o.reverse = true;
	names(t, &o, n);
	ck_assert_str_eq(n[0], "zeta-restart");
	ck_assert_str_eq(n[5], "alpha-done");
	ctable_free(t);
}
END_TEST

START_TEST(test_filter)
{
	struct ctable *t = fixture();
	struct rowsel_opts o = { .key = ROWSEL_NAME, .filter = "PRODUCTION" };
	const char *n[16];

	/* by branch label and name, case-insensitive */
	ck_assert_uint_eq(names(t, &o, n), 2);
	o.filter = "billing:7";	/* image */
	ck_assert_uint_eq(names(t, &o, n), 1);
	ck_assert_str_eq(n[0], "billing-production");
	o.filter = "int";	/* image tag = branch when no label */
	ck_assert_uint_eq(names(t, &o, n), 1);
	ck_assert_str_eq(n[0], "shop-integration");
	o.filter = "nothing-matches";
	ck_assert_uint_eq(names(t, &o, n), 0);
	o.filter = "";
	ck_assert_uint_eq(names(t, &o, n), 6);
	ctable_free(t);
}
END_TEST

START_TEST(test_running_only)
{
	struct ctable *t = fixture();
	struct rowsel_opts o = { .key = ROWSEL_NAME, .running_only = true };
	const char *n[16];

	ck_assert_uint_eq(names(t, &o, n), 4);	/* 3 running + restarting */
	for (size_t i = 0; i < 4; i++)
		ck_assert(strcmp(n[i], "alpha-done") != 0 && strcmp(n[i], "shop-migrate") != 0);
	ctable_free(t);
}
END_TEST

START_TEST(test_cpu_sort)
{
	struct ctable *t = fixture();
	struct rowsel_opts o = { .key = ROWSEL_CPU };
	struct watcher_stat st[2] = { 0 };
	const char *n[16];

	snprintf(st[0].id, 65, "f6");
	st[0].cpu_percent = 90;
	snprintf(st[1].id, 65, "a1");
	st[1].cpu_percent = 5;
	ck_assert(ctable_apply_stats(t, 0, st, 2));
	names(t, &o, n);
	ck_assert_str_eq(n[0], "shop-integration");
	ck_assert_str_eq(n[1], "shop-production");
	ctable_free(t);
}
END_TEST

START_TEST(test_uptime_and_service)
{
	struct ctable *t = fixture();
	struct rowsel_opts o = { .key = ROWSEL_SERVICE };
	const char *n[16];

	names(t, &o, n);
	/* services: alpha-done (name), billing, shop/migrate, shop/production,
	 * shop-integration (name), zeta-restart (name) */
	ck_assert_str_eq(n[0], "alpha-done");
	ck_assert_str_eq(n[1], "billing-production");
	ck_assert_str_eq(n[2], "shop-migrate");
	ck_assert_str_eq(n[3], "shop-production");
	o.key = ROWSEL_UPTIME;
	names(t, &o, n);
	/* shortest uptime first: started 500 (running) first */
	ck_assert_str_eq(n[0], "shop-integration");
	ctable_free(t);
}
END_TEST

START_TEST(test_snapshot_removes_and_keeps)
{
	struct ctable *t = fixture();
	struct dapi_container arr[1] = { 0 };

	snprintf(arr[0].id, 65, "a1");
	arr[0].name = xstrdup("shop-production");
	arr[0].state = DAPI_ST_RUNNING;
	arr[0].health = DAPI_HEALTH_HEALTHY;
	ctable_apply_snapshot(t, 0, arr, 1);
	ck_assert_uint_eq(ctable_count(t), 1);
	/* the inspected row kept its details (labels) since nothing changed */
	ck_assert_str_eq(ctable_find(t, 0, "a1")->ident.service, "shop");
	ck_assert(ctable_find(t, 0, "a1")->c.inspected);
	records_container_clear(&arr[0]);
	ck_assert(ctable_remove(t, 0, "a1"));
	ck_assert(!ctable_remove(t, 0, "a1"));
	ctable_free(t);
}
END_TEST

/* Rows are keyed by (engine, id): the same id on two engines is two rows,
 * and one engine's list, stats or removal never touch the other's. */
START_TEST(test_engines)
{
	struct ctable *t = ctable_new();
	struct dapi_container arr[1] = { 0 };
	struct watcher_stat st = { .cpu_percent = 5 };
	struct ctable_row *rows[8];
	struct rowsel_opts o = { .key = ROWSEL_ENGINE };
	size_t n;

	for (int e = 2; e >= 0; e--) {
		struct dapi_container c = { 0 };
		snprintf(c.id, sizeof c.id, "same");
		c.name = xstrdup(e == 1 ? "b-app" : "a-app");
		c.state = DAPI_ST_RUNNING;
		ctable_apply_container(t, e, &c);
	}
	ck_assert_uint_eq(ctable_count(t), 3);
	ck_assert_int_eq(ctable_find(t, 1, "same")->engine, 1);
	ck_assert_str_eq(ctable_find(t, 1, "same")->c.name, "b-app");
	ck_assert_ptr_null(ctable_find(t, 3, "same"));

	snprintf(st.id, sizeof st.id, "same");
	ck_assert(ctable_apply_stats(t, 2, &st, 1));
	ck_assert(ctable_find(t, 2, "same")->has_stats);
	ck_assert(!ctable_find(t, 0, "same")->has_stats);
	ctable_clear_stats(t, 0);
	ck_assert(ctable_find(t, 2, "same")->has_stats);
	ctable_clear_stats(t, 2);
	ck_assert(!ctable_find(t, 2, "same")->has_stats);

	/* sorted by engine, then name; one engine only */
	n = rowsel_build(t, &o, rows);
	ck_assert_uint_eq(n, 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(rows[i]->engine, i);
	o.key = ROWSEL_NAME;
	n = rowsel_build(t, &o, rows);
	ck_assert_str_eq(rows[2]->c.name, "b-app");
	ck_assert_int_eq(rows[0]->engine, 0);	/* same name: engine order */
	o.one_engine = true;
	o.engine = 2;
	n = rowsel_build(t, &o, rows);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(rows[0]->engine, 2);

	/* engine 0's list is empty now: only its row goes */
	ck_assert(ctable_apply_snapshot(t, 0, arr, 0));
	ck_assert_uint_eq(ctable_count(t), 2);
	ck_assert_ptr_null(ctable_find(t, 0, "same"));
	ck_assert(ctable_remove(t, 2, "same"));
	ck_assert_ptr_nonnull(ctable_find(t, 1, "same"));
	ck_assert_uint_eq(ctable_count(t), 1);
	ck_assert_str_eq(rowsel_key_name(ROWSEL_ENGINE), "engine");
	ctable_free(t);
}
END_TEST

START_TEST(test_identity)
{
	struct dapi_container c = { 0 };
	struct identity id;
	struct dapi_label l[2] = { { (char *)"com.docker.compose.project", (char *)"web" },
	    { (char *)"com.docker.compose.service", (char *)"api" } };
	char *tag;

	c.name = (char *)"x";
	c.image = (char *)"registry:5000/team/app:feature-1@sha256:abc";
	c.labels = l;
	c.nlabels = 2;
	identity_of(&c, &id);
	ck_assert_str_eq(id.service, "web/api");
	ck_assert_str_eq(id.branch, "feature-1");
	ck_assert_ptr_null(id.commit);
	identity_clear(&id);
	ck_assert_ptr_null(tag = identity_image_tag("registry:5000/team/app"));
	tag = identity_image_tag("app:1.2");
	ck_assert_str_eq(tag, "1.2");
	free(tag);
	ck_assert_ptr_null(identity_image_tag("sha256:0123"));
}
END_TEST

/* labels as NULL-terminated key, value pairs: what identity_from's get reads */
static const char *
pair_label(const void *labels, const char *key)
{
	for (const char *const *p = labels; *p != NULL; p += 2)
		if (strcmp(p[0], key) == 0)
			return p[1];
	return NULL;
}

START_TEST(test_identity_from)
{
	static const char *const oci[] = {
		"org.opencontainers.image.revision", "fedcba9",
		"org.opencontainers.image.version", "7", NULL };
	static const char *const both[] = {
		"berth.commit", "abc1234", "org.opencontainers.image.revision", "fedcba9",
		"berth.build", "", "org.opencontainers.image.version", "7",
		"berth.service", "shop", "berth.branch", "stage", NULL };
	struct identity id;

	/* only the OCI labels: commit and build fall back to them */
	identity_from(pair_label, oci, "ctr", "app:v1", &id);
	ck_assert_str_eq(id.service, "ctr");
	ck_assert_str_eq(id.branch, "v1");
	ck_assert_str_eq(id.commit, "fedcba9");
	ck_assert_str_eq(id.build, "7");
	identity_clear(&id);
	/* berth.* wins; an empty berth.build counts as absent */
	identity_from(pair_label, both, "ctr", "app:v1", &id);
	ck_assert_str_eq(id.service, "shop");
	ck_assert_str_eq(id.branch, "stage");
	ck_assert_str_eq(id.commit, "abc1234");
	ck_assert_str_eq(id.build, "7");
	identity_clear(&id);
	/* an image's labels alone: no name, no image */
	identity_from(pair_label, oci, NULL, NULL, &id);
	ck_assert_ptr_null(id.service);
	ck_assert_ptr_null(id.branch);
	ck_assert_str_eq(id.commit, "fedcba9");
	identity_clear(&id);
	ck_assert(identity_is_version_label("berth.commit"));
	ck_assert(identity_is_version_label("org.opencontainers.image.revision"));
	ck_assert(identity_is_version_label("org.opencontainers.image.version"));
	ck_assert(!identity_is_version_label("berth.branch"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("rowsel");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_problems_first);
	tcase_add_test(tc, test_name_and_reverse);
	tcase_add_test(tc, test_filter);
	tcase_add_test(tc, test_running_only);
	tcase_add_test(tc, test_cpu_sort);
	tcase_add_test(tc, test_uptime_and_service);
	tcase_add_test(tc, test_snapshot_removes_and_keeps);
	tcase_add_test(tc, test_engines);
	tcase_add_test(tc, test_identity);
	tcase_add_test(tc, test_identity_from);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
