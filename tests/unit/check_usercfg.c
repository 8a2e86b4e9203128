/* The mark set, custom command placeholders and `command` lines, themes and `color` lines. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymaps/cmdtmpl.h"
#include "keymaps/config.h"
#include "keymaps/keymap.h"
#include "model/ctable.h"
#include "model/marks.h"
#include "tui/theme.h"
#include "xmalloc.h"

static void
add_row(struct ctable *t, int engine, const char *id)
{
	struct dapi_container c = { 0 };

	snprintf(c.id, sizeof c.id, "%s", id);
	c.name = xstrdup(id);
	c.image = xstrdup("img");
	ctable_apply_container(t, engine, &c);
}

START_TEST(test_marks)
{
	struct marks *m = marks_new();
	struct ctable *t = ctable_new();
	int e;

	ck_assert_uint_eq(marks_count(m), 0);
	ck_assert(marks_toggle(m, 0, "aaa"));
	ck_assert(marks_toggle(m, 1, "aaa"));	/* same id, other engine: another mark */
	marks_add(m, 0, "bbb");
	marks_add(m, 0, "bbb");
	ck_assert_uint_eq(marks_count(m), 3);
	ck_assert(marks_has(m, 1, "aaa"));
	ck_assert(!marks_has(m, 2, "aaa"));
	ck_assert(!marks_toggle(m, 0, "aaa"));
	ck_assert(!marks_has(m, 0, "aaa"));
	ck_assert_str_eq(marks_at(m, 0, &e), "aaa");
	ck_assert_int_eq(e, 1);
	ck_assert_str_eq(marks_at(m, 1, &e), "bbb");
	/* a container that went away loses its mark, the others keep theirs */
	add_row(t, 0, "bbb");
	ck_assert_uint_eq(marks_prune(m, t), 1);
	ck_assert_uint_eq(marks_count(m), 1);
	ck_assert(marks_has(m, 0, "bbb"));
	marks_clear(m);
	ck_assert_uint_eq(marks_count(m), 0);
	marks_free(m);
	marks_free(NULL);
	ctable_free(t);
}
END_TEST

static const char *
lookup(void *ctx, const char *name)
{
	(void)ctx;
	if (strcmp(name, "name") == 0)
		return "web-1";
	if (strcmp(name, "label:note") == 0)
		return "$(touch /tmp/pwned); `id` {name}";
	if (strcmp(name, "id") == 0)
		return "0123456789abcdef";
	return NULL;
}

