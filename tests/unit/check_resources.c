/* The resource decoders on fixtures recorded from a dockerd 20.10 (tests/data: images, history, volumes, networks, df, containers). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/resources.h"
#include "tests/unit/fixture.h"

/* a literal and its length */
#define BUF(s) (s), strlen(s)
#define APP "sha256:921fcaab904d"

static const struct resources_image *
image_by_prefix(const struct resources_image *a, size_t n, const char *p)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(a[i].id, p, strlen(p)) == 0)
			return &a[i];
	return NULL;
}

START_TEST(images_list)
{
	struct resources_image *a;
	struct decode_error e;
	size_t n, len;
	char *buf = fixture("images_list.json", &len);
	const struct resources_image *app, *dangling;

	ck_assert_int_eq(resources_decode(RESOURCES_IMAGES, buf, len, &a, &n, &e), 0);
	ck_assert_uint_eq(n, 4);
	app = image_by_prefix(a, n, APP);
	ck_assert_ptr_nonnull(app);
	ck_assert_uint_eq(app->ntags, 2);
	ck_assert_str_eq(app->tags[0], "app:latest");
	ck_assert_str_eq(app->tags[1], "app:v1");
	ck_assert_int_eq(app->size, 2084662);
	ck_assert_str_eq(records_labels_get(app->labels, app->nlabels,
	    "org.opencontainers.image.source"), "https://example.invalid/app");
	dangling = image_by_prefix(a, n, "sha256:10df674071f1");
	ck_assert_ptr_nonnull(dangling);
	ck_assert_uint_eq(dangling->ntags, 0);	/* <none>:<none> is no tag */
	resources_free(RESOURCES_IMAGES, a, n);
	free(buf);
}
END_TEST

START_TEST(history)
{
	struct resources_layer *a;
	struct decode_error e;
	size_t n, len;
	char *buf = fixture("image_history.json", &len);

	ck_assert_int_eq(resources_decode(RESOURCES_HISTORY, buf, len, &a, &n, &e), 0);
	ck_assert_uint_eq(n, 7);
	ck_assert(strncmp(a[0].id, APP, strlen(APP)) == 0);
	ck_assert_int_eq(a[2].size, 102400);
	ck_assert(strstr(a[2].created_by, "dd if=/dev/zero") != NULL);
	ck_assert_int_gt(a[0].created, 1600000000);
	resources_free(RESOURCES_HISTORY, a, n);
	free(buf);
}
END_TEST

START_TEST(volumes)
{
	struct resources_volume *a;
	struct decode_error e;
	size_t n, len;
	char *buf = fixture("volumes_list.json", &len);
	int named = -1, anon = -1;

	ck_assert_int_eq(resources_decode(RESOURCES_VOLUMES, buf, len, &a, &n, &e), 0);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].name, "data1") == 0)
			named = (int)i;
		else
			anon = (int)i;
	ck_assert_int_ge(named, 0);
	ck_assert_int_ge(anon, 0);
	ck_assert(!a[named].anonymous);
	ck_assert(a[anon].anonymous);
	ck_assert_str_eq(a[named].driver, "local");
	ck_assert(strstr(a[named].mountpoint, "/volumes/data1/_data") != NULL);
	resources_free(RESOURCES_VOLUMES, a, n);
	free(buf);
}
END_TEST

START_TEST(networks)
{
	struct resources_network *a;
	struct decode_error e;
	size_t n, len;
	char *buf = fixture("networks_list.json", &len);
	bool seen_backend = false;

	ck_assert_int_eq(resources_decode(RESOURCES_NETWORKS, buf, len, &a, &n, &e), 0);
	ck_assert_uint_eq(n, 4);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(a[i].name, "backend") == 0) {
			seen_backend = true;
			ck_assert_str_eq(a[i].subnet, "10.99.0.0/24");
			ck_assert_str_eq(a[i].driver, "bridge");
			ck_assert_str_eq(a[i].scope, "local");
			ck_assert(!a[i].builtin);
		}
		if (strcmp(a[i].name, "host") == 0 || strcmp(a[i].name, "none") == 0)
			ck_assert(a[i].builtin);
	}
	ck_assert(seen_backend);
	resources_free(RESOURCES_NETWORKS, a, n);
	free(buf);
}
END_TEST

