/* Lifecycle actions on one container, from a key press to the engine's answer. */
#include "views/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/ctrapi.h"
#include "views/app.h"
#include "views/confirm.h"
#include "views/view.h"
#include "xmalloc.h"

enum op {
	OP_START, OP_STOP, OP_RESTART, OP_PAUSE, OP_UNPAUSE, OP_KILL, OP_REMOVE,
	NOPS
};

static const struct {
	const char *verb, *ing, *done, *already;
	const char *method;
	const char *suffix;	/* after /containers/{id} */
	long timeout_ms;
	bool confirm;		/* destructive: asks first */
} ops[NOPS] = {
	[OP_START] = { "start", "starting", "started", "already running",
	    "POST", "/start", 30000, false },
	/* no ?t=: the engine's (or the container's) stop timeout applies,
	 * default 10 s; the request waits long enough for a 60 s one */
	[OP_STOP] = { "stop", "stopping", "stopped", "already stopped",
	    "POST", "/stop", 70000, true },
	[OP_RESTART] = { "restart", "restarting", "restarted", NULL,
	    "POST", "/restart", 70000, true },
	[OP_PAUSE] = { "pause", "pausing", "paused", NULL,
	    "POST", "/pause", 30000, true },
	[OP_UNPAUSE] = { "unpause", "unpausing", "unpaused", NULL,
	    "POST", "/unpause", 30000, false },
	[OP_KILL] = { "kill", "killing", "killed", NULL,
	    "POST", "/kill", 30000, true },
	[OP_REMOVE] = { "remove", "removing", "removed", NULL,
	    "DELETE", "", 70000, true },
};

/* A set of rows acted on at once: the progress count they share. */
struct bulk {
	size_t n;		/* rows sent */
	size_t answered, failed;
	size_t refs;		/* acts still holding it */
};

/* What the prompts need, copied: the row may go away while they are open. */
struct act {
	enum op op;
	int engine;		/* the row's engine: the request goes there */
	char id[65];
	char *name;
	bool force;		/* remove a running container */
	bool volumes;		/* remove anonymous volumes too */
	struct bulk *bulk;	/* NULL: a single row */
	struct act *next;	/* the rest of the set, until submitted */
};

static void
act_free(struct act *x)
{
	if (x->bulk != NULL && --x->bulk->refs == 0)
		free(x->bulk);
	free(x->name);
	free(x);
}

static void
act_free_list(struct act *x)
{
	while (x != NULL) {
		struct act *next = x->next;
		act_free(x);
		x = next;
	}
}

static void
act_free_arg(void *arg)
{
	act_free(arg);
}

static void cancelled(struct app *app, struct act *x, const char *why);

/* The engine's answer, in the status bar: whichever pane is open now. */
static void
done(struct app *app, void *arg, const struct jobs_result *r)
{
	const struct act *x = arg;
	struct bulk *b = x->bulk;
	char count[48] = "";

	if (b != NULL) {
		b->answered++;
		b->failed += !r->ok && !(r->status == 304 && ops[x->op].already != NULL);
		snprintf(count, sizeof count, " (%zu/%zu%s)", b->answered, b->n,
		    b->answered == b->n && b->failed > 0 ? ", some failed" : "");
	}
	if (r->ok)
		app_message(app, 8, "%s %s%s", ops[x->op].done, x->name, count);
	else if (r->status == 304 && ops[x->op].already != NULL)
		app_message(app, 8, "%s was %s%s", x->name, ops[x->op].already, count);
	else
		app_message(app, 15, "%s %s failed: %s%s", ops[x->op].verb, x->name,
		    r->error != NULL ? r->error : "no answer", count);
}

static void
submit_one(struct app *app, struct act *x, size_t i)
{
	struct app_engine *e = app_engine(app, x->engine);
	char path[200];

	if (e == NULL || e->jobs == NULL) {
		cancelled(app, x, " (its engine is gone)");
		return;
	}
	if (x->op == OP_REMOVE)
		ctrapi_path_remove(path, sizeof path, x->id, x->volumes, x->force);
	else
		ctrapi_path_container(path, sizeof path, x->id, ops[x->op].suffix);
	if (x->bulk == NULL)
		app_message(app, 0, "%s %s...", ops[x->op].ing, x->name);
	else
		app_message(app, 0, "%s %zu/%zu...", ops[x->op].ing, i + 1, x->bulk->n);
	/* the answer may come after the asking pane has closed: no owner */
	app_job(app, x->engine, APP_NO_OWNER, ops[x->op].method, path, NULL,
	    ops[x->op].timeout_ms, done, x, act_free_arg);
}

/* Send every act of the list (each job then owns its act). */
static void
submit(struct app *app, struct act *x)
{
	for (size_t i = 0; x != NULL; i++) {
		struct act *next = x->next;
		x->next = NULL;
		submit_one(app, x, i);
		x = next;
	}
}

static void
cancelled(struct app *app, struct act *x, const char *why)
{
	app_message(app, 5, "%s %s: cancelled%s", ops[x->op].verb, x->name, why);
	act_free_list(x);
}

static void
on_volumes(struct app *app, void *arg, enum prompt_result res, const char *text)
{
	struct act *x = arg;
	(void)text;

	if (res == PROMPT_CANCEL) {
		cancelled(app, x, "");
		return;
	}
	for (struct act *y = x; y != NULL; y = y->next)
		y->volumes = res == PROMPT_YES;
	submit(app, x);
}

