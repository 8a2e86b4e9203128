/* sources: dockerapi/swarm.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: swarm_info_decode (GET /info) on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/swarm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct swarm_info i;
	struct decode_error err = { "" };

	if (swarm_info_decode((const char *)data, size, &i, &err) != 0) {
		if (err.text[0] == '\0' || i.manager)
			abort();
		return 0;
	}
	if (memchr(i.node_id, '\0', sizeof i.node_id) == NULL ||
	    memchr(i.state, '\0', sizeof i.state) == NULL)
		abort();
	if (i.manager && !i.active)
		abort();
	return 0;
}
