/* The config parser, key names, bindings, and the events ring. */
#include <check.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keymaps/config.h"
#include "keymaps/keymap.h"
#include "model/evring.h"
#include "xmalloc.h"

static const char *const sorts[] = { "problems", "name", "cpu", "mem", NULL };

static size_t
parse(struct config *cfg, const char *text)
{
	return config_parse(cfg, "test.conf", text, strlen(text), sorts);
}

START_TEST(test_update_check_interval)
{
	struct config cfg;

	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg, "set update-check-interval 0\n"), 0);
	ck_assert_int_eq(cfg.update_check_min, 0);	/* off */
	config_clear(&cfg);
	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg, "set update-check-interval 60\n"
	    "set update-check-interval -1\nset update-check-interval 5m\n"), 2);
	ck_assert_int_eq(cfg.update_check_min, 60);
	ck_assert_ptr_nonnull(strstr(cfg.errors[0], "test.conf:2: bad value '-1' for update-check-interval"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[1], "test.conf:3: bad value '5m'"));
	config_clear(&cfg);
}
END_TEST

START_TEST(test_defaults)
{
	struct config cfg;

	config_init(&cfg);
	ck_assert_int_eq(cfg.refresh_ms, 1000);
	ck_assert_int_eq(cfg.update_check_min, 15);
	ck_assert(!cfg.mono);
	ck_assert(!cfg.read_only);
	ck_assert_ptr_null(cfg.default_sort);
	ck_assert(config_branch_protected(&cfg, "production"));
	ck_assert(!config_branch_protected(&cfg, "integration"));
	ck_assert(!config_branch_protected(&cfg, NULL));
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 's'), KA_START_STOP);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'K'), KA_KILL);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'D'), KA_REMOVE);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'r'), KA_RESTART);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'p'), KA_PAUSE);
	/* global rows reach every pane */
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'j'), KA_DOWN);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "events", KEY_UP), KA_UP);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "help", 's'), KA_NONE);
	config_clear(&cfg);
}
END_TEST

START_TEST(test_options)
{
	struct config cfg;

	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg,
	    "# comment\n"
	    "\n"
	    "   set refresh-interval 2500\r\n"
	    "set theme mono   # trailing comment\n"
	    "set protected-branches release,,production,hotfix\n"
	    "set default-sort cpu\n"
	    "\tset read-only yes\n"), 0);
	ck_assert_int_eq(cfg.refresh_ms, 2500);
	ck_assert(cfg.mono);
	ck_assert(cfg.read_only);
	ck_assert_str_eq(cfg.default_sort, "cpu");
	ck_assert_uint_eq(cfg.nprotected, 3);
	ck_assert(config_branch_protected(&cfg, "release"));
	ck_assert(config_branch_protected(&cfg, "hotfix"));
	ck_assert(!config_branch_protected(&cfg, "prod"));
	ck_assert_uint_eq(parse(&cfg, "set protected-branches none\nset read-only false\n"
	    "set theme default"), 0);
	ck_assert_uint_eq(cfg.nprotected, 0);
	ck_assert(!config_branch_protected(&cfg, "production"));
	ck_assert(!cfg.read_only);
	ck_assert(!cfg.mono);
	/* the logs pane's colours and the clipboard: on unless turned off */
	ck_assert(cfg.log_colors);
	ck_assert(cfg.clipboard);
	ck_assert_uint_eq(parse(&cfg, "set log-colors off\nset clipboard no\n"), 0);
	ck_assert(!cfg.log_colors);
	ck_assert(!cfg.clipboard);
	ck_assert_uint_eq(parse(&cfg, "set log-colors maybe\nset clipboard on\n"), 1);
	ck_assert(!cfg.log_colors);
	ck_assert(cfg.clipboard);
	ck_assert_ptr_nonnull(strstr(cfg.errors[0], "bad value 'maybe' for log-colors (on or off)"));
	config_clear(&cfg);
}
END_TEST

