/* berth: main() and the sub-command dispatch. */
#include "config.h"
#include "version.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "deploy/cli.h"
#include "deploy/rescli.h"
#include "dockerapi/dapi.h"
#include "dockerapi/endpoint.h"
#include "dockerapi/jsonget.h"
#include "dockerapi/sshdial.h"
#include "keymaps/config.h"
#include "model/compwords.h"
#include "model/rowsel.h"
#include "monotime.h"
#include "tui/fmt.h"
#include "tui/sanitize.h"
#include "views/app.h"
#include "views/projacts.h"
#include "views/cfmt.h"
#include "views/updcheck.h"
#include "xmalloc.h"

#define PS_TIMEOUT_MS 20000
#define COMPLETE_TIMEOUT_MS 3000	/* a Tab press waits no longer */

/* One engine asked for on the command line, in order. */
struct cli_engine {
	const char *arg;	/* -H URL or NAME=URL, or --context NAME */
	bool context;
};

struct cli {
	struct cli_engine engines[APP_MAX_ENGINES];
	int nengines;
	const char *state_dir;
	bool stats_api;
	bool read_only;
	bool json;
	bool stats;
	bool running_only;
	bool watch;
	bool routes;		/* berth routes */
	bool check_updates;	/* ps --check-updates */
	bool projects;		/* berth projects: print the compose projects */
	long log_lines;
	const char *config;	/* --config PATH */
	bool check_config;
	const char *complete;	/* __complete WHAT: the shell completion asks */
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: berth [OPTIONS]                 open the dashboard\n"
	    "       berth ps [--json] [--stats] [--running] [--watch] [--check-updates]\n"
	    "       berth ping                      check that the engine answers\n"
	    "       berth contexts [--json]         list the docker contexts\n"
	    "       berth routes [--json]           VIRTUAL_HOST names and their containers\n"
	    "       berth projects [--json]         list the compose projects\n"
	    "       berth --check-config [--config PATH]\n"
	    "       berth --version | --help\n"
	    "\n"
	    "options:\n"
	    "  -H, --host [NAME=]URL\n"
	    "                     engine address (unix:///path, tcp://host:port or\n"
	    "                     ssh://[user@]host[:port]; ssh options from\n"
	    "                     $BERTH_SSH_OPTS or `set ssh-options`);\n"
	    "                     repeat to watch several engines (NAME labels one);\n"
	    "                     default: `engine` lines of the config file, else\n"
	    "                     $DOCKER_HOST, the docker context, then\n"
	    "                     unix:///var/run/docker.sock\n"
	    "      --context NAME watch docker context NAME (repeatable, with -H too)\n"
	    "      --stats-api    take stats from the API even for a local engine\n"
	    "      --read-only    never change anything on the engine\n"
	    "      --log-lines N  lines the logs pane keeps (default 10000)\n"
	    "      --config PATH  read this config file instead of\n"
	    "                     $XDG_CONFIG_HOME/berth/config (~/.config/berth/config)\n"
	    "      --check-config check the config file, print its errors, exit 0/1\n"
	    "      --state-dir DIR  the deploy journal's directory\n"
	    "  -V, --version      print the version\n"
	    "  -h, --help         print this help\n"
	    "\n"
	    "ps options:\n"
	    "      --json         print JSON (see docs/CLI.md)\n"
	    "      --stats        add CPU%%, memory and network rates (takes ~2 s)\n"
	    "      --running      running containers only\n"
	    "      --watch        with --json: stream changes as JSON lines\n"
	    "      --check-updates  with --json: ask the registries now; adds\n"
	    "                     \"update_available\": true|false|null to each\n"
	    "\n"
	    "Keys in the dashboard: press ? for help. NO_COLOR=1 turns colours off.\n"
	    "Everything: man berth.\n");
	fprintf(f, "\ndeploys (see docs/CLI.md):\n%s", cli_usage());
	fprintf(f, "\nimages, volumes, networks, disk use, prune (see docs/CLI.md):\n%s",
	    rescli_usage());
}

static int64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static char *
sanitized(const char *s)
{
	return sanitize_dup(s, strlen(s));
}

