/* sources: dockerapi/cdetail.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/*
 * libFuzzer target: cdetail_decode and cdetail_image_digest on any bytes.
 * A decoded record must be self-consistent (counts within bounds, strings
 * readable); a failure leaves it cleared.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/cdetail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
touch(const char *s)
{
	if (s != NULL && strlen(s) == (size_t)-1)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cdetail d;
	struct decode_error err;
	char *dg;

	if (cdetail_decode((const char *)data, size, &d, &err) == 0) {
		if (d.id[0] == '\0' || d.nchecks > CDETAIL_CHECKS)
			abort();
		touch(d.name);
		touch(d.command);
		for (size_t i = 0; i < d.nenv; i++) {
			touch(d.env[i].key);
			touch(d.env[i].value);
			(void)cdetail_env_is_secret(d.env[i].key);
		}
		for (size_t i = 0; i < d.nlabels; i++)
			(void)cdetail_is_routing(d.labels[i].key);
		for (size_t i = 0; i < d.nports; i++)
			touch(d.ports[i]);
		for (size_t i = 0; i < d.nchecks; i++)
			touch(d.checks[i].output);
		cdetail_clear(&d);
	} else if (d.name != NULL || d.env != NULL || err.text[0] == '\0') {
		abort();
	}
	dg = cdetail_image_digest((const char *)data, size);
	touch(dg);
	free(dg);
	return 0;
}
