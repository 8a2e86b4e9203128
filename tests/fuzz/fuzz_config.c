/* sources: keymaps/config.c keymaps/keymap.c keymaps/cmdtmpl.c tui/theme.c xmalloc.c */
/*
 * libFuzzer target: any config text parses without crashing or leaking;
 * every error names the file and a line within the input; the key table
 * stays consistent (every bound key looks up to its row's action); every
 * custom command is found by its name and action, and its arguments
 * expand; every colour of a `color` line maps into any palette.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keymaps/cmdtmpl.h"
#include "keymaps/config.h"
#include "keymaps/keymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const sorts[] = { "problems", "name", "cpu", NULL };

static const char *
value(void *ctx, const char *name)
{
	(void)ctx;
	return name;	/* "{name}" -> "name": a value with braces never rescanned */
}

static void
check_commands(const struct config *cfg)
{
	enum keymap_action a;

	for (size_t i = 0; i < cfg->ncommands; i++) {
		const struct config_command *c = &cfg->commands[i];
		if (!keymap_is_custom(c->action) || config_command_of(cfg, c->action) != c ||
		    keymap_find_action(cfg->keys, c->name, &a) != 0 || a != c->action ||
		    c->argc == 0 || c->argv[c->argc] != NULL)
			abort();
		for (size_t j = 0; j < c->argc; j++)
			free(cmdtmpl_expand(c->argv[j], value, NULL));
	}
	for (int e = 0; e < THEME_NELEMENTS; e++) {
		static const int sizes[] = { 8, 16, 88, 256 };
		for (int k = 0; k < 4 && cfg->theme.el[e].set; k++)
			if (theme_nearest(&cfg->theme.el[e].fg, sizes[k]) >= sizes[k] ||
			    theme_nearest(&cfg->theme.el[e].bg, sizes[k]) >= sizes[k])
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	size_t nlines = 1, n, added;
	const struct keymap_row *rows;
	char buf[32];

	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n')
			nlines++;
	config_init(&cfg);
	added = config_parse(&cfg, "fuzz", (const char *)data, size, sorts);
	if (added != cfg.nerrors + cfg.nerrors_dropped)
		abort();
	for (size_t i = 0; i < cfg.nerrors; i++) {
		char *end;
		unsigned long ln;
		if (strncmp(cfg.errors[i], "fuzz:", 5) != 0)
			abort();
		ln = strtoul(cfg.errors[i] + 5, &end, 10);
		if (ln < 1 || ln > nlines || *end != ':')
			abort();
	}
	if (cfg.refresh_ms < 100 || cfg.refresh_ms > 60000)
		abort();
	rows = keymap_rows(cfg.keys, &n);
	for (size_t i = 0; i < n; i++) {
		int k;
		/* the first row for (pane, key) is the one lookups find */
		bool first = true;
		for (size_t j = 0; j < i; j++)
			if (rows[j].key == rows[i].key && strcmp(rows[j].pane, rows[i].pane) == 0)
				first = false;
		if (first && keymap_lookup(cfg.keys, rows[i].pane, rows[i].key) != rows[i].action)
			abort();
		/* printed key names parse back to the same key */
		keymap_key_name(rows[i].key, buf, sizeof buf);
		if (buf[0] != '#' && (keymap_key_parse(buf, &k) != 0 || k != rows[i].key))
			abort();
	}
	check_commands(&cfg);
	config_clear(&cfg);
	return 0;
}
