/* bench/replay: engine responses for N containers through decoders, model and renderer, deterministically. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "dockerapi/cgroup.h"
#include "dockerapi/decode.h"
#include "dockerapi/evsplit.h"
#include "dockerapi/statcalc.h"
#include "model/msgq.h"
#include "tui/sanitize.h"
#include "tui/term.h"
#include "views/app.h"
#include "xmalloc.h"

/*
 * Usage: replay [--n N] [--ticks T] [--path api|cgroup] [--data DIR] [--tty FILE]
 *
 * Built from the recorded fixtures in tests/data: the list, one inspect and
 * one stats body are cloned for N containers (ids and names changed; every
 * 25th container burns CPU, the rest are idle, as in bench/run.sh), one
 * event line per tick. Each tick does what berth does in a second:
 * api: decode N stats bodies; cgroup: sample N containers from the v1
 * fixture tree; then the docker stats formulas, the stats message, the
 * model and one frame of the containers pane (200x50, xterm-256color) into
 * a terminal writing to /dev/null. Run it under
 * valgrind --tool=callgrind --toggle-collect=replay_ticks to count the
 * instructions of the ticks only (bench/replay.sh does).
 */

/* The fixtures' containers started shortly before this: steady state, an
 * uptime of hours, whose text changes once a minute. */
#define REPLAY_NOW (1795895685 + 5 * 3600)

struct replay {
	int n, ticks;
	bool api;
	char **list_json;	/* [0]: the list body */
	char **inspect;		/* n bodies */
	char **stats;		/* (ticks + 1) * n bodies (api) */
	char **events;		/* ticks lines */
	char (*ids)[65];
	struct dapi_stats *prev;
	struct cgroup_ctx *cg;
	struct cgroup_dirs **cgd;
	int cg_pid;
	struct evsplit *split;
	struct msgq *q;
	struct watcher_sink sink;
	struct app *app;
};

static json_t *
load(const char *dir, const char *name)
{
	char path[1024];
	json_error_t e;
	json_t *j;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((j = json_load_file(path, JSON_DECODE_ANY, &e)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, e.text);
		exit(1);
	}
	return j;
}

static char *
dump(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	if (s == NULL)
		abort();
	return s;
}

/* Synthesize every body the ticks will replay (not counted). */
static void
prepare(struct replay *r, const char *dir)
{
	json_t *list = load(dir, "containers_list.json");
	json_t *insp = load(dir, "inspect_running.json");
	json_t *stats = load(dir, "stats_running.json");
	json_t *one = json_deep_copy(json_array_get(list, 0));
	json_t *arr = json_array();
	char name[64];

	r->ids = xcalloc((size_t)r->n, sizeof *r->ids);
	r->inspect = xcalloc((size_t)r->n, sizeof *r->inspect);
	for (int i = 0; i < r->n; i++) {
		json_t *li = json_deep_copy(one), *ci = json_deep_copy(insp);
		snprintf(r->ids[i], 65, "%016x%016x%016x%016x", i + 1, 0xbe7c, i * 7, 0x5eed);
		snprintf(name, sizeof name, "/bi-%04d", i + 1);
		json_object_set_new(li, "Id", json_string(r->ids[i]));
		json_object_set_new(li, "Names", json_pack("[s]", name));
		json_array_append_new(arr, li);
		json_object_set_new(ci, "Id", json_string(r->ids[i]));
		json_object_set_new(ci, "Name", json_string(name));
		json_object_set_new(json_object_get(ci, "State"), "Pid", json_integer(10000 + i));
		r->inspect[i] = dump(ci);
		json_decref(ci);
	}
	r->list_json = xcalloc(1, sizeof *r->list_json);
	r->list_json[0] = dump(arr);
	json_decref(arr);

	r->events = xcalloc((size_t)r->ticks, sizeof *r->events);
	for (int t = 0; t < r->ticks; t++) {
		json_t *ev = json_pack("{s:s,s:s,s:s,s:s,s:{s:s,s:{s:s}},s:s,s:I,s:I}",
		    "status", "exec_start: sh", "id", r->ids[t % r->n],
		    "Type", "container", "Action", "exec_start: sh",
		    "Actor", "ID", r->ids[t % r->n], "Attributes", "name", "bi",
		    "scope", "local", "time", (json_int_t)(1795895685 + t),
		    "timeNano", (json_int_t)(1795895685 + t) * 1000000000);
		char *s = dump(ev);
		size_t len = strlen(s);
		r->events[t] = xmalloc(len + 2);
		memcpy(r->events[t], s, len);
		memcpy(r->events[t] + len, "\n", 2);
		free(s);
		json_decref(ev);
	}

	if (r->api) {
		json_t *cpu = json_object_get(stats, "cpu_stats");
		json_t *usage = json_object_get(cpu, "cpu_usage");
		json_int_t tot = json_integer_value(json_object_get(usage, "total_usage"));
		json_int_t sys = json_integer_value(json_object_get(cpu, "system_cpu_usage"));
		r->stats = xcalloc((size_t)(r->ticks + 1) * (size_t)r->n, sizeof *r->stats);
		for (int t = 0; t <= r->ticks; t++) {
			char when[64];
			snprintf(when, sizeof when, "2026-11-28T19:%02d:%02d.5Z", 10 + t / 60, t % 60);
			for (int i = 0; i < r->n; i++) {
				json_int_t busy = i % 25 == 0 ? (json_int_t)t * 100000000 : 0;
				json_object_set_new(usage, "total_usage", json_integer(tot + busy));
				json_object_set_new(cpu, "system_cpu_usage",
				    json_integer(sys + (json_int_t)t * 2000000000));
				json_object_set_new(stats, "read", json_string(when));
				r->stats[(size_t)t * (size_t)r->n + (size_t)i] = dump(stats);
			}
		}
	} else {
		char proc[1024], root[1024];
		snprintf(proc, sizeof proc, "%s/cgroup/v1/proc", dir);
		snprintf(root, sizeof root, "%s/cgroup/v1/root", dir);
		r->cg = cgroup_ctx_new(proc, root);
		r->cg_pid = 14115;
		if (r->cg == NULL) {
			fprintf(stderr, "replay: no cgroup fixture tree under %s\n", dir);
			exit(1);
		}
	}
	json_decref(one);
	json_decref(list);
	json_decref(insp);
	json_decref(stats);
}

