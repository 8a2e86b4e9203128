/* sources: dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: decode_container_inspect; decode_rfc3339 on short input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
rfc3339(const uint8_t *data, size_t size)
{
	int64_t t;
	char *s;

	s = malloc(size + 1);
	if (s == NULL)
		return;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)decode_rfc3339(s, &t);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dapi_container c, copy;
	struct decode_error err;
	size_t i;

	if (size < 64)
		rfc3339(data, size);
	err.text[0] = '\0';
	memset(&c, 0, sizeof c);
	if (decode_container_inspect((const char *)data, size, &c, &err) != 0) {
		if (err.text[0] == '\0' || c.name != NULL || c.labels != NULL ||
		    c.ports != NULL || c.id[0] != '\0')
			abort();
		return 0;
	}
	if (!c.inspected || c.id[0] == '\0')
		abort();
	for (i = 0; i < c.nlabels; i++)
		(void)strlen(c.labels[i].value);
	for (i = 0; i < c.nports; i++) {
		if (memchr(c.ports[i].proto, '\0', sizeof c.ports[i].proto)
		    == NULL)
			abort();
		if (c.ports[i].ip != NULL)
			(void)strlen(c.ports[i].ip);
	}
	if (c.command != NULL)
		(void)strlen(c.command);
	memset(&copy, 0, sizeof copy);
	records_container_copy(&copy, &c);
	records_container_clear(&c);
	records_container_clear(&copy);
	return 0;
}
