/* The raw inspect text: jansson's indented dump, with Config.Env secrets masked. */
#include "dockerapi/rawinspect.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/cdetail.h"
#include "dockerapi/jsonget.h"
#include "xmalloc.h"

/* Config.Env entries whose name looks secret get their value replaced. */
static void
mask_env(json_t *root)
{
	json_t *env = jsonget_path(root, "Config.Env"), *e;
	size_t i;

	json_array_foreach(env, i, e) {
		const char *s = jsonget_str(e), *eq;
		char *name;
		size_t k;

		if (s == NULL || (eq = memchr(s, '=', json_string_length(e))) == NULL)
			continue;
		k = (size_t)(eq - s);
		name = xmalloc(k + 1 + sizeof RAWINSPECT_MASK);
		memcpy(name, s, k);
		name[k] = '\0';
		if (cdetail_env_is_secret(name)) {
			memcpy(name + k, "=" RAWINSPECT_MASK, sizeof RAWINSPECT_MASK + 1);
			json_array_set_new(env, i, json_string(name));
		}
		free(name);
	}
}

int
rawinspect_lines(const char *buf, size_t len, bool reveal, char ***lines, size_t *n,
    struct decode_error *err)
{
	json_error_t jerr;
	json_t *root = jsonget_load(buf, len, &jerr);
	char *text, *p, *nl;
	size_t cap = 0;

	*lines = NULL;
	*n = 0;
	if (buf == NULL || root == NULL) {
		decode_set_err(err, "inspect: not valid JSON: %s", buf == NULL ? "no data" : jerr.text);
		return -1;
	}
	if (!reveal)
		mask_env(root);
	text = json_dumps(root, JSON_INDENT(2) | JSON_ENCODE_ANY);
	json_decref(root);
	if (text == NULL) {
		decode_set_err(err, "inspect: cannot print the JSON");
		return -1;
	}
	for (p = text;; p = nl + 1) {
		nl = p + strcspn(p, "\n");
		*lines = xgrowarray(*lines, &cap, *n + 2, sizeof **lines);
		(*lines)[*n] = xmalloc((size_t)(nl - p) + 1);
		memcpy((*lines)[*n], p, (size_t)(nl - p));
		(*lines)[(*n)++][nl - p] = '\0';
		(*lines)[*n] = NULL;
		if (*nl == '\0')
			break;
	}
	free(text);
	return 0;
}
