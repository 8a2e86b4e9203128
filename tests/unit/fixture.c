/* Recorded engine bytes for the unit tests. */
#include "tests/unit/fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

char *
fixture(const char *name, size_t *len)
{
	const char *dir = getenv("BERTH_TEST_DATA");
	char path[4096];
	char *buf;
	FILE *f;
	long sz;

	if (dir == NULL || *dir == '\0')
		dir = "tests/data";
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open fixture %s (set BERTH_TEST_DATA)", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	sz = ftell(f);
	ck_assert_int_ge(sz, 0);
	rewind(f);
	buf = malloc(sz > 0 ? (size_t)sz : 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)sz, f), (size_t)sz);
	fclose(f);
	*len = (size_t)sz;
	return buf;
}

int
fixture_run(const char *name, const TTest *const *tests, size_t n)
{
	Suite *s = suite_create(name);
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	for (size_t i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
