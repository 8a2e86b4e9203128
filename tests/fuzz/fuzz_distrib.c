/* sources: dockerapi/distrib.c dockerapi/decode.c dockerapi/jsonget.c dockerapi/records.c model/updates.c xmalloc.c */
/*
 * libFuzzer target: the newer-image decoders (distrib_digest_decode,
 * distrib_repo_digests_decode) on any bytes, and updates_compare on what
 * they give. A digest fits its buffer and has a ':'; every RepoDigest has
 * an '@'; a failure leaves nothing allocated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/distrib.h"
#include "model/updates.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decode_error err;
	char digest[160];
	char **rd;
	size_t n;
	bool have = false;

	if (distrib_digest_decode((const char *)data, size, digest, sizeof digest, &err) == 0) {
		if (strlen(digest) >= sizeof digest || strchr(digest, ':') == NULL)
			abort();
		have = true;
	} else if (err.text[0] == '\0') {
		abort();
	}
	if (distrib_repo_digests_decode((const char *)data, size, &rd, &n, &err) == 0) {
		for (size_t i = 0; i < n; i++)
			if (strchr(rd[i], '@') == NULL)
				abort();
		for (size_t i = 0; i < n; i++) {
			char ref[300];
			size_t at = (size_t)(strchr(rd[i], '@') - rd[i]);
			if (at >= sizeof ref - 8)
				continue;
			memcpy(ref, rd[i], at);
			memcpy(ref + at, ":latest", 8);
			/* its own digest: current, whatever else is there */
			if (updates_compare(ref, rd, n, rd[i] + at + 1) != UPDATES_CURRENT)
				abort();
			(void)updates_compare(ref, rd, n, have ? digest : NULL);
		}
		xstrv_free(rd);
	} else if (rd != NULL || n != 0) {
		abort();
	}
	return 0;
}
