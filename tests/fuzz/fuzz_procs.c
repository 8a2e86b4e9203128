/* sources: dockerapi/procs.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/*
 * libFuzzer target: procs_decode on any bytes. A decoded table has at
 * most PROCS_MAX_COLS titles and a readable string in every cell; a
 * failure leaves it cleared with a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/procs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct procs p;
	struct decode_error err;

	if (procs_decode((const char *)data, size, &p, &err) == 0) {
		if (p.ncols == 0 || p.ncols > PROCS_MAX_COLS)
			abort();
		for (size_t i = 0; i < p.ncols; i++)
			if (strlen(procs_title(&p, i)) == (size_t)-1)
				abort();
		for (size_t r = 0; r < p.nrows; r++)
			for (size_t c = 0; c < p.ncols; c++)
				if (procs_cell(&p, r, c) == NULL)
					abort();
		procs_clear(&p);
	} else if (p.cells != NULL || p.ncols != 0 || err.text[0] == '\0') {
		abort();
	}
	return 0;
}
