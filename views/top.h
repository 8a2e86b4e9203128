/* The detail pane's processes section: GET /containers/{id}/top every 2 s, in a table. */
#ifndef BERTH_TOP_H
#define BERTH_TOP_H

#include <curses.h>

struct app;
struct top;

/* Refresh interval while the section is drawn, in seconds. */
#define TOP_REFRESH_SECS 2

/*
 * The processes of container id (copied) on engine `engine`, fetched for
 * the pane `owner` (app_owner: its answers are dropped once the pane has
 * closed). Nothing is asked until the first draw. Free with top_free,
 * which the pane does in its fini. UI thread.
 */
struct top *top_new(int engine, const char *id, unsigned owner);
void top_free(struct top *t);

/*
 * Draw the section into lines [y, y + lines) of w: a title line, then the
 * table (header and at most lines - 2 processes; the engine's order). When
 * TOP_REFRESH_SECS have passed since the last answer and no request is on
 * its way, one is sent through app_job: first with ps arguments (PID USER
 * %CPU %MEM TIME COMMAND); an engine that refuses them (procs_should_fallback)
 * is asked for its default columns from then on. Returns the lines it used
 * (0 when lines < 3). UI thread.
 */
int top_draw(struct top *t, struct app *app, WINDOW *w, int y, int lines);

/* The lines top_draw would like: title, header and every process. */
int top_want(const struct top *t);

#endif
