/* A custom command: placeholders filled per row, then execvp on the host or an exec in the container. */
#include "views/runcmd.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "keymaps/cmdtmpl.h"
#include "tui/sanitize.h"
#include "views/app.h"
#include "views/confirm.h"
#include "views/exec.h"
#include "views/view.h"
#include "xmalloc.h"

/* What one run needs while curses is left. */
struct runcmd_job {
	struct app *app;
	const struct config_command *cmd;
	const struct ctable_row *const *rows;
	size_t n;
	char result[400];
};

/* What a placeholder looks up: one row. */
struct runcmd_row {
	const struct app *app;
	const struct ctable_row *r;
	char buf[80];
};

static const char *
placeholder(void *ctx, const char *name)
{
	struct runcmd_row *x = ctx;
	const struct ctable_row *r = x->r;

	if (strcmp(name, "id") == 0)
		return r->c.id;
	if (strcmp(name, "short-id") == 0) {
		snprintf(x->buf, sizeof x->buf, "%.12s", r->c.id);
		return x->buf;
	}
	if (strcmp(name, "name") == 0)
		return r->c.name != NULL ? r->c.name : r->c.id;
	if (strcmp(name, "image") == 0)
		return r->c.image;
	if (strcmp(name, "engine") == 0)
		return app_engine_name(x->app, r->engine);
	if (strcmp(name, "service") == 0)
		return r->ident.service;
	if (strcmp(name, "branch") == 0)
		return r->ident.branch;
	if (strcmp(name, "commit") == 0)
		return r->ident.commit;
	if (strcmp(name, "port") == 0) {
		for (size_t i = 0; i < r->c.nports; i++)
			if (r->c.ports[i].public_port != 0) {
				snprintf(x->buf, sizeof x->buf, "%u", r->c.ports[i].public_port);
				return x->buf;
			}
		return NULL;
	}
	if (strncmp(name, "label:", 6) == 0)
		return records_labels_get(r->c.labels, r->c.nlabels, name + 6);
	return NULL;
}

/* A line on the plain terminal, sanitized: names come from the engine. */
static void
say(const char *line)
{
	char safe[1200];

	sanitize_into(line, strlen(line), safe, sizeof safe);
	fprintf(stdout, "%s\r\n", safe);
	fflush(stdout);
}

/* Wait for one key on the plain terminal (no Enter needed). */
static void
wait_key(void)
{
	struct termios old, raw;
	char c;

	say("berth: press any key to return");
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return;
	raw = old;
	raw.c_lflag &= (tcflag_t)~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	while (read(STDIN_FILENO, &c, 1) < 0 && errno == EINTR)
		;
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
}

/* fork + execvp(argv), wait. Ctrl-C is the program's, not berth's. */
static void
run_host(char *const *argv, char *result, size_t n)
{
	struct sigaction ign = { 0 }, oint, oquit;
	int status;
	pid_t pid, w;

	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct sigaction dfl = { 0 };
		dfl.sa_handler = SIG_DFL;
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGQUIT, &dfl, NULL);
		sigaction(SIGPIPE, &dfl, NULL);	/* berth ignores it */
		char eb[128];
		execvp(argv[0], argv);
		dprintf(STDERR_FILENO, "berth: cannot run %s: %s\n", argv[0],
		    strerror_r(errno, eb, sizeof eb));
		_exit(127);
	}
	if (pid < 0) {
		snprintf(result, n, "%s: cannot fork", argv[0]);
	} else {
		while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
			;
		if (w < 0)
			snprintf(result, n, "%s: lost", argv[0]);
		else if (WIFEXITED(status))
			snprintf(result, n, "%s exited with status %d", argv[0], WEXITSTATUS(status));
		else
			snprintf(result, n, "%s killed by signal %d", argv[0], WTERMSIG(status));
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
}

static void
run_all(void *arg)
{
	struct runcmd_job *j = arg;
	const struct config_command *cmd = j->cmd;
	char line[600];

	for (size_t i = 0; i < j->n; i++) {
		struct runcmd_row x = { j->app, j->rows[i], "" };
		char **argv = xcalloc(cmd->argc + 1, sizeof *argv);
		const char *name = x.r->c.name != NULL ? x.r->c.name : x.r->c.id;
		struct app_engine *e = app_engine(j->app, x.r->engine);

		for (size_t k = 0; k < cmd->argc; k++)
			argv[k] = cmdtmpl_expand(cmd->argv[k], placeholder, &x);
		snprintf(line, sizeof line, "berth: %s for %s%s", cmd->name, name,
		    cmd->in_container ? " (in the container)" : "");
		say(line);
		if (!cmd->in_container)
			run_host(argv, j->result, sizeof j->result);
		else if (e != NULL)
			exec_session(&e->ep, x.r->c.id, name, argv, cmd->argc, j->result,
			    sizeof j->result);
		snprintf(line, sizeof line, "berth: %s", j->result);
		say(line);
		xstrv_free(argv);
	}
	if (!cmd->no_wait)
		wait_key();
}

int
runcmd_start(struct app *app, const struct config_command *cmd,
    const struct ctable_row *const *rows, size_t n)
{
	struct runcmd_job j = { app, cmd, rows, n, "" };

	if (confirm_refused(app, cmd->name))
		return VIEW_HANDLED | VIEW_REDRAW;
	if (n == 0) {
		app_message(app, 5, "%s: no container selected", cmd->name);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	app_suspend(app, run_all, &j);
	app_message(app, 10, "%s: %s%s", cmd->name, j.result, n > 1 ? " (the last one)" : "");
	return VIEW_HANDLED | VIEW_REDRAW;
}

int
runcmd_action(struct app *app, enum keymap_action a, const struct ctable_row *const *rows,
    size_t n)
{
	const struct config_command *cmd = config_command_of(app->opts.cfg, a);

	return cmd != NULL ? runcmd_start(app, cmd, rows, n) : VIEW_HANDLED;
}
