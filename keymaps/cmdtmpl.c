/* Custom command placeholders: a small scanner shared by the config check and the substitution. */
#include "keymaps/cmdtmpl.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const char *const placeholders[] = {
	"id", "short-id", "name", "image", "engine", "service", "branch", "commit", "port",
};

enum tok { TOK_TEXT, TOK_BRACE, TOK_PLACEHOLDER, TOK_BAD };

/* What starts at p: a literal run (up to the next '{'), "{{", a
 * placeholder {...} (*name, *namelen), or an unknown {word}. *len is
 * how many bytes it takes. */
static enum tok
scan(const char *p, size_t *len, const char **name, size_t *namelen)
{
	size_t n;

	if (*p != '{') {
		const char *b = strchr(p + 1, '{');
		*len = b != NULL ? (size_t)(b - p) : strlen(p);
		return TOK_TEXT;
	}
	if (p[1] == '{') {
		*len = 2;
		return TOK_BRACE;
	}
	*name = p + 1;
	if (strncmp(p + 1, "label:", 6) == 0) {
		n = strcspn(p + 7, "}{");
		if (p[7 + n] == '}' && n > 0) {
			*namelen = 6 + n;
			*len = 6 + n + 2;
			return TOK_PLACEHOLDER;
		}
		*len = 1;
		return p[7 + n] == '}' ? TOK_BAD : TOK_TEXT;
	}
	n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz-");
	if (n == 0 || p[1 + n] != '}') {
		*len = 1;	/* {print $1}, {}: literal */
		return TOK_TEXT;
	}
	*namelen = n;
	*len = n + 2;
	for (size_t i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++)
		if (strlen(placeholders[i]) == n && strncmp(placeholders[i], p + 1, n) == 0)
			return TOK_PLACEHOLDER;
	return TOK_BAD;
}

int
cmdtmpl_check(const char *arg, char *err, size_t errsz)
{
	const char *name = NULL;
	size_t len, namelen = 0;

	for (const char *p = arg; *p != '\0'; p += len)
		if (scan(p, &len, &name, &namelen) == TOK_BAD) {
			snprintf(err, errsz, "unknown placeholder '%.*s' (id, short-id, name, "
			    "image, engine, service, branch, commit, port, label:KEY; {{ is a "
			    "literal {)", (int)(len > 40 ? 40 : len), p);
			return -1;
		}
	return 0;
}

static void
append(char **buf, size_t *used, size_t *cap, const char *s, size_t n)
{
	*buf = xgrowarray(*buf, cap, *used + n + 1, 1);
	memcpy(*buf + *used, s, n);
	*used += n;
	(*buf)[*used] = '\0';
}

char *
cmdtmpl_expand(const char *arg, const char *(*get)(void *ctx, const char *name), void *ctx)
{
	size_t used = 0, cap = strlen(arg) + 1, len, namelen = 0;
	char *out = xmalloc(cap);
	const char *name = NULL;

	out[0] = '\0';
	for (const char *p = arg; *p != '\0'; p += len) {
		enum tok k = scan(p, &len, &name, &namelen);
		if (k == TOK_BRACE) {
			append(&out, &used, &cap, "{", 1);
		} else if (k == TOK_PLACEHOLDER) {
			char *key = xstrndup(name, namelen);
			const char *v = get(ctx, key);
			if (v != NULL)
				append(&out, &used, &cap, v, strlen(v));
			free(key);
		} else {
			append(&out, &used, &cap, p, len);
		}
	}
	return out;
}
