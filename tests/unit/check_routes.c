/* Routes (model/routes.c): VIRTUAL_HOST lists split, hosts grouped, problems found and first;
 * the ':' line's completion and history (tui/lineedit.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ctable.h"
#include "model/routes.h"
#include "tui/lineedit.h"
#include "tests/unit/fixture.h"
#include "xmalloc.h"

static void
add(struct ctable *t, int engine, const char *id, const char *svc, const char *branch,
    const char *vhost, const char *vport, enum dapi_state st, enum dapi_health h, int exposed)
{
	struct dapi_container c = { 0 };

	snprintf(c.id, sizeof c.id, "%s", id);
	c.name = xstrdup(id);
	c.image = xstrdup("app:1");
	c.state = st;
	c.health = h;
	c.inspected = true;
	c.labels = xcalloc(2, sizeof *c.labels);
	c.labels[0].key = xstrdup("berth.service");
	c.labels[0].value = xstrdup(svc);
	c.nlabels = 1;
	if (branch != NULL) {
		c.labels[1].key = xstrdup("berth.branch");
		c.labels[1].value = xstrdup(branch);
		c.nlabels = 2;
	}
	c.virtual_host = vhost != NULL ? xstrdup(vhost) : NULL;
	c.virtual_port = vport != NULL ? xstrdup(vport) : NULL;
	c.exposed_ports = exposed;
	ctable_apply_container(t, engine, &c);
}

static const struct routes_host *
host(const struct routes_host *h, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].host, name) == 0)
			return &h[i];
	return NULL;
}

START_TEST(test_split_and_group)
{
	struct ctable *t = ctable_new();
	struct routes_host *h;
	const struct routes_host *x;
	size_t n;

	add(t, 0, "a", "shop", "production", " shop.example ,www.example,, shop.example", "8080",
	    DAPI_ST_RUNNING, DAPI_HEALTH_HEALTHY, 1);
	add(t, 0, "b", "shop", "production", "shop.example", "8080", DAPI_ST_RUNNING,
	    DAPI_HEALTH_NONE, 0);
	add(t, 0, "c", "plain", NULL, NULL, NULL, DAPI_ST_RUNNING, DAPI_HEALTH_NONE, 0);
	h = routes_of_table(t, &n);
	ck_assert_uint_eq(n, 2);
	x = host(h, n, "shop.example");
	ck_assert_ptr_nonnull(x);
	ck_assert_uint_eq(x->nb, 2);	/* a names it twice: once */
	ck_assert_str_eq(x->b[0].name, "a");
	ck_assert_str_eq(x->b[1].name, "b");
	ck_assert_str_eq(x->b[0].port, "8080");
	ck_assert_str_eq(x->b[0].branch, "production");
	ck_assert_uint_eq(x->nproblems, 0);	/* one unit, serving */
	ck_assert_ptr_nonnull(host(h, n, "www.example"));
	routes_free(h, n);
	ctable_free(t);
}
END_TEST

START_TEST(test_problems_first)
{
	struct ctable *t = ctable_new();
	struct routes_host *h;
	const struct routes_host *x;
	size_t n;

	add(t, 0, "ok", "zz", "main", "a-fine.example", NULL, DAPI_ST_RUNNING, DAPI_HEALTH_NONE, 1);
	add(t, 0, "p", "shop", "production", "shop.example", "80", DAPI_ST_RUNNING,
	    DAPI_HEALTH_NONE, 0);
	add(t, 1, "s", "shop", "staging", "shop.example", "80", DAPI_ST_RUNNING,
	    DAPI_HEALTH_NONE, 0);
	add(t, 0, "sick", "blog", NULL, "blog.example", NULL, DAPI_ST_RUNNING,
	    DAPI_HEALTH_UNHEALTHY, 0);
	add(t, 0, "api", "api", NULL, "api.example", NULL, DAPI_ST_RUNNING, DAPI_HEALTH_NONE, 3);
	add(t, 0, "api2", "api", NULL, "api2.example", "9090", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, 3);
	h = routes_of_table(t, &n);
	ck_assert_uint_eq(n, 5);
	/* problem hosts first, then by name */
	ck_assert_str_eq(h[0].host, "api.example");
	ck_assert_str_eq(h[1].host, "blog.example");
	ck_assert_str_eq(h[2].host, "shop.example");
	ck_assert_str_eq(h[3].host, "a-fine.example");
	ck_assert_str_eq(h[4].host, "api2.example");
	ck_assert_uint_eq(h[0].nproblems, 1);
	ck_assert_str_eq(h[0].problems[0], "api exposes 3 ports and sets no VIRTUAL_PORT");
	ck_assert_str_eq(h[1].problems[0],
	    "no backend serves: its only container is stopped or unhealthy");
	x = &h[2];
	ck_assert_uint_eq(x->nb, 2);
	ck_assert_int_eq(x->b[1].engine, 1);
	ck_assert_str_eq(x->problems[0],
	    "claimed by different units: shop/production and shop/staging");
	ck_assert_uint_eq(h[3].nproblems, 0);
	ck_assert_uint_eq(h[4].nproblems, 0);
	routes_free(h, n);
	ctable_free(t);
}
END_TEST

