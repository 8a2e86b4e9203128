/* The deploy commands: berth deploy, history, rollback, recover. */
#include "config.h"
#include "deploy/cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "model/identity.h"
#include "deploy/journal.h"
#include "deploy/redeploy.h"
#include "deploy/pruneout.h"
#include "deploy/rollback.h"
#include "dockerapi/dapi.h"
#include "dockerapi/endpoint.h"
#include "xmalloc.h"

enum { EXIT_OK = 0, EXIT_ERR = 1, EXIT_USAGE = 2, EXIT_ROLLED_BACK = 3, EXIT_BROKEN = 4 };

struct args {
	const char *cmd;
	const char *host;
	const char *state_dir;
	const char *service;
	const char *branch;
	const char *image;
	const char *name;
	const char *from;
	const char *to;
	bool pull, force, json, read_only, all_engines;
	enum redeploy_strategy strategy;
	int timeout_s;
	int settle_ms;
	long wait_s;
	int keep;		/* deploy --keep N: prune the unit's older images; -1 none */
};

static const char usage_text[] =
    "       berth deploy SERVICE --branch B [--image REF] [--pull] [--force]\n"
    "                    [--strategy stop-first|start-first] [--timeout S]\n"
    "                    [--name CONTAINER] [--from CONTAINER] [--wait S] [--keep N]\n"
    "                    (--pull logs in with the docker CLI's credentials)\n"
    "       berth history [SERVICE] [--branch B] [--json] [--all-engines]\n"
    "       berth rollback SERVICE --branch B [--to DEPLOY_ID]\n"
    "       berth recover                  finish deploys a killed berth left\n"
    "   (all take --state-dir DIR; default $BERTH_STATE_DIR, $XDG_STATE_HOME/berth,\n"
    "    ~/.local/state/berth)\n";

const char *
cli_usage(void)
{
	return usage_text;
}

static bool
is_cmd(const char *s)
{
	return strcmp(s, "deploy") == 0 || strcmp(s, "history") == 0 ||
	    strcmp(s, "rollback") == 0 || strcmp(s, "recover") == 0;
}

/* The command word: the first argument that is neither an option nor the
 * value of one that takes a value. */
const char *
cli_command(int argc, char **argv)
{
	static const char *const with_arg[] = { "-H", "--host", "--state-dir", "--keep", NULL };

	for (int i = 1; i < argc; i++) {
		bool skip = false;
		if (strcmp(argv[i], "--") == 0)
			return i + 1 < argc ? argv[i + 1] : NULL;
		if (argv[i][0] == '-') {
			for (size_t k = 0; with_arg[k] != NULL; k++)
				if (strcmp(argv[i], with_arg[k]) == 0)
					skip = true;
			if (skip)
				i++;
			continue;
		}
		return argv[i];
	}
	return NULL;
}

/* What makes engine text safe for the terminal, from cli_main's caller;
 * set before anything is printed, read only after. */
static char *(*term_safe)(const char *s, size_t len);

static void
out_line(const char *prefix, const char *text)
{
	char *safe = term_safe(text, strlen(text));

	printf("%s%s\n", prefix, safe);
	fflush(stdout);
	free(safe);
}

struct progress_state {
	struct timespec t0;
};

static void
progress_cb(void *arg, const char *step, const char *text)
{
	struct progress_state *ps = arg;
	struct timespec now;
	char prefix[64];
	double dt;

	clock_gettime(CLOCK_MONOTONIC, &now);
	dt = (double)(now.tv_sec - ps->t0.tv_sec) + (double)(now.tv_nsec - ps->t0.tv_nsec) / 1e9;
	snprintf(prefix, sizeof prefix, "[%6.2fs] %-12s ", dt, step);
	out_line(prefix, text);
}

/* prefix, text made safe for a terminal, suffix and a newline, on stderr */
static void
err_line(const char *prefix, const char *text, const char *suffix)
{
	char *safe = term_safe(text, strlen(text));
	fprintf(stderr, "%s%s%s\n", prefix, safe, suffix);
	free(safe);
}

/* What each option sets in struct args: the string or flag at off, or,
 * for the others, what the option's letter says in parse. */
enum opt_kind { OPT_STR, OPT_FLAG, OPT_NUM, OPT_STRATEGY, OPT_IGNORED };

