/* Typed reads from engine JSON: parse, "A.B.C" lookup, strings, numbers. */
#ifndef BERTH_JSONGET_H
#define BERTH_JSONGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/*
 * Parse buf as one JSON value of any type; embedded NULs are allowed.
 * An integer beyond int64 (some engines report unlimited counters as
 * 2^64-1) would fail the whole body in jansson, so such a body is parsed
 * again with integers as reals. Returns a new reference the caller
 * json_decref's, or NULL with jerr filled (jerr untouched when buf is
 * NULL). Pure; any thread.
 */
json_t *jsonget_load(const char *buf, size_t len, json_error_t *jerr);

/* Walk an "A.B.C" path of objects (each key under 64 bytes); a borrowed
 * reference, or NULL when any step is missing or not an object. */
json_t *jsonget_path(json_t *obj, const char *path);

/* A string value, borrowed from v; NULL when v is not a string. */
const char *jsonget_str(const json_t *v);
/* New copy of a string value, cut at an embedded NUL, the caller frees;
 * NULL when v is not a string. */
char *jsonget_str_dup(const json_t *v);

/*
 * Numbers, integer or real (reals truncate toward zero). Each stores to
 * *out and returns true only when v is a number in the type's range;
 * otherwise *out is untouched and it returns false (NaN too).
 */
bool jsonget_i64(const json_t *v, int64_t *out);
bool jsonget_u64(const json_t *v, uint64_t *out);
bool jsonget_int(const json_t *v, int *out);

/*
 * The other way, for text that may not be UTF-8: a new JSON string of s
 * itself when it is UTF-8, else of what fix makes of it (a new string,
 * freed here), else JSON null; JSON null when s is NULL. The caller owns
 * the reference. Pure when fix is; any thread.
 */
json_t *jsonget_string_fixed(const char *s, char *(*fix)(const char *s));

#endif