/* JSON strings must be valid UTF-8; fall back to the sanitized text. */
static json_t *
jstr(const char *s)
{
	return jsonget_string_fixed(s, sanitized);
}

static json_t *
row_json(struct app *app, const struct ctable_row *r, bool stats)
{
	json_t *o = json_object(), *ports = json_array(), *labels = json_object();

	json_object_set_new(o, "id", json_string(r->c.id));
	json_object_set_new(o, "engine", jstr(app_engine_name(app, r->engine)));
	json_object_set_new(o, "name", jstr(r->c.name));
	json_object_set_new(o, "image", jstr(r->c.image));
	json_object_set_new(o, "image_id", jstr(r->c.image_id));
	json_object_set_new(o, "state", json_string(records_state_name(r->c.state)));
	json_object_set_new(o, "health", json_string(records_health_name(r->c.health)));
	json_object_set_new(o, "exit_code", json_integer(r->c.exit_code));
	json_object_set_new(o, "service", jstr(r->ident.service));
	json_object_set_new(o, "branch", jstr(r->ident.branch));
	json_object_set_new(o, "commit", jstr(r->ident.commit));
	json_object_set_new(o, "build", jstr(r->ident.build));
	json_object_set_new(o, "created", json_integer(r->c.created));
	json_object_set_new(o, "started_at", json_integer(r->c.started_at));
	json_object_set_new(o, "finished_at", json_integer(r->c.finished_at));
	json_object_set_new(o, "restart_count", json_integer(r->c.restart_count));
	json_object_set_new(o, "pid", json_integer(r->c.pid));
	json_object_set_new(o, "problem", json_boolean(ctable_row_problem(r)));
	for (size_t i = 0; i < r->c.nports; i++) {
		const struct dapi_port *p = &r->c.ports[i];
		json_array_append_new(ports, json_pack("{s:o,s:i,s:i,s:s}",
		    "ip", jstr(p->ip), "private", (int)p->private_port,
		    "public", (int)p->public_port, "proto", p->proto));
	}
	json_object_set_new(o, "ports", ports);
	/* set_new takes v even when it refuses a key that is not UTF-8 */
	for (size_t i = 0; i < r->c.nlabels; i++)
		json_object_set_new(labels, r->c.labels[i].key, jstr(r->c.labels[i].value));
	json_object_set_new(o, "labels", labels);
	if (stats && r->has_stats) {
		json_object_set_new(o, "cpu_percent", json_real(r->st.cpu_percent));
		json_object_set_new(o, "mem_used", json_integer((json_int_t)r->st.mem_used));
		json_object_set_new(o, "mem_limit", json_integer((json_int_t)r->st.mem_limit));
		json_object_set_new(o, "net_rx_rate", json_real(r->st.rx_rate));
		json_object_set_new(o, "net_tx_rate", json_real(r->st.tx_rate));
		json_object_set_new(o, "pids", json_integer((json_int_t)r->st.pids));
		json_object_set_new(o, "stats_source", json_string(r->st.from_api ? "api" : "cgroup"));
	}
	return o;
}

static void
print_json_line(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);
	if (s != NULL) {
		fputs(s, stdout);
		fputc('\n', stdout);
		fflush(stdout);
		free(s);
	}
	json_decref(o);
}

static void
watch_print(struct app *app, const struct msg *m)
{
	json_t *o = NULL;
	struct ctable_row *r;

	switch (m->kind) {
	case MSG_CONN:
		o = json_pack("{s:I,s:s,s:s,s:o}", "t", (json_int_t)now_ns(), "kind", "engine",
		    "state", m->up ? "up" : "down", "message", jstr(m->text));
		break;
	case MSG_CONTAINER:
		/* the record moved into the table; print the table's row */
		if ((r = ctable_find(app->table, m->engine, m->text)) == NULL)
			return;
		o = json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:i}", "t", (json_int_t)now_ns(),
		    "kind", "container", "id", r->c.id, "name", jstr(r->c.name),
		    "state", records_state_name(r->c.state),
		    "health", records_health_name(r->c.health), "exit_code", r->c.exit_code);
		break;
	case MSG_REMOVED:
		o = json_pack("{s:I,s:s,s:s}", "t", (json_int_t)now_ns(), "kind", "removed",
		    "id", m->text);
		break;
	case MSG_SYNCED:
		o = json_pack("{s:I,s:s,s:i}", "t", (json_int_t)now_ns(), "kind", "snapshot",
		    "count", (int)ctable_count(app->table));
		break;
	default:
		return;
	}
	if (o != NULL && m->kind != MSG_SYNCED)
		json_object_set_new(o, "engine", jstr(app_engine_name(app, m->engine)));
	if (o != NULL)
		print_json_line(o);
}

