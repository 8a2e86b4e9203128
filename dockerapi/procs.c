/* The /top decoder: Titles and Processes into a table of strings. */
#include "dockerapi/procs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/jsonget.h"
#include "xmalloc.h"

void
procs_clear(struct procs *p)
{
	if (p != NULL) {
		xstrv_free(p->cells);
		memset(p, 0, sizeof *p);
	}
}

/* A cell's text: a string as it is (cut at a NUL), a number printed,
 * anything else "". */
static char *
cell_text(const json_t *v)
{
	char buf[64];
	int64_t i;

	if (json_is_string(v))
		return jsonget_str_dup(v);
	if (json_is_integer(v) && jsonget_i64(v, &i)) {
		snprintf(buf, sizeof buf, "%lld", (long long)i);
		return xstrdup(buf);
	}
	if (json_is_real(v)) {
		snprintf(buf, sizeof buf, "%.1f", json_real_value(v));
		return xstrdup(buf);
	}
	return xstrdup("");
}

int
procs_decode(const char *buf, size_t len, struct procs *p, struct decode_error *err)
{
	json_t *root, *titles, *rows, *row;
	size_t i, j, k = 0;

	memset(p, 0, sizeof *p);
	if ((root = decode_load(buf, len, JSON_OBJECT, "processes", err)) == NULL)
		return -1;
	titles = json_object_get(root, "Titles");
	rows = json_object_get(root, "Processes");
	if (!json_is_array(titles) || json_array_size(titles) == 0) {
		decode_set_err(err, "processes: no Titles");
		json_decref(root);
		return -1;
	}
	if (rows != NULL && !json_is_null(rows) && !json_is_array(rows)) {
		decode_set_err(err, "processes: Processes is not a list");
		json_decref(root);
		return -1;
	}
	p->ncols = json_array_size(titles) < PROCS_MAX_COLS ? json_array_size(titles) :
	    PROCS_MAX_COLS;
	/* Podman and Docker both send null for no processes */
	p->nrows = json_array_size(rows);
	p->cells = xcalloc((p->nrows + 1) * p->ncols + 1, sizeof *p->cells);
	for (j = 0; j < p->ncols; j++)
		p->cells[k++] = cell_text(json_array_get(titles, j));
	json_array_foreach(rows, i, row)
		for (j = 0; j < p->ncols; j++)
			p->cells[k++] = cell_text(json_array_get(row, j));
	json_decref(root);
	return 0;
}

const char *
procs_cell(const struct procs *p, size_t row, size_t col)
{
	if (row >= p->nrows || col >= p->ncols)
		return "";
	return p->cells[(row + 1) * p->ncols + col];
}

const char *
procs_title(const struct procs *p, size_t col)
{
	return col < p->ncols ? p->cells[col] : "";
}

bool
procs_should_fallback(long status)
{
	return status == 400 || status == 500;
}