START_TEST(test_cmdtmpl)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "{name}", "web-1" },
		{ "--container={name}:{id}", "--container=web-1:0123456789abcdef" },
		/* a value is copied, never scanned again or split */
		{ "{label:note}", "$(touch /tmp/pwned); `id` {name}" },
		{ "{branch}", "" },
		{ "{{name}", "{name}" },
		{ "awk '{print $1}'", "awk '{print $1}'" },
		{ "{}", "{}" },
		{ "{", "{" },
		{ "a{label:}b", "a{label:}b" },
	};
	char err[200];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = cmdtmpl_expand(cases[i].in, lookup, NULL);
		ck_assert_msg(strcmp(s, cases[i].out) == 0, "%s -> %s", cases[i].in, s);
		free(s);
	}
	ck_assert_int_eq(cmdtmpl_check("{id}{short-id}{name}{image}{engine}{service}"
	    "{branch}{commit}{port}{label:a.b}", err, sizeof err), 0);
	ck_assert_int_eq(cmdtmpl_check("{nmae}", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown placeholder '{nmae}'"));
	ck_assert_int_eq(cmdtmpl_check("{print $1}", err, sizeof err), 0);
}
END_TEST

static size_t
parse(struct config *cfg, const char *text)
{
	return config_parse(cfg, "t.conf", text, strlen(text), NULL);
}

START_TEST(test_command_lines)
{
	struct config cfg;
	const struct config_command *c;
	enum keymap_action a;
	static const struct { size_t line; const char *text; } errs[] = {
		{ 1, "t.conf:1: command needs PANE KEY NAME" },
		{ 2, "t.conf:2: command: pane 'logs'" },
		{ 3, "t.conf:3: unknown key 'Nope'" },
		{ 4, "t.conf:4: bad command name 'Bad!'" },
		{ 5, "t.conf:5: command: unknown option '--shell'" },
		{ 6, "t.conf:6: command: no ARGV after --" },
		{ 7, "t.conf:7: unknown placeholder '{nmae}'" },
		{ 8, "t.conf:8: command name 'restart'" },
		{ 9, "t.conf:9: command: a quote is not closed" },
	};

	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg, "command containers X show --no-wait -- "
	    "/bin/echo '{name} x' \"a\\\"b\" c\\ d {label:note}\n"
	    "command detail C-t procs --in-container -- top -b\n"), 0);
	ck_assert_uint_eq(cfg.ncommands, 2);
	c = &cfg.commands[0];
	ck_assert_str_eq(c->name, "show");
	ck_assert(c->no_wait && !c->in_container);
	ck_assert_uint_eq(c->argc, 5);
	ck_assert_str_eq(c->argv[0], "/bin/echo");
	ck_assert_str_eq(c->argv[1], "{name} x");
	ck_assert_str_eq(c->argv[2], "a\"b");
	ck_assert_str_eq(c->argv[3], "c d");
	ck_assert_str_eq(c->argv[4], "{label:note}");
	ck_assert_ptr_null(c->argv[5]);
	ck_assert(keymap_is_custom(c->action));
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'X'), c->action);
	ck_assert_ptr_eq(config_command_of(&cfg, c->action), c);
	ck_assert_str_eq(keymap_name_of(cfg.keys, c->action), "show");
	ck_assert_int_eq(keymap_find_action(cfg.keys, "show", &a), 0);
	ck_assert_int_eq(a, c->action);
	ck_assert_int_eq(keymap_find_action(cfg.keys, "restart", &a), 0);
	ck_assert_int_eq(a, KA_RESTART);
	ck_assert(cfg.commands[1].in_container);
	ck_assert(keymap_action_mutates(c->action));
	config_clear(&cfg);

	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg,
	    "command containers X show\n"
	    "command logs X show -- echo\n"
	    "command containers Nope show -- echo\n"
	    "command containers X Bad! -- echo\n"
	    "command containers X show --shell -- echo\n"
	    "command containers X show --\n"
	    "command containers X show -- echo {nmae}\n"
	    "command containers X restart -- echo\n"
	    "command containers X show -- echo 'open\n"), 9);
	ck_assert_uint_eq(cfg.ncommands, 0);
	for (size_t k = 0; k < sizeof errs / sizeof errs[0]; k++)
		ck_assert_msg(strstr(cfg.errors[errs[k].line - 1], errs[k].text) != NULL,
		    "line %zu: %s", errs[k].line, cfg.errors[errs[k].line - 1]);
	config_clear(&cfg);
}
END_TEST