static void
print_table(struct app *app, bool running_only)
{
	size_t n = ctable_count(app->table);
	struct ctable_row **rows = xcalloc(n + 1, sizeof *rows);
	struct rowsel_opts o = { .key = ROWSEL_PROBLEMS, .running_only = running_only };
	char st[64], up[64];

	bool several = app->nengines > 1;

	n = rowsel_build(app->table, &o, rows);
	if (several)
		printf("%-1s %-24s %-12s %-22s %-24s %-18s %s\n", "", "NAME", "ENGINE",
		    "SERVICE/BRANCH", "IMAGE", "STATE", "UPTIME");
	else
		printf("%-1s %-24s %-22s %-24s %-18s %s\n", "", "NAME", "SERVICE/BRANCH", "IMAGE",
		    "STATE", "UPTIME");
	for (size_t i = 0; i < n; i++) {
		char *name = sanitize_dup(rows[i]->c.name ? rows[i]->c.name : "", strlen(rows[i]->c.name ? rows[i]->c.name : ""));
		const char *br = rows[i]->ident.branch;
		/* service/branch, as the dashboard's SERVICE/BRANCH column */
		size_t sl = strlen(rows[i]->ident.service) + (br != NULL ? strlen(br) + 1 : 0) + 1;
		char *raw = xmalloc(sl);
		snprintf(raw, sl, "%s%s%s", rows[i]->ident.service, br != NULL ? "/" : "",
		    br != NULL ? br : "");
		char *svc = sanitize_dup(raw, strlen(raw));
		free(raw);
		const char *im = rows[i]->c.image ? rows[i]->c.image : "";
		char *img = sanitize_dup(im, strlen(im));
		const char *en = app_engine_name(app, rows[i]->engine);
		char *eng = sanitize_dup(en, strlen(en));
		if (several)
			printf("%-1s %-24s %-12s %-22s %-24s %-18s %s\n",
			    ctable_row_problem(rows[i]) ? "!" : "", name, eng, svc, img,
			    cfmt_state(&rows[i]->c, st, sizeof st),
			    cfmt_uptime(&rows[i]->c, (int64_t)time(NULL), up, sizeof up));
		else
			printf("%-1s %-24s %-22s %-24s %-18s %s\n", ctable_row_problem(rows[i]) ? "!" : "",
			    name, svc, img, cfmt_state(&rows[i]->c, st, sizeof st),
			    cfmt_uptime(&rows[i]->c, (int64_t)time(NULL), up, sizeof up));
		free(eng);
		free(name);
		free(svc);
		free(img);
	}
	free(rows);
}

/* A JSON string of engine bytes, sanitized for the terminal (null: "?"). */
static char *
safe_str(json_t *j)
{
	const char *s = json_string_value(j) != NULL ? json_string_value(j) : "?";

	return sanitize_dup(s, strlen(s));
}

/* `berth routes`: JSON, or a line per host (problem hosts marked '!'). */
static void
print_routes(struct app *app, bool json)
{
	json_t *arr = routes_view_json(app), *h, *c;
	size_t i, k;
	char *s;

	if (json) {
		print_json_line(arr);
		return;
	}
	printf("%-1s %-32s %s\n", "", "HOST", "CONTAINERS");
	json_array_foreach(arr, i, h) {
		json_t *probs = json_object_get(h, "problems");
		printf("%-1s %-32s", json_array_size(probs) > 0 ? "!" : "",
		    (s = safe_str(json_object_get(h, "host"))));
		free(s);
		json_array_foreach(json_object_get(h, "containers"), k, c) {
			printf(" %s (%s)", (s = safe_str(json_object_get(c, "name"))),
			    json_string_value(json_object_get(c, "state")));
			free(s);
		}
		printf("\n");
		json_array_foreach(probs, k, c) {
			printf("    %s\n", (s = safe_str(c)));
			free(s);
		}
	}
	json_decref(arr);
}

