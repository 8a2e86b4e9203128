/* The exec pane and attach: a container's terminal over a hijacked connection, berth suspended. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/dapi.h"
#include "dockerapi/hijack.h"
#include "dockerapi/jsonget.h"
#include "dockerapi/logframe.h"
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
	/* attach */
	bool input, tty;
	bool read_only;		/* no keys and no resize (a resize signals the process) */
	struct logframe *frames;	/* no TTY: the output's frames */
	char *out;			/* demultiplexed output not yet handed out */
	size_t out_len, out_off, out_cap;
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
say(const char *what, const char *name, const char *how)
{
	char line[600], safe[1200];

	snprintf(line, sizeof line, "berth: %s %s (%s)", what, name, how);
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
	char why[200], what[240];
	int code;

	snprintf(what, sizeof what, "exec %.200s in", s->argv[0]);
	say(what, s->name, "leave the shell to come back");
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
	views_title(w, 0, line);
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

/* attach ------------------------------------------------------------------ */

static void
attach_line(void *arg, int stream, const char *line, size_t len)
{
	struct session *s = arg;
	(void)stream;

	s->out = xgrowarray(s->out, &s->out_cap, s->out_len + len + 2, 1);
	memcpy(s->out + s->out_len, line, len);
	memcpy(s->out + s->out_len + len, "\r\n", 2);
	s->out_len += len + 2;
}

/* The container's bytes for the terminal: as they come with a TTY, else
 * the frames' payload, a line at a time (the terminal is raw: "\r\n"). */
static ssize_t
attach_recv(void *arg, void *buf, size_t n)
{
	struct session *s = arg;
	char raw[16384];
	ssize_t got;

	if (s->tty)
		return hijack_recv(s->hj, buf, n);
	while (s->out_off == s->out_len) {
		s->out_off = s->out_len = 0;
		got = hijack_recv(s->hj, raw, sizeof raw);
		if (got == 0)
			logframe_flush(s->frames, attach_line, s);
		if (got <= 0 && s->out_len == 0)
			return got;
		if (got > 0)
			logframe_feed(s->frames, raw, (size_t)got, attach_line, s);
	}
	if (n > s->out_len - s->out_off)
		n = s->out_len - s->out_off;
	memcpy(buf, s->out + s->out_off, n);
	s->out_off += n;
	return (ssize_t)n;
}

static void
attach_resize(void *arg, int rows, int cols)
{
	struct session *s = arg;
	hijack_resize_container(s->api, s->id, rows, cols);
}

/* What the container is: running, with a TTY, with an open stdin. */
static int
attach_probe(struct session *s, struct dapi_error *err)
{
	json_t *root = NULL;

	if (ctrapi_inspect(s->api, s->id, &root, err) != 0)
		return -1;
	s->tty = json_is_true(jsonget_path(root, "Config.Tty"));
	s->input = s->input && json_is_true(jsonget_path(root, "Config.OpenStdin"));
	if (!json_is_true(jsonget_path(root, "State.Running"))) {
		snprintf(err->text, sizeof err->text, "%.200s is not running: nothing to attach to",
		    s->name);
		json_decref(root);
		return -1;
	}
	json_decref(root);
	return 0;
}

/* The detach keys as `docker attach` takes them: "detachKeys" in
 * $DOCKER_CONFIG/config.json (else ~/.docker/config.json), else ctrl-p
 * ctrl-q; a setting berth cannot use falls back to those. */
static void
detach_spec(char *spec, size_t n, char *keys, size_t kn)
{
	const char *dir = getenv("DOCKER_CONFIG"), *home = getenv("HOME");
	char path[4096];
	json_t *cfg = NULL;

	if (dir != NULL && dir[0] != '\0')
		snprintf(path, sizeof path, "%s/config.json", dir);
	else
		snprintf(path, sizeof path, "%s/.docker/config.json", home != NULL ? home : "");
	if (dir != NULL || home != NULL)
		cfg = json_load_file(path, 0, NULL);
	snprintf(spec, n, "%s", jsonget_str(json_object_get(cfg, "detachKeys")) != NULL ?
	    jsonget_str(json_object_get(cfg, "detachKeys")) : EXEC_DETACH_KEYS);
	json_decref(cfg);
	if (bridge_detach_keys(spec, keys, kn) != 0) {
		snprintf(spec, n, "%s", EXEC_DETACH_KEYS);
		bridge_detach_keys(spec, keys, kn);
	}
}

/* The terminal on the attached connection until detach or the end. */
static void
attach_bridge(struct session *s, const char *keys)
{
	char why[200];
	struct bridge_io io = {
		.fd = hijack_fd(s->hj), .send = s->input ? session_send : NULL,
		.recv = attach_recv, .resize = s->tty && !s->read_only ? attach_resize : NULL, .arg = s,
		.detach = keys,
	};

	switch (bridge_run(&io, why, sizeof why)) {
	case 1:
		snprintf(s->result, sizeof s->result, "detached from %s (it keeps running)", s->name);
		break;
	case 0:
		snprintf(s->result, sizeof s->result, "%s: the process ended", s->name);
		break;
	default:
		snprintf(s->result, sizeof s->result, "attach to %s: %s", s->name, why);
	}
}

/* Runs with curses suspended, until the detach keys or the end of the
 * process. */
static void
run_attach(void *arg)
{
	struct session *s = arg;
	struct dapi_error err;
	char spec[64], keys[32], how[120];

	detach_spec(spec, sizeof spec, keys, sizeof keys);
	s->api = dapi_client_new(s->ep);
	if (dapi_ping(s->api, &err) != 0 || attach_probe(s, &err) != 0) {
		snprintf(s->result, sizeof s->result, "attach: %s", err.text);
	} else {
		/* after the probe: input only with an open stdin */
		snprintf(how, sizeof how, "%s%s detaches", s->input ? "" : "output only; ", spec);
		say("attached to", s->name, how);
		s->hj = hijack_attach(s->api, s->id, s->input, spec, &err);
		if (s->hj == NULL)
			snprintf(s->result, sizeof s->result, "attach failed: %s", err.text);
		else {
			s->frames = s->tty ? NULL : logframe_new(false, 16384);
			attach_bridge(s, keys);
		}
	}
	hijack_close(s->hj);
	logframe_free(s->frames);
	free(s->out);
	dapi_client_free(s->api);
}

void
exec_attach(struct app *app, const struct target *t)
{
	struct session s = { .app = app };
	struct app_engine *e;
	struct ctable_row *r;
	int engine;
	char id[65], name[256];

	r = views_container(app, t, &engine, id, sizeof id);
	if ((e = app_engine(app, engine)) == NULL || id[0] == '\0')
		return;
	snprintf(name, sizeof name, "%s", r != NULL && r->c.name ? r->c.name : id);
	if (r != NULL && r->c.state != DAPI_ST_RUNNING) {
		app_message(app, 5, "%s is not running: nothing to attach to", name);
		return;
	}
	s.ep = &e->ep;
	s.id = id;
	s.name = name;
	s.read_only = app->opts.read_only;
	s.input = !s.read_only;
	app_suspend(app, run_attach, &s);
	app_message(app, 8, "%s%s", s.result, app->opts.read_only ? " (read-only: output only)" : "");
}
