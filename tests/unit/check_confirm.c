/* The confirmation policy (views/confirm.c): y/n, typed names on protected branches, read-only, several targets. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymaps/config.h"
#include "tui/prompt.h"
#include "views/app.h"
#include "views/confirm.h"

static const char *const sorts[] = { "problems", "name", NULL };
static int ncalls;
static bool last_yes;

static void
done(struct app *app, void *arg, bool yes)
{
	(void)app;
	ck_assert_ptr_eq(arg, &ncalls);
	ncalls++;
	last_yes = yes;
}

static size_t
parse(struct config *cfg, const char *text)
{
	return config_parse(cfg, "test.conf", text, strlen(text), sorts);
}

/* Answer the open prompt as app.c does: keys in, then its callback. */
static void
answer(struct app *app, const char *keys)
{
	struct prompt *p = app->prompt;
	enum prompt_result res = PROMPT_OPEN;

	ck_assert_ptr_nonnull(p);
	for (const char *k = keys; *k != '\0' && res == PROMPT_OPEN; k++)
		res = prompt_key(p, (unsigned char)*k, false);
	if (res == PROMPT_OPEN)
		res = prompt_key(p, '\r', false);
	app->prompt = NULL;
	app->prompt_done(app, app->prompt_arg, res, prompt_text(p));
	prompt_free(p);
}

/* confirm_ask on targets, answered with keys; returns done's answer. */
static bool
ask(struct app *app, const struct confirm_target *t, size_t n, const char *keys)
{
	ncalls = 0;
	app->message[0] = '\0';
	confirm_ask(app, "stop", "Stop it?", t, n, done, &ncalls);
	if (app->prompt != NULL)
		answer(app, keys);
	ck_assert_int_eq(ncalls, 1);
	return last_yes;
}

static const struct confirm_target stage = { "shop-stage", "shop", "stage" };
static const struct confirm_target prod = { "shop-prod", "shop", "production" };
static const struct confirm_target dev = { "web-dev", "web", "dev" };
static const struct confirm_target api = { "api-stage", "api", "stage" };

START_TEST(test_defaults_without_config)
{
	struct app app = { 0 };

	ck_assert(confirm_protected(&app, "production"));
	ck_assert(!confirm_protected(&app, "stage"));
	ck_assert(!confirm_protected(&app, NULL));
	ck_assert(ask(&app, &dev, 1, "y"));
	ck_assert(!ask(&app, &dev, 1, "n"));
	ck_assert_ptr_nonnull(strstr(app.message, "stop web-dev: cancelled"));
	/* production: y is not the name */
	ck_assert(!ask(&app, &prod, 1, "y"));
	ck_assert_ptr_nonnull(strstr(app.message, "did not match"));
	ck_assert(ask(&app, &prod, 1, "shop"));
}
END_TEST

START_TEST(test_config_branches)
{
	struct app app = { 0 };
	struct config cfg;

	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg, "set protected-branches \"stage\"\n"), 0);
	app.opts.cfg = &cfg;
	ck_assert(confirm_protected(&app, "stage"));
	ck_assert(!confirm_protected(&app, "production"));
	ck_assert(!ask(&app, &stage, 1, "y"));
	ck_assert(ask(&app, &stage, 1, "shop"));
	ck_assert(ask(&app, &prod, 1, "y"));
	config_clear(&cfg);
}
END_TEST

START_TEST(test_read_only)
{
	struct app app = { 0 };

	app.opts.read_only = true;
	ck_assert(!ask(&app, &dev, 1, "y"));
	ck_assert_ptr_null(app.prompt);
	ck_assert_str_eq(app.message, "read-only: stop is disabled");
}
END_TEST

START_TEST(test_several_targets)
{
	struct app app = { 0 };
	struct config cfg;
	struct confirm_target t[3] = { stage, api, dev };
	struct confirm_target same[2] = { stage, stage };

	config_init(&cfg);
	ck_assert_uint_eq(parse(&cfg, "set protected-branches stage"), 0);
	app.opts.cfg = &cfg;
	/* every protected service's name, once each, in order */
	ck_assert(!ask(&app, t, 3, "shop"));
	ck_assert(ask(&app, t, 3, "shop api"));
	ck_assert(ask(&app, same, 2, "shop"));
	ck_assert(ask(&app, &t[2], 1, "y"));
	ck_assert(!ask(&app, t, 3, "\033"));
	ck_assert_ptr_nonnull(strstr(app.message, "stop 3 targets: cancelled"));
	/* nothing selected: refused, done still runs once */
	ck_assert(!ask(&app, t, 0, "y"));
	config_clear(&cfg);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("confirm");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_defaults_without_config);
	tcase_add_test(tc, test_config_branches);
	tcase_add_test(tc, test_read_only);
	tcase_add_test(tc, test_several_targets);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
