/* The words shell completion offers: container names, services, branches. */
#include "model/compwords.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const char *const kind_names[] = { "containers", "services", "branches" };

int
compwords_kind(const char *name)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (name != NULL && strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

static bool
word_safe(const char *w)
{
	if (w == NULL || *w == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *)w; *p != '\0'; p++)
		if (*p < 0x80 && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._:/@%+=,-", *p) == NULL)
			return false;
	return true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
compwords_print(const struct ctable *t, enum compwords_kind kind, FILE *f)
{
	size_t n = ctable_count(t), k = 0, out = 0;
	const char **w = xcalloc(n + 1, sizeof *w);

	for (size_t i = 0; i < n; i++) {
		const struct ctable_row *r = ctable_at(t, i);
		const char *s = kind == COMPWORDS_CONTAINERS ? r->c.name :
		    kind == COMPWORDS_SERVICES ? r->ident.service : r->ident.branch;
		if (word_safe(s))
			w[k++] = s;
	}
	qsort(w, k, sizeof *w, cmp_str);
	for (size_t i = 0; i < k; i++) {
		if (i > 0 && strcmp(w[i], w[i - 1]) == 0)
			continue;
		fprintf(f, "%s\n", w[i]);
		out++;
	}
	free(w);
	return out;
}
