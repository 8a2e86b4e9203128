/* Compose up/down/pull for a project: argv from the labels, fork and execve (no shell), output by lines. */
#include "config.h"
#include "deploy/compose.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xmalloc.h"

extern char **environ;

#define ARGV_MAX 64

const char *
compose_verb_name(enum compose_verb v)
{
	switch (v) {
	case COMPOSE_UP: return "up";
	case COMPOSE_DOWN: return "down";
	case COMPOSE_PULL: return "pull";
	}
	return "?";
}

static bool
executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* prog's full path on PATH into out. */
static bool
on_path(const char *prog, char *out, size_t n)
{
	const char *p = getenv("PATH");

	if (p == NULL || *p == '\0')
		p = "/usr/local/bin:/usr/bin:/bin";
	while (*p != '\0') {
		size_t len = strcspn(p, ":");
		if (len > 0 && (size_t)snprintf(out, n, "%.*s/%s", (int)len, p, prog) < n &&
		    executable(out))
			return true;
		p += len;
		if (*p == ':')
			p++;
	}
	return false;
}

int
compose_find(char *path, size_t pathsz, bool *plugin)
{
	static const char *const dirs[] = {
		"/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins",
		"/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins",
	};
	const char *home = getenv("HOME"), *cfg = getenv("DOCKER_CONFIG");
	char p[PATH_MAX];
	bool have = false;

	if (cfg != NULL && *cfg != '\0')
		have = (size_t)snprintf(p, sizeof p, "%s/cli-plugins/docker-compose", cfg) <
		    sizeof p && executable(p);
	else if (home != NULL && *home != '\0')
		have = (size_t)snprintf(p, sizeof p, "%s/.docker/cli-plugins/docker-compose", home) <
		    sizeof p && executable(p);
	for (size_t i = 0; !have && i < sizeof dirs / sizeof dirs[0]; i++)
		have = (size_t)snprintf(p, sizeof p, "%s/docker-compose", dirs[i]) < sizeof p &&
		    executable(p);
	if (have && on_path("docker", path, pathsz)) {
		*plugin = true;
		return 0;
	}
	*plugin = false;
	return on_path("docker-compose", path, pathsz) ? 0 : -1;
}

size_t
compose_argv(const struct compose_opts *o, const char *prog, bool plugin, char **argv,
    size_t cap)
{
	const char *files = o->config_files != NULL ? o->config_files : "";
	size_t n = 0, need = 4 + 3 + 3 + (plugin ? 1 : 0);

	for (const char *s = files; *s != '\0'; s++)
		need += *s == ',' ? 2 : 0;
	need += *files != '\0' ? 2 : 0;
	if (need + 1 > cap)
		return 0;
	argv[n++] = xstrdup(prog);
	if (plugin)
		argv[n++] = xstrdup("compose");
	argv[n++] = xstrdup("-p");
	argv[n++] = xstrdup(o->project);
	while (*files != '\0') {
		size_t len = strcspn(files, ",");
		if (len > 0) {
			argv[n++] = xstrdup("-f");
			argv[n] = xmalloc(len + 1);
			memcpy(argv[n], files, len);
			argv[n++][len] = '\0';
		}
		files += len;
		if (*files == ',')
			files++;
	}
	if (o->working_dir != NULL && *o->working_dir != '\0') {
		argv[n++] = xstrdup("--project-directory");
		argv[n++] = xstrdup(o->working_dir);
	}
	argv[n++] = xstrdup(compose_verb_name(o->verb));
	if (o->verb == COMPOSE_UP)
		argv[n++] = xstrdup("-d");
	if (o->service != NULL && *o->service != '\0' && o->verb != COMPOSE_DOWN)
		argv[n++] = xstrdup(o->service);
	argv[n] = NULL;
	return n;
}

void
compose_argv_free(char **argv)
{
	for (size_t i = 0; argv[i] != NULL; i++)
		free(argv[i]);
}

struct compose {
	char *argv[ARGV_MAX];
	char **envp;
	char cwd[PATH_MAX];	/* "": berth's own */
	struct compose_sink sink;
	pthread_t thread;
	pid_t pid;		/* set before the thread starts; -1 if fork failed */
	int fd;			/* the pipe's read end */
	atomic_bool busy;
};

/* name=value, new. */
static char *
env_pair(const char *name, const char *value)
{
	size_t a = strlen(name), b = strlen(value);
	char *s = xmalloc(a + b + 2);

	memcpy(s, name, a);
	s[a] = '=';
	memcpy(s + a + 1, value, b + 1);
	return s;
}

/* Does the environment entry e set one of the engine's variables? */
static bool
engine_var(const char *e)
{
	static const char *const names[] = {
		"DOCKER_HOST=", "DOCKER_CONTEXT=", "DOCKER_TLS_VERIFY=", "DOCKER_CERT_PATH=",
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(e, names[i], strlen(names[i])) == 0)
			return true;
	return false;
}

