/* Tests for registry credentials (config.json, helper answers, the header) and the pull progress decoder. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dockerapi/pullprog.h"
#include "dockerapi/regauth.h"
#include "tests/unit/fixture.h"

static int
lookup(const char *cfg, const char *ref, struct regauth_lookup *lk)
{
	struct dapi_error err;
	int rc = regauth_config_lookup(cfg, strlen(cfg), ref, lk, &err);

	if (rc != 0)
		ck_assert(err.text[0] != '\0');
	return rc;
}

START_TEST(server_of_ref)
{
	static const char *const want[][3] = {
		{ "127.0.0.1:5000/shop:v2", "127.0.0.1:5000", "127.0.0.1:5000" },
		{ "nexus.example.com/team/shop@sha256:ab", "nexus.example.com", "nexus.example.com" },
		{ "localhost/shop", "localhost", "localhost" },
		/* Docker Hub: no registry part, a user part, or its own names */
		{ "shop:v2", "docker.io", "https://index.docker.io/v1/" },
		{ "team/shop", "docker.io", "https://index.docker.io/v1/" },
		{ "docker.io/library/busybox", "docker.io", "https://index.docker.io/v1/" },
		{ "", "docker.io", "https://index.docker.io/v1/" },
	};
	char host[64], addr[64];

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		regauth_server(want[i][0], host, sizeof host, addr, sizeof addr);
		ck_assert_str_eq(host, want[i][1]);
		ck_assert_str_eq(addr, want[i][2]);
	}
}
END_TEST

START_TEST(auths_entry)
{
	struct regauth_lookup lk;
	/* "Y2k6czNjcmV0OnB3" = base64("ci:s3cret:pw"): the password keeps its colon */
	const char *cfg = "{\"auths\":{\"https://127.0.0.1:5000/v2/\":{\"auth\":\"Y2k6czNjcmV0OnB3\"},"
	    "\"other:1\":{\"auth\":\"eDp5\"}}}";

	ck_assert_int_eq(lookup(cfg, "127.0.0.1:5000/shop:v2", &lk), 0);
	ck_assert_int_eq(lk.src, REGAUTH_INLINE);
	ck_assert_str_eq(lk.cred.username, "ci");
	ck_assert_str_eq(lk.cred.password, "s3cret:pw");
	ck_assert_str_eq(lk.cred.serveraddress, "127.0.0.1:5000");
	/* another registry, and one not in the file */
	ck_assert_int_eq(lookup(cfg, "other:1/x", &lk), 0);
	ck_assert_str_eq(lk.cred.username, "x");
	ck_assert_int_eq(lookup(cfg, "127.0.0.1:5001/shop", &lk), 0);
	ck_assert_int_eq(lk.src, REGAUTH_NONE);
	/* Docker Hub's key */
	ck_assert_int_eq(lookup("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"dTpw\"}}}",
	    "busybox", &lk), 0);
	ck_assert_int_eq(lk.src, REGAUTH_INLINE);
	ck_assert_str_eq(lk.cred.serveraddress, "https://index.docker.io/v1/");
}
END_TEST

START_TEST(identity_token_and_empty)
{
	struct regauth_lookup lk;

	ck_assert_int_eq(lookup("{\"auths\":{\"r.io\":{\"identitytoken\":\"tok\"}}}", "r.io/a", &lk), 0);
	ck_assert_int_eq(lk.src, REGAUTH_INLINE);
	ck_assert_str_eq(lk.cred.identitytoken, "tok");
	/* docker login with a credsStore leaves an empty entry: no credentials here */
	ck_assert_int_eq(lookup("{\"auths\":{\"r.io\":{}}}", "r.io/a", &lk), 0);
	ck_assert_int_eq(lk.src, REGAUTH_NONE);
}
END_TEST

START_TEST(helpers_order)
{
	struct regauth_lookup lk;
	const char *cfg = "{\"auths\":{\"r.io\":{\"auth\":\"dTpw\"}},\"credsStore\":\"desktop\","
	    "\"credHelpers\":{\"r.io\":\"ecr-login\"}}";

	static const char *const want[][3] = {
		/* credHelpers first, then credsStore, then auths */
		{ "r.io/a", "ecr-login", "r.io" },
		{ "q.io/a", "desktop", "q.io" },
	};

	for (size_t i = 0; i < 2; i++) {
		ck_assert_int_eq(lookup(cfg, want[i][0], &lk), 0);
		ck_assert_int_eq(lk.src, REGAUTH_HELPER);
		ck_assert_str_eq(lk.helper, want[i][1]);
		ck_assert_str_eq(lk.cred.serveraddress, want[i][2]);
	}
}
END_TEST

