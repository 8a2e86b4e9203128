/* Compose up/down/pull for a project, by its labels: the argv, and the run on a thread of its own. */
#ifndef BERTH_COMPOSE_H
#define BERTH_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>

enum compose_verb { COMPOSE_UP, COMPOSE_DOWN, COMPOSE_PULL };

struct compose_opts {
	enum compose_verb verb;
	const char *project;		/* -p */
	const char *config_files;	/* the label: comma-separated paths, may be NULL */
	const char *working_dir;	/* the label: --project-directory and cwd, may be NULL */
	const char *docker_host;	/* DOCKER_HOST for the child (the engine's URL) */
	const char *service;		/* only this service (after the verb), or NULL */
	const char *cert_path;		/* a TLS engine's DOCKER_CERT_PATH (ca/cert/key.pem), or NULL */
};

/* The verb as compose spells it: "up", "down", "pull" (static). */
const char *compose_verb_name(enum compose_verb v);

/*
 * Which compose is installed: the docker CLI's plugin (`docker compose`,
 * found in the CLI's plugin directories, with `docker` on PATH), else
 * `docker-compose` on PATH. Fills path (the program to run: docker's or
 * docker-compose's full path) and *plugin; returns 0, or -1 when neither
 * is installed. Reads the file system. Any thread.
 */
int compose_find(char *path, size_t pathsz, bool *plugin);

/*
 * The argv for o (argv[0] = prog; with plugin, "compose" follows):
 * -p PROJECT, -f for each config file, --project-directory DIR, then the
 * verb's own words (up -d, down, pull), then the service if one is given
 * (not for down, which is the whole project's). Fills argv[0..cap-1] with new
 * strings and a NULL after them; returns how many, or 0 if cap is too
 * small (nothing allocated). Free with compose_argv_free. Pure.
 */
size_t compose_argv(const struct compose_opts *o, const char *prog, bool plugin, char **argv,
    size_t cap);
void compose_argv_free(char **argv);

/* What a run reports, on its own thread, in order; done comes last, once. */
struct compose_sink {
	void (*line)(void *arg, const char *line);	/* one line of its output (raw) */
	/* ok: it exited 0; text: "exited 1", "killed by signal 15", or why it could not start */
	void (*done)(void *arg, bool ok, const char *text);
	void *arg;
};

struct compose;

/*
 * Run compose for o (compose_find's program, compose_argv's words) with
 * DOCKER_HOST set to o->docker_host (DOCKER_CONTEXT, DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH left out, the last two set again for o->cert_path), cwd o->working_dir (when it exists),
 * stdin /dev/null, stdout and stderr into one pipe read line by line,
 * in a session of its own. Never through a shell. Returns NULL with err
 * when compose is not installed or the thread cannot start (no sink call
 * then). Any thread; does not block. Free with compose_free.
 */
struct compose *compose_start(const struct compose_opts *o, const struct compose_sink *sink,
    char *err, size_t errsz);

/* Is it still running (done not called yet)? Any thread. */
bool compose_busy(const struct compose *c);

/* Stop it if still running (SIGTERM to its process group), wait for
 * its thread (done has been called), free. NULL-safe. Not from the sink. */
void compose_free(struct compose *c);

#endif