START_TEST(test_errors_have_lines)
{
	struct config cfg;

	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg,
	    "bind containers x restart\n"	/* 1: fine */
	    "bind containers y foo\n"		/* 2 */
	    "bind containers Hyper-x stop\n"	/* 3 */
	    "bind nowhere x stop\n"		/* 4 */
	    "set colour red\n"			/* 5 */
	    "set refresh-interval 10\n"		/* 6 */
	    "set refresh-interval 1s\n"		/* 7 */
	    "set default-sort weight\n"		/* 8 */
	    "set read-only maybe\n"		/* 9 */
	    "frobnicate\n"			/* 10 */
	    "bind containers z\n"		/* 11 */
	    "bind help x restart\n"		/* 12 */
	    "set theme mono extra\n"		/* 13 */
	    "unbind containers\n"), 13);	/* 14 */
	ck_assert_str_eq(cfg.errors[0], "test.conf:2: unknown action 'foo'");
	ck_assert_str_eq(cfg.errors[1], "test.conf:3: unknown key 'Hyper-x'");
	ck_assert_str_eq(cfg.errors[2], "test.conf:4: unknown pane 'nowhere'");
	ck_assert_str_eq(cfg.errors[3], "test.conf:5: unknown option 'colour'");
	ck_assert_ptr_nonnull(strstr(cfg.errors[4], "test.conf:6: bad value '10' for refresh-interval"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[5], "test.conf:7: bad value '1s'"));
	ck_assert_str_eq(cfg.errors[6], "test.conf:8: unknown sort key 'weight'");
	ck_assert_ptr_nonnull(strstr(cfg.errors[7], "test.conf:9: bad value 'maybe' for read-only"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[8], "test.conf:10: unknown command 'frobnicate'"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[9], "test.conf:11: bind needs PANE KEY ACTION"));
	ck_assert_str_eq(cfg.errors[10], "test.conf:12: action 'restart' does nothing in pane 'help'");
	ck_assert_ptr_nonnull(strstr(cfg.errors[11], "test.conf:13: unexpected 'extra'"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[12], "test.conf:14: unbind needs PANE KEY"));
	/* faulty lines left the defaults alone; the good line applied */
	ck_assert_int_eq(cfg.refresh_ms, 1000);
	ck_assert(!cfg.mono);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'x'), KA_RESTART);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'y'), KA_COPY);	/* its default */
	config_clear(&cfg);
}
END_TEST

START_TEST(test_engines)
{
	struct config cfg;

	config_init(&cfg);
	ck_assert_uint_eq(cfg.nengines, 0);
	ck_assert_uint_eq(parse(&cfg,
	    "engine prod tcp://10.0.0.5:2376   # the production host\n"	/* 1 */
	    "engine context staging\n"					/* 2 */
	    "engine local unix:///var/run/docker.sock\n"			/* 3 */
	    "engine a=b unix:///x\n"					/* 4 */
	    "engine bad ftp://x\n"					/* 5 */
	    "engine lonely\n"						/* 6 */
	    "engine x unix://\n"					/* 7 */
	    "engine context\n"), 5);					/* 8 */
	ck_assert_uint_eq(cfg.nengines, 3);
	ck_assert_str_eq(cfg.engines[0].name, "prod");
	ck_assert_str_eq(cfg.engines[0].url, "tcp://10.0.0.5:2376");
	ck_assert(!cfg.engines[0].context);
	ck_assert_str_eq(cfg.engines[1].name, "staging");
	ck_assert_ptr_null(cfg.engines[1].url);
	ck_assert(cfg.engines[1].context);
	ck_assert_str_eq(cfg.engines[2].url, "unix:///var/run/docker.sock");
	ck_assert_ptr_nonnull(strstr(cfg.errors[0], "test.conf:4: bad engine name 'a=b'"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[1], "test.conf:5: bad engine address 'ftp://x'"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[2], "test.conf:6: engine needs NAME URL"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[3], "test.conf:7: bad engine address"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[4], "test.conf:8: engine needs"));
	config_clear(&cfg);

	/* at most CONFIG_MAX_ENGINES; the rest are errors */
	config_init(&cfg);
	for (int i = 0; i < CONFIG_MAX_ENGINES + 2; i++) {
		char line[64];
		snprintf(line, sizeof line, "engine e%d unix:///run/e%d.sock\n", i, i);
		parse(&cfg, line);
	}
	ck_assert_uint_eq(cfg.nengines, CONFIG_MAX_ENGINES);
	ck_assert_uint_eq(cfg.nerrors, 2);
	config_clear(&cfg);
}
END_TEST

