/* Recorded engine bytes for the unit tests (tests/data, or $BERTH_TEST_DATA). */
#ifndef BERTH_TEST_FIXTURE_H
#define BERTH_TEST_FIXTURE_H

#include <stddef.h>

/*
 * The fixture's bytes in a malloc'ed buffer of exactly their size, not
 * NUL-terminated, so a decoder reading past len trips ASan. Fails the
 * running Check test if the file cannot be read. The caller frees.
 */
char *fixture(const char *name, size_t *len);

/* Run the n tests as one suite named `name` (one test case) and return
 * the program's exit status: 0 when they all passed. */
struct TTest;
int fixture_run_suite(const char *name, const struct TTest *const *tests, size_t n);

#endif