static const struct cli_opt {
	const char *name;
	int ch;
	enum opt_kind kind;
	size_t off;		/* OPT_STR: a const char *; OPT_FLAG: a bool */
} opts[] = {
	{ "host", 'H', OPT_STR, offsetof(struct args, host) },
	{ "state-dir", 'S', OPT_STR, offsetof(struct args, state_dir) },
	{ "branch", 'b', OPT_STR, offsetof(struct args, branch) },
	{ "image", 'i', OPT_STR, offsetof(struct args, image) },
	{ "name", 'n', OPT_STR, offsetof(struct args, name) },
	{ "from", 'f', OPT_STR, offsetof(struct args, from) },
	{ "to", 't', OPT_STR, offsetof(struct args, to) },
	{ "strategy", 's', OPT_STRATEGY, 0 },
	{ "timeout", 'T', OPT_NUM, 0 },
	{ "wait", 'w', OPT_NUM, 0 },
	{ "settle-ms", 'm', OPT_NUM, 0 },
	{ "keep", 'k', OPT_NUM, 0 },
	{ "pull", 'p', OPT_FLAG, offsetof(struct args, pull) },
	{ "force", 'F', OPT_FLAG, offsetof(struct args, force) },
	{ "json", 'j', OPT_FLAG, offsetof(struct args, json) },
	{ "all-engines", 'a', OPT_FLAG, offsetof(struct args, all_engines) },
	{ "read-only", 'R', OPT_FLAG, offsetof(struct args, read_only) },
	{ "stats-api", 'A', OPT_IGNORED, 0 },
};
#define NOPTS (sizeof opts / sizeof opts[0])

static const struct cli_opt *
opt_of(int ch)
{
	for (size_t i = 0; i < NOPTS; i++)
		if (opts[i].ch == ch)
			return &opts[i];
	return NULL;
}

/* A number option's value into its member of a; -1 when it is not one. */
static int
set_num(struct args *a, int ch, const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < 0 || v > 86400000) {
		fprintf(stderr, "berth: bad number '%s'\n", arg);
		return -1;
	}
	if (ch == 'T')
		a->timeout_s = (int)v;
	else if (ch == 'w')
		a->wait_s = v;
	else if (ch == 'k')
		a->keep = (int)(v > 1000 ? 1000 : v);
	else
		a->settle_ms = (int)v;
	return 0;
}