START_TEST(test_bind_unbind)
{
	struct config cfg;
	size_t n, before;
	const struct keymap_row *rows;
	bool seen_x = false;

	config_init(&cfg);
	keymap_rows(cfg.keys, &before);
	ck_assert_uint_eq(parse(&cfg,
	    "bind containers x restart\n"
	    "bind containers r kill\n"
	    "unbind containers j\n"
	    "unbind global G\n"
	    "bind global C-x quit\n"
	    "bind containers F5 redraw\n"
	    "bind containers Enter events\n"
	    "bind events PgDn page-down\n"), 0);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'x'), KA_RESTART);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'r'), KA_KILL);
	/* unbinding in a pane hides the global row there only */
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'j'), KA_NONE);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "events", 'j'), KA_DOWN);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "events", 'G'), KA_NONE);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "help", 24), KA_QUIT);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", KEY_F(5)), KA_REDRAW);
	/* Enter arrives as \r, \n or KEY_ENTER */
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", '\r'), KA_EVENTS);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", '\n'), KA_EVENTS);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", KEY_ENTER), KA_EVENTS);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "events", KEY_NPAGE), KA_PAGE_DOWN);
	/* new rows sit with their pane, and carry the action's help text */
	rows = keymap_rows(cfg.keys, &n);
	ck_assert_uint_gt(n, before);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].key == 'x' && strcmp(rows[i].pane, "containers") == 0) {
			seen_x = true;
			ck_assert_str_eq(rows[i - 1].pane, "containers");
			ck_assert_ptr_nonnull(strstr(rows[i].help, "restart"));
		}
	}
	ck_assert(seen_x);
	config_clear(&cfg);
}
END_TEST

START_TEST(test_key_names)
{
	static const char *const names[] = {
		"x", "X", "/", "?", "C-x", "C-l", "Enter", "Esc", "Tab", "Space",
		"Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
		"F1", "F5", "F12", "Backspace", "Delete", NULL
	};
	char buf[32];
	int key;

	for (size_t i = 0; names[i] != NULL; i++) {
		ck_assert_msg(keymap_key_parse(names[i], &key) == 0, "%s", names[i]);
		ck_assert_str_eq(keymap_key_name(key, buf, sizeof buf), names[i]);
	}
	ck_assert_int_eq(keymap_key_parse("esc", &key), 0);
	ck_assert_int_eq(key, KEYMAP_ESC);
	ck_assert_int_eq(keymap_key_parse("C-[", &key), 0);
	ck_assert_int_eq(key, KEYMAP_ESC);
	ck_assert_int_eq(keymap_key_parse("PageDown", &key), 0);
	ck_assert_int_eq(key, KEY_NPAGE);
	ck_assert_int_eq(keymap_key_parse("C-X", &key), 0);
	ck_assert_int_eq(key, 24);
	static const char *const bad[] = {
		"", "xx", "C-", "C-1", "F0", "F13", "F05", "Hyper", "\xc3\xa9", " ", NULL
	};
	for (size_t i = 0; bad[i] != NULL; i++)
		ck_assert_msg(keymap_key_parse(bad[i], &key) != 0, "'%s'", bad[i]);
	enum keymap_action a;
	ck_assert_int_eq(keymap_action_parse("start-stop", &a), 0);
	ck_assert_int_eq(a, KA_START_STOP);
	ck_assert_int_eq(keymap_action_parse("none", &a), -1);
	ck_assert(keymap_action_mutates(KA_REMOVE));
	ck_assert(!keymap_action_mutates(KA_EVENTS));
	ck_assert(!keymap_action_mutates(KA_FILTER));
}
END_TEST

START_TEST(test_odd_input)
{
	struct config cfg;
	char *big = xmalloc(3000);
	static const char nul[] = "set theme mono\nset th\0eme x\nbind containers x kill";

	config_init(&cfg);
	memset(big, 'a', 2999);
	big[2999] = '\0';
	ck_assert_uint_eq(parse(&cfg, big), 1);
	ck_assert_ptr_nonnull(strstr(cfg.errors[0], "test.conf:1: line longer than"));
	/* no final newline, an embedded NUL */
	ck_assert_uint_eq(config_parse(&cfg, "f", nul, sizeof nul - 1, sorts), 1);
	ck_assert_str_eq(cfg.errors[1], "f:2: line contains a NUL byte");
	ck_assert(cfg.mono);
	ck_assert_int_eq(keymap_lookup(cfg.keys, "containers", 'x'), KA_KILL);
	/* long words are cut in messages */
	memset(big, 'b', 900);
	memcpy(big, "bind containers x ", 18);
	big[900] = '\0';
	ck_assert_uint_eq(parse(&cfg, big), 1);
	ck_assert_ptr_nonnull(strstr(cfg.errors[2], "unknown action 'bbbb"));
	ck_assert_uint_lt(strlen(cfg.errors[2]), 120);
	/* the error list is capped */
	for (int i = 0; i < CONFIG_MAX_ERRORS + 5; i++)
		parse(&cfg, "nope\n");
	ck_assert_uint_eq(cfg.nerrors, CONFIG_MAX_ERRORS);
	ck_assert_uint_eq(cfg.nerrors_dropped, 8);
	free(big);
	config_clear(&cfg);
}
END_TEST

