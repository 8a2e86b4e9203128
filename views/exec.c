/* The exec pane: choose a command, then run an interactive exec session with berth suspended. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/dapi.h"
#include "dockerapi/hijack.h"
#include "keymaps/keymap.h"
#include "tui/bridge.h"
#include "tui/lineedit.h"
#include "tui/gate.h"
#include "tui/sanitize.h"
#include "tui/term.h"
#include "views/app.h"
#include "views/exec.h"
#include "views/view.h"
#include "xmalloc.h"

#define MAX_ARGS 32

struct eview {
	unsigned self;		/* app_owner */
	char id[65];
	int engine;
	char name[256];
	unsigned probe_job;
	bool refused;		/* read-only or not running: nothing to do */
	char note[300];
	struct lineedit edit;
};

/* One exec session, run while curses is suspended. */
struct session {
	struct app *app;
	const struct endpoint *ep;	/* the container's engine */
	const char *id, *name;
	char *argv[MAX_ARGS];
	size_t argc;
	struct dapi_client *api;
	struct hijack *hj;
	char exec_id[96];
	char result[300];
};

static void on_probe(struct app *app, void *arg, const struct jobs_result *r);

/* arg: a struct target (engine, container id). */
static void *
ev_init(struct app *app, const void *arg)
{
	const struct target *t = arg;
	struct eview *v = xcalloc(1, sizeof *v);
	struct ctable_row *r;
	char path[160];

	v->self = app_owner(app, v);
	r = views_container(app, t, &v->engine, v->id, sizeof v->id);
	snprintf(v->name, sizeof v->name, "%s", r != NULL && r->c.name ? r->c.name : v->id);
	if (app->opts.read_only) {
		v->refused = true;
		snprintf(v->note, sizeof v->note, "read-only: exec is disabled");
	} else if (r == NULL || r->c.state != DAPI_ST_RUNNING) {
		v->refused = true;
		snprintf(v->note, sizeof v->note, "%s is not running: nothing to exec into", v->name);
	} else {
		/* Does /bin/bash exist? HEAD on the archive endpoint says, without
		 * running anything in the container. */
		ctrapi_path_container(path, sizeof path, v->id, "/archive?path=/bin/bash");
		v->probe_job = app_job(app, v->engine, v->self, "HEAD", path, NULL, 5000,
		    on_probe, v, NULL);
		if (v->probe_job != 0)
			snprintf(v->note, sizeof v->note, "looking for a shell...");
	}
	return v;
}

static void
ev_fini(void *st)
{
	free(st);
}

static void
on_probe(struct app *app, void *arg, const struct jobs_result *r)
{
	struct eview *v = arg;

	v->probe_job = 0;
	/* bash when it is there, else sh (busybox, alpine) */
	lineedit_start(&v->edit, r->ok ? "/bin/bash" : "/bin/sh");
	v->note[0] = '\0';
	app->message[0] = '\0';
}

static int
session_send(void *arg, const void *buf, size_t n)
{
	struct session *s = arg;
	return hijack_send(s->hj, buf, n);
}

static ssize_t
session_recv(void *arg, void *buf, size_t n)
{
	struct session *s = arg;
	return hijack_recv(s->hj, buf, n);
}

static void
session_resize(void *arg, int rows, int cols)
{
	struct session *s = arg;
	hijack_resize(s->api, s->exec_id, rows, cols);
}

static void
say(const char *cmd, const char *name)
{
	char line[600], safe[1200];

	snprintf(line, sizeof line, "berth: exec %s in %s (leave the shell to come back)",
	    cmd, name);
	sanitize_into(line, strlen(line), safe, sizeof safe);
	fprintf(stdout, "%s\r\n", safe);
	fflush(stdout);
}