START_TEST(test_themes)
{
	struct config cfg;
	struct theme_color c;
	char err[200];
	struct theme t = { 0 };
	const char *w1[] = { "status", "#ff0000", "default", "bold", "underline" };
	const char *w2[] = { "header", "purple", "default" };
	const char *w3[] = { "nope", "red", "blue" };
	const char *w4[] = { "dim", "256", "blue" };
	const char *w5[] = { "dim", "red", "blue", "sparkly" };

	ck_assert_int_eq(theme_color_line(&t, w1, 5, err, sizeof err), 0);
	ck_assert(t.el[THEME_STATUS].set);
	ck_assert_int_eq(t.el[THEME_STATUS].fg.index, -2);
	ck_assert_uint_eq(t.el[THEME_STATUS].fg.rgb, 0xff0000);
	ck_assert_int_eq(t.el[THEME_STATUS].bg.index, -1);
	ck_assert_uint_eq(t.el[THEME_STATUS].attrs, THEME_A_BOLD | THEME_A_UNDERLINE);
	ck_assert_int_eq(theme_color_line(&t, w2, 3, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "bad colour 'purple'"));
	ck_assert_int_eq(theme_color_line(&t, w3, 3, err, sizeof err), -1);
	ck_assert_int_eq(theme_color_line(&t, w4, 3, err, sizeof err), -1);
	ck_assert_int_eq(theme_color_line(&t, w5, 4, err, sizeof err), -1);
	ck_assert(!t.el[THEME_DIM].set);

	/* the nearest colour the terminal has */
	c = (struct theme_color){ -2, 0xff0000 };
	ck_assert(theme_nearest(&c, 256) == 9 || theme_nearest(&c, 256) == 196);
	ck_assert_int_eq(theme_nearest(&c, 16), 9);
	ck_assert_int_eq(theme_nearest(&c, 8), 1);
	c = (struct theme_color){ -2, 0x000000 };
	ck_assert_int_eq(theme_nearest(&c, 8), 0);
	c = (struct theme_color){ 202, 0 };	/* orange */
	ck_assert_int_eq(theme_nearest(&c, 256), 202);
	ck_assert_int_eq(theme_nearest(&c, 8), 1);
	c = (struct theme_color){ 12, 0 };	/* bright blue on 8 colours: blue */
	ck_assert_int_eq(theme_nearest(&c, 8), 4);
	c = (struct theme_color){ 250, 0 };	/* a light grey */
	ck_assert_int_eq(theme_nearest(&c, 16), 7);
	ck_assert_int_lt(theme_nearest(&c, 88), 88);
	c = (struct theme_color){ -1, 0 };
	ck_assert_int_eq(theme_nearest(&c, 256), -1);
	c = (struct theme_color){ 196, 0 };	/* 256-palette red on 88 colours: the cube's red */
	ck_assert_int_eq(theme_nearest(&c, 88), 9);	/* xterm 9 is #ff0000 too */
	c = (struct theme_color){ 21, 0 };	/* 256-palette blue */
	ck_assert_int_eq(theme_nearest(&c, 88), 16 + 3);

	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg, "set theme light\nset mouse on\n"
	    "color problem bright-red default bold # loud\ncolor marked 3 #000000\n"), 0);
	ck_assert_int_eq(cfg.theme.base, THEME_LIGHT);
	ck_assert(!cfg.mono);
	ck_assert(cfg.theme.mouse);
	ck_assert_int_eq(cfg.theme.el[THEME_PROBLEM].fg.index, 9);
	ck_assert_int_eq(cfg.theme.el[THEME_MARKED].fg.index, 3);
	ck_assert_uint_eq(parse(&cfg, "set theme high-contrast\nset theme mono\n"), 0);
	ck_assert(cfg.mono);
	ck_assert_uint_eq(parse(&cfg, "set theme neon\nset mouse maybe\ncolor header\n"
	    "color header red\n"), 4);
	ck_assert_ptr_nonnull(strstr(cfg.errors[0], "t.conf:1: unknown theme 'neon'"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[2], "t.conf:3: color needs ELEMENT FG BG"));
	ck_assert_str_eq(theme_element_name(THEME_STATUS_BAD), "status-bad");
	ck_assert_ptr_null(theme_element_name(THEME_NELEMENTS));
	config_clear(&cfg);
}
END_TEST

/* The suite, run; the exit status says whether every test passed. */
int
main(void)
{
	const TTest *const tests[] = { test_marks, test_cmdtmpl, test_command_lines, test_themes };
	Suite *s = suite_create("usercfg");
	TCase *tc = tcase_create("core");
	SRunner *sr = srunner_create(s);
	int failed;

	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
