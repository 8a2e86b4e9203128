/* Allocation wrappers: out of memory is fatal, after restoring the terminal. */
#include "xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

void
xmalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void
oom(size_t n)
{
	if (fatal_hook != NULL)
		fatal_hook();
	fprintf(stderr, "berth: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	p = realloc(p, nmemb * size != 0 ? nmemb * size : 1);
	if (p == NULL)
		oom(nmemb * size);
	return p;
}

/* The capacity after growing from cap to hold want: doubling, from 8. */
static size_t
grown(size_t cap, size_t want)
{
	size_t n = cap ? cap : 8;

	while (n < want)
		n = n > SIZE_MAX / 2 ? want : n * 2;
	return n;
}

void *
xgrowarray(void *p, size_t *cap, size_t want, size_t size)
{
	if (want <= *cap)
		return p;
	*cap = grown(*cap, want);
	return xreallocarray(p, *cap, size);
}

void *
xgrowbuf(void *p, size_t *cap, size_t want, size_t max)
{
	size_t n;

	if (want <= *cap)
		return p;
	n = grown(*cap, want);
	if (n > max)
		n = max > want ? max : want;
	*cap = n;
	return xreallocarray(p, n, 1);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
xstrv_free(char **v)
{
	if (v == NULL)
		return;
	for (char **p = v; *p != NULL; p++)
		free(*p);
	free(v);
}

static char **
member(void *rec, size_t off)
{
	return (char **)((char *)rec + off);
}

void
xfree_members(void *rec, const size_t *off, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(*member(rec, off[i]));
}

void
xstrdup_members(void *rec, const size_t *off, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char **s = member(rec, off[i]);
		if (*s != NULL)
			*s = xstrdup(*s);
	}
}