static int
parse(int argc, char **argv, struct args *a)
{
	struct option longopts[NOPTS + 1];
	const struct cli_opt *o;
	int ch;

	for (size_t i = 0; i < NOPTS; i++) {
		bool flag = opts[i].kind == OPT_FLAG || opts[i].kind == OPT_IGNORED;

		longopts[i] = (struct option){ opts[i].name,
		    flag ? no_argument : required_argument, NULL, opts[i].ch };
	}
	longopts[NOPTS] = (struct option){ NULL, 0, NULL, 0 };
	optind = 1;
	opterr = 1;
	while ((ch = getopt_long(argc, argv, "H:b:", longopts, NULL)) != -1) {
		if ((o = opt_of(ch)) == NULL)
			return -1;
		switch (o->kind) {
		case OPT_STR:
			*(const char **)((char *)a + o->off) = optarg;
			break;
		case OPT_FLAG:
			*(bool *)((char *)a + o->off) = true;
			break;
		case OPT_IGNORED:
			break;
		case OPT_STRATEGY:
			if (redeploy_strategy_parse(optarg, &a->strategy) != 0) {
				fprintf(stderr, "berth: --strategy is stop-first or start-first\n");
				return -1;
			}
			break;
		case OPT_NUM:
			if (set_num(a, ch, optarg) != 0)
				return -1;
			break;
		}
	}
	for (int i = optind; i < argc; i++) {
		if (a->cmd == NULL)
			a->cmd = argv[i];
		else if (a->service == NULL)
			a->service = argv[i];
		else {
			fprintf(stderr, "berth: unexpected argument '%s'\n", argv[i]);
			return -1;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- history */

static void
fmt_when(int64_t ms, char *out, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (ms == 0 || localtime_r(&t, &tm) == NULL)
		snprintf(out, n, "-");
	else
		strftime(out, n, "%Y-%m-%d %H:%M:%S", &tm);
}

/* "commit/build" or a short image id. */
static void
fmt_version(const char *commit, const char *build, const char *image, char *out, size_t n)
{
	const char *img = image != NULL && strncmp(image, "sha256:", 7) == 0 ? image + 7 : image;

	if (commit != NULL || build != NULL)
		snprintf(out, n, "%.10s%s%s", commit != NULL ? commit : "-",
		    build != NULL ? "#" : "", build != NULL ? build : "");
	else if (img != NULL)
		snprintf(out, n, "%.12s", img);
	else
		snprintf(out, n, "-");
}

static void
warn_bad(const struct journal_lines *l, const char *dir)
{
	for (size_t i = 0; i < l->nbad; i++)
		fprintf(stderr, "berth: %s/journal.jsonl line %zu is torn or corrupt; skipped\n",
		    dir, l->bad[i]);
}

static int
cmd_history(const struct args *a, const char *engine, const char *dir)
{
	struct journal_lines l;
	struct journal_history h;
	struct journal_error je;

	if (journal_read(dir, &l, &je) != 0) {
		err_line("berth: ", je.text, "");
		return EXIT_ERR;
	}
	warn_bad(&l, dir);
	journal_fold(&l, a->all_engines ? NULL : engine, a->service, a->branch, &h);
	journal_lines_clear(&l);
	if (a->json) {
		json_t *arr = json_array();
		char *s;
		for (size_t i = h.n; i > 0; i--)
			json_array_append_new(arr, journal_entry_json(&h.e[i - 1]));
		s = json_dumps(arr, JSON_COMPACT);
		if (s != NULL)
			printf("%s\n", s);
		free(s);
		json_decref(arr);
	} else {
		printf("%-19s %-14s %-22s %-14s %-10s %-18s %-18s %-11s %6s  %s\n", "WHEN", "ID",
		    "SERVICE/BRANCH", "VIA", "WHO", "FROM", "TO", "RESULT", "SECS", "REASON");
		for (size_t i = h.n; i > 0; i--) {
			const struct journal_entry *e = &h.e[i - 1];
			char when[32], from[64], to[64], unit[300], dur[16], line[2048];
			/* a swarm action says which: swarm-scale, swarm-update, ... */
			const char *via = e->via != NULL && strcmp(e->via, "swarm") == 0 &&
			    e->strategy != NULL && strncmp(e->strategy, "swarm-", 6) == 0 ?
			    e->strategy : e->via;
			fmt_when(e->start_ms, when, sizeof when);
			fmt_version(e->from_commit, e->from_build, e->from_image, from, sizeof from);
			fmt_version(e->commit, e->build, e->to_image, to, sizeof to);
			snprintf(unit, sizeof unit, "%s/%s", e->service ? e->service : "?",
			    e->branch ? e->branch : "?");
			if (e->end_ms > 0 && e->start_ms > 0)
				snprintf(dur, sizeof dur, "%.1f", (double)(e->end_ms - e->start_ms) / 1000.0);
			else
				snprintf(dur, sizeof dur, "-");
			snprintf(line, sizeof line, "%-19s %-14s %-22s %-14s %-10s %-18s %-18s %-11s %6s  %s",
			    when, e->id, unit, via ? via : "?", e->who ? e->who : "?", from, to,
			    journal_result_name(e->result), dur, e->reason ? e->reason : "");
			out_line("", line);
		}
	}
	journal_history_clear(&h);
	return EXIT_OK;
}

/* ---------------------------------------------------------------- engine commands */

static int
connect_engine(const struct args *a, struct endpoint *ep, struct dapi_client **c)
{
	char err[512];
	struct dapi_error de;

	if (endpoint_resolve(a->host, ep, err, sizeof err) != 0) {
		err_line("berth: ", err, "");
		return -1;
	}
	*c = dapi_client_new(ep);
	if (dapi_ping(*c, &de) != 0) {
		fprintf(stderr, "berth: cannot reach the Docker engine at %s: ", ep->url);
		err_line("", de.text, "");
		return -1;
	}
	return 0;
}

static int
recover(struct dapi_client *c, struct journal *j, const char *engine,
    struct redeploy_progress *p)
{
	struct journal_error je;
	size_t n;

	if (redeploy_recover(c, j, engine, p, &n, &je) != 0) {
		err_line("berth: recovery: ", je.text, "");
		return -1;
	}
	return (int)n;
}

/* each outcome's exit status and the line that says it (none for OK) */
static const struct {
	int status;
	const char *prefix;
} outcome_exits[] = {
	[REDEPLOY_OK] = { EXIT_OK, NULL },
	[REDEPLOY_UNCHANGED] = { EXIT_OK, "berth: " },
	[REDEPLOY_REFUSED] = { EXIT_ERR, "berth: deploy refused: " },
	[REDEPLOY_ROLLED_BACK] = { EXIT_ROLLED_BACK, "berth: deploy failed and was rolled back: " },
	[REDEPLOY_BROKEN] = { EXIT_BROKEN, "berth: deploy failed: " },
};

static int
outcome_exit(const struct redeploy_result *res)
{
	if ((size_t)res->outcome >= sizeof outcome_exits / sizeof outcome_exits[0])
		return EXIT_ERR;
	if (outcome_exits[res->outcome].prefix != NULL)
		err_line(outcome_exits[res->outcome].prefix, res->reason, "");
	return outcome_exits[res->outcome].status;
}

/* The target of `berth rollback`, by --to or the unit's previous success. */
static int
cli_rollback_target(struct dapi_client *c, const struct args *a, const char *engine,
    const char *dir, struct rollback_target *t)
{
	struct rollback_query q = { engine, a->service, a->branch, a->to };
	struct journal_lines l;
	struct journal_error je;
	int rc;

	if (journal_read(dir, &l, &je) != 0) {
		err_line("berth: ", je.text, "");
		return -1;
	}
	warn_bad(&l, dir);
	rc = rollback_target(c, dir, &l, &q, t, &je);
	journal_lines_clear(&l);
	if (rc != 0)
		err_line("berth: ", je.text, "");
	return rc;
}

int
cli_main(int argc, char **argv, char *(*safe_dup)(const char *s, size_t len))
{
	const char *cmd = cli_command(argc, argv);
	struct args a = { .keep = -1 };
	struct endpoint ep = { 0 };
	struct dapi_client *c = NULL;
	struct journal *j = NULL;
	struct journal_error je;
	struct progress_state ps;
	struct redeploy_progress prog = { progress_cb, &ps };
	struct redeploy_result res;
	struct rollback_target rt;
	char dir[4096], err[512];
	int rc = EXIT_ERR;
	bool curl_up = false;

	if (cmd == NULL || !is_cmd(cmd))
		return -1;
	term_safe = safe_dup;
	clock_gettime(CLOCK_MONOTONIC, &ps.t0);
	if (parse(argc, argv, &a) != 0) {
		fprintf(stderr, "usage:\n%s", usage_text);
		return EXIT_USAGE;
	}
	if ((strcmp(a.cmd, "deploy") == 0 || strcmp(a.cmd, "rollback") == 0) &&
	    (a.service == NULL || a.branch == NULL)) {
		fprintf(stderr, "berth: %s needs SERVICE and --branch B\nusage:\n%s", a.cmd, usage_text);
		return EXIT_USAGE;
	}
	if (a.read_only && strcmp(a.cmd, "history") != 0) {
		fprintf(stderr, "berth: --read-only: %s changes containers; refused\n", a.cmd);
		return EXIT_ERR;
	}
	if (journal_dir(a.state_dir, dir, sizeof dir, &je) != 0) {
		err_line("berth: ", je.text, "");
		return EXIT_ERR;
	}
	if (strcmp(a.cmd, "history") == 0) {
		/* the engine's address names the unit; no connection needed */
		if (endpoint_resolve(a.host, &ep, err, sizeof err) != 0) {
			err_line("berth: ", err, "");
			return EXIT_ERR;
		}
		rc = cmd_history(&a, ep.url, dir);
		goto out;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl_up = true;
	if (connect_engine(&a, &ep, &c) != 0)
		goto out;
	if ((j = journal_open(dir, &je)) == NULL) {
		err_line("berth: cannot deploy: ", je.text, "; nothing was changed");
		goto out;
	}
	if (recover(c, j, ep.url, &prog) < 0 && strcmp(a.cmd, "recover") == 0)
		goto out;
	if (strcmp(a.cmd, "recover") == 0) {
		rc = EXIT_OK;
		goto out;
	}
	{
		struct redeploy_opts o = {
			.engine = ep.url, .service = a.service, .branch = a.branch,
			.container = a.name, .from = a.from, .name = a.name, .image = a.image,
			.pull = a.pull, .force = a.force, .strategy = a.strategy,
			.timeout_s = a.timeout_s, .settle_ms = a.settle_ms,
			.lock_wait_ms = a.wait_s * 1000, .via = "cli",
		};
		if (strcmp(a.cmd, "rollback") == 0) {
			if (a.image != NULL || a.pull) {
				fprintf(stderr, "berth: rollback takes --to DEPLOY_ID, not --image/--pull\n");
				rc = EXIT_USAGE;
				goto out;
			}
			if (cli_rollback_target(c, &a, ep.url, dir, &rt) != 0)
				goto out;
			o.image = rt.ref;
			o.rollback_of = rt.of;
			snprintf(err, sizeof err, "rolling %.100s/%.100s back to %.200s (deploy %.40s)",
			    a.service, a.branch, rt.ref, rt.of);
			out_line("", err);	/* ref and id come from the journal and the engine */
		}
		redeploy_run(c, j, &o, &prog, &res);
		rc = outcome_exit(&res);
		/* the deploy stands whatever the prune says */
		if (res.outcome == REDEPLOY_OK && a.keep >= 0 && strcmp(a.cmd, "deploy") == 0 &&
		    pruneout_deploy_keep(c, dir, ep.url, a.service, a.branch, a.keep, term_safe) != 0)
			fprintf(stderr, "berth: the deploy succeeded; pruning its older images did not\n");
	}
out:
	journal_free(j);
	dapi_client_free(c);
	endpoint_clear(&ep);
	if (curl_up)
		curl_global_cleanup();
	return rc;
}
