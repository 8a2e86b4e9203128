/* The config file: `bind`, `unbind`, `set` and `engine` lines, parsed from a buffer. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* the char * strerror_r, also in the fuzz build */
#endif
#include "keymaps/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keymaps/cmdtmpl.h"
#include "xmalloc.h"

#define MAX_LINE 1024
#define MAX_WORDS 8
#define MAX_FILE (1u << 20)
#define QUOTE_MAX 40

void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->keys = keymap_new();
	cfg->refresh_ms = CONFIG_DEFAULT_REFRESH_MS;
	cfg->log_colors = true;
	cfg->clipboard = true;
	cfg->update_check_min = CONFIG_DEFAULT_UPDATE_CHECK_MIN;
	cfg->protected_branches = xcalloc(1, sizeof *cfg->protected_branches);
	cfg->protected_branches[0] = xstrdup("production");
	cfg->nprotected = 1;
}

static void
free_branches(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nprotected; i++)
		free(cfg->protected_branches[i]);
	free(cfg->protected_branches);
	cfg->protected_branches = NULL;
	cfg->nprotected = 0;
}

static void
command_free(struct config_command *c)
{
	free(c->name);
	xstrv_free(c->argv);
}

void
config_clear(struct config *cfg)
{
	keymap_free(cfg->keys);
	free_branches(cfg);
	free(cfg->default_sort);
	for (size_t i = 0; i < cfg->ncommands; i++)
		command_free(&cfg->commands[i]);
	free(cfg->commands);
	for (size_t i = 0; i < cfg->nengines; i++) {
		free(cfg->engines[i].name);
		free(cfg->engines[i].url);
	}
	free(cfg->engines);
	xstrv_free(cfg->ssh_options);
	free(cfg->path);
	for (size_t i = 0; i < cfg->nerrors; i++)
		free(cfg->errors[i]);
	free(cfg->errors);
	memset(cfg, 0, sizeof *cfg);
}

