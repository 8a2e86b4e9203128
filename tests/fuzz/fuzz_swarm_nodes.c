/* sources: dockerapi/swarm.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: swarm_nodes_decode (GET /nodes) on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/swarm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct swarm_node *arr;
	struct decode_error err = { "" };
	size_t n;

	if (swarm_nodes_decode((const char *)data, size, &arr, &n, &err) != 0) {
		if (arr != NULL || n != 0 || err.text[0] == '\0')
			abort();
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const struct swarm_node *nd = &arr[i];
		if (swarm_node_hostname(arr, n, nd->id) == NULL)
			abort();
		(void)strlen(nd->role);
		(void)strlen(nd->availability);
		(void)strlen(nd->status);
		(void)strlen(nd->addr);
		(void)strlen(nd->engine);
		(void)strlen(nd->reachability);
	}
	swarm_nodes_free(arr, n);
	return 0;
}