static void
on_event(const char *line, size_t len, void *arg)
{
	struct replay *r = arg;
	struct dapi_event ev = { 0 };
	struct decode_error derr;

	if (decode_event(line, len, &ev, &derr) == 0) {
		struct dapi_event *heap = xmalloc(sizeof *heap);
		*heap = ev;
		r->sink.event(r->sink.arg, heap);
	}
}

/* One second of berth's work for tick t: the watcher's side, then the UI's. */
static void
one_tick(struct replay *r, int t)
{
	struct watcher_stat *out = xcalloc((size_t)r->n, sizeof *out);
	struct decode_error derr;
	size_t k = 0;
	uint64_t sys = 0;
	bool have_sys = !r->api && cgroup_system_ns(r->cg, &sys);

	evsplit_feed(r->split, r->events[t % r->ticks], strlen(r->events[t % r->ticks]),
	    on_event, r);
	for (int i = 0; i < r->n; i++) {
		struct dapi_stats s = { 0 };
		struct watcher_stat *o;
		bool ok;

		if (r->api) {
			const char *b = r->stats[(size_t)t * (size_t)r->n + (size_t)i];
			ok = decode_stats(b, strlen(b), &s, &derr) == 0 && s.valid;
		} else {
			ok = cgroup_sample_cached(r->cg, &r->cgd[i], r->cg_pid,
			    have_sys ? &sys : NULL, &s);
		}
		if (!ok)
			continue;
		o = &out[k++];
		memcpy(o->id, r->ids[i], sizeof o->id);
		o->from_api = r->api;
		o->cpu_percent = r->prev[i].valid ? statcalc_cpu_percent(&r->prev[i], &s) : -1;
		o->mem_used = statcalc_mem_used(&s);
		o->mem_limit = s.mem_limit;
		o->pids = s.pids;
		if (r->prev[i].valid) {
			o->rx_rate = statcalc_rate(r->prev[i].net_rx, s.net_rx, r->prev[i].read_ns, s.read_ns);
			o->tx_rate = statcalc_rate(r->prev[i].net_tx, s.net_tx, r->prev[i].read_ns, s.read_ns);
		} else {
			o->rx_rate = o->tx_rate = -1;
		}
		r->prev[i] = s;
	}
	if (k > 0)
		r->sink.stats(r->sink.arg, out, k);
	else
		free(out);
	app_bench_frame(r->app, REPLAY_NOW + t);
}

