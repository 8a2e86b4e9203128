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

/* Run the n tests (START_TEST names) as suite `name`, one test case;
 * returns main()'s exit status. */
struct TTest;
int fixture_run(const char *name, const struct TTest *const *tests, size_t n);

#endif