START_TEST(test_paths_and_load)
{
	struct config cfg;
	char buf[800], dir[] = "/tmp/check_config.XXXXXX", file[600];
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	ck_assert_ptr_nonnull(config_path(NULL, buf, sizeof buf));
	snprintf(file, sizeof file, "%s/berth/config", dir);
	ck_assert_str_eq(buf, file);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);	/* ignored, per the XDG spec */
	setenv("HOME", "/home/someone", 1);
	ck_assert_str_eq(config_path(NULL, buf, sizeof buf), "/home/someone/.config/berth/config");
	ck_assert_str_eq(config_path("/x/y", buf, sizeof buf), "/x/y");

	config_init(&cfg);
	snprintf(file, sizeof file, "%s/missing", dir);
	ck_assert_uint_eq(config_load(&cfg, file, false, sorts), 0);	/* absent: fine */
	ck_assert_uint_eq(config_load(&cfg, file, true, sorts), 1);	/* --config: not */
	ck_assert_ptr_nonnull(strstr(cfg.errors[0], "cannot open"));
	snprintf(file, sizeof file, "%s/conf", dir);
	f = fopen(file, "w");
	ck_assert_ptr_nonnull(f);
	fputs("set theme mono\n\nbind containers x nothing\n", f);
	fclose(f);
	ck_assert_uint_eq(config_load(&cfg, file, true, sorts), 1);
	snprintf(buf, sizeof buf, "%s:3: unknown action 'nothing'", file);
	ck_assert_str_eq(cfg.errors[1], buf);
	ck_assert_str_eq(cfg.path, file);
	ck_assert(cfg.mono);
	ck_assert_uint_eq(config_load(&cfg, dir, true, sorts), 1);	/* a directory */
	config_clear(&cfg);
	unlink(file);
	rmdir(dir);
}
END_TEST

static void
push(struct evring *r, int i)
{
	struct dapi_event e = { 0 };
	char name[32];

	snprintf(name, sizeof name, "c%d", i);
	e.type = xstrdup("container");
	e.action = xstrdup("start");
	e.name = xstrdup(name);
	e.time_nano = i;
	evring_push(r, &e);
	ck_assert_ptr_null(e.name);	/* taken */
}

START_TEST(test_evring)
{
	struct evring *r = evring_new(3);

	ck_assert_uint_eq(evring_count(r), 0);
	ck_assert_ptr_null(evring_at(r, 0));
	push(r, 1);
	push(r, 2);
	ck_assert_uint_eq(evring_count(r), 2);
	ck_assert_str_eq(evring_at(r, 0)->name, "c1");
	for (int i = 3; i <= 7; i++)
		push(r, i);
	ck_assert_uint_eq(evring_count(r), 3);
	ck_assert_uint_eq(evring_total(r), 7);
	ck_assert_str_eq(evring_at(r, 0)->name, "c5");
	ck_assert_str_eq(evring_at(r, 2)->name, "c7");
	ck_assert_ptr_null(evring_at(r, 3));
	evring_free(r);
	r = evring_new(0);
	for (int i = 0; i < EVRING_DEFAULT_CAP + 10; i++)
		push(r, i);
	ck_assert_uint_eq(evring_count(r), EVRING_DEFAULT_CAP);
	ck_assert_int_eq(evring_at(r, 0)->time_nano, 10);
	evring_free(r);
}
END_TEST

