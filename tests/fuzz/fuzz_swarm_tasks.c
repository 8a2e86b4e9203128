/* sources: dockerapi/swarm.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: swarm_tasks_decode (GET /tasks) on arbitrary bytes; newest first. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/swarm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct swarm_task *arr;
	struct decode_error err = { "" };
	size_t n;

	if (swarm_tasks_decode((const char *)data, size, &arr, &n, &err) != 0) {
		if (arr != NULL || n != 0 || err.text[0] == '\0')
			abort();
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const struct swarm_task *t = &arr[i];
		(void)strlen(t->id);
		(void)strlen(t->service_id);
		(void)strlen(t->node_id);
		(void)strlen(t->state);
		(void)strlen(t->desired);
		(void)strlen(t->error);
		(void)strlen(t->message);
		(void)strlen(t->image);
		if (i > 0 && arr[i - 1].created < t->created)
			abort();
	}
	swarm_tasks_free(arr, n);
	return 0;
}
