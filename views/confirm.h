/* The one confirmation before a destructive action, in every pane (after tmux confirm-before). */
#ifndef BERTH_CONFIRM_H
#define BERTH_CONFIRM_H

#include <stdbool.h>
#include <stddef.h>

struct app;

/* One thing the action changes. Raw engine strings, copied by confirm_ask. */
struct confirm_target {
	const char *name;	/* as the user knows it: container, unit, service */
	const char *service;	/* its deploy identity's service (typed when protected) */
	const char *branch;	/* may be NULL: never protected */
};

/*
 * Ask before `verb` (a lower-case word: "stop", "redeploy", "scale") acts
 * on targets[0..n) (n >= 1). `question` is the prompt's first line, e.g.
 * "Stop shop-1?"; several targets are listed under it. When a target is
 * on a protected branch (the config's `set protected-branches`, else the
 * config defaults) the user must type the service's name (the protected
 * services' names, space-separated, when they differ); otherwise y/n.
 *
 * done(app, arg, yes) runs exactly once on the UI thread: yes only when
 * the user confirmed; the caller releases arg there. Under --read-only it
 * refuses at once ("read-only: VERB is disabled") and done gets false;
 * a cancel or a wrong name says so in the status bar ("VERB NAME:
 * cancelled"). Opening it cancels a prompt already open (app_prompt).
 * All strings are copied; sanitized when drawn. UI thread.
 */
void confirm_ask(struct app *app, const char *verb, const char *question,
    const struct confirm_target *targets, size_t n,
    void (*done)(struct app *app, void *arg, bool yes), void *arg);

/*
 * The policy's refusal before any work for `verb` starts: under
 * --read-only it says "read-only: VERB is disabled" in the status bar and
 * returns true (confirm_ask refuses the same way). UI thread.
 */
bool confirm_refused(struct app *app, const char *verb);

/* Is branch protected under app's config (or the config defaults)? UI thread. */
bool confirm_protected(const struct app *app, const char *branch);

#endif
