/* The prune planner: what goes, what stays and why, with the journal's units and --keep. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/prune.h"

/* the records own their strings; these fixtures lend literals */
#define S(x) ((char *)(x))

static char *tags_v[] = { S("app:v1"), S("app:v2"), S("app:v3"), S("t:1") };

/* images: v1 v2 v3 (tagged), x (dangling), t (tagged, unused) */
static struct resources_image images[] = {
	{ .id = S("sha256:v1"), .tags = &tags_v[0], .ntags = 1, .size = 100 },
	{ .id = S("sha256:v2"), .tags = &tags_v[1], .ntags = 1, .size = 200 },
	{ .id = S("sha256:v3"), .tags = &tags_v[2], .ntags = 1, .size = 300 },
	{ .id = S("sha256:x"), .size = 400 },
	{ .id = S("sha256:t"), .tags = &tags_v[3], .ntags = 1, .size = 500 },
};

static char *vols_web[] = { S("data"), S("anon-used") };
static char *nets_web[] = { S("backend") };

static struct resources_user users[] = {
	{ .id = S("c1"), .name = S("shop-main"), .image_id = S("sha256:v3"), .state = S("running"),
	  .volumes = vols_web, .nvolumes = 2, .networks = nets_web, .nnetworks = 1 },
	{ .id = S("c2"), .name = S("old"), .image_id = S("sha256:t"), .state = S("exited") },
};

static struct journal_entry entries[4];
static struct journal_history hist = { entries, 3 };

static void
setup(void)
{
	memset(entries, 0, sizeof entries);
	entries[0] = (struct journal_entry){ .id = S("d1"), .service = S("shop"), .branch = S("main"),
	    .to_image = S("sha256:v1"), .result = JOURNAL_SUCCEEDED };
	entries[1] = (struct journal_entry){ .id = S("d2"), .service = S("shop"), .branch = S("main"),
	    .from_image = S("sha256:v1"), .to_image = S("sha256:v2"), .result = JOURNAL_SUCCEEDED };
	entries[2] = (struct journal_entry){ .id = S("d3"), .service = S("shop"), .branch = S("main"),
	    .from_image = S("sha256:v2"), .to_image = S("sha256:v3"), .result = JOURNAL_SUCCEEDED };
	hist.n = 3;
}

static struct prune_input
input(void)
{
	return (struct prune_input){ images, 5, users, 2, NULL, 0, NULL, 0, NULL, &hist };
}

static const struct prune_item *
item(const struct prune_plan *p, const char *id)
{
	size_t i = 0;

	while (i < p->n && strcmp(p->items[i].id, id) != 0)
		i++;
	return i < p->n ? &p->items[i] : NULL;
}

/* The plan of o over the images and users above and the journal. */
static void
plan(const struct prune_opts *o, struct prune_plan *p)
{
	struct prune_input in = input();

	prune_plan_make(&in, o, p);
}

static bool
goes(const struct prune_plan *p, const char *id)
{
	const struct prune_item *it = item(p, id);

	ck_assert_msg(it != NULL, "%s is not in the plan", id);
	return it->go;
}

START_TEST(keep_one)
{
	struct prune_opts o = { .images = true, .all = true, .keep = 1 };
	struct prune_plan p;

	plan(&o, &p);
	ck_assert(goes(&p, "sha256:v1"));
	ck_assert(!goes(&p, "sha256:v2"));
	ck_assert(strstr(item(&p, "sha256:v2")->why, "rollback of shop/main") != NULL);
	ck_assert(!goes(&p, "sha256:v3"));
	ck_assert(strstr(item(&p, "sha256:v3")->why, "in use by 1 container") != NULL);
	ck_assert(goes(&p, "sha256:x"));
	ck_assert(!goes(&p, "sha256:t"));	/* a stopped container still uses it */
	ck_assert_uint_eq(p.ngo, 2);
	ck_assert_int_eq(p.bytes, 500);
	ck_assert_str_eq(item(&p, "sha256:v1")->service, "shop");
	ck_assert_str_eq(item(&p, "sha256:v1")->branch, "main");
	ck_assert_ptr_null(item(&p, "sha256:x")->service);
	/* the image shop/main's rollback needs carries the unit, so a
	 * protected branch asks for its name (it was NULL when the first
	 * entry did not name the image) */
	ck_assert_ptr_nonnull(item(&p, "sha256:v2")->service);
	ck_assert_str_eq(item(&p, "sha256:v2")->service, "shop");
	ck_assert_str_eq(item(&p, "sha256:v2")->branch, "main");
	prune_plan_clear(&p);
}
END_TEST