START_TEST(test_split_words)
{
	char **w, err[128];
	size_t n;

	ck_assert_int_eq(config_split_words("  -o  A=1\t-i '/a b/key' \"x\\\"y\" c\\ d ''", &w, &n,
	    err, sizeof err), 0);
	ck_assert_uint_eq(n, 7);
	ck_assert_str_eq(w[0], "-o");
	ck_assert_str_eq(w[1], "A=1");
	ck_assert_str_eq(w[2], "-i");
	ck_assert_str_eq(w[3], "/a b/key");
	ck_assert_str_eq(w[4], "x\"y");
	ck_assert_str_eq(w[5], "c d");
	ck_assert_str_eq(w[6], "");
	ck_assert_ptr_null(w[7]);
	xstrv_free(w);
	ck_assert_int_eq(config_split_words("", &w, &n, err, sizeof err), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(w[0]);
	xstrv_free(w);
	/* no shell: $(...), ;, | and backquotes are plain characters */
	ck_assert_int_eq(config_split_words("$(reboot);|`x`", &w, &n, err, sizeof err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0], "$(reboot);|`x`");
	xstrv_free(w);
	ck_assert_int_eq(config_split_words("-i 'open", &w, &n, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "quote"));
	ck_assert_int_eq(config_split_words("\"open\\\"", &w, &n, err, sizeof err), -1);
	ck_assert_int_eq(config_split_words("trailing\\", &w, &n, err, sizeof err), 0);
	ck_assert_str_eq(w[0], "trailing\\");
	xstrv_free(w);
}
END_TEST

START_TEST(test_ssh_options)
{
	struct config cfg;
	char err[128];
	const char *ok[] = { "-o", "StrictHostKeyChecking=accept-new", "-i", "/k", "-4", "-p2222", NULL };
	const char *host[] = { "evil.example", NULL };
	const char *dashdash[] = { "--", NULL };
	const char *noarg[] = { "-o", NULL };

	ck_assert_int_eq(config_ssh_options_check(ok, 6, err, sizeof err), 0);
	ck_assert_int_eq(config_ssh_options_check(host, 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "not an ssh option"));
	ck_assert_int_eq(config_ssh_options_check(dashdash, 1, err, sizeof err), -1);
	ck_assert_int_eq(config_ssh_options_check(noarg, 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "needs an argument"));

	config_init(&cfg);
	ck_assert_ptr_null(cfg.ssh_options);
	ck_assert_uint_eq(parse(&cfg, "set ssh-options \"-o StrictHostKeyChecking=accept-new "
	    "-i '/home/me/my key'\"  # comment\n"), 0);
	ck_assert_uint_eq(cfg.nssh_options, 4);
	ck_assert_str_eq(cfg.ssh_options[1], "StrictHostKeyChecking=accept-new");
	ck_assert_str_eq(cfg.ssh_options[3], "/home/me/my key");
	ck_assert_ptr_null(cfg.ssh_options[4]);
	/* a faulty line changes nothing */
	ck_assert_uint_eq(parse(&cfg, "set ssh-options \"-i 'open\"\n"
	    "set ssh-options \"host -p 22\"\n"
	    "set ssh-options -o\n"), 3);
	ck_assert_uint_eq(cfg.nssh_options, 4);
	ck_assert_ptr_nonnull(strstr(cfg.errors[0], "test.conf:1: ssh-options: a quote"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[1], "test.conf:2: ssh-options: 'host'"));
	ck_assert_ptr_nonnull(strstr(cfg.errors[2], "needs an argument"));
	/* a single word needs no quotes; an empty value clears */
	ck_assert_uint_eq(parse(&cfg, "set ssh-options -4\n"), 0);
	ck_assert_uint_eq(cfg.nssh_options, 1);
	ck_assert_uint_eq(parse(&cfg, "set ssh-options \"\"\n"), 0);
	ck_assert_uint_eq(cfg.nssh_options, 0);
	/* quotes on other lines: a lone quote is still a key */
	ck_assert_uint_eq(parse(&cfg, "set theme \"mono\"\n"), 0);
	ck_assert(cfg.mono);
	config_clear(&cfg);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_update_check_interval);
	tcase_add_test(tc, test_options);
	tcase_add_test(tc, test_errors_have_lines);
	tcase_add_test(tc, test_engines);
	tcase_add_test(tc, test_bind_unbind);
	tcase_add_test(tc, test_key_names);
	tcase_add_test(tc, test_odd_input);
	tcase_add_test(tc, test_paths_and_load);
	tcase_add_test(tc, test_evring);
	tcase_add_test(tc, test_split_words);
	tcase_add_test(tc, test_ssh_options);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
