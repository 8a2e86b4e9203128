/* sources: dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: decode_event on one arbitrary line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dapi_event ev;
	struct decode_error err;

	err.text[0] = '\0';
	if (decode_event((const char *)data, size, &ev, &err) != 0) {
		if (err.text[0] == '\0' || ev.type != NULL ||
		    ev.action != NULL || ev.id != NULL)
			abort();
		return 0;
	}
	/* type, action and id are never NULL on success */
	(void)strlen(ev.type);
	(void)strlen(ev.action);
	(void)strlen(ev.id);
	if (ev.name != NULL)
		(void)strlen(ev.name);
	if (ev.exit_code != NULL)
		(void)strlen(ev.exit_code);
	records_event_clear(&ev);
	return 0;
}
