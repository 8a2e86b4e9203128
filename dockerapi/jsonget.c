/* Typed reads from engine JSON shared by the decoders; jansson, no I/O. */
#include "dockerapi/jsonget.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

json_t *
jsonget_load(const char *buf, size_t len, json_error_t *jerr)
{
	const size_t flags = JSON_DECODE_ANY | JSON_ALLOW_NUL;
	json_t *root;

	if (buf == NULL)
		return NULL;
	root = json_loadb(buf, len, flags, jerr);
#if JANSSON_VERSION_HEX >= 0x020b00
	if (root == NULL &&
	    json_error_code(jerr) == json_error_numeric_overflow)
		root = json_loadb(buf, len, flags | JSON_DECODE_INT_AS_REAL,
		    jerr);
#endif
	return root;
}

json_t *
jsonget_path(json_t *obj, const char *p)
{
	char key[64];
	const char *dot;
	size_t n;

	while (json_is_object(obj)) {
		dot = strchr(p, '.');
		if (dot == NULL)
			return json_object_get(obj, p);
		n = (size_t)(dot - p);
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		obj = json_object_get(obj, key);
		p = dot + 1;
	}
	return NULL;
}

const char *
jsonget_str(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

char *
jsonget_str_dup(const json_t *v)
{
	if (!json_is_string(v))
		return NULL;
	return xstrndup(json_string_value(v), json_string_length(v));
}

bool
jsonget_i64(const json_t *v, int64_t *out)
{
	double d;

	if (json_is_integer(v)) {
		*out = (int64_t)json_integer_value(v);
		return true;
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		/* the negated test also rejects NaN */
		if (!(d > -9.2e18 && d < 9.2e18))
			return false;
		*out = (int64_t)d;
		return true;
	}
	return false;
}

bool
jsonget_u64(const json_t *v, uint64_t *out)
{
	double d;

	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0)
			return false;
		*out = (uint64_t)json_integer_value(v);
		return true;
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (!(d >= 0 && d < 18446744073709551616.0))
			return false;
		*out = (uint64_t)d;
		return true;
	}
	return false;
}

bool
jsonget_int(const json_t *v, int *out)
{
	int64_t x;

	if (!jsonget_i64(v, &x) || x < -2147483647 - 1 || x > 2147483647)
		return false;
	*out = (int)x;
	return true;
}

json_t *
jsonget_string_fixed(const char *s, char *(*fix)(const char *s))
{
	json_t *v;
	char *fixed;

	if (s == NULL)
		return json_null();
	if ((v = json_string(s)) != NULL)
		return v;
	fixed = fix(s);
	v = json_string(fixed);
	free(fixed);
	return v != NULL ? v : json_null();
}
