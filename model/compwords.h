/* The words shell completion offers: container names, services, branches. */
#ifndef BERTH_COMPWORDS_H
#define BERTH_COMPWORDS_H

#include <stddef.h>
#include <stdio.h>

#include "model/ctable.h"

enum compwords_kind {
	COMPWORDS_CONTAINERS, COMPWORDS_SERVICES, COMPWORDS_BRANCHES
};

/* The kind named "containers", "services" or "branches"; -1 for any other
 * name. Any thread. */
int compwords_kind(const char *name);

/*
 * Write to f the distinct container names, services or branches of t (as
 * the rows' identities give them), sorted, one a line. A word with a byte
 * a shell could act on (blanks, quotes, `$`, `;`, control bytes...) is
 * left out: bash puts completions on the command line as they are. Only
 * [A-Za-z0-9._:/@%+=,-] and bytes from 0x80 pass. Returns the number of
 * words written. The thread that owns t.
 */
size_t compwords_print(const struct ctable *t, enum compwords_kind kind, FILE *f);

#endif
