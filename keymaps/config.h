/* The user's config file: key bindings and a few options, parsed from a buffer. */
#ifndef BERTH_CONFIG_H
#define BERTH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "keymaps/keymap.h"
#include "tui/theme.h"

#define CONFIG_MAX_ERRORS 50
#define CONFIG_DEFAULT_REFRESH_MS 1000
#define CONFIG_DEFAULT_UPDATE_CHECK_MIN 15
#define CONFIG_MAX_ENGINES 16

/* One `engine` line: `engine NAME URL` or `engine context NAME`. */
struct config_engine {
	char *name;		/* display name (the context's for a context) */
	char *url;		/* unix://, tcp://, http://, https://; NULL for a context */
	bool context;		/* resolve with endpoint_from_context(name) */
};

/* One `command PANE KEY NAME [--in-container] [--no-wait] -- ARGV...` line. */
struct config_command {
	char *name;		/* as `:` and the help show it */
	enum keymap_action action;	/* KA_CUSTOM + n, bound to KEY in PANE */
	bool in_container;	/* through the exec API, as `e` does */
	bool no_wait;		/* back to berth without waiting for a key */
	char **argv;		/* the words as written, placeholders unexpanded;
				 * NULL-terminated */
	size_t argc;
};

/*
 * Settings after parsing. Handed to the dashboard as part of its context
 * (never reached into as a global). Strings are owned by the struct.
 */
struct config {
	struct keymap *keys;	/* defaults plus the file's bind/unbind lines */
	int refresh_ms;		/* stats interval for the watcher */
	int update_check_min;	/* newer-image checks: minutes between, 0 = off */
	bool mono;		/* set theme mono (theme.base is THEME_MONO) */
	struct theme theme;	/* set theme, set mouse, color lines */
	struct config_command *commands;	/* in file order */
	size_t ncommands;
	char **protected_branches;	/* default: { "production" } */
	size_t nprotected;
	char *default_sort;	/* a sort key name, NULL = the pane's default */
	bool read_only;
	bool log_colors;	/* set log-colors on|off: SGR styles in the logs pane */
	bool clipboard;		/* set clipboard on|off: OSC 52 copy (y, Y) */
	struct config_engine *engines;	/* engines to watch, in file order */
	size_t nengines;
	char **ssh_options;	/* `set ssh-options "..."`: words for ssh's command
				 * line, NULL-terminated; NULL when not set */
	size_t nssh_options;
	char *path;		/* the file read, NULL if none */
	char **errors;		/* "FILE:LINE: unknown action 'foo'", in order */
	size_t nerrors;
	size_t nerrors_dropped;	/* beyond CONFIG_MAX_ERRORS */
};

/* Defaults, no file. Free with config_clear. Any thread. */
void config_init(struct config *cfg);
void config_clear(struct config *cfg);

/*
 * Apply the config text buf[0..len) (need not be NUL-terminated) on top of
 * cfg. `file` names it in error messages. sort_names is the NULL-terminated
 * list of valid `set default-sort` values. Errors go to cfg->errors; a
 * faulty line changes nothing. Returns the number of errors added. Pure.
 */
size_t config_parse(struct config *cfg, const char *file, const char *buf,
    size_t len, const char *const *sort_names);

/*
 * The file to read: `explicit` if not NULL, else $XDG_CONFIG_HOME/berth/config,
 * else $HOME/.config/berth/config. Writes into buf. Returns buf, or NULL
 * if no path can be formed (no HOME).
 */
const char *config_path(const char *explicit_path, char *buf, size_t bufsz);

/*
 * Read path and parse it into cfg. A missing file is fine (returns 0,
 * nothing added) unless `must_exist` (a --config path). Read errors are
 * added to cfg->errors. Returns the number of errors added. Blocks on the
 * file system; call before starting threads.
 */
size_t config_load(struct config *cfg, const char *path, bool must_exist,
    const char *const *sort_names);

/*
 * Split s into words without a shell: blanks separate words; '...' keeps
 * everything literally; "..." and a backslash outside quotes escape the
 * next character. On success *out is a NULL-terminated array (free with
 * xstrv_free), *n its length, and 0 is returned; on an unterminated
 * quote or more than 64 words, -1 with a message in err. Pure.
 */
int config_split_words(const char *s, char ***out, size_t *n, char *err, size_t errsz);

/*
 * Check words meant for ssh's command line before berth's own options: each
 * is an option (starts with '-', not "--") or the argument of the option
 * before it. Returns 0, or -1 with a message in err. Pure.
 */
int config_ssh_options_check(const char *const *words, size_t n, char *err, size_t errsz);

/* The command bound as action a (KA_CUSTOM + n), or NULL. Pure. */
const struct config_command *config_command_of(const struct config *cfg, enum keymap_action a);

/* Is branch one of cfg's protected branches? (exact match) */
bool config_branch_protected(const struct config *cfg, const char *branch);

#endif
