/* sources: dockerapi/regauth.c dockerapi/credhelper.c dockerapi/jsonget.c monotime.c xmalloc.c */
/*
 * libFuzzer target: the docker CLI config look-up and the credential
 * helper's answer on any bytes. Input: a selector byte (which parser, and
 * which reference), then the bytes. Whatever is found must be NUL-terminated
 * within its field and encode to a header of base64url characters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/regauth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_cred(const struct regauth_cred *c)
{
	char *v;

	if (memchr(c->username, '\0', sizeof c->username) == NULL ||
	    memchr(c->password, '\0', sizeof c->password) == NULL ||
	    memchr(c->identitytoken, '\0', sizeof c->identitytoken) == NULL ||
	    memchr(c->serveraddress, '\0', sizeof c->serveraddress) == NULL)
		abort();
	v = regauth_encode(c);
	for (const char *p = v; *p != '\0'; p++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=", *p) == NULL)
			abort();
	free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const refs[] = {
		"127.0.0.1:5000/shop:v2", "busybox", "r.io/a/b@sha256:00", "localhost/x", "",
	};
	struct regauth_lookup lk;
	struct regauth_cred c = { .serveraddress = "r.io" };
	struct dapi_error err;
	const char *buf;

	if (size < 1)
		return 0;
	buf = (const char *)data + 1;
	if (data[0] & 1) {
		if (regauth_helper_parse(buf, size - 1, &c, &err) == 0)
			check_cred(&c);
		else if (err.text[0] == '\0')
			abort();
		return 0;
	}
	if (regauth_config_lookup(buf, size - 1, refs[(data[0] >> 1) % 5], &lk, &err) == 0) {
		if (lk.src == REGAUTH_HELPER && (lk.helper[0] == '\0' ||
		    memchr(lk.helper, '\0', sizeof lk.helper) == NULL))
			abort();
		check_cred(&lk.cred);
	} else if (err.text[0] == '\0') {
		abort();
	}
	return 0;
}