START_TEST(bad_configs)
{
	struct regauth_lookup lk;

	ck_assert_int_eq(lookup("not json", "r.io/a", &lk), -1);
	ck_assert_int_eq(lookup("[1]", "r.io/a", &lk), -1);
	/* "auth" not base64, or without a colon */
	ck_assert_int_eq(lookup("{\"auths\":{\"r.io\":{\"auth\":\"***\"}}}", "r.io/a", &lk), -1);
	ck_assert_int_eq(lookup("{\"auths\":{\"r.io\":{\"auth\":\"dXNlcg==\"}}}", "r.io/a", &lk), -1);
	/* wrong types are ignored, as the CLI would */
	ck_assert_int_eq(lookup("{\"auths\":5,\"credsStore\":7,\"credHelpers\":[]}", "r.io/a", &lk), 0);
	ck_assert_int_eq(lk.src, REGAUTH_NONE);
}
END_TEST

START_TEST(helper_answer)
{
	struct regauth_cred c = { .serveraddress = "r.io" };
	struct dapi_error err;
	const char *pw = "{\"ServerURL\":\"r.io\",\"Username\":\"ci\",\"Secret\":\"pw\"}";
	const char *tok = "{\"ServerURL\":\"r.io\",\"Username\":\"<token>\",\"Secret\":\"T\"}";

	ck_assert_int_eq(regauth_helper_parse(pw, strlen(pw), &c, &err), 0);
	ck_assert_str_eq(c.username, "ci");
	ck_assert_str_eq(c.password, "pw");
	ck_assert_str_eq(c.serveraddress, "r.io");
	ck_assert_int_eq(regauth_helper_parse(tok, strlen(tok), &c, &err), 0);
	ck_assert_str_eq(c.identitytoken, "T");
	ck_assert_str_eq(c.username, "");
	ck_assert_int_eq(regauth_helper_parse("{}", 2, &c, &err), -1);
	ck_assert_int_eq(regauth_helper_parse("credentials not found", 21, &c, &err), -1);
}
END_TEST

/* base64url decode for the test: standard tables with - and _ */
static char *
unb64url(const char *s)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char *out = calloc(1, strlen(s) + 1);
	unsigned acc = 0;
	int bits = 0;
	size_t j = 0;

	for (; *s != '\0' && *s != '='; s++) {
		const char *p = strchr(t, *s);
		ck_assert_ptr_nonnull(p);
		acc = (acc << 6) | (unsigned)(p - t);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[j++] = (char)((acc >> bits) & 0xff);
		}
	}
	return out;
}

START_TEST(encode_header)
{
	struct regauth_cred c = { .username = "ci", .password = "p?>~", .serveraddress = "r.io:5000" };
	char *v = regauth_encode(&c), *js;
	json_t *o;

	ck_assert_ptr_null(strpbrk(v, "+/"));
	ck_assert_int_eq(strlen(v) % 4, 0);
	js = unb64url(v);
	o = json_loads(js, 0, NULL);
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(json_string_value(json_object_get(o, "username")), "ci");
	ck_assert_str_eq(json_string_value(json_object_get(o, "password")), "p?>~");
	ck_assert_str_eq(json_string_value(json_object_get(o, "serveraddress")), "r.io:5000");
	json_decref(o);
	free(js);
	free(v);
	snprintf(c.identitytoken, sizeof c.identitytoken, "T0K");
	v = regauth_encode(&c);
	js = unb64url(v);
	o = json_loads(js, 0, NULL);
	ck_assert_str_eq(json_string_value(json_object_get(o, "identitytoken")), "T0K");
	ck_assert_ptr_null(json_object_get(o, "password"));
	json_decref(o);
	free(js);
	free(v);
}
END_TEST

START_TEST(refusal_message)
{
	struct dapi_error e = { .text = "unauthorized: authentication required" };

	ck_assert(regauth_explain_refusal(&e, "r.io/a", true, "credentials for r.io from /c.json"));
	ck_assert_ptr_nonnull(strstr(e.text, "refused the credentials for r.io from /c.json"));
	ck_assert_ptr_nonnull(strstr(e.text, "docker login r.io"));
	snprintf(e.text, sizeof e.text, "manifest for r.io/a@sha256:4011403f not found");
	ck_assert(!regauth_explain_refusal(&e, "r.io/a", false, "no credentials"));
	ck_assert_str_eq(e.text, "manifest for r.io/a@sha256:4011403f not found");
	snprintf(e.text, sizeof e.text, "Head \"http://r.io/v2/a/manifests/v2\": no basic auth credentials");
	ck_assert(regauth_explain_refusal(&e, "r.io/a", false, "no credentials for r.io in /c.json"));
	ck_assert_ptr_nonnull(strstr(e.text, "wants credentials"));
	ck_assert_ptr_nonnull(strstr(e.text, "no credentials for r.io in /c.json"));
}
END_TEST