/* The measured part: callgrind collects only inside this function. */
void replay_ticks(struct replay *r);
void
replay_ticks(struct replay *r)
{
	for (int t = 1; t <= r->ticks; t++)
		one_tick(r, t);
}

int
main(int argc, char **argv)
{
	struct replay r = { .n = 100, .ticks = 30, .api = false };
	const char *dir = getenv("BERTH_TEST_DATA");
	const char *tty = "/dev/null";
	struct dapi_container *arr = NULL;
	struct decode_error derr;
	struct endpoint ep;
	char err[256];
	size_t n = 0;
	int devnull, out;

	if (dir == NULL || *dir == '\0')
		dir = "tests/data";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
			r.n = atoi(argv[++i]);
		else if (strcmp(argv[i], "--ticks") == 0 && i + 1 < argc)
			r.ticks = atoi(argv[++i]);
		else if (strcmp(argv[i], "--path") == 0 && i + 1 < argc)
			r.api = strcmp(argv[++i], "api") == 0;
		else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "--tty") == 0 && i + 1 < argc)
			tty = argv[++i];	/* keep the terminal output, to look at it */
		else {
			fprintf(stderr, "usage: replay [--n N] [--ticks T] [--path api|cgroup] [--data DIR] [--tty FILE]\n");
			return 2;
		}
	}
	if (r.n < 1 || r.ticks < 1)
		return 2;
	prepare(&r, dir);
	r.prev = xcalloc((size_t)r.n, sizeof *r.prev);
	r.cgd = xcalloc((size_t)r.n, sizeof *r.cgd);
	r.split = evsplit_new(256u << 10);
	r.q = msgq_new();
	if (r.q == NULL)
		return 1;

	/* A fixed terminal that discards its output. */
	out = dup(STDOUT_FILENO);
	devnull = open(tty, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (out == -1 || devnull == -1)
		return 1;
	dup2(devnull, STDOUT_FILENO);
	close(devnull);
	if ((devnull = open("/dev/null", O_RDONLY)) == -1)
		return 1;
	dup2(devnull, STDIN_FILENO);
	setenv("TERM", "xterm-256color", 1);
	setenv("COLUMNS", "200", 1);
	setenv("LINES", "50", 1);
	unsetenv("NO_COLOR");
	sanitize_set_utf8(true);
	if (term_init(NULL) != 0)
		return 1;

	r.app = xcalloc(1, sizeof *r.app);
	if (endpoint_parse("unix:///run/bench.sock", &ep, err, sizeof err) != 0)
		return 1;
	app_engines_init(r.app, &ep, 1);
	endpoint_clear(&ep);
	r.app->table = ctable_new();
	r.app->q = r.q;
	r.sink = app_watcher_sink(r.app, 0);
	r.app->engines[0].up = true;
	snprintf(r.app->engines[0].api_version, sizeof r.app->engines[0].api_version, "1.41");
	app_push(r.app, &containers_view, NULL);

	/* Start-up as after connecting: the list, then every inspect. */
	r.sink.conn(r.sink.arg, true, "connected", "1.41");
	if (decode_container_list(r.list_json[0], strlen(r.list_json[0]), &arr, &n, &derr) != 0) {
		fprintf(stderr, "replay: list: %s\n", derr.text);
		return 1;
	}
	r.sink.snapshot(r.sink.arg, arr, n);
	for (int i = 0; i < r.n; i++) {
		struct dapi_container *c = xcalloc(1, sizeof *c);
		if (decode_container_inspect(r.inspect[i], strlen(r.inspect[i]), c, &derr) != 0) {
			fprintf(stderr, "replay: inspect: %s\n", derr.text);
			return 1;
		}
		r.sink.container(r.sink.arg, c);
	}
	r.sink.synced(r.sink.arg, (size_t)r.n);
	app_bench_frame(r.app, REPLAY_NOW);

	replay_ticks(&r);

	term_release();
	dprintf(out, "replay: %d containers, %d ticks, %s path, %zu rows in the model\n",
	    r.n, r.ticks, r.api ? "api" : "cgroup", ctable_count(r.app->table));
	return 0;
}