/* Every running row has two samples (a CPU%), so --stats can print. */
static bool
stats_complete(const struct app *app)
{
	for (size_t i = 0; i < ctable_count(app->table); i++) {
		const struct ctable_row *r = ctable_at(app->table, i);
		if (r->c.state == DAPI_ST_RUNNING && (!r->has_stats || r->st.cpu_percent < 0))
			return false;
	}
	return true;
}

/*
 * `berth ps`: the same watcher and model as the dashboard, without curses.
 * Prints once everything is inspected (and, with --stats, once two stats
 * samples exist), or streams changes with --watch.
 */
static int
cmd_ps(const struct endpoint *eps, int neps, const struct cli *cli)
{
	struct app app = { 0 };
	struct watcher_opts wo = { .force_api_stats = cli->stats_api,
	    .no_stats = !cli->stats };
	struct watcher_sink sink;
	uint64_t deadline = monotime_ms() + (cli->complete != NULL ? COMPLETE_TIMEOUT_MS :
	    PS_TIMEOUT_MS), give_up = 0;
	int stats_batches = 0, rc = 1;
	bool done = false;

	app.table = ctable_new();
	app.q = msgq_new();
	if (app.q == NULL) {
		char eb[128];
		fprintf(stderr, "berth: cannot create a pipe: %s\n",
		    strerror_r(errno, eb, sizeof eb));
		goto out;
	}
	app_engines_init(&app, eps, neps);
	for (int i = 0; i < neps; i++) {
		sink = app_watcher_sink(&app, i);
		app.engines[i].watcher = watcher_new(&eps[i], &wo, &sink);
		if (watcher_start(app.engines[i].watcher) != 0) {
			fprintf(stderr, "berth: cannot start the engine watcher\n");
			goto out;
		}
	}
	while (!done) {
		struct pollfd p = { .fd = msgq_fd(app.q), .events = POLLIN };
		uint64_t now = monotime_ms();
		struct msg *m;

		if (!cli->watch && now >= deadline) {
			for (int i = 0; i < neps; i++)
				if (!app.engines[i].synced)
					fprintf(stderr, "berth: the engine at %s did not answer in time\n",
					    eps[i].url);
			goto out;
		}
		if (poll(&p, 1, cli->watch ? -1 : give_up != 0 && give_up < deadline ?
		    (give_up > now ? (int)(give_up - now) : 0) : (int)(deadline - now)) < 0 &&
		    errno != EINTR)
			goto out;
		m = msgq_take_all(app.q);
		while (m != NULL) {
			struct msg *next = m->next;
			char id[65] = "";
			if (m->kind == MSG_CONTAINER)
				snprintf(id, sizeof id, "%s", m->container->id);
			if (!m->up && m->kind == MSG_CONN && !cli->watch && !app.synced) {
				const struct endpoint *ep = &eps[m->engine >= 0 && m->engine < neps ?
				    m->engine : 0];
				const char *why = m->text;
				bool down = strncmp(why, "engine down: ", 13) == 0;
				char *safe;
				if (down)
					why += 13;
				safe = sanitize_dup(why, strlen(why));
				if (down)
					fprintf(stderr, "berth: cannot reach the Docker engine at %s: %s\n",
					    ep->url, safe);
				else
					fprintf(stderr, "berth: the Docker engine at %s: %s\n", ep->url, safe);
				free(safe);
				msgq_msg_free(m);
				while (next != NULL) {
					m = next->next;
					msgq_msg_free(next);
					next = m;
				}
				goto out;
			}
			app_apply_msg(&app, m);
			if (m->kind == MSG_STATS && app.synced)
				stats_batches++;
			if (cli->watch) {
				if (m->kind == MSG_CONTAINER) {
					free(m->text);
					m->text = xstrdup(id);
				}
				watch_print(&app, m);
			}
			msgq_msg_free(m);
			m = next;
		}
		/* API stats arrive in several batches per second; rows whose
		 * stats cannot be had are given up on after a few seconds. */
		if (app.synced && give_up == 0)
			give_up = monotime_ms() + 5000;
		if (!cli->watch && app.synced && (!cli->stats || stats_complete(&app) ||
		    (stats_batches >= 2 && monotime_ms() >= give_up)))
			done = true;
	}
	if (cli->projects && cli->json) {
		print_json_line(projacts_json(&app));
	} else if (cli->projects) {
		projacts_print(&app, stdout);
	} else if (cli->routes) {
		print_routes(&app, cli->json);
	} else if (cli->complete != NULL) {
		compwords_print(app.table, (enum compwords_kind)compwords_kind(cli->complete), stdout);
	} else if (cli->json) {
		json_t *arr = json_array();
		struct updates_check *chk = cli->check_updates ? updcheck_now(&app) : NULL;
		for (size_t i = 0; i < ctable_count(app.table); i++) {
			struct ctable_row *r = ctable_at(app.table, i);
			json_t *o;
			if (cli->running_only && r->c.state != DAPI_ST_RUNNING)
				continue;
			o = row_json(&app, r, cli->stats);
			if (chk != NULL) {	/* null: it could not tell */
				enum updates_answer a = updates_check_answer(chk, r->engine,
				    r->c.image, r->c.image_id);
				json_object_set_new(o, "update_available", a == UPDATES_UNKNOWN ?
				    json_null() : json_boolean(a == UPDATES_AVAILABLE));
			}
			json_array_append_new(arr, o);
		}
		updates_check_free(chk);
		print_json_line(arr);
	} else {
		print_table(&app, cli->running_only);
	}
	rc = 0;
out:
	app_engines_free(&app);
	msgq_free(app.q);
	ctable_free(app.table);
	return rc;
}