/* ---------------------------------------------------------------- pullprog */

static struct pullprog *
feed_file(const char *name, size_t chunk)
{
	size_t len;
	char *buf = fixture(name, &len);
	struct pullprog *p = pullprog_new();

	for (size_t off = 0; off < len; off += chunk)
		pullprog_feed(p, buf + off, len - off < chunk ? len - off : chunk);
	pullprog_finish(p);
	free(buf);
	return p;
}

START_TEST(pull_docker)
{
	struct pullprog_sum s, s7;
	struct pullprog *p = feed_file("pull_docker.jsonl", 4096), *q = feed_file("pull_docker.jsonl", 7);
	char line[128];

	pullprog_summary(p, &s);
	pullprog_summary(q, &s7);
	ck_assert_int_ge(s.layers, 1);
	ck_assert_int_eq(s.done, s.layers);
	ck_assert_ptr_null(s.error);
	ck_assert_ptr_nonnull(s.status);
	ck_assert_ptr_nonnull(strstr(s.status, "Status:"));
	/* split anywhere: the same result */
	ck_assert_int_eq(s7.layers, s.layers);
	ck_assert_int_eq(s7.done, s.done);
	ck_assert(s7.cur == s.cur && s7.total == s.total);
	pullprog_format(&s, line, sizeof line);
	ck_assert_msg(strstr(line, " layers") != NULL, "%s", line);
	pullprog_free(p);
	pullprog_free(q);
}
END_TEST

START_TEST(pull_errors)
{
	struct pullprog_sum s;
	/* Podman says a failed pull in the stream, after its 200 */
	struct pullprog *p = feed_file("pull_podman_missing.jsonl", 4096);

	pullprog_summary(p, &s);
	ck_assert_ptr_nonnull(s.error);
	ck_assert_ptr_nonnull(strstr(s.error, "pinging container registry"));
	pullprog_free(p);
	/* an image already there: no layers, the status line says so */
	p = feed_file("pull_docker_present.jsonl", 5);
	pullprog_summary(p, &s);
	ck_assert_int_eq(s.layers, 0);
	ck_assert_ptr_null(s.error);
	ck_assert_ptr_nonnull(strstr(s.status, "up to date"));
	pullprog_free(p);
}
END_TEST

START_TEST(pull_progress_bytes)
{
	const char *msgs =
	    "{\"status\":\"Pulling from shop\",\"id\":\"v2\"}\n"
	    "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"a\"}\n"
	    "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"b\"}\n"
	    "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1000000,\"total\":4000000},\"id\":\"a\"}\n"
	    "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":300000,\"total\":-5},\"id\":\"b\"}\n"
	    "{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"c\"}\n"
	    "not json\n{\"status\":5}\n[]\n";
	struct pullprog *p = pullprog_new();
	struct pullprog_sum s;
	char line[128];

	ck_assert(pullprog_feed(p, msgs, strlen(msgs)));
	pullprog_summary(p, &s);
	ck_assert_int_eq(s.layers, 3);
	ck_assert_int_eq(s.done, 1);
	ck_assert(s.cur == 1300000 && s.total == 4000000);
	pullprog_format(&s, line, sizeof line);
	ck_assert_str_eq(line, "1/3 layers, 1.3/4.0 MB");
	ck_assert(!pullprog_feed(p, "{\"x\":1}\n", 8));
	pullprog_free(p);
}
END_TEST

static Suite *regauth_suite(void);

/* the suite (at the end) lists every test above */
int
main(void)
{
	SRunner *sr = srunner_create(regauth_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static Suite *
regauth_suite(void)
{
	Suite *s = suite_create("regauth");
	TCase *tc = tcase_create("regauth");

	tcase_add_test(tc, server_of_ref);
	tcase_add_test(tc, auths_entry);
	tcase_add_test(tc, identity_token_and_empty);
	tcase_add_test(tc, helpers_order);
	tcase_add_test(tc, bad_configs);
	tcase_add_test(tc, helper_answer);
	tcase_add_test(tc, encode_header);
	tcase_add_test(tc, refusal_message);
	tcase_add_test(tc, pull_docker);
	tcase_add_test(tc, pull_errors);
	tcase_add_test(tc, pull_progress_bytes);
	suite_add_tcase(s, tc);
	return s;
}
