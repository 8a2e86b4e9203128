/* sources: dockerapi/swarm.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: swarm_services_decode (GET /services?status=true) on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/swarm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct swarm_service *arr;
	struct decode_error err = { "" };
	char img[256];
	size_t n;

	if (swarm_services_decode((const char *)data, size, &arr, &n, &err) != 0) {
		if (arr != NULL || n != 0 || err.text[0] == '\0')
			abort();
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const struct swarm_service *s = &arr[i];
		(void)strlen(s->id);
		(void)strlen(s->name);
		(void)strlen(s->mode);
		(void)strlen(s->update_state);
		(void)strlen(s->update_msg);
		(void)strlen(s->update_started);
		(void)strlen(s->ports);
		if (s->prev_image != NULL)
			(void)strlen(s->prev_image);
		swarm_image_short(s->image, img, sizeof img);
		for (size_t k = 0; k < s->nlabels; k++)
			if (swarm_service_label(s, s->labels[k].key) == NULL)
				abort();
		(void)swarm_service_problem(s);
	}
	swarm_services_free(arr, n);
	return 0;
}
