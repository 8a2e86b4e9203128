/* sources: dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: decode_container_list on arbitrary bytes, plus copies. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch every byte a consumer may read, so ASan sees bad records. */
static void
check(const struct dapi_container *c)
{
	struct dapi_container copy;
	size_t i;

	if (c->id[0] == '\0' || strlen(c->id) >= sizeof c->id)
		abort();
	if (c->name != NULL)
		(void)strlen(c->name);
	if (c->image != NULL)
		(void)strlen(c->image);
	if (c->image_id != NULL)
		(void)strlen(c->image_id);
	if (c->command != NULL)
		(void)strlen(c->command);
	for (i = 0; i < c->nlabels; i++) {
		if (records_label(c, c->labels[i].key) == NULL)
			abort();
		(void)strlen(c->labels[i].value);
	}
	for (i = 0; i < c->nports; i++) {
		if (memchr(c->ports[i].proto, '\0', sizeof c->ports[i].proto)
		    == NULL)
			abort();
		if (c->ports[i].ip != NULL && c->ports[i].public_port == 0)
			abort();
	}
	(void)records_state_name(c->state);
	(void)records_health_name(c->health);
	memset(&copy, 0, sizeof copy);
	records_container_copy(&copy, c);
	records_container_clear(&copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dapi_container *arr;
	struct decode_error err;
	size_t i, n;

	err.text[0] = '\0';
	if (decode_container_list((const char *)data, size, &arr, &n,
	    &err) != 0) {
		if (arr != NULL || n != 0 || err.text[0] == '\0')
			abort();
		return 0;
	}
	for (i = 0; i < n; i++)
		check(&arr[i]);
	decode_container_array_free(arr, n);
	return 0;
}
