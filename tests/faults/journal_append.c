/* Test driver: append COUNT journal records to DIR as fast as possible, so
 * a script can SIGKILL several of these mid-write (tests/faults/journal_kill.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "deploy/journal.h"

int
main(int argc, char **argv)
{
	struct journal_error err;
	struct journal *j;
	char pad[301];
	long count;

	if (argc != 4) {
		fprintf(stderr, "usage: journal_append DIR WRITER COUNT\n");
		return 2;
	}
	count = strtol(argv[3], NULL, 10);
	memset(pad, 'x', sizeof pad - 1);
	pad[sizeof pad - 1] = '\0';
	if ((j = journal_open(argv[1], &err)) == NULL) {
		fprintf(stderr, "journal_append: %s\n", err.text);
		return 1;
	}
	for (long i = 0; i < count; i++) {
		char id[32];
		json_t *r;
		journal_new_id(id, sizeof id);
		r = json_pack("{s:s,s:s,s:s,s:s,s:I,s:s}", "id", id, "ev", "observed",
		    "service", "stress", "branch", argv[2], "seq", (json_int_t)i, "pad", pad);
		if (journal_append(j, r, &err) != 0) {
			fprintf(stderr, "journal_append: %s\n", err.text);
			json_decref(r);
			journal_free(j);
			return 1;
		}
		json_decref(r);
	}
	journal_free(j);
	return 0;
}