/* Runs with curses suspended: the terminal is the shell's until it ends. */
static void
run_session(void *arg)
{
	struct session *s = arg;
	struct dapi_error err;
	struct bridge_io io;
	char why[200];
	int code;

	say(s->argv[0], s->name);
	s->api = dapi_client_new(s->ep);
	if (dapi_ping(s->api, &err) != 0 ||
	    hijack_exec_create(s->api, s->id, (const char *const *)s->argv, s->argc,
	    s->exec_id, sizeof s->exec_id, &err) != 0 ||
	    (s->hj = hijack_start(s->api, s->exec_id, &err)) == NULL) {
		snprintf(s->result, sizeof s->result, "exec failed: %s", err.text);
		goto out;
	}
	io = (struct bridge_io){
		.fd = hijack_fd(s->hj), .send = session_send, .recv = session_recv,
		.resize = session_resize, .arg = s,
	};
	if (bridge_run(&io, why, sizeof why) != 0)
		snprintf(s->result, sizeof s->result, "exec %s: %s", s->argv[0], why);
	else if (hijack_exit_code(s->api, s->exec_id, &code) == 0)
		snprintf(s->result, sizeof s->result, "exec %s exited (code %d)%s", s->argv[0],
		    code, code == 126 || code == 127 ? ": command not found or not executable" : "");
	else
		snprintf(s->result, sizeof s->result, "exec %s ended", s->argv[0]);
out:
	hijack_close(s->hj);
	dapi_client_free(s->api);
}

void
exec_session(const struct endpoint *ep, const char *id, const char *name,
    char *const *argv, size_t argc, char *result, size_t resultsz)
{
	struct session s = { .ep = ep, .id = id, .name = name };

	for (size_t i = 0; i < argc && s.argc < MAX_ARGS - 1; i++)
		s.argv[s.argc++] = argv[i];
	run_session(&s);
	snprintf(result, resultsz, "%s", s.result);
}

/* Split the command at blanks (no shell, no quoting) and run it. */
static void
run(struct eview *v, struct app *app)
{
	struct session s = { .app = app, .id = v->id, .name = v->name };
	struct app_engine *e = app_engine(app, v->engine);
	char *save = NULL, *cmd;

	if (e == NULL)
		return;
	s.ep = &e->ep;
	cmd = xstrdup(v->edit.text);

	for (char *w = strtok_r(cmd, " \t", &save); w != NULL && s.argc < MAX_ARGS - 1;
	    w = strtok_r(NULL, " \t", &save))
		s.argv[s.argc++] = w;
	if (s.argc == 0) {
		app_message(app, 4, "exec: no command");
		free(cmd);
		return;
	}
	app_suspend(app, run_session, &s);
	app_message(app, 8, "%s", s.result);
	free(cmd);
}

static int
ev_key(void *st, struct app *app, int code, bool func)
{
	struct eview *v = st;

	if (v->edit.active) {
		switch (lineedit_key(&v->edit, code, func)) {
		case LINEEDIT_EDITING:
			return VIEW_HANDLED | VIEW_REDRAW;
		case LINEEDIT_CANCEL:
			return VIEW_BACK | VIEW_REDRAW;
		case LINEEDIT_DONE:
			run(v, app);
			return VIEW_BACK | VIEW_REDRAW;
		}
	}
	switch (views_action(app, "exec", code, func)) {
	case KA_BACK:
	case KA_QUIT:
		return VIEW_BACK | VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

static void
ev_draw(void *st, struct app *app, WINDOW *w)
{
	struct eview *v = st;
	char line[600];
	int cols = getmaxx(w);
	(void)app;

	snprintf(line, sizeof line, "exec in %s", v->name);
	wattrset(w, term_attr(TR_HEADER));
	mvwhline(w, 0, 0, ' ', cols);
	gate_put(w, 0, 0, cols, term_attr(TR_HEADER), line);
	wattrset(w, A_NORMAL);
	snprintf(line, sizeof line, "%s", v->edit.active ?
	    "Enter runs the command below in the container with a terminal; berth comes "
	    "back when it ends. Words are split at blanks, no shell quoting. Esc cancels." :
	    v->note);
	gate_put(w, 2, 2, cols - 2, A_NORMAL, line);
	if (v->edit.active) {
		snprintf(line, sizeof line, "command: %s_", v->edit.text);
		gate_put(w, 4, 2, cols - 2, A_BOLD, line);
		wattrset(w, A_NORMAL);
	}
}

static void
ev_status(void *st, struct app *app, char *buf, size_t n)
{
	struct eview *v = st;
	(void)app;

	if (v->edit.active)
		snprintf(buf, n, "exec: %s_  (Enter runs, Esc cancels)", v->edit.text);
	else
		snprintf(buf, n, "%s | q back", v->refused ? v->note : "exec");
}

const struct view exec_view = {
	.name = "exec",
	.init = ev_init,
	.fini = ev_fini,
	.draw = ev_draw,
	.key = ev_key,
	.status = ev_status,
};
