/* The confirmation policy: y/n, or the service's name on a protected branch; refused when read-only. */
#include "views/confirm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymaps/config.h"
#include "tui/prompt.h"
#include "views/app.h"
#include "xmalloc.h"

#define CONFIRM_MAX_LISTED 8	/* targets listed in the box; then "and N more" */

/* What the open prompt decides about, copied: rows may go away meanwhile. */
struct confirm_req {
	char *verb;
	char *what;		/* the one target's name, or "N targets" */
	char *need;		/* the text to type; NULL: y/n */
	void (*done)(struct app *, void *, bool);
	void *arg;
};

bool
confirm_protected(const struct app *app, const char *branch)
{
	struct config defaults;
	bool yes;

	if (branch == NULL)
		return false;
	if (app->opts.cfg != NULL)
		return config_branch_protected(app->opts.cfg, branch);
	/* no config (the bench): the defaults a config starts from */
	config_init(&defaults);
	yes = config_branch_protected(&defaults, branch);
	config_clear(&defaults);
	return yes;
}

static void
confirm_req_free(struct confirm_req *q)
{
	free(q->verb);
	free(q->what);
	free(q->need);
	free(q);
}

static void
confirm_answer(struct app *app, void *arg, enum prompt_result res, const char *text)
{
	struct confirm_req *q = arg;
	bool yes = res == PROMPT_YES;

	if (yes && q->need != NULL && strcmp(text, q->need) != 0) {
		app_message(app, 5, "%s %s: cancelled (the name typed did not match the service's)",
		    q->verb, q->what);
		yes = false;
	} else if (!yes) {
		app_message(app, 5, "%s %s: cancelled", q->verb, q->what);
	}
	q->done(app, q->arg, yes);
	confirm_req_free(q);
}

/* What the user types for t: its service, else its name (never empty). */
static const char *
typed_word(const struct confirm_target *t)
{
	if (t->service != NULL && *t->service != '\0')
		return t->service;
	return t->name != NULL && *t->name != '\0' ? t->name : "yes";
}

/* Append word (not empty) to the space-separated list *s unless it is there already. */
static void
add_word(char **s, const char *word)
{
	size_t n, wl = strlen(word);
	char *p;

	for (p = *s; p != NULL && (p = strstr(p, word)) != NULL; p += wl)
		if ((p == *s || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\0'))
			return;
	n = (*s != NULL ? strlen(*s) + 1 : 0) + wl + 1;
	p = xmalloc(n);
	snprintf(p, n, "%s%s%s", *s != NULL ? *s : "", *s != NULL ? " " : "", word);
	free(*s);
	*s = p;
}

bool
confirm_refused(struct app *app, const char *verb)
{
	if (!app->opts.read_only)
		return false;
	app_message(app, 5, "read-only: %s is disabled", verb);
	return true;
}

void
confirm_ask(struct app *app, const char *verb, const char *question,
    const struct confirm_target *t, size_t n,
    void (*done)(struct app *app, void *arg, bool yes), void *arg)
{
	struct confirm_req *q;
	struct prompt *p;
	char line[600], hint[600];
	size_t nprot = 0;

	if (confirm_refused(app, verb) || n == 0) {
		if (n == 0)
			app_message(app, 5, "%s: nothing selected", verb);
		done(app, arg, false);
		return;
	}
	q = xcalloc(1, sizeof *q);
	q->verb = xstrdup(verb);
	if (n == 1) {
		q->what = xstrdup(t[0].name != NULL ? t[0].name : "?");
	} else {
		snprintf(line, sizeof line, "%zu targets", n);
		q->what = xstrdup(line);
	}
	q->done = done;
	q->arg = arg;
	for (size_t i = 0; i < n; i++)
		if (confirm_protected(app, t[i].branch)) {
			add_word(&q->need, typed_word(&t[i]));
			nprot++;
		}
	if (q->need == NULL)
		p = prompt_new_yesno(question);
	else if (strchr(q->need, ' ') == NULL) {
		snprintf(hint, sizeof hint, "Type the service's name, %s, to %s %s:",
		    q->need, verb, n == 1 ? "it" : "them");
		p = prompt_new_text(question, hint, NULL);
	} else {
		snprintf(hint, sizeof hint, "Type the services' names, %s, to %s them:",
		    q->need, verb);
		p = prompt_new_text(question, hint, NULL);
	}
	if (n == 1 && nprot == 1) {
		snprintf(line, sizeof line, "%s is on the protected branch '%s'.", q->what, t[0].branch);
		prompt_add_line(p, line);
	}
	for (size_t i = 0; n > 1 && i < n && i < CONFIRM_MAX_LISTED; i++) {
		bool prot = confirm_protected(app, t[i].branch);
		snprintf(line, sizeof line, "  %s  %s%s%s%s", t[i].name != NULL ? t[i].name : "?",
		    typed_word(&t[i]),
		    t[i].branch != NULL ? "/" : "", t[i].branch != NULL ? t[i].branch : "",
		    prot ? " (protected branch)" : "");
		prompt_add_line(p, line);
	}
	if (n > CONFIRM_MAX_LISTED) {
		snprintf(line, sizeof line, "  and %zu more", n - CONFIRM_MAX_LISTED);
		prompt_add_line(p, line);
	}
	app_prompt(app, p, confirm_answer, q);
}