/* environ without the engine's variables, plus this engine's. */
static char **
child_env(const struct compose_opts *o)
{
	size_t n = 0, k = 0;
	char **envp;

	while (environ[n] != NULL)
		n++;
	envp = xcalloc(n + 4, sizeof *envp);
	for (size_t i = 0; i < n; i++)
		if (!engine_var(environ[i]))
			envp[k++] = xstrdup(environ[i]);
	if (o->docker_host != NULL)
		envp[k++] = env_pair("DOCKER_HOST", o->docker_host);
	if (o->cert_path != NULL) {
		envp[k++] = env_pair("DOCKER_TLS_VERIFY", "1");
		envp[k++] = env_pair("DOCKER_CERT_PATH", o->cert_path);
	}
	return envp;
}

static void
compose_clear(struct compose *c)
{
	compose_argv_free(c->argv);
	xstrv_free(c->envp);
	free(c);
}

static void
emit_lines(struct compose *c, char *buf, size_t *len, bool flush)
{
	size_t start = 0;

	for (size_t i = 0; i < *len; i++) {
		if (buf[i] != '\n' && buf[i] != '\r')
			continue;
		buf[i] = '\0';
		if (i > start)
			c->sink.line(c->sink.arg, buf + start);
		start = i + 1;
	}
	if (flush && start < *len) {
		buf[*len] = '\0';
		c->sink.line(c->sink.arg, buf + start);
		start = *len;
	}
	memmove(buf, buf + start, *len - start);
	*len -= start;
}

static void *
compose_main(void *arg)
{
	struct compose *c = arg;
	char buf[4097], text[64];
	size_t len = 0;
	int status = 0;
	ssize_t got;

	for (;;) {
		got = read(c->fd, buf + len, sizeof buf - 1 - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
		/* a line longer than the buffer goes out in pieces */
		emit_lines(c, buf, &len, len == sizeof buf - 1);
	}
	emit_lines(c, buf, &len, true);
	close(c->fd);
	while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(text, sizeof text, "could not run %s", c->argv[0]);
	else if (WIFEXITED(status))
		snprintf(text, sizeof text, "exited %d", WEXITSTATUS(status));
	else
		snprintf(text, sizeof text, "killed by signal %d", WTERMSIG(status));
	c->sink.done(c->sink.arg, WIFEXITED(status) && WEXITSTATUS(status) == 0, text);
	atomic_store(&c->busy, false);
	return NULL;
}

struct compose *
compose_start(const struct compose_opts *o, const struct compose_sink *sink, char *err,
    size_t errsz)
{
	struct compose *c;
	char prog[PATH_MAX], eb[128];
	bool plugin;
	int p[2], devnull;
	struct stat st;

	if (compose_find(prog, sizeof prog, &plugin) != 0) {
		snprintf(err, errsz, "neither `docker compose` nor docker-compose is installed");
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	if (compose_argv(o, prog, plugin, c->argv, ARGV_MAX) == 0) {
		snprintf(err, errsz, "the project has too many compose files");
		free(c);
		return NULL;
	}
	c->envp = child_env(o);
	if (o->working_dir != NULL && stat(o->working_dir, &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(c->cwd, sizeof c->cwd, "%s", o->working_dir);
	c->sink = *sink;
	if (pipe2(p, O_CLOEXEC) != 0) {
		snprintf(err, errsz, "pipe: %s", strerror_r(errno, eb, sizeof eb));
		compose_clear(c);
		return NULL;
	}
	if ((c->pid = fork()) == 0) {
		/* the child: only async-signal-safe calls until execve */
		devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(p[1], 1);
		dup2(p[1], 2);
		setsid();
		if (close_range(3, ~0u, 0) != 0)
			for (int fd = 3; fd < 1024; fd++)
				close(fd);
		if (c->cwd[0] != '\0' && chdir(c->cwd) != 0)
			_exit(126);
		execve(c->argv[0], c->argv, c->envp);
		_exit(127);
	}
	close(p[1]);
	if (c->pid < 0) {
		snprintf(err, errsz, "fork: %s", strerror_r(errno, eb, sizeof eb));
		close(p[0]);
		compose_clear(c);
		return NULL;
	}
	c->fd = p[0];
	atomic_init(&c->busy, true);
	if (pthread_create(&c->thread, NULL, compose_main, c) != 0) {
		snprintf(err, errsz, "cannot start a thread");
		kill(-c->pid, SIGTERM);
		close(c->fd);
		waitpid(c->pid, NULL, 0);
		compose_clear(c);
		return NULL;
	}
	return c;
}

bool
compose_busy(const struct compose *c)
{
	return c != NULL && atomic_load(&c->busy);
}

void
compose_free(struct compose *c)
{
	if (c == NULL)
		return;
	/* the child may not have made its session yet: then the pid alone */
	if (atomic_load(&c->busy) && kill(-c->pid, SIGTERM) != 0)
		kill(c->pid, SIGTERM);
	pthread_join(c->thread, NULL);
	compose_clear(c);
}