static int
ping_one(const struct endpoint *ep)
{
	struct dapi_client *c = dapi_client_new(ep);
	struct dapi_error err;
	int rc = 0;

	if (dapi_ping(c, &err) != 0) {
		char *safe = sanitize_dup(err.text, strlen(err.text));
		fprintf(stderr, "berth: cannot reach the Docker engine at %s: %s\n", ep->url, safe);
		free(safe);
		rc = 1;
	} else {
		printf("%s %s\n", ep->url, dapi_version(c));
	}
	dapi_client_free(c);
	return rc;
}

static int
cmd_ping(const struct endpoint *eps, int n)
{
	int rc = 0;

	for (int i = 0; i < n; i++)
		if (ping_one(&eps[i]) != 0)
			rc = 1;
	return rc;
}

/*
 * The engines to watch: -H and --context in their order; else the config
 * file's `engine` lines; else the one endpoint_resolve finds. A lone -H URL
 * resolves as it always did. Names are made unique. Returns how many (>= 1)
 * filled into eps, or -1 with a message in err.
 */
static int
resolve_engines(const struct cli *cli, const struct config *cfg, struct endpoint *eps,
    char *err, size_t errsz)
{
	int n = 0;

	if (cli->nengines == 1 && !cli->engines[0].context &&
	    (strchr(cli->engines[0].arg, '=') == NULL ||
	    strcspn(cli->engines[0].arg, ":/") < strcspn(cli->engines[0].arg, "="))) {
		if (endpoint_resolve(cli->engines[0].arg, &eps[0], err, errsz) != 0)
			return -1;
		return 1;
	}
	for (int i = 0; i < cli->nengines; i++, n++) {
		const struct cli_engine *c = &cli->engines[i];
		int rc = c->context ? endpoint_from_context(c->arg, &eps[n], err, errsz) :
		    endpoint_parse_named(c->arg, &eps[n], err, errsz);
		if (rc != 0)
			goto fail;
		if (!c->context) {
			free(eps[n].source);
			eps[n].source = xstrdup("-H");
		}
	}
	for (size_t i = 0; cli->nengines == 0 && i < cfg->nengines; i++, n++) {
		const struct config_engine *c = &cfg->engines[i];
		int rc = c->context ? endpoint_from_context(c->name, &eps[n], err, errsz) :
		    endpoint_parse(c->url, &eps[n], err, errsz);
		if (rc != 0)
			goto fail;
		free(eps[n].name);
		eps[n].name = xstrdup(c->name);
		free(eps[n].source);
		eps[n].source = xstrdup("config");
	}
	if (n == 0) {
		if (endpoint_resolve(NULL, &eps[0], err, errsz) != 0)
			return -1;
		return 1;
	}
	endpoint_unique_names(eps, (size_t)n);
	return n;
fail:
	while (n-- > 0)
		endpoint_clear(&eps[n]);
	return -1;
}

