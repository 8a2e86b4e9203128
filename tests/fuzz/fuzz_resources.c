/* sources: dockerapi/resources.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: the resource decoders (images, history, volumes, networks, container users, system df) on arbitrary bytes; the first byte picks the decoder. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/resources.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What every user record must allow: its lists walked by name. */
static void
walk_users(const struct resources_user *u, size_t n)
{
	char names[64];

	for (size_t i = 0; i < n; i++) {
		resources_volume_users(u, n, u[i].name, names, sizeof names);
		resources_network_users(u, n, u[i].name, names, sizeof names);
		(void)resources_image_users(u, n, u[i].image_id);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decode_error err = { "" };
	struct resources_df df;
	void *arr = (void *)1;
	size_t n = 1;
	int k;

	if (size == 0)
		return 0;
	k = data[0] % 6;
	if (k == 5) {	/* system df */
		if (resources_df_decode((const char *)data + 1, size - 1, &df, &err) == 0)
			resources_df_clear(&df);
		else if (df.nvols != 0 || df.nimgs != 0 || err.text[0] == '\0')
			abort();
		return 0;
	}
	if (resources_decode((enum resources_list)k, (const char *)data + 1, size - 1, &arr, &n,
	    &err) != 0) {
		if (arr != NULL || n != 0 || err.text[0] == '\0')
			abort();
		return 0;
	}
	if (k == RESOURCES_USERS)
		walk_users(arr, n);
	resources_free((enum resources_list)k, arr, n);
	return 0;
}
