/* The logs pane's state and its followed containers (logsrc.c: streams,
 * batches, redeploys; logs.c: drawing and keys). Internal to the pane. */
#ifndef BERTH_LOGSRC_H
#define BERTH_LOGSRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/logring.h"
#include "tui/lineedit.h"
#include "tui/sgr.h"
#include "views/app.h"
#include "views/view.h"

#define LOGS_MAX_SOURCES 16
#define LOGSRC_NAME_W 20	/* widest source name shown in a merged pane */

/*
 * The argument of logs_many_view (views/logs.h): either the n containers
 * t[0..n) (n <= LOGS_MAX_SOURCES, the rest is ignored; each on its own
 * engine), or, with t NULL, every container of the unit (engine, service,
 * branch) in app->table (branch NULL: any). title names the pane (NULL:
 * the service, or "N containers"). The strings are the caller's (copied).
 */
struct logs_arg {
	const struct target *t;
	size_t n;
	int engine;
	const char *service, *branch;
	const char *title;
};

enum lv_prompt { P_NONE, P_SEARCH, P_SAVE, P_OVERWRITE, P_FILTER };

struct lview;

/* One followed container. */
struct lsrc {
	struct lview *v;
	char id[65];
	int engine;
	char name[128];		/* raw engine bytes */
	char *service, *branch;	/* its unit, followed across redeploys; NULL: none */
	char commit[16];	/* for the redeploy marker: short commit, else id */
	struct logstream *stream;
	unsigned tag;		/* its stream's batches carry it */
	bool ended;
	struct sgr_style st;	/* SGR state carried from line to line */
};

struct lview {
	struct app *app;	/* for the follower threads' app_post */
	unsigned self;		/* app_owner: batches after it closed are dropped */
	struct lsrc src[LOGS_MAX_SOURCES];
	size_t nsrc;
	bool many;		/* a merged pane: source names before the lines */
	int src_w;		/* their column width */
	unsigned next_tag;
	char name[256];		/* the pane's title (raw engine bytes) */
	struct logring *ring;
	bool ended;
	char note[300];		/* why the stream ended, or a load error */

	bool follow, timestamps, wrap;
	uint64_t top;		/* first line shown while not following */
	uint64_t drawn_top;	/* first line on screen at the last draw */
	uint64_t drawn_last;	/* last line on screen at the last draw */
	int page;		/* text rows at the last draw */

	enum lv_prompt prompt;
	struct lineedit edit;
	char needle[LINEEDIT_MAX];
	bool have_match;
	uint64_t match;
	size_t match_nr, nmatches;	/* 1 = newest */
	char save_path[LINEEDIT_MAX];
	char filter[LINEEDIT_MAX];	/* & keeps the lines with it, &! hides them */
	bool filter_out;
};


/* A pane following container t (one source; its unit is followed across
 * redeploys). Starts the inspect, then the stream. UI thread. */
struct lview *logsrc_new_one(struct app *app, const struct target *t);
/* A merged pane for a (struct logs_arg). UI thread. */
struct lview *logsrc_new_many(struct app *app, const struct logs_arg *a);
/* Stop every stream and free v. UI thread. */
void logsrc_free(struct lview *v);

/*
 * A followed container of a unit that is gone or stopped, while a newer
 * running container of the same unit (model/identity service and branch,
 * same engine) is up, was replaced by a deploy (berth's own or one from
 * CI): go on with the new one after one marker line
 * "── redeployed OLD → NEW ──" (short commits, else ids). Call on every
 * draw (the table changes with the watcher's events). UI thread.
 */
void logsrc_follow_units(struct lview *v, struct app *app);

#endif