/* Errors on stderr, sanitized: the file's bytes are the user's, not ours,
 * but a stray escape sequence should not reach the terminal either. */
static void
print_config_errors(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nerrors; i++) {
		char *safe = sanitize_dup(cfg->errors[i], strlen(cfg->errors[i]));
		fprintf(stderr, "berth: config: %s\n", safe);
		free(safe);
	}
	if (cfg->nerrors_dropped > 0)
		fprintf(stderr, "berth: config: %zu more errors not shown\n",
		    cfg->nerrors_dropped);
}

static void
load_config(struct config *cfg, const struct cli *cli, const char *const *sort_names)
{
	char path[4096];

	config_init(cfg);
	if (config_path(cli->config, path, sizeof path) != NULL)
		config_load(cfg, path, cli->config != NULL, sort_names);
}

/*
 * The ssh options for ssh:// engines, from $BERTH_SSH_OPTS (which wins) or
 * the config file's `set ssh-options` (cfg NULL: the environment only).
 */
static int
ssh_options(const struct config *cfg)
{
	const char *env = getenv("BERTH_SSH_OPTS");
	char **w, *safe;
	size_t n;
	char err[256];

	if (env == NULL || *env == '\0') {
		if (cfg != NULL && cfg->ssh_options != NULL)
			sshdial_set_options((const char *const *)cfg->ssh_options, cfg->nssh_options);
		return 0;
	}
	if (config_split_words(env, &w, &n, err, sizeof err) != 0)
		goto bad;
	if (config_ssh_options_check((const char *const *)w, n, err, sizeof err) != 0) {
		xstrv_free(w);
		goto bad;
	}
	sshdial_set_options((const char *const *)w, n);
	xstrv_free(w);
	return 0;
bad:
	safe = sanitize_dup(err, strlen(err));	/* words from the environment */
	fprintf(stderr, "berth: BERTH_SSH_OPTS: %s\n", safe);
	free(safe);
	return -1;
}

/*
 * `berth contexts [--json]`: the docker contexts as `docker context ls`
 * shows them, plus TLS. Unreadable meta files are reported, not fatal.
 */
static int
cmd_contexts(bool json)
{
	struct endpoint_ctxinfo *v;
	char **errs;
	size_t nerrs, n = endpoint_contexts(&v, &errs, &nerrs);
	char **name = xcalloc(n, sizeof *name), **desc = xcalloc(n, sizeof *desc);
	char **host = xcalloc(n, sizeof *host);
	int wn = 4, wd = 11, wh = 15;

	for (size_t i = 0; i < nerrs; i++) {
		char *safe = sanitize_dup(errs[i], strlen(errs[i]));
		fprintf(stderr, "berth: contexts: %s\n", safe);
		free(safe);
	}
	for (size_t i = 0; i < n; i++) {
		char *tmp = sanitize_dup(v[i].name, strlen(v[i].name));
		size_t len = strlen(tmp) + 3;
		name[i] = xmalloc(len);
		snprintf(name[i], len, "%s%s", tmp, v[i].current ? " *" : "");
		free(tmp);
		desc[i] = sanitize_dup(v[i].description, strlen(v[i].description));
		host[i] = sanitize_dup(v[i].host, strlen(v[i].host));
		wn = sanitize_width(name[i]) > wn ? sanitize_width(name[i]) : wn;
		wd = sanitize_width(desc[i]) > wd ? sanitize_width(desc[i]) : wd;
		wh = sanitize_width(host[i]) > wh ? sanitize_width(host[i]) : wh;
	}
	if (json) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "name", jstr(v[i].name));
			json_object_set_new(o, "current", json_boolean(v[i].current));
			json_object_set_new(o, "description", jstr(v[i].description));
			json_object_set_new(o, "docker_endpoint", jstr(v[i].host));
			json_object_set_new(o, "tls", json_string(v[i].tls));
			json_array_append_new(a, o);
		}
		print_json_line(a);
	} else {
		/* widths are display columns; printf pads bytes, so pad by hand */
		printf("%-*s   %-*s   %-*s   %s\n", wn, "NAME", wd, "DESCRIPTION", wh,
		    "DOCKER ENDPOINT", "TLS");
		for (size_t i = 0; i < n; i++)
			printf("%s%*s   %s%*s   %s%*s   %s\n", name[i],
			    wn - sanitize_width(name[i]), "", desc[i],
			    wd - sanitize_width(desc[i]), "", host[i],
			    wh - sanitize_width(host[i]), "", v[i].tls);
	}
	for (size_t i = 0; i < n; i++) {
		free(name[i]);
		free(desc[i]);
		free(host[i]);
	}
	free(name);
	free(desc);
	free(host);
	endpoint_contexts_free(v, n, errs, nerrs);
	return 0;
}

