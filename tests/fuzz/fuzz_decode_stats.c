/* sources: dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: decode_stats on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "dockerapi/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dapi_stats st;
	struct decode_error err;

	err.text[0] = '\0';
	if (decode_stats((const char *)data, size, &st, &err) != 0) {
		if (err.text[0] == '\0' || st.valid || st.read_ns != 0)
			abort();
		return 0;
	}
	if (st.valid != (st.read_ns != 0))
		abort();
	return 0;
}