/* Confirmed: ask the remove-only question, else send. */
static void
confirmed(struct app *app, struct act *x)
{
	char q[300];

	if (x->op != OP_REMOVE) {
		submit(app, x);
		return;
	}
	if (x->bulk == NULL)
		snprintf(q, sizeof q, "Also remove %s's anonymous volumes?", x->name);
	else
		snprintf(q, sizeof q, "Also remove the %zu containers' anonymous volumes?",
		    x->bulk->n);
	app_prompt(app, prompt_new_yesno(q), on_volumes, x);
}

static void
on_confirm(struct app *app, void *arg, bool yes)
{
	struct act *x = arg;

	if (yes)
		confirmed(app, x);
	else
		act_free_list(x);	/* confirm said why */
}

static bool
running_like(enum dapi_state s)
{
	return s == DAPI_ST_RUNNING || s == DAPI_ST_PAUSED || s == DAPI_ST_RESTARTING;
}

/* The op a key means for a container in state s; -1 with a reason if none. */
static int
pick_op(enum keymap_action a, enum dapi_state s, const char **why)
{
	*why = NULL;
	switch (a) {
	case KA_START_STOP:
		if (s == DAPI_ST_REMOVING)
			break;
		return running_like(s) ? OP_STOP : OP_START;
	case KA_RESTART:
		return s == DAPI_ST_REMOVING ? -1 : OP_RESTART;
	case KA_PAUSE:
		if (s == DAPI_ST_PAUSED)
			return OP_UNPAUSE;
		if (s == DAPI_ST_RUNNING)
			return OP_PAUSE;
		*why = "is not running";
		return -1;
	case KA_KILL:
		if (running_like(s))
			return OP_KILL;
		*why = "is not running";
		return -1;
	case KA_REMOVE:
		return s == DAPI_ST_REMOVING ? -1 : OP_REMOVE;
	default:
		return -1;
	}
	*why = "is being removed";
	return -1;
}

/* The act for row r, or NULL with the reason in the status bar. */
static struct act *
act_for(struct app *app, enum keymap_action a, const struct ctable_row *r)
{
	const char *why;
	struct act *x;
	int op = pick_op(a, r->c.state, &why);

	if (op < 0) {
		app_message(app, 5, "%s %s", r->c.name != NULL ? r->c.name : r->c.id,
		    why != NULL ? why : "is being removed");
		return NULL;
	}
	x = xcalloc(1, sizeof *x);
	x->op = (enum op)op;
	x->engine = r->engine;
	snprintf(x->id, sizeof x->id, "%s", r->c.id);
	x->name = xstrdup(r->c.name != NULL ? r->c.name : r->c.id);
	x->force = op == OP_REMOVE && running_like(r->c.state);
	return x;
}

int
actions_begin(struct app *app, enum keymap_action a, const struct ctable_row *r)
{
	return actions_begin_many(app, a, r != NULL ? &r : NULL, r != NULL ? 1 : 0);
}

/* The question for a set of acts: the first one's verb, or "act on". */
static void
question(const struct act *x, size_t n, bool same, char *q, size_t qsz)
{
	const char *verb = ops[x->op].verb;

	if (n == 1 && x->force)
		snprintf(q, qsz, "Force-remove the running container %s?", x->name);
	else if (n == 1)
		snprintf(q, qsz, "%c%s %s?", verb[0] - 'a' + 'A', verb + 1, x->name);
	else if (same)
		snprintf(q, qsz, "%c%s these %zu containers?", verb[0] - 'a' + 'A', verb + 1, n);
	else
		snprintf(q, qsz, "Start or stop these %zu containers (each as its state says)?", n);
}

int
actions_begin_many(struct app *app, enum keymap_action a,
    const struct ctable_row *const *rows, size_t n)
{
	struct act *head = NULL, **tail = &head;
	struct confirm_target *t;
	struct bulk *b = NULL;
	bool ask = false, same = true;
	size_t k = 0;
	char q[400];

	if (confirm_refused(app, keymap_action_name(a)))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (n == 0) {
		app_message(app, 5, "no container selected");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	t = xcalloc(n, sizeof *t);
	if (n > 1) {
		b = xcalloc(1, sizeof *b);
		b->refs = 1;	/* this function's, until the acts hold it */
	}
	for (size_t i = 0; i < n; i++) {
		struct act *x = act_for(app, a, rows[i]);
		if (x == NULL)
			continue;
		if (b != NULL) {
			x->bulk = b;
			b->refs++;
			b->n++;
		}
		ask |= ops[x->op].confirm;
		same &= head == NULL || x->op == head->op;
		t[k++] = (struct confirm_target){ .name = x->name,
		    .service = rows[i]->ident.service, .branch = rows[i]->ident.branch };
		*tail = x;
		tail = &x->next;
	}
	if (b != NULL && --b->refs == 0)
		free(b);
	if (head == NULL) {
		free(t);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (!ask) {
		submit(app, head);
	} else {
		question(head, k, same, q, sizeof q);
		confirm_ask(app, same ? ops[head->op].verb : "start-stop", q, t, k,
		    on_confirm, head);
	}
	free(t);
	return VIEW_HANDLED | VIEW_REDRAW;
}