/* `berth --check-config`: 0 if the file is clean (or absent), else 1. */
static int
check_config(const struct config *cfg, const char *cmd)
{
	if (cmd != NULL) {
		fprintf(stderr, "berth: --check-config takes no command\n");
		return 2;
	}
	if (cfg->nerrors > 0 || cfg->nerrors_dropped > 0) {
		print_config_errors(cfg);
		return 1;
	}
	if (cfg->path != NULL)
		printf("%s: ok\n", cfg->path);
	else
		printf("no config file; the defaults apply\n");
	return 0;
}

static int
sort_index(const char *name)
{
	for (int k = 0; name != NULL && k < ROWSEL_NKEYS; k++)
		if (strcmp(rowsel_key_name((enum rowsel_key)k), name) == 0)
			return k;
	return -1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "host", required_argument, NULL, 'H' },
		{ "context", required_argument, NULL, 'X' },
		{ "stats-api", no_argument, NULL, 'A' },
		{ "read-only", no_argument, NULL, 'R' },
		{ "json", no_argument, NULL, 'j' },
		{ "stats", no_argument, NULL, 's' },
		{ "running", no_argument, NULL, 'r' },
		{ "all", no_argument, NULL, 'a' },
		{ "watch", no_argument, NULL, 'w' },
		{ "check-updates", no_argument, NULL, 'U' },
		{ "log-lines", required_argument, NULL, 'L' },
		{ "config", required_argument, NULL, 'c' },
		{ "check-config", no_argument, NULL, 'C' },
		{ "state-dir", required_argument, NULL, 'D' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli = { 0 };
	struct config cfg;
	const char *sort_names[ROWSEL_NKEYS + 1];
	struct endpoint eps[APP_MAX_ENGINES];
	int neps;
	char err[512];
	const char *cmd = NULL;
	int ch, rc;

	setlocale(LC_ALL, "");
	for (int k = 0; k < ROWSEL_NKEYS; k++)
		sort_names[k] = rowsel_key_name((enum rowsel_key)k);
	sort_names[ROWSEL_NKEYS] = NULL;
	sanitize_set_utf8(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	if (ssh_options(NULL) != 0)
		return 2;
	if ((rc = cli_main(argc, argv, sanitize_dup)) >= 0) {	/* deploy, history, rollback, recover */
		sshdial_cleanup();
		return rc;
	}
	if ((rc = rescli_main(argc, argv, sanitize_dup)) >= 0) {	/* images ... prune */
		sshdial_cleanup();
		return rc;
	}

	while ((ch = getopt_long(argc, argv, "H:Vh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'H':
		case 'X':
			if (cli.nengines == APP_MAX_ENGINES) {
				fprintf(stderr, "berth: at most %d engines\n", APP_MAX_ENGINES);
				return 2;
			}
			cli.engines[cli.nengines].arg = optarg;
			cli.engines[cli.nengines++].context = ch == 'X';
			break;
		case 'A': cli.stats_api = true; break;
		case 'R': cli.read_only = true; break;
		case 'j': cli.json = true; break;
		case 's': cli.stats = true; break;
		case 'r': cli.running_only = true; break;
		case 'a': cli.running_only = false; break;
		case 'w': cli.watch = true; break;
		case 'U': cli.check_updates = true; break;
		case 'L': {
			char *end;
			errno = 0;
			cli.log_lines = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || cli.log_lines < 100 ||
			    cli.log_lines > 10000000) {
				fprintf(stderr, "berth: --log-lines wants a number from 100 to 10000000\n");
				return 2;
			}
			break;
		}
		case 'c': cli.config = optarg; break;
		case 'C': cli.check_config = true; break;
		case 'D': cli.state_dir = optarg; break;
		case 'V':
			/* a git checkout's build names its commit */
			printf("berth %s%s%s%s\n", PACKAGE_VERSION, *BERTH_COMMIT != '\0' ?
			    " (git " : "", BERTH_COMMIT, *BERTH_COMMIT != '\0' ? ")" : "");
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc)
		cmd = argv[optind++];
	/* hidden: berth __complete containers|services|branches, for the bash
	 * completion; the same engines and data as berth ps */
	if (cmd != NULL && strcmp(cmd, "__complete") == 0) {
		if (optind == argc || compwords_kind(argv[optind]) < 0) {
			fprintf(stderr, "berth: __complete wants containers, services or branches\n");
			return 2;
		}
		cli.complete = argv[optind++];
	}
	if (optind < argc) {
		fprintf(stderr, "berth: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	if (cmd != NULL && strcmp(cmd, "contexts") == 0)
		return cmd_contexts(cli.json);
	cli.projects = cmd != NULL && strcmp(cmd, "projects") == 0;
	cli.routes = cmd != NULL && strcmp(cmd, "routes") == 0;
	if (cmd != NULL && strcmp(cmd, "ps") != 0 && strcmp(cmd, "ping") != 0 && !cli.routes &&
	    !cli.projects && cli.complete == NULL) {
		fprintf(stderr, "berth: unknown command '%s' (try berth --help)\n", cmd);
		return 2;
	}
	if (cli.check_updates && (!cli.json || cli.watch)) {
		fprintf(stderr, "berth: --check-updates needs --json (and no --watch)\n");
		return 2;
	}
	if (cli.watch && !cli.json) {
		fprintf(stderr, "berth: --watch needs --json\n");
		return 2;
	}
	load_config(&cfg, &cli, sort_names);
	if (cli.check_config) {
		rc = check_config(&cfg, cmd);
		config_clear(&cfg);
		return rc;
	}
	ssh_options(&cfg);
	if ((neps = resolve_engines(&cli, &cfg, eps, err, sizeof err)) < 0) {
		char *safe = sanitize_dup(err, strlen(err));
		fprintf(stderr, "berth: %s\n", safe);
		free(safe);
		config_clear(&cfg);
		return 1;
	}
	for (int i = 0; i < neps; i++) {
		char warn[512];
		if (endpoint_warning(&eps[i], warn, sizeof warn) != NULL)
			fprintf(stderr, "berth: %s\n", warn);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (cmd != NULL && strcmp(cmd, "ping") == 0) {
		rc = cmd_ping(eps, neps);
	} else if (cmd != NULL) {
		if (cli.complete == NULL)
			print_config_errors(&cfg);
		rc = cmd_ps(eps, neps, &cli);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		/* Not a terminal: check the engine like a script would want. */
		rc = cmd_ping(eps, neps);
		if (rc == 0) {
			fprintf(stderr, "berth: the dashboard needs a terminal; try 'berth ps'\n");
			rc = 1;
		}
	} else {
		struct app_opts ao = { .force_api_stats = cli.stats_api,
		    .read_only = cli.read_only || cfg.read_only, .cfg = &cfg,
		    .default_sort = sort_index(cfg.default_sort),
		    .log_lines = (size_t)cli.log_lines,
		    .state_dir = cli.state_dir };
		rc = app_run(eps, neps, &ao);
		/* the status bar showed the first; here is the whole list */
		print_config_errors(&cfg);
	}
	config_clear(&cfg);
	for (int i = 0; i < neps; i++)
		endpoint_clear(&eps[i]);
	sshdial_cleanup();
	curl_global_cleanup();
	return rc;
}
