/* Compose projects from the container table: grouping, counts, problems first, members. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/compose.h"
#include "model/ctable.h"
#include "model/projects.h"
#include "xmalloc.h"

static void
add(struct ctable *t, int engine, const char *id, const char *name, enum dapi_state st,
    enum dapi_health h, const char *project, const char *service)
{
	struct dapi_container c = { 0 };
	size_t nl = 0;

	snprintf(c.id, sizeof c.id, "%s", id);
	c.name = xstrdup(name);
	c.image = xstrdup("app:1");
	c.state = st;
	c.health = h;
	c.labels = xcalloc(4, sizeof *c.labels);
	if (project != NULL) {
		c.labels[nl].key = xstrdup(PROJECTS_LABEL_PROJECT);
		c.labels[nl++].value = xstrdup(project);
		c.labels[nl].key = xstrdup(PROJECTS_LABEL_FILES);
		c.labels[nl++].value = xstrdup("/srv/a.yml,/srv/b.yml");
		c.labels[nl].key = xstrdup(PROJECTS_LABEL_DIR);
		c.labels[nl++].value = xstrdup("/srv");
	}
	if (service != NULL) {
		c.labels[nl].key = xstrdup(PROJECTS_LABEL_SERVICE);
		c.labels[nl++].value = xstrdup(service);
	}
	c.nlabels = nl;
	ctable_apply_container(t, engine, &c);
}

static struct ctable *
fixture(void)
{
	struct ctable *t = ctable_new();

	add(t, 0, "a1", "shop_web_2", DAPI_ST_RUNNING, DAPI_HEALTH_HEALTHY, "shop", "web");
	add(t, 0, "a2", "shop_db_1", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, "shop", "db");
	add(t, 0, "a3", "shop_web_1", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, "shop", "web");
	add(t, 1, "b1", "blog_app_1", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, "blog", "app");
	add(t, 0, "b2", "blog_app_2", DAPI_ST_EXITED, DAPI_HEALTH_NONE, "blog", "app");
	add(t, 0, "c1", "lonely", DAPI_ST_EXITED, DAPI_HEALTH_NONE, NULL, NULL);
	add(t, 0, "d1", "zed_x_1", DAPI_ST_RUNNING, DAPI_HEALTH_UNHEALTHY, "zed", "x");
	add(t, 0, "e1", "alpha_y_1", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, "alpha", "y");
	return t;
}

START_TEST(test_grouping)
{
	struct ctable *t = fixture();
	struct projects_entry *p;
	size_t n;

	projects_build(t, &p, &n);
	ck_assert_uint_eq(n, 4);	/* "lonely" has no compose labels */
	/* problems first (blog: one exited; zed: unhealthy), then the rest, by name */
	ck_assert_str_eq(p[0].name, "blog");
	ck_assert_str_eq(p[1].name, "zed");
	ck_assert_str_eq(p[2].name, "alpha");
	ck_assert_str_eq(p[3].name, "shop");
	ck_assert(p[0].problem && p[1].problem && !p[2].problem && !p[3].problem);
	ck_assert_uint_eq(p[0].running, 1);
	ck_assert_uint_eq(p[0].total, 2);
	ck_assert_uint_eq(p[0].engines, 3ul);	/* engines 0 and 1 */
	ck_assert_int_eq(p[0].first_engine, 0);
	ck_assert_uint_eq(p[3].running, 3);
	ck_assert_uint_eq(p[3].total, 3);
	ck_assert_uint_eq(p[3].engines, 1ul);
	ck_assert_uint_eq(p[3].nservices, 2);
	ck_assert_str_eq(p[3].services[0].name, "db");
	ck_assert_str_eq(p[3].services[1].name, "web");
	ck_assert_uint_eq(p[3].services[1].total, 2);
	ck_assert_str_eq(p[3].config_files, "/srv/a.yml,/srv/b.yml");
	ck_assert_str_eq(p[3].working_dir, "/srv");
	ck_assert(p[0].services[0].problem);
	projects_free(p, n);
	ctable_free(t);
}
END_TEST

START_TEST(test_rows)
{
	struct ctable *t = fixture();
	struct ctable_row *rows[8];
	size_t n;

	n = projects_rows(t, "shop", NULL, rows, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(rows[0]->c.name, "shop_db_1");
	ck_assert_str_eq(rows[1]->c.name, "shop_web_1");
	ck_assert_str_eq(rows[2]->c.name, "shop_web_2");
	n = projects_rows(t, "shop", "web", rows, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0]->c.name, "shop_web_1");
	/* more than cap: the count, and only cap written */
	ck_assert_uint_eq(projects_rows(t, "shop", NULL, rows, 1), 3);
	ck_assert_uint_eq(projects_rows(t, "nope", NULL, rows, 8), 0);
	ck_assert_uint_eq(projects_rows(t, "", NULL, rows, 8), 0);
	ctable_free(t);
}
END_TEST

START_TEST(test_empty)
{
	struct ctable *t = ctable_new();
	struct projects_entry *p = (void *)1;
	size_t n = 9;

	add(t, 0, "c1", "lonely", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, NULL, "svc-only");
	projects_build(t, &p, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(p);
	projects_free(p, n);
	ctable_free(t);
}
END_TEST

/* argv as one string, words joined by '|'. */
static void
joined(char **argv, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; argv[i] != NULL; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "|" : "", argv[i]);
}

START_TEST(test_compose_argv)
{
	struct compose_opts o = { COMPOSE_UP, "shop", "/srv/a.yml,/srv/b b.yml", "/srv", NULL, NULL, NULL };
	char *argv[32], buf[512];

	ck_assert_uint_eq(compose_argv(&o, "/usr/bin/docker-compose", false, argv, 32), 11);
	joined(argv, buf, sizeof buf);
	ck_assert_str_eq(buf, "/usr/bin/docker-compose|-p|shop|-f|/srv/a.yml|-f|/srv/b b.yml|"
	    "--project-directory|/srv|up|-d");
	compose_argv_free(argv);
	o = (struct compose_opts){ COMPOSE_PULL, "shop", "/x.yml", NULL, NULL, "web", NULL };
	ck_assert_uint_gt(compose_argv(&o, "/usr/bin/docker", true, argv, 32), 0);
	joined(argv, buf, sizeof buf);
	ck_assert_str_eq(buf, "/usr/bin/docker|compose|-p|shop|-f|/x.yml|pull|web");
	compose_argv_free(argv);
	/* down is the whole project's; empty pieces of the list are skipped */
	o = (struct compose_opts){ COMPOSE_DOWN, "p", ",,/y.yml,", "", NULL, "web", NULL };
	ck_assert_uint_gt(compose_argv(&o, "dc", false, argv, 32), 0);
	joined(argv, buf, sizeof buf);
	ck_assert_str_eq(buf, "dc|-p|p|-f|/y.yml|down");
	compose_argv_free(argv);
	/* too small: nothing */
	o = (struct compose_opts){ COMPOSE_UP, "shop", "/a,/b,/c", "/srv", NULL, NULL, NULL };
	ck_assert_uint_eq(compose_argv(&o, "dc", false, argv, 8), 0);
	ck_assert_str_eq(compose_verb_name(COMPOSE_DOWN), "down");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("projects");
	TCase *model = tcase_create("model"), *compose = tcase_create("compose");
	SRunner *sr = srunner_create(s);
	int failed;

	tcase_add_test(model, test_grouping);
	tcase_add_test(model, test_rows);
	tcase_add_test(model, test_empty);
	suite_add_tcase(s, model);
	tcase_add_test(compose, test_compose_argv);
	suite_add_tcase(s, compose);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