START_TEST(test_stopped_backends)
{
	struct ctable *t = ctable_new();
	struct routes_host *h;
	size_t n;

	add(t, 0, "x1", "web", "main", "web.example", NULL, DAPI_ST_EXITED, DAPI_HEALTH_NONE, 0);
	add(t, 0, "x2", "web", "main", "web.example", NULL, DAPI_ST_PAUSED, DAPI_HEALTH_NONE, 0);
	h = routes_of_table(t, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(h[0].nproblems, 1);
	ck_assert_str_eq(h[0].problems[0],
	    "no backend serves: every container is stopped or unhealthy");
	routes_free(h, n);
	/* one backend comes back: no problem */
	add(t, 0, "x3", "web", "main", "web.example", NULL, DAPI_ST_RUNNING, DAPI_HEALTH_STARTING, 0);
	h = routes_of_table(t, &n);
	ck_assert_uint_eq(h[0].nproblems, 0);
	routes_free(h, n);
	ctable_free(t);
}
END_TEST

START_TEST(test_complete)
{
	const char *c[] = { "deploys", "detail", "down", "events", "exec" };
	char common[64];

	ck_assert_uint_eq(lineedit_complete(c, 5, "dep", common, sizeof common), 1);
	ck_assert_str_eq(common, "deploys");
	ck_assert_uint_eq(lineedit_complete(c, 5, "de", common, sizeof common), 2);
	ck_assert_str_eq(common, "de");
	ck_assert_uint_eq(lineedit_complete(c, 5, "e", common, sizeof common), 2);
	ck_assert_str_eq(common, "e");
	ck_assert_uint_eq(lineedit_complete(c, 5, "", common, sizeof common), 5);
	ck_assert_str_eq(common, "");
	ck_assert_uint_eq(lineedit_complete(c, 5, "x", common, sizeof common), 0);
	ck_assert_uint_eq(lineedit_complete(c, 5, "ev", common, 4), 1);
	ck_assert_str_eq(common, "eve");	/* cut to fit */
}
END_TEST

START_TEST(test_history)
{
	struct lineedit_history *h = xcalloc(1, sizeof *h);
	char buf[16];

	ck_assert_ptr_null(lineedit_history_at(h, 0));
	lineedit_history_add(h, "routes");
	lineedit_history_add(h, "routes");	/* the same again: once */
	lineedit_history_add(h, "");
	lineedit_history_add(h, "events");
	ck_assert_int_eq(h->n, 2);
	ck_assert_str_eq(lineedit_history_at(h, 0), "events");
	ck_assert_str_eq(lineedit_history_at(h, 1), "routes");
	ck_assert_ptr_null(lineedit_history_at(h, 2));
	ck_assert_ptr_null(lineedit_history_at(h, -1));
	for (int i = 0; i < LINEEDIT_HISTORY_MAX + 5; i++) {
		snprintf(buf, sizeof buf, "c%d", i);
		lineedit_history_add(h, buf);
	}
	ck_assert_int_eq(h->n, LINEEDIT_HISTORY_MAX);
	snprintf(buf, sizeof buf, "c%d", LINEEDIT_HISTORY_MAX + 4);
	ck_assert_str_eq(lineedit_history_at(h, 0), buf);
	ck_assert_str_eq(lineedit_history_at(h, LINEEDIT_HISTORY_MAX - 1), "c5");
	free(h);
}
END_TEST

int
main(void)
{
	const TTest *tests[] = { test_split_and_group, test_problems_first, test_stopped_backends, test_complete, test_history };

	return fixture_run("routes", tests, sizeof tests / sizeof tests[0]);
}
