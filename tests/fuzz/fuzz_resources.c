/* sources: dockerapi/resources.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: the resource decoders (images, history, volumes, networks, system df, container users) on arbitrary bytes; the first byte picks the decoder. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/resources.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_fail(int rc, const void *arr, size_t n, const struct decode_error *err)
{
	if (rc != 0 && (arr != NULL || n != 0 || err->text[0] == '\0'))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decode_error err = { "" };
	const char *buf = (const char *)data + 1;
	size_t len = size - 1, n = 0;
	char names[64];
	int rc;

	if (size == 0)
		return 0;
	switch (data[0] % 6) {
	case 0: {
		struct resources_image *a;
		rc = resources_decode(RESOURCES_IMAGES, buf, len, &a, &n, &err);
		check_fail(rc, a, n, &err);
		for (size_t i = 0; i < n; i++)
			(void)strlen(a[i].id);
		resources_free(RESOURCES_IMAGES, a, n);
		break;
	}
	case 1: {
		struct resources_layer *a;
		rc = resources_decode(RESOURCES_HISTORY, buf, len, &a, &n, &err);
		check_fail(rc, a, n, &err);
		for (size_t i = 0; i < n; i++)
			(void)strlen(a[i].created_by);
		resources_free(RESOURCES_HISTORY, a, n);
		break;
	}
	case 2: {
		struct resources_volume *a;
		rc = resources_decode(RESOURCES_VOLUMES, buf, len, &a, &n, &err);
		check_fail(rc, a, n, &err);
		for (size_t i = 0; i < n; i++)
			(void)strlen(a[i].mountpoint);
		resources_free(RESOURCES_VOLUMES, a, n);
		break;
	}
	case 3: {
		struct resources_network *a;
		rc = resources_decode(RESOURCES_NETWORKS, buf, len, &a, &n, &err);
		check_fail(rc, a, n, &err);
		for (size_t i = 0; i < n; i++)
			(void)strlen(a[i].subnet);
		resources_free(RESOURCES_NETWORKS, a, n);
		break;
	}
	case 4: {
		struct resources_df df;
		if (resources_df_decode(buf, len, &df, &err) == 0)
			resources_df_clear(&df);
		else if (df.nvols != 0 || df.nimgs != 0 || err.text[0] == '\0')
			abort();
		break;
	}
	default: {
		struct resources_user *a;
		rc = resources_decode(RESOURCES_USERS, buf, len, &a, &n, &err);
		check_fail(rc, a, n, &err);
		for (size_t i = 0; i < n; i++) {
			resources_volume_users(a, n, a[i].name, names, sizeof names);
			resources_network_users(a, n, a[i].name, names, sizeof names);
		}
		resources_free(RESOURCES_USERS, a, n);
		break;
	}
	}
	return 0;
}
