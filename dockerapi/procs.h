/* A container's processes: the GET /containers/{id}/top body, decoded (pure). */
#ifndef BERTH_PROCS_H
#define BERTH_PROCS_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerapi/decode.h"

/* The columns a table shows at most; more titles are dropped. */
#define PROCS_MAX_COLS 10

/* The ps arguments asked for first: PID USER %CPU %MEM TIME COMMAND. */
#define PROCS_PS_ARGS "-eo pid,user,pcpu,pmem,time,args"

/* One answer: the engine's titles and one row of cells per process, as
 * the engine gave them (raw: sanitize when drawn). */
struct procs {
	size_t ncols;
	size_t nrows;
	/* the ncols titles, then nrows * ncols cells row by row, then NULL */
	char **cells;
};

/*
 * Decode a /top body ({"Titles": [...], "Processes": [[...], ...]}) into
 * p (zeroed or cleared beforehand). Titles beyond PROCS_MAX_COLS are
 * dropped; a cell that is missing or not a string becomes "" (a number
 * is printed), so every row has ncols cells. Returns 0, or -1 with err
 * and p left cleared. Pure; any thread.
 */
int procs_decode(const char *buf, size_t len, struct procs *p, struct decode_error *err);

/* Free what p holds and zero it. NULL-safe. */
void procs_clear(struct procs *p);

/* Cell (row, col) of p; "" outside the table. */
const char *procs_cell(const struct procs *p, size_t row, size_t col);
/* Column col's title; "" outside the table. */
const char *procs_title(const struct procs *p, size_t col);

/*
 * Whether an answer with HTTP status `status` to the request with
 * PROCS_PS_ARGS means the engine refuses ps arguments, so the request
 * should be made again without them: 400 (bad parameter) or 500 (ps
 * failed: Podman's compat API, old engines, a ps without -o). A 404 (no
 * such container) or 409 (not running) is not. Pure.
 */
bool procs_should_fallback(long status);

/* The query of the first request, escaped, for ctrapi_path_container:
 * "/top" + PROCS_TOP_PS (the ps arguments above); "/top" alone asks for
 * the engine's default columns. */
#define PROCS_TOP_PS "/top?ps_args=-eo%20pid%2Cuser%2Cpcpu%2Cpmem%2Ctime%2Cargs"

#endif
