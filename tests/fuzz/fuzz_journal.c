/* sources: deploy/journal.c deploy/statedir.c dockerapi/jsonget.c xmalloc.c */
/* libFuzzer target: the journal reader (journal_parse), the history fold, and the writer reading back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deploy/journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct journal_lines l;
	struct journal_history h;
	size_t lines = 1;

	journal_parse((const char *)data, size, &l);
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n')
			lines++;
	/* every bad line number is a real line, in increasing order */
	for (size_t i = 0; i < l.nbad; i++)
		if (l.bad[i] == 0 || l.bad[i] > lines || (i > 0 && l.bad[i] <= l.bad[i - 1]))
			abort();
	if (l.n + l.nbad > lines)
		abort();
	journal_fold(&l, NULL, NULL, NULL, &h);
	for (size_t i = 0; i < h.n; i++) {
		json_t *o = journal_entry_json(&h.e[i]);
		if (o == NULL)
			abort();
		json_decref(o);
		/* whatever the reader took in, the writer writes a record it reads back */
		for (unsigned ev = JOURNAL_EV_START; ev <= JOURNAL_EV_OBSERVED; ev <<= 1) {
			json_t *r = journal_record((enum journal_ev)ev, &h.e[i]);
			char *s = json_dumps(r, JSON_COMPACT | JSON_ENSURE_ASCII);
			struct journal_lines back;

			if (s == NULL)
				abort();
			journal_parse(s, strlen(s), &back);
			if (back.n != 1 || back.nbad != 0 || strcmp(json_string_value(
			    json_object_get(back.recs[0], "id")), h.e[i].id) != 0)
				abort();
			journal_lines_clear(&back);
			free(s);
			json_decref(r);
		}
	}
	journal_history_clear(&h);
	journal_fold(&l, "unix:///x", "shop", "production", &h);
	journal_history_clear(&h);
	journal_lines_clear(&l);
	return 0;
}