static void add_error(struct config *cfg, const char *file, size_t line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add_error(struct config *cfg, const char *file, size_t line, const char *fmt, ...)
{
	char msg[512], full[700];
	va_list ap;

	if (cfg->nerrors >= CONFIG_MAX_ERRORS) {
		cfg->nerrors_dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(full, sizeof full, "%s:%zu: %s", file, line, msg);
	else
		snprintf(full, sizeof full, "%s: %s", file, msg);
	cfg->errors = xreallocarray(cfg->errors, cfg->nerrors + 1, sizeof *cfg->errors);
	cfg->errors[cfg->nerrors++] = xstrdup(full);
}

/* A user word for a message, cut short: a config line can be 1 KiB. */
static const char *
q(const char *w, char *buf, size_t n)
{
	size_t len = strlen(w);

	if (len <= QUOTE_MAX)
		return w;
	snprintf(buf, n, "%.*s...", QUOTE_MAX, w);
	return buf;
}

static bool
parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static void
set_branches(struct config *cfg, const char *v)
{
	const char *p = v;

	free_branches(cfg);
	if (strcmp(v, "none") == 0)
		return;
	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		if (n > 0) {
			cfg->protected_branches = xreallocarray(cfg->protected_branches,
			    cfg->nprotected + 1, sizeof *cfg->protected_branches);
			cfg->protected_branches[cfg->nprotected++] = xstrndup(p, n);
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

#define MAX_SPLIT_WORDS 64

int
config_split_words(const char *s, char ***out, size_t *n, char *err, size_t errsz)
{
	size_t len = strlen(s), nw = 0, j;
	char **words = xcalloc(MAX_SPLIT_WORDS + 1, sizeof *words);
	char *cur = xmalloc(len + 1);
	const char *p = s;

	*out = NULL;
	*n = 0;
	for (;;) {
		bool in_word = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		j = 0;
		while (*p != '\0' && *p != ' ' && *p != '\t') {
			in_word = true;
			if (*p == '\'') {
				const char *end = strchr(p + 1, '\'');
				if (end == NULL)
					goto unterminated;
				memcpy(cur + j, p + 1, (size_t)(end - p - 1));
				j += (size_t)(end - p - 1);
				p = end + 1;
			} else if (*p == '"') {
				for (p++; *p != '"'; p++) {
					if (*p == '\0')
						goto unterminated;
					if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
						p++;
					cur[j++] = *p;
				}
				p++;
			} else {
				if (*p == '\\' && p[1] != '\0')
					p++;
				cur[j++] = *p++;
			}
		}
		if (!in_word)
			continue;
		if (nw == MAX_SPLIT_WORDS) {
			snprintf(err, errsz, "more than %d words", MAX_SPLIT_WORDS);
			goto fail;
		}
		words[nw++] = xstrndup(cur, j);
	}
	free(cur);
	*out = words;
	*n = nw;
	return 0;
unterminated:
	snprintf(err, errsz, "a quote is not closed");
fail:
	free(cur);
	xstrv_free(words);
	return -1;
}

int
config_ssh_options_check(const char *const *words, size_t n, char *err, size_t errsz)
{
	/* ssh(1)'s options that take an argument (OpenSSH 9) */
	static const char with_arg[] = "BbcDEeFIiJLlmOoPpQRSWw";
	char qb[64];

	for (size_t i = 0; i < n; i++) {
		const char *w = words[i];
		if (w[0] != '-' || strcmp(w, "--") == 0 || w[1] == '\0') {
			snprintf(err, errsz, "'%s' is not an ssh option (options start with -)",
			    q(w, qb, sizeof qb));
			return -1;
		}
		/* "-o" then "X=Y", "-i" then a path: the next word belongs to it */
		if (w[2] == '\0' && strchr(with_arg, w[1]) != NULL) {
			if (i + 1 == n) {
				snprintf(err, errsz, "ssh option %s needs an argument", w);
				return -1;
			}
			i++;
		}
	}
	return 0;
}

static void
set_ssh_options(struct config *cfg, const char *file, size_t ln, const char *v)
{
	char **words;
	size_t n;
	char why[200];

	if (config_split_words(v, &words, &n, why, sizeof why) != 0) {
		add_error(cfg, file, ln, "ssh-options: %s", why);
		return;
	}
	if (config_ssh_options_check((const char *const *)words, n, why, sizeof why) != 0) {
		add_error(cfg, file, ln, "ssh-options: %s", why);
		xstrv_free(words);
		return;
	}
	xstrv_free(cfg->ssh_options);
	cfg->ssh_options = words;
	cfg->nssh_options = n;
}

/* v is a whole number in [lo, hi]: true with it in *out. */
static bool
int_in(const char *v, long lo, long hi, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

static void
do_set(struct config *cfg, const char *file, size_t ln, const char *name,
    const char *v, const char *const *sort_names)
{
	char qb[64];

	if (strcmp(name, "refresh-interval") == 0) {
		if (!int_in(v, 100, 60000, &cfg->refresh_ms))
			add_error(cfg, file, ln, "bad value '%s' for refresh-interval "
			    "(milliseconds, 100 to 60000)", q(v, qb, sizeof qb));
	} else if (strcmp(name, "update-check-interval") == 0) {
		if (!int_in(v, 0, 10080, &cfg->update_check_min))
			add_error(cfg, file, ln, "bad value '%s' for update-check-interval "
			    "(minutes, 0 to 10080; 0 turns it off)", q(v, qb, sizeof qb));
	} else if (strcmp(name, "theme") == 0) {
		if (theme_base_parse(v, &cfg->theme.base) == 0)
			cfg->mono = cfg->theme.base == THEME_MONO;
		else
			add_error(cfg, file, ln, "unknown theme '%s' (default, mono, light or "
			    "high-contrast)", q(v, qb, sizeof qb));
	} else if (strcmp(name, "mouse") == 0) {
		if (!parse_bool(v, &cfg->theme.mouse))
			add_error(cfg, file, ln, "bad value '%s' for mouse (on or off)",
			    q(v, qb, sizeof qb));
	} else if (strcmp(name, "protected-branches") == 0) {
		set_branches(cfg, v);
	} else if (strcmp(name, "default-sort") == 0) {
		for (size_t i = 0; sort_names != NULL && sort_names[i] != NULL; i++) {
			if (strcmp(sort_names[i], v) == 0) {
				free(cfg->default_sort);
				cfg->default_sort = xstrdup(v);
				return;
			}
		}
		add_error(cfg, file, ln, "unknown sort key '%s'", q(v, qb, sizeof qb));
	} else if (strcmp(name, "read-only") == 0) {
		if (!parse_bool(v, &cfg->read_only))
			add_error(cfg, file, ln, "bad value '%s' for read-only (true or false)",
			    q(v, qb, sizeof qb));
	} else if (strcmp(name, "ssh-options") == 0) {
		set_ssh_options(cfg, file, ln, v);
	} else if (strcmp(name, "log-colors") == 0 || strcmp(name, "clipboard") == 0) {
		if (!parse_bool(v, name[0] == 'l' ? &cfg->log_colors : &cfg->clipboard))
			add_error(cfg, file, ln, "bad value '%s' for %s (on or off)",
			    q(v, qb, sizeof qb), name);
	} else {
		add_error(cfg, file, ln, "unknown option '%s'", q(name, qb, sizeof qb));
	}
}

static bool
url_scheme_ok(const char *u)
{
	static const char *const schemes[] = { "unix://", "tcp://", "http://", "https://" };

	for (size_t i = 0; i < 4; i++)
		if (strncmp(u, schemes[i], strlen(schemes[i])) == 0 && u[strlen(schemes[i])] != '\0')
			return true;
	return false;
}

/* `engine NAME URL` or `engine context NAME` */
static void
do_engine(struct config *cfg, const char *file, size_t ln, const char *a, const char *b)
{
	bool ctx = strcmp(a, "context") == 0;
	const char *name = ctx ? b : a;
	char qb[64];

	if (strlen(name) > 64 || strpbrk(name, "=:/") != NULL) {
		add_error(cfg, file, ln, "bad engine name '%s' (at most 64 characters, "
		    "no '=', ':' or '/')", q(name, qb, sizeof qb));
		return;
	}
	if (!ctx && !url_scheme_ok(b)) {
		add_error(cfg, file, ln, "bad engine address '%s' (unix://, tcp://, http:// "
		    "or https://)", q(b, qb, sizeof qb));
		return;
	}
	if (cfg->nengines >= CONFIG_MAX_ENGINES) {
		add_error(cfg, file, ln, "more than %d engines", CONFIG_MAX_ENGINES);
		return;
	}
	cfg->engines = xreallocarray(cfg->engines, cfg->nengines + 1, sizeof *cfg->engines);
	cfg->engines[cfg->nengines].name = xstrdup(name);
	cfg->engines[cfg->nengines].url = ctx ? NULL : xstrdup(b);
	cfg->engines[cfg->nengines].context = ctx;
	cfg->nengines++;
}

/* The panes a custom command can run from: they know their container. */
static bool
command_pane_ok(const char *pane)
{
	return strcmp(pane, "containers") == 0 || strcmp(pane, "detail") == 0;
}

static bool
command_name_ok(const char *n)
{
	return n[0] != '\0' && strlen(n) <= 32 &&
	    strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(n);
}

/* `command PANE KEY NAME [--in-container] [--no-wait] -- ARGV...`, words
 * w[1..n) (w[0] is "command"). Returns an error message, or NULL. */
static const char *
do_command(struct config *cfg, char **w, size_t n, char *why, size_t whysz)
{
	struct config_command c = { 0 };
	char qb[64];
	size_t i;
	int key;

	if (n < 5)
		return "command needs PANE KEY NAME [--in-container] [--no-wait] -- ARGV...";
	if (!command_pane_ok(w[1])) {
		snprintf(why, whysz, "command: pane '%s' has no container to run on "
		    "(containers or detail)", q(w[1], qb, sizeof qb));
		return why;
	}
	if (keymap_key_parse(w[2], &key) != 0) {
		snprintf(why, whysz, "unknown key '%s'", q(w[2], qb, sizeof qb));
		return why;
	}
	if (!command_name_ok(w[3])) {
		snprintf(why, whysz, "bad command name '%s' (lower-case letters, digits, "
		    "'-' and '_', at most 32)", q(w[3], qb, sizeof qb));
		return why;
	}
	for (i = 4; i < n && strcmp(w[i], "--") != 0; i++) {
		if (strcmp(w[i], "--in-container") == 0)
			c.in_container = true;
		else if (strcmp(w[i], "--no-wait") == 0)
			c.no_wait = true;
		else {
			snprintf(why, whysz, "command: unknown option '%s' before -- "
			    "(--in-container, --no-wait)", q(w[i], qb, sizeof qb));
			return why;
		}
	}
	if (i + 1 >= n)
		return "command: no ARGV after -- (the program and its arguments)";
	for (size_t j = i + 1; j < n; j++)
		if (cmdtmpl_check(w[j], why, whysz) != 0)
			return why;
	/* the help line: what it runs, as written */
	size_t off = (size_t)snprintf(why, whysz, "run%s:", c.in_container ? " in the container" : "");
	for (size_t j = i + 1; j < n && off < whysz; j++)
		off += (size_t)snprintf(why + off, whysz - off, " %s", w[j]);
	if (keymap_add_custom(cfg->keys, w[1], key, w[3], why, &c.action) != 0) {
		snprintf(why, whysz, "command name '%s' is an action's name",
		    q(w[3], qb, sizeof qb));
		return why;
	}
	c.name = xstrdup(w[3]);
	c.argc = n - i - 1;
	c.argv = xcalloc(c.argc + 1, sizeof *c.argv);
	for (size_t j = 0; j < c.argc; j++)
		c.argv[j] = xstrdup(w[i + 1 + j]);
	for (size_t j = 0; j < cfg->ncommands; j++)
		if (cfg->commands[j].action == c.action) {	/* the same name again */
			command_free(&cfg->commands[j]);
			cfg->commands[j] = c;
			return NULL;
		}
	cfg->commands = xreallocarray(cfg->commands, cfg->ncommands + 1, sizeof *cfg->commands);
	cfg->commands[cfg->ncommands++] = c;
	return NULL;
}

/* The lines whose words split like shell words: `command` and `color`.
 * Returns false for any other line. */
static bool
do_split_line(struct config *cfg, const char *file, size_t ln, const char *s)
{
	size_t skip = strspn(s, " \t"), len = strcspn(s + skip, " \t"), n;
	const char *msg = NULL;
	char **w, why[300];

	if (!(len == 7 && strncmp(s + skip, "command", 7) == 0) &&
	    !(len == 5 && strncmp(s + skip, "color", 5) == 0))
		return false;
	if (config_split_words(s, &w, &n, why, sizeof why) != 0) {
		add_error(cfg, file, ln, "%s: %s", len == 5 ? "color" : "command", why);
		return true;
	}
	/* a trailing comment is fine on a color line (#rrggbb is a colour) */
	for (size_t i = 1; len == 5 && i < n; i++)
		if (w[i][0] == '#' && (i >= 4 || w[i][1] == '\0')) {
			n = i;
			break;
		}
	if (len == 7)
		msg = do_command(cfg, w, n, why, sizeof why);
	else if (theme_color_line(&cfg->theme, (const char *const *)w + 1, n - 1, why,
	    sizeof why) != 0)
		msg = why;
	if (msg != NULL)
		add_error(cfg, file, ln, "%s", msg);
	xstrv_free(w);
	return true;
}

static void
do_line(struct config *cfg, const char *file, size_t ln, char *s,
    const char *const *sort_names)
{
	char *w[MAX_WORDS + 1], full[MAX_LINE + 1];
	size_t nw = 0, want;
	char qb[64], qb2[64];

	snprintf(full, sizeof full, "%s", s);	/* the words below cut s up */

	for (char *p = s; *p != '\0' && nw <= MAX_WORDS;) {
		char *close;
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		/* "a quoted value" or 'one' is one word; a lone quote is a word too */
		if ((*p == '"' || *p == '\'') && (close = strchr(p + 1, *p)) != NULL &&
		    (close[1] == '\0' || close[1] == ' ' || close[1] == '\t')) {
			w[nw++] = p + 1;
			*close = '\0';
			p = close + 1;
			continue;
		}
		w[nw++] = p;
		p += strcspn(p, " \t");
		if (*p != '\0')
			*p++ = '\0';
	}
	if (nw == 0 || w[0][0] == '#')
		return;
	if (do_split_line(cfg, file, ln, full))
		return;
	if (strcmp(w[0], "bind") == 0)
		want = 4;
	else if (strcmp(w[0], "unbind") == 0 || strcmp(w[0], "set") == 0 ||
	    strcmp(w[0], "engine") == 0)
		want = 3;
	else {
		add_error(cfg, file, ln, "unknown command '%s' (bind, unbind, set, engine, "
		    "command or color)",
		    q(w[0], qb, sizeof qb));
		return;
	}
	if (nw < want) {
		add_error(cfg, file, ln, "%s needs %s", w[0],
		    want == 4 ? "PANE KEY ACTION" : w[0][0] == 'u' ? "PANE KEY" :
		    w[0][0] == 'e' ? "NAME URL, or context NAME" : "OPTION VALUE");
		return;
	}
	if (nw > want && w[want][0] != '#') {	/* a trailing comment is fine */
		add_error(cfg, file, ln, "unexpected '%s' after %s's arguments",
		    q(w[want], qb, sizeof qb), w[0]);
		return;
	}
	if (w[0][0] == 's') {
		do_set(cfg, file, ln, w[1], w[2], sort_names);
		return;
	}
	if (w[0][0] == 'e') {
		do_engine(cfg, file, ln, w[1], w[2]);
		return;
	}

	int key;
	enum keymap_action a = KA_NONE;
	if (!keymap_pane_known(w[1])) {
		add_error(cfg, file, ln, "unknown pane '%s'", q(w[1], qb, sizeof qb));
		return;
	}
	if (keymap_key_parse(w[2], &key) != 0) {
		add_error(cfg, file, ln, "unknown key '%s'", q(w[2], qb, sizeof qb));
		return;
	}
	if (want == 3) {
		keymap_unbind(cfg->keys, w[1], key);
		return;
	}
	if (keymap_action_parse(w[3], &a) != 0) {
		add_error(cfg, file, ln, "unknown action '%s'", q(w[3], qb, sizeof qb));
		return;
	}
	if (keymap_bind(cfg->keys, w[1], key, a) != 0)
		add_error(cfg, file, ln, "action '%s' does nothing in pane '%s'",
		    q(w[3], qb, sizeof qb), q(w[1], qb2, sizeof qb2));
}

size_t
config_parse(struct config *cfg, const char *file, const char *buf, size_t len,
    const char *const *sort_names)
{
	size_t before = cfg->nerrors + cfg->nerrors_dropped, off = 0, ln = 0;
	char line[MAX_LINE + 1];

	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;
		const char *start = buf + off;

		off += n + (nl != NULL ? 1 : 0);
		ln++;
		if (n > 0 && start[n - 1] == '\r')
			n--;
		if (n > MAX_LINE) {
			add_error(cfg, file, ln, "line longer than %d bytes", MAX_LINE);
			continue;
		}
		if (memchr(start, '\0', n) != NULL) {
			add_error(cfg, file, ln, "line contains a NUL byte");
			continue;
		}
		memcpy(line, start, n);
		line[n] = '\0';
		do_line(cfg, file, ln, line, sort_names);
	}
	return cfg->nerrors + cfg->nerrors_dropped - before;
}

const char *
config_path(const char *explicit_path, char *buf, size_t bufsz)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (explicit_path != NULL)
		snprintf(buf, bufsz, "%s", explicit_path);
	else if (xdg != NULL && xdg[0] == '/')	/* relative: ignored, per the spec */
		snprintf(buf, bufsz, "%s/berth/config", xdg);
	else if (home != NULL && home[0] != '\0')
		snprintf(buf, bufsz, "%s/.config/berth/config", home);
	else
		return NULL;
	return buf;
}

size_t
config_load(struct config *cfg, const char *path, bool must_exist,
    const char *const *sort_names)
{
	size_t before = cfg->nerrors + cfg->nerrors_dropped, len = 0;
	char *buf = NULL, eb[128];
	struct stat sb;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT || must_exist)
			add_error(cfg, path, 0, "cannot open: %s",
			    strerror_r(errno, eb, sizeof eb));
		goto out;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		add_error(cfg, path, 0, "not a regular file");
		goto out;
	}
	buf = xmalloc(MAX_FILE + 1);
	for (;;) {
		ssize_t r = read(fd, buf + len, MAX_FILE + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			add_error(cfg, path, 0, "cannot read: %s",
			    strerror_r(errno, eb, sizeof eb));
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > MAX_FILE) {
			add_error(cfg, path, 0, "larger than %u bytes", MAX_FILE);
			goto out;
		}
	}
	free(cfg->path);
	cfg->path = xstrdup(path);
	config_parse(cfg, path, buf, len, sort_names);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return cfg->nerrors + cfg->nerrors_dropped - before;
}

const struct config_command *
config_command_of(const struct config *cfg, enum keymap_action a)
{
	for (size_t i = 0; cfg != NULL && i < cfg->ncommands; i++)
		if (cfg->commands[i].action == a)
			return &cfg->commands[i];
	return NULL;
}

bool
config_branch_protected(const struct config *cfg, const char *branch)
{
	if (branch == NULL)
		return false;
	for (size_t i = 0; i < cfg->nprotected; i++)
		if (strcmp(cfg->protected_branches[i], branch) == 0)
			return true;
	return false;
}