START_TEST(keep_counts)
{
	struct prune_opts o = { .images = true, .all = true, .keep = 0 };
	struct prune_plan p;

	plan(&o, &p);
	ck_assert(goes(&p, "sha256:v1"));
	ck_assert(goes(&p, "sha256:v2"));
	prune_plan_clear(&p);
	o.keep = 2;
	plan(&o, &p);
	ck_assert(!goes(&p, "sha256:v1"));
	ck_assert(!goes(&p, "sha256:v2"));
	prune_plan_clear(&p);
}
END_TEST

/* the unit runs an image no deploy recorded as a success: the current
 * image is the newest success's, and a failed deploy's image is not kept */
START_TEST(failed_deploys)
{
	struct prune_opts o = { .images = true, .all = true, .keep = 1 };
	struct prune_plan p;

	entries[2].result = JOURNAL_FAILED;	/* d3 to v3 failed: v2 is current, v1 the rollback */
	plan(&o, &p);
	ck_assert(!goes(&p, "sha256:v1"));
	ck_assert(!goes(&p, "sha256:v2"));
	ck_assert(strstr(item(&p, "sha256:v2")->why, "runs it") != NULL);
	prune_plan_clear(&p);
}
END_TEST

START_TEST(dangling_only)
{
	struct prune_opts o = { .images = true, .keep = 0 };
	struct prune_plan p;

	plan(&o, &p);
	ck_assert(!goes(&p, "sha256:v1"));
	ck_assert(strstr(item(&p, "sha256:v1")->why, "tagged") != NULL);
	ck_assert(goes(&p, "sha256:x"));
	ck_assert_uint_eq(p.ngo, 1);
	prune_plan_clear(&p);
}
END_TEST

START_TEST(containers_first)
{
	struct prune_opts o = { .images = true, .all = true, .containers = true, .keep = 1 };
	struct prune_plan p;

	plan(&o, &p);
	ck_assert(goes(&p, "c2"));
	ck_assert(!goes(&p, "c1"));
	ck_assert(goes(&p, "sha256:t"));	/* its only user goes first */
	ck_assert_int_eq(p.items[0].kind, PRUNE_CONTAINER);
	prune_plan_clear(&p);
}
END_TEST

START_TEST(unit_only)
{
	struct prune_opts o = { .images = true, .all = true, .keep = 0, .service = "shop",
	    .branch = "main" };
	struct prune_plan p;

	plan(&o, &p);
	ck_assert_ptr_null(item(&p, "sha256:x"));
	ck_assert_ptr_null(item(&p, "sha256:t"));
	ck_assert(goes(&p, "sha256:v1"));
	ck_assert(goes(&p, "sha256:v2"));
	ck_assert(!goes(&p, "sha256:v3"));
	prune_plan_clear(&p);
	o.branch = "other";
	plan(&o, &p);
	ck_assert_uint_eq(p.n, 0);
	prune_plan_clear(&p);
}
END_TEST

START_TEST(volumes_networks)
{
	struct resources_volume vols[] = {
		{ .name = S("data") }, { .name = S("anon-used"), .anonymous = true },
		{ .name = S("named-free") }, { .name = S("anon-free"), .anonymous = true },
	};
	struct resources_network nets[] = {
		{ .id = S("n1"), .name = S("backend") }, { .id = S("n2"), .name = S("spare") },
		{ .id = S("n3"), .name = S("host"), .builtin = true },
	};
	struct resources_df_item dv[] = { { .name = S("anon-free"), .size = 4096, .users = 0 } };
	struct resources_df df = { .vols = dv, .nvols = 1 };
	struct prune_input in = { NULL, 0, users, 2, vols, 4, nets, 3, &df, &hist };
	struct prune_opts o = { .volumes = true, .networks = true, .keep = 1 };
	struct prune_plan p;

	prune_plan_make(&in, &o, &p);
	ck_assert(!goes(&p, "data"));
	ck_assert(!goes(&p, "anon-used"));
	ck_assert(!goes(&p, "named-free"));
	ck_assert(strstr(item(&p, "named-free")->why, "named") != NULL);
	ck_assert(goes(&p, "anon-free"));
	ck_assert_int_eq(p.bytes, 4096);
	ck_assert(!goes(&p, "n1"));
	ck_assert(goes(&p, "n2"));
	ck_assert_ptr_null(item(&p, "n3"));
	prune_plan_clear(&p);
	o.all = true;
	prune_plan_make(&in, &o, &p);
	ck_assert(goes(&p, "named-free"));
	ck_assert(!goes(&p, "data"));
	prune_plan_clear(&p);
}
END_TEST

static Suite *
prune_suite(void)
{
	Suite *s = suite_create("prune");
	TCase *tc = tcase_create("plan");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, keep_one);
	tcase_add_test(tc, keep_counts);
	tcase_add_test(tc, failed_deploys);
	tcase_add_test(tc, dangling_only);
	tcase_add_test(tc, containers_first);
	tcase_add_test(tc, unit_only);
	tcase_add_test(tc, volumes_networks);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(prune_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
