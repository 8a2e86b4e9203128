/* "Newer image available": the periodic check on the jobs threads, and its answers for the panes. */
#ifndef BERTH_UPDCHECK_H
#define BERTH_UPDCHECK_H

#include "model/ctable.h"
#include "model/updates.h"

struct app;

/*
 * Start a check (model/updates.h) if one is due: none running, every
 * engine synced, `set update-check-interval` minutes (default 15; 0:
 * never) since the last one started. Its requests go to the rows'
 * engines through app_job (the jobs threads); when the last answer is
 * in, its results replace the previous check's and the screen redraws.
 * The panes that show the marks call it from draw. UI thread.
 */
void updcheck_poll(struct app *app);

/* What the last finished check says about row r (UPDATES_UNKNOWN before
 * the first). UI thread. */
enum updates_answer updcheck_of(const struct app *app, const struct ctable_row *r);

/* The mark a pane draws for r: "^" for a newer image, "" otherwise. */
const char *updcheck_mark(const struct app *app, const struct ctable_row *r);

/*
 * `berth ps --check-updates`: the same check over every row of
 * app->table, now, with a blocking client per engine of app (the
 * caller's thread, never the UI thread's). Returns the finished check
 * (free with updates_check_free).
 */
struct updates_check *updcheck_now(struct app *app);

#endif