/* what `docker system df` printed for the same engine */
START_TEST(system_df)
{
	struct resources_df df;
	struct decode_error e;
	size_t len;
	char *buf = fixture("system_df.json", &len);
	char s[24];

	ck_assert_int_eq(resources_df_decode(buf, len, &df, &e), 0);
	ck_assert_int_eq(df.images.count, 4);
	ck_assert_int_eq(df.images.active, 2);
	resources_size(df.images.size, s, sizeof s);
	ck_assert_str_eq(s, "2.085MB");
	resources_size(df.images.reclaimable, s, sizeof s);
	ck_assert_str_eq(s, "1.982MB");
	ck_assert_int_eq(df.containers.count, 2);
	ck_assert_int_eq(df.containers.active, 1);
	ck_assert_int_eq(df.volumes.count, 2);
	ck_assert_int_eq(df.volumes.active, 2);
	ck_assert_int_eq(df.cache.count, 0);
	ck_assert_ptr_nonnull(resources_df_find(df.vols, df.nvols, "data1"));
	ck_assert_int_eq(resources_df_find(df.vols, df.nvols, "data1")->users, 1);
	resources_df_clear(&df);
	free(buf);
}
END_TEST

START_TEST(users)
{
	struct resources_user *a;
	struct decode_error e;
	size_t n, len;
	char *buf = fixture("containers_users.json", &len);
	char names[256];

	ck_assert_int_eq(resources_decode(RESOURCES_USERS, buf, len, &a, &n, &e), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(resources_volume_users(a, n, "data1", names, sizeof names), 1);
	ck_assert_str_eq(names, "web");
	ck_assert_uint_eq(resources_network_users(a, n, "backend", names, sizeof names), 1);
	ck_assert_str_eq(names, "web");
	ck_assert_uint_eq(resources_network_users(a, n, "front", names, sizeof names), 0);
	ck_assert_str_eq(names, "");
	ck_assert_uint_eq(resources_image_users(a, n, "sha256:nothing"), 0);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(resources_image_users(a, n, a[i].image_id), 1);
		if (strcmp(a[i].name, "stopped") == 0)
			ck_assert_str_eq(a[i].state, "created");
		else
			ck_assert_uint_eq(a[i].nvolumes, 2);
	}
	resources_free(RESOURCES_USERS, a, n);
	free(buf);
}
END_TEST

START_TEST(bad_input)
{
	struct resources_image *a = (void *)1;
	struct resources_volume *v = (void *)1;
	struct resources_df df;
	struct decode_error e;
	size_t n = 7;

	ck_assert_int_eq(resources_decode(RESOURCES_IMAGES, "{", 1, &a, &n, &e), -1);
	ck_assert_ptr_null(a);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(resources_decode(RESOURCES_IMAGES, "{}", 2, &a, &n, &e), -1);
	ck_assert(strstr(e.text, "array") != NULL);
	ck_assert_int_eq(resources_decode(RESOURCES_VOLUMES, "{\"Volumes\": 3}", 14, &v, &n, &e), -1);
	ck_assert_int_eq(resources_decode(RESOURCES_VOLUMES, "{\"Volumes\": null}", 17, &v, &n, &e), 0);
	ck_assert_uint_eq(n, 0);
	/* wrong shapes are skipped, not fatal */
	ck_assert_int_eq(resources_decode(RESOURCES_IMAGES, BUF("[1, {\"Id\": 2}, {\"Id\": \"x\", "
	    "\"RepoTags\": 5}]"), &a, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(a[0].ntags, 0);
	resources_free(RESOURCES_IMAGES, a, n);
	ck_assert_int_eq(resources_df_decode("[]", 2, &df, &e), -1);
	ck_assert_int_eq(resources_df_decode(BUF("{\"Images\": [{\"Id\": \"a\", \"Size\": -5}]}"),
	    &df, &e), 0);
	ck_assert_int_eq(df.images.count, 1);
	resources_df_clear(&df);
}
END_TEST

START_TEST(formats)
{
	char b[48];

	resources_size(0, b, sizeof b);
	ck_assert_str_eq(b, "0B");
	resources_size(999, b, sizeof b);
	ck_assert_str_eq(b, "999B");
	resources_size(1982262, b, sizeof b);
	ck_assert_str_eq(b, "1.982MB");
	resources_size(-1, b, sizeof b);
	ck_assert_str_eq(b, "-");
	resources_age(59, b, sizeof b);
	ck_assert_str_eq(b, "59 seconds ago");
	resources_age(3600, b, sizeof b);
	ck_assert_str_eq(b, "1 hour ago");
	resources_age(3 * 86400, b, sizeof b);
	ck_assert_str_eq(b, "3 days ago");
	ck_assert_str_eq(resources_short_id("sha256:921fcaab904d1234", b, sizeof b), "921fcaab904d");
}
END_TEST

static Suite *
resources_suite(void)
{
	Suite *s = suite_create("resources");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, images_list);
	tcase_add_test(tc, history);
	tcase_add_test(tc, volumes);
	tcase_add_test(tc, networks);
	tcase_add_test(tc, system_df);
	tcase_add_test(tc, users);
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, formats);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(resources_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
