/* sources: dockerapi/swarm.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c xmalloc.c */
/* libFuzzer target: swarm_update_prepare (GET /services/{id} -> update body) for every op. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/swarm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum swarm_op ops[] = {
		SWARM_OP_SCALE, SWARM_OP_IMAGE, SWARM_OP_FORCE, SWARM_OP_ROLLBACK
	};
	char path[512];

	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		struct swarm_update u;
		struct decode_error err = { "" };
		json_t *b;

		if (swarm_update_prepare((const char *)data, size, ops[k], "app:v9", 3,
		    &u, &err) != 0) {
			if (u.id != NULL || u.body != NULL || err.text[0] == '\0')
				abort();
			continue;
		}
		/* the path carries only the engine's ID, which must be plain */
		if (strspn(u.id, "abcdefghijklmnopqrstuvwxyz0123456789") != strlen(u.id))
			abort();
		swarm_update_path(&u, ops[k], path, sizeof path);
		if ((b = json_loads(u.body, 0, NULL)) == NULL || !json_is_object(b))
			abort();
		json_decref(b);
		(void)strlen(u.from_image);
		(void)strlen(u.to_image);
		swarm_update_clear(&u);
	}
	return 0;
}
