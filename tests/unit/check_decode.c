/* Decoder and record tests against fixtures recorded from a real engine. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerapi/decode.h"
#include "dockerapi/records.h"
#include "tests/unit/fixture.h"

/* Ids of tests/data, as recorded by tests/data/record.sh. */
#define ID_SHOP		"32884ccb369a2caf70a6f5e6cf1fe8670d29a8a89e2493ba0a3677cfd300f68b"
#define ID_KILLED	"bd96a99803e2a541e562987688d1db871893db24b4c83c8f0100d86e0f96f754"
#define ID_SICK		"db4b7dd9bc56f20422c4ec9274de831ab99d3b25d051d6e1515470d459498ecd"
#define ID_FLAPPY	"3bbd8843a240f0cbf3186a00cd21694bb4e7df97629441b138f05c8d033d514f"
#define ID_CRASHED	"379ade53039567f31b5bb38ca10976a3663eddd8ff62e4bd7b1b0165fecc02e4"
#define ID_RENAMED	"bece7ee3b1adbc8188adff016439b89bd0f1925f1e58df1e617de5e820dde330"
#define IMAGE_ID	"sha256:8ed343aabce7160f5f156fcc268fc08a2a2d8e3b4fe61fb621f818400c710719"
#define SHOP_CMD	"sh -c 'busybox dd if=/dev/zero of=/cache bs=64k count=64 " \
	"2>/dev/null; busybox dd if=/dev/zero of=/f bs=64k count=64 " \
	"oflag=direct 2>/dev/null; busybox dd if=/f of=/dev/null bs=64k " \
	"iflag=direct 2>/dev/null; yes >/dev/null & exec sleep 100000'"

static int
list_fixture(const char *name, struct dapi_container **arr, size_t *n)
{
	struct decode_error err = { "" };
	size_t len;
	char *buf = fixture(name, &len);
	int rc = decode_container_list(buf, len, arr, n, &err);

	free(buf);
	return rc;
}

static int
inspect_fixture(const char *name, struct dapi_container *c,
    struct decode_error *err)
{
	size_t len;
	char *buf = fixture(name, &len);
	int rc;

	memset(c, 0, sizeof *c);
	rc = decode_container_inspect(buf, len, c, err);
	free(buf);
	return rc;
}

static int
stats_fixture(const char *name, struct dapi_stats *st,
    struct decode_error *err)
{
	size_t len;
	char *buf = fixture(name, &len);
	int rc = decode_stats(buf, len, st, err);

	free(buf);
	return rc;
}

static const struct dapi_container *
by_name(const struct dapi_container *arr, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (arr[i].name != NULL && strcmp(arr[i].name, name) == 0)
			return &arr[i];
	}
	ck_abort_msg("no container named %s", name);
	return NULL;
}

static void
assert_port(const struct dapi_port *p, const char *ip, unsigned priv,
    unsigned pub, const char *proto)
{
	if (ip == NULL)
		ck_assert_ptr_null(p->ip);
	else {
		ck_assert_ptr_nonnull(p->ip);
		ck_assert_str_eq(p->ip, ip);
	}
	ck_assert_uint_eq(p->private_port, priv);
	ck_assert_uint_eq(p->public_port, pub);
	ck_assert_str_eq(p->proto, proto);
}

static void
assert_zeroed(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		ck_assert_uint_eq(b[i], 0);
}

/* ---- container list ---- */

START_TEST(list_recorded)
{
	struct dapi_container *arr;
	const struct dapi_container *c;
	size_t n;

	ck_assert_int_eq(list_fixture("containers_list.json", &arr, &n), 0);
	ck_assert_uint_eq(n, 11);
	/* engine order: newest first */
	ck_assert_str_eq(arr[0].name, "renamed");
	ck_assert_str_eq(arr[0].id, ID_RENAMED);
	ck_assert_str_eq(arr[10].name, "shop-production");

	c = &arr[10];
	ck_assert_str_eq(c->id, ID_SHOP);
	ck_assert_str_eq(c->image, "bb:latest");
	ck_assert_str_eq(c->image_id, IMAGE_ID);
	ck_assert_str_eq(c->command, SHOP_CMD);
	ck_assert_int_eq(c->created, 1795895686);
	ck_assert_int_eq(c->state, DAPI_ST_RUNNING);
	ck_assert_int_eq(c->health, DAPI_HEALTH_NONE);
	ck_assert(!c->inspected);
	ck_assert_uint_eq(c->nlabels, 5);
	ck_assert_str_eq(records_label(c, "berth.service"), "shop");
	ck_assert_str_eq(records_label(c, "berth.branch"), "production");
	ck_assert_str_eq(records_label(c, "berth.commit"), "abc1234");
	ck_assert_str_eq(records_label(c, "berth.build"), "42");
	ck_assert_str_eq(records_label(c, "note"), "hello w\xc3\xb6rld");
	ck_assert_ptr_null(records_label(c, "berth.missing"));
	ck_assert_uint_eq(c->nports, 0);
	ck_assert_ptr_null(c->ports);
	decode_container_array_free(arr, n);
}
END_TEST

/* state, health and exit code of each recorded container */
static void
check_states(const struct dapi_container *arr, size_t n)
{
	static const struct {
		const char *name;
		enum dapi_state state;
		enum dapi_health health;
		int exit_code;
	} want[] = {
		{ "renamed", DAPI_ST_EXITED, DAPI_HEALTH_NONE, 0 },
		{ "fresh", DAPI_ST_CREATED, DAPI_HEALTH_NONE, 0 },
		{ "hostnet", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, 0 },
		{ "flappy", DAPI_ST_RESTARTING, DAPI_HEALTH_NONE, 1 },
		{ "frozen", DAPI_ST_PAUSED, DAPI_HEALTH_NONE, 0 },
		{ "booting", DAPI_ST_RUNNING, DAPI_HEALTH_STARTING, 0 },
		{ "fine", DAPI_ST_RUNNING, DAPI_HEALTH_HEALTHY, 0 },
		{ "sick", DAPI_ST_RUNNING, DAPI_HEALTH_UNHEALTHY, 0 },
		{ "killed", DAPI_ST_EXITED, DAPI_HEALTH_NONE, 137 },
		{ "crashed", DAPI_ST_EXITED, DAPI_HEALTH_NONE, 3 },
		{ "shop-production", DAPI_ST_RUNNING, DAPI_HEALTH_NONE, 0 },
	};
	const struct dapi_container *c;
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		c = by_name(arr, n, want[i].name);
		ck_assert_msg(c->state == want[i].state,
		    "%s: state %s, want %s", want[i].name,
		    records_state_name(c->state),
		    records_state_name(want[i].state));
		ck_assert_msg(c->health == want[i].health,
		    "%s: health %s, want %s", want[i].name,
		    records_health_name(c->health),
		    records_health_name(want[i].health));
		ck_assert_int_eq(c->exit_code, want[i].exit_code);
		ck_assert_uint_eq(strlen(c->id), 64);
		ck_assert_str_eq(c->image_id, IMAGE_ID);
	}
}

START_TEST(list_states)
{
	struct dapi_container *arr;
	size_t n;

	ck_assert_int_eq(list_fixture("containers_list.json", &arr, &n), 0);
	check_states(arr, n);
	ck_assert_str_eq(by_name(arr, n, "crashed")->id, ID_CRASHED);
	ck_assert_str_eq(by_name(arr, n, "crashed")->command, "sh -c 'exit 3'");
	ck_assert_str_eq(by_name(arr, n, "fresh")->command, "true");
	decode_container_array_free(arr, n);
}
END_TEST

/* API < 1.25 has no State: it comes from the Status text alone */
START_TEST(list_old_api_state_from_status)
{
	struct dapi_container *arr;
	size_t n;

	ck_assert_int_eq(list_fixture("containers_list_oldapi.json", &arr,
	    &n), 0);
	ck_assert_uint_eq(n, 11);
	check_states(arr, n);
	decode_container_array_free(arr, n);
}
END_TEST

START_TEST(list_ports)
{
	struct dapi_container *arr;
	size_t n;

	ck_assert_int_eq(list_fixture("containers_list_ports.json", &arr, &n),
	    0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(arr[0].nports, 4);
	assert_port(&arr[0].ports[0], "0.0.0.0", 80, 8080, "tcp");
	assert_port(&arr[0].ports[1], "::", 80, 8080, "tcp");
	assert_port(&arr[0].ports[2], NULL, 443, 0, "tcp");
	assert_port(&arr[0].ports[3], "127.0.0.1", 53, 5353, "udp");
	/* a link alias first in Names is passed over */
	ck_assert_str_eq(arr[1].name, "hostnet");
	ck_assert_uint_eq(arr[1].nports, 1);
	assert_port(&arr[1].ports[0], NULL, 9000, 0, "tcp");
	decode_container_array_free(arr, n);
}
END_TEST

START_TEST(list_wrong_types)
{
	struct dapi_container *arr;
	const struct dapi_container *c;
	size_t n;

	ck_assert_int_eq(list_fixture("containers_list_wrong_types.json",
	    &arr, &n), 0);
	/* entries without a usable Id, and non-objects, are skipped */
	ck_assert_uint_eq(n, 4);

	ck_assert_str_eq(arr[0].name, "ok");
	ck_assert_int_eq(arr[0].state, DAPI_ST_RUNNING);

	c = &arr[1];
	ck_assert_str_eq(c->id, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	ck_assert_ptr_null(c->name);
	ck_assert_ptr_null(c->image);
	ck_assert_ptr_null(c->image_id);
	ck_assert_ptr_null(c->command);
	ck_assert_int_eq(c->created, 0);
	ck_assert_int_eq(c->state, DAPI_ST_UNKNOWN);
	ck_assert_uint_eq(c->nlabels, 0);
	ck_assert_uint_eq(c->nports, 0);

	c = &arr[2];
	ck_assert_str_eq(c->name, "third");
	ck_assert_int_eq(c->created, 0);
	ck_assert_int_eq(c->state, DAPI_ST_EXITED);
	ck_assert_int_eq(c->exit_code, 0);
	ck_assert_uint_eq(c->nlabels, 2);
	ck_assert_str_eq(records_label(c, "a"), "1");
	ck_assert_ptr_null(records_label(c, "b"));
	/* a string with an embedded NUL is cut there */
	ck_assert_str_eq(records_label(c, "nul"), "x");
	ck_assert_uint_eq(c->nports, 1);
	assert_port(&c->ports[0], NULL, 22, 0, "averyve");

	c = &arr[3];
	ck_assert_ptr_null(c->name);
	ck_assert_int_eq(c->state, DAPI_ST_PAUSED);
	decode_container_array_free(arr, n);
}
END_TEST

START_TEST(list_errors)
{
	static const char *const bad[] = {
		"containers_list_truncated.json", "not_json.txt", "empty.json",
		"inspect_running.json",
	};
	struct dapi_container *arr = (struct dapi_container *)&arr;
	struct decode_error err;
	size_t i, len, n = 99;
	char *buf;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		buf = fixture(bad[i], &len);
		err.text[0] = '\0';
		ck_assert_int_eq(decode_container_list(buf, len, &arr, &n,
		    &err), -1);
		ck_assert_ptr_null(arr);
		ck_assert_uint_eq(n, 0);
		ck_assert_msg(strncmp(err.text, "container list: ", 16) == 0,
		    "%s: error text '%s'", bad[i], err.text);
		free(buf);
	}
	ck_assert_int_eq(decode_container_list("[1,2", 4, &arr, &n, NULL), -1);
	ck_assert_int_eq(decode_container_list("[]", 2, &arr, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	decode_container_array_free(arr, n);
	decode_container_array_free(NULL, 0);
}
END_TEST

/* ---- inspect ---- */

START_TEST(inspect_running)
{
	struct dapi_container c;
	struct decode_error err;

	ck_assert_int_eq(inspect_fixture("inspect_running.json", &c, &err), 0);
	ck_assert(c.inspected);
	ck_assert_str_eq(c.id, ID_SHOP);
	ck_assert_str_eq(c.name, "shop-production");
	ck_assert_str_eq(c.image, "bb:latest");
	ck_assert_str_eq(c.image_id, IMAGE_ID);
	/* same text as the list's Command */
	ck_assert_str_eq(c.command, SHOP_CMD);
	ck_assert_int_eq(c.created, 1795895686);
	ck_assert_int_eq(c.state, DAPI_ST_RUNNING);
	ck_assert_int_eq(c.health, DAPI_HEALTH_NONE);
	ck_assert_int_eq(c.exit_code, 0);
	ck_assert_int_eq(c.pid, 18040);
	ck_assert_int_eq(c.started_at, 1795895686);
	ck_assert_int_eq(c.finished_at, 0);
	ck_assert_int_eq(c.restart_count, 0);
	ck_assert_uint_eq(c.nlabels, 5);
	ck_assert_str_eq(records_label(&c, "berth.service"), "shop");
	ck_assert_str_eq(records_label(&c, "berth.build"), "42");
	ck_assert_uint_eq(c.nports, 0);
	records_container_clear(&c);
	assert_zeroed(&c, sizeof c);
}
END_TEST

START_TEST(inspect_exited)
{
	struct dapi_container c;
	struct decode_error err;

	ck_assert_int_eq(inspect_fixture("inspect_exited.json", &c, &err), 0);
	ck_assert_str_eq(c.id, ID_KILLED);
	ck_assert_str_eq(c.name, "killed");
	ck_assert_str_eq(c.command, "sleep 100000");
	ck_assert_int_eq(c.state, DAPI_ST_EXITED);
	ck_assert_int_eq(c.exit_code, 137);
	ck_assert_int_eq(c.pid, 0);
	ck_assert_int_eq(c.started_at, 1795895687);
	ck_assert_int_eq(c.finished_at, 1795895691);
	ck_assert_uint_eq(c.nlabels, 0);
	records_container_clear(&c);

	/* without State.Status: derived from Running/StartedAt */
	ck_assert_int_eq(inspect_fixture("inspect_nostatus.json", &c, &err), 0);
	ck_assert_int_eq(c.state, DAPI_ST_EXITED);
	ck_assert_int_eq(c.exit_code, 137);
	records_container_clear(&c);
}
END_TEST

START_TEST(inspect_health)
{
	struct dapi_container c;
	struct decode_error err;

	ck_assert_int_eq(inspect_fixture("inspect_unhealthy.json", &c, &err),
	    0);
	ck_assert_str_eq(c.id, ID_SICK);
	ck_assert_str_eq(c.name, "sick");
	ck_assert_int_eq(c.state, DAPI_ST_RUNNING);
	ck_assert_int_eq(c.health, DAPI_HEALTH_UNHEALTHY);
	ck_assert_int_eq(c.pid, 18409);
	records_container_clear(&c);

	ck_assert_int_eq(inspect_fixture("inspect_healthy.json", &c, &err), 0);
	ck_assert_str_eq(c.name, "fine");
	ck_assert_int_eq(c.health, DAPI_HEALTH_HEALTHY);
	records_container_clear(&c);

	ck_assert_int_eq(inspect_fixture("inspect_starting.json", &c, &err), 0);
	ck_assert_str_eq(c.name, "booting");
	ck_assert_int_eq(c.health, DAPI_HEALTH_STARTING);
	records_container_clear(&c);
}
END_TEST

START_TEST(inspect_other_states)
{
	struct dapi_container c;
	struct decode_error err;

	ck_assert_int_eq(inspect_fixture("inspect_restarting.json", &c, &err),
	    0);
	ck_assert_str_eq(c.id, ID_FLAPPY);
	ck_assert_int_eq(c.state, DAPI_ST_RESTARTING);
	ck_assert_int_eq(c.restart_count, 4);
	ck_assert_int_eq(c.exit_code, 1);
	ck_assert_str_eq(c.command, "sh -c 'exit 1'");
	/* "2026-11-28T19:54:52.1997174Z": seven fraction digits */
	ck_assert_int_eq(c.started_at, 1795895692);
	ck_assert_int_eq(c.finished_at, 1795895692);
	records_container_clear(&c);

	ck_assert_int_eq(inspect_fixture("inspect_paused.json", &c, &err), 0);
	ck_assert_str_eq(c.name, "frozen");
	ck_assert_int_eq(c.state, DAPI_ST_PAUSED);
	ck_assert_int_eq(c.pid, 18629);
	records_container_clear(&c);

	ck_assert_int_eq(inspect_fixture("inspect_created.json", &c, &err), 0);
	ck_assert_str_eq(c.name, "fresh");
	ck_assert_int_eq(c.state, DAPI_ST_CREATED);
	ck_assert_int_eq(c.created, 1795895690);
	ck_assert_int_eq(c.started_at, 0);
	ck_assert_int_eq(c.finished_at, 0);
	ck_assert_str_eq(c.command, "true");
	records_container_clear(&c);

	ck_assert_int_eq(inspect_fixture("inspect_hostnet.json", &c, &err), 0);
	ck_assert_str_eq(c.name, "hostnet");
	ck_assert_int_eq(c.state, DAPI_ST_RUNNING);
	/* the host network discards published ports */
	ck_assert_uint_eq(c.nports, 0);
	ck_assert(c.host_network);
	records_container_clear(&c);

	ck_assert_int_eq(inspect_fixture("inspect_running.json", &c, &err), 0);
	ck_assert(!c.host_network);
	records_container_clear(&c);
}
END_TEST

START_TEST(inspect_ports)
{
	struct dapi_container c;
	struct decode_error err;

	ck_assert_int_eq(inspect_fixture("inspect_ports.json", &c, &err), 0);
	ck_assert_uint_eq(c.nports, 4);
	assert_port(&c.ports[0], NULL, 443, 0, "tcp");
	assert_port(&c.ports[1], "127.0.0.1", 53, 5353, "udp");
	assert_port(&c.ports[2], "0.0.0.0", 80, 8080, "tcp");
	assert_port(&c.ports[3], "::", 80, 8080, "tcp");
	records_container_clear(&c);
}
END_TEST

START_TEST(inspect_wrong_types)
{
	struct dapi_container c;
	struct decode_error err;

	ck_assert_int_eq(inspect_fixture("inspect_wrong_types.json", &c, &err),
	    0);
	ck_assert_str_eq(c.id, "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd");
	ck_assert_ptr_null(c.name);
	ck_assert_ptr_null(c.image);
	ck_assert_ptr_null(c.image_id);
	ck_assert_ptr_null(c.command);
	ck_assert_int_eq(c.created, 0);
	ck_assert_int_eq(c.restart_count, 0);
	ck_assert_int_eq(c.state, DAPI_ST_PAUSED);
	ck_assert_int_eq(c.health, DAPI_HEALTH_NONE);
	ck_assert_int_eq(c.exit_code, 0);
	ck_assert_int_eq(c.pid, 0);
	ck_assert_int_eq(c.started_at, 0);
	ck_assert_int_eq(c.finished_at, 0);
	ck_assert_uint_eq(c.nports, 5);
	assert_port(&c.ports[0], NULL, 8080, 0, "tcp");
	assert_port(&c.ports[1], NULL, 9000, 0, "udp");
	assert_port(&c.ports[2], NULL, 9001, 0, "tcp");
	assert_port(&c.ports[3], NULL, 9001, 0, "tcp");
	assert_port(&c.ports[4], "1.2.3.4", 9001, 81, "tcp");
	records_container_clear(&c);
}
END_TEST

START_TEST(inspect_errors)
{
	static const char *const bad[] = {
		"inspect_truncated.json", "not_json.txt", "empty.json",
		"containers_list.json", "inspect_missing_id.json",
	};
	struct dapi_container c;
	struct decode_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.text[0] = '\0';
		ck_assert_int_eq(inspect_fixture(bad[i], &c, &err), -1);
		assert_zeroed(&c, sizeof c);
		ck_assert_msg(strncmp(err.text, "container inspect: ", 19) == 0,
		    "%s: error text '%s'", bad[i], err.text);
	}
	ck_assert_int_eq(decode_container_inspect("{\"Id\":\"x\"", 9, &c,
	    NULL), -1);
	ck_assert_int_eq(decode_container_inspect("{\"Id\":\"x\"}", 10, &c,
	    &err), 0);
	ck_assert_str_eq(c.id, "x");
	ck_assert_int_eq(c.state, DAPI_ST_UNKNOWN);
	records_container_clear(&c);
}
END_TEST

/* ---- stats ---- */

START_TEST(stats_running)
{
	struct dapi_stats st;
	struct decode_error err;

	ck_assert_int_eq(stats_fixture("stats_running.json", &st, &err), 0);
	ck_assert(st.valid);
	/* "2026-11-28T19:54:53.511903463Z", to the nanosecond */
	ck_assert_uint_eq(st.read_ns, 1795895693511903463ULL);
	ck_assert_uint_eq(st.cpu_total_ns, 1805268039);
	ck_assert_uint_eq(st.system_ns, 995960000000ULL);
	ck_assert_uint_eq(st.online_cpus, 2);
	ck_assert_uint_eq(st.mem_usage, 4784128);
	ck_assert_uint_eq(st.mem_inactive_file, 4194304);
	ck_assert_uint_eq(st.mem_limit, 25276502016ULL);
	ck_assert_uint_eq(st.net_rx, 0);
	ck_assert_uint_eq(st.net_tx, 0);
	ck_assert_uint_eq(st.blk_read, 0);
	ck_assert_uint_eq(st.blk_write, 0);
	ck_assert_uint_eq(st.pids, 2);
}
END_TEST

START_TEST(stats_paused)
{
	struct dapi_stats st;
	struct decode_error err;

	ck_assert_int_eq(stats_fixture("stats_paused.json", &st, &err), 0);
	ck_assert(st.valid);
	ck_assert_uint_eq(st.read_ns, 1795895695519805127ULL);
	ck_assert_uint_eq(st.cpu_total_ns, 34510949);
	ck_assert_uint_eq(st.system_ns, 999960000000ULL);
	ck_assert_uint_eq(st.mem_usage, 311296);
	ck_assert_uint_eq(st.mem_inactive_file, 0);
	ck_assert_uint_eq(st.pids, 1);
}
END_TEST

START_TEST(stats_exited_invalid)
{
	struct dapi_stats st;
	struct decode_error err;
	struct dapi_stats zero;

	ck_assert_int_eq(stats_fixture("stats_exited.json", &st, &err), 0);
	ck_assert(!st.valid);
	memset(&zero, 0, sizeof zero);
	ck_assert_mem_eq(&st, &zero, sizeof st);
}
END_TEST

START_TEST(stats_v1_blkio_net)
{
	struct dapi_stats st;
	struct decode_error err;

	ck_assert_int_eq(stats_fixture("stats_v1_blkio_net.json", &st, &err),
	    0);
	ck_assert_uint_eq(st.blk_read, 1048576);
	ck_assert_uint_eq(st.blk_write, 4194304);
	ck_assert_uint_eq(st.net_rx, 5418);
	ck_assert_uint_eq(st.net_tx, 648);
	ck_assert_uint_eq(st.mem_inactive_file, 4194304);
}
END_TEST

START_TEST(stats_v2)
{
	struct dapi_stats st;
	struct decode_error err;

	/* also carries pids limit 2^64-1, beyond int64 */
	ck_assert_int_eq(stats_fixture("stats_v2.json", &st, &err), 0);
	ck_assert(st.valid);
	ck_assert_uint_eq(st.read_ns, 1795895693511903463ULL);
	ck_assert_uint_eq(st.cpu_total_ns, 1805268039);
	ck_assert_uint_eq(st.system_ns, 995960000000ULL);
	ck_assert_uint_eq(st.online_cpus, 2);
	ck_assert_uint_eq(st.mem_usage, 6676480);
	ck_assert_uint_eq(st.mem_inactive_file, 3661824);
	ck_assert_uint_eq(st.mem_limit, 25276502016ULL);
	/* eth0 + eth1, not lo */
	ck_assert_uint_eq(st.net_rx, 5418 + 100);
	ck_assert_uint_eq(st.net_tx, 648 + 42);
	ck_assert_uint_eq(st.blk_read, 2097152 + 4096);
	ck_assert_uint_eq(st.blk_write, 65536);
	ck_assert_uint_eq(st.pids, 3);
}
END_TEST

START_TEST(stats_cpus_from_percpu)
{
	struct dapi_stats st;
	struct decode_error err;

	ck_assert_int_eq(stats_fixture("stats_no_online_cpus.json", &st, &err),
	    0);
	ck_assert_uint_eq(st.online_cpus, 2);
}
END_TEST

START_TEST(stats_inactive_file_choice)
{
	static const char v1[] = "{\"read\":\"2024-01-01T00:00:00.5Z\","
	    "\"memory_stats\":{\"stats\":{\"inactive_file\":1,"
	    "\"total_inactive_file\":2}}}";
	struct dapi_stats st;
	struct decode_error err;

	ck_assert_int_eq(decode_stats(v1, sizeof v1 - 1, &st, &err), 0);
	ck_assert_uint_eq(st.mem_inactive_file, 2);
	ck_assert_uint_eq(st.read_ns, 1704067200500000000ULL);
	ck_assert(st.valid);
}
END_TEST

START_TEST(stats_wrong_types)
{
	struct dapi_stats st;
	struct decode_error err;

	ck_assert_int_eq(stats_fixture("stats_wrong_types.json", &st, &err), 0);
	ck_assert(!st.valid);
	ck_assert_uint_eq(st.read_ns, 0);
	ck_assert_uint_eq(st.cpu_total_ns, 0);
	ck_assert_uint_eq(st.system_ns, 0);
	ck_assert_uint_eq(st.online_cpus, 0);
	ck_assert_uint_eq(st.mem_usage, 0);
	ck_assert_uint_eq(st.net_rx, 0);
	ck_assert_uint_eq(st.net_tx, 7);
	ck_assert_uint_eq(st.blk_read, 0);
	ck_assert_uint_eq(st.blk_write, 11);
	ck_assert_uint_eq(st.pids, 0);
}
END_TEST

START_TEST(stats_errors)
{
	static const char *const bad[] = {
		"stats_truncated.json", "not_json.txt", "empty.json",
		"containers_list.json",
	};
	struct dapi_stats st, zero;
	struct decode_error err;
	size_t i;

	memset(&zero, 0, sizeof zero);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&st, 0xff, sizeof st);
		err.text[0] = '\0';
		ck_assert_int_eq(stats_fixture(bad[i], &st, &err), -1);
		ck_assert_mem_eq(&st, &zero, sizeof st);
		ck_assert_msg(strncmp(err.text, "stats: ", 7) == 0,
		    "%s: error text '%s'", bad[i], err.text);
	}
}
END_TEST

/* ---- events ---- */

struct evlist {
	struct dapi_event ev[256];
	size_t n;
};

static void
events_fixture(const char *name, struct evlist *l)
{
	struct decode_error err;
	size_t len, start, i;
	char *buf = fixture(name, &len);

	l->n = 0;
	for (start = 0, i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		ck_assert_uint_lt(l->n, 256);
		err.text[0] = '\0';
		ck_assert_msg(decode_event(buf + start, i - start,
		    &l->ev[l->n], &err) == 0, "%s line %zu: %s", name,
		    l->n + 1, err.text);
		l->n++;
		start = i + 1;
	}
	ck_assert_uint_eq(start, len);
	free(buf);
}

static void
events_free(struct evlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		records_event_clear(&l->ev[i]);
}

static const struct dapi_event *
find_event(const struct evlist *l, const char *action, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->ev[i].action, action) == 0 &&
		    l->ev[i].name != NULL && strcmp(l->ev[i].name, name) == 0)
			return &l->ev[i];
	}
	ck_abort_msg("no event %s for %s", action, name);
	return NULL;
}

START_TEST(events_recorded)
{
	static struct evlist l;
	const struct dapi_event *e;
	size_t i, dies = 0;

	events_fixture("events.jsonl", &l);
	ck_assert_uint_eq(l.n, 117);
	for (i = 0; i < l.n; i++) {
		e = &l.ev[i];
		ck_assert_ptr_nonnull(e->type);
		ck_assert_ptr_nonnull(e->id);
		ck_assert_uint_gt(strlen(e->id), 0);
		ck_assert_int_gt(e->time_nano, 1795895600LL * 1000000000LL);
		if (strcmp(e->action, "die") == 0) {
			dies++;
			ck_assert_ptr_nonnull(e->exit_code);
		}
	}
	ck_assert_uint_eq(dies, 10);

	e = find_event(&l, "die", "crashed");
	ck_assert_str_eq(e->type, "container");
	ck_assert_str_eq(e->id, ID_CRASHED);
	ck_assert_str_eq(e->exit_code, "3");
	ck_assert_int_eq(e->time_nano, 1795895687181751456LL);

	e = find_event(&l, "die", "killed");
	ck_assert_str_eq(e->exit_code, "137");
	e = find_event(&l, "kill", "killed");
	ck_assert_ptr_null(e->exit_code);

	e = find_event(&l, "rename", "renamed");
	ck_assert_str_eq(e->id, ID_RENAMED);

	e = find_event(&l, "health_status: unhealthy", "sick");
	ck_assert_str_eq(e->id, ID_SICK);
	e = find_event(&l, "health_status: healthy", "fine");
	ck_assert_str_eq(e->type, "container");

	e = find_event(&l, "destroy", "gone");
	ck_assert_str_eq(e->type, "container");
	e = find_event(&l, "pause", "frozen");
	ck_assert_str_eq(e->type, "container");

	e = find_event(&l, "tag", "bb:latest");
	ck_assert_str_eq(e->type, "image");
	ck_assert_str_eq(e->id, IMAGE_ID);

	e = find_event(&l, "connect", "none");
	ck_assert_str_eq(e->type, "network");
	events_free(&l);
}
END_TEST

START_TEST(events_old_api)
{
	static struct evlist l;

	events_fixture("events_oldapi.jsonl", &l);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_str_eq(l.ev[0].type, "container");
	ck_assert_str_eq(l.ev[0].action, "create");
	ck_assert_str_eq(l.ev[0].id, ID_CRASHED);
	ck_assert_ptr_null(l.ev[0].name);
	ck_assert_int_eq(l.ev[0].time_nano, 1795895686000000000LL);
	ck_assert_str_eq(l.ev[1].action, "die");
	ck_assert_int_eq(l.ev[1].time_nano, 1795895687181751456LL);
	ck_assert_str_eq(l.ev[2].action, "untag");
	ck_assert_str_eq(l.ev[2].id, "sha256:"
	    "9999999999999999999999999999999999999999999999999999999999999999");
	events_free(&l);
}
END_TEST

START_TEST(events_odd)
{
	static const char odd[] = "{\"Action\":\"start\",\"Actor\":{\"ID\":5,"
	    "\"Attributes\":[]},\"id\":\"abc\",\"timeNano\":\"x\",\"time\":12}";
	static const char huge[] = "{\"status\":\"x\",\"time\":1e30}";
	static const char *const bad[] = {
		"", "[]", "{}", "{\"Type\":\"container\"}", "{\"Action\":5}",
		"{\"Action\":\"start\"", "not json", "\"start\"",
	};
	struct dapi_event ev, zero;
	struct decode_error err;
	size_t i;

	ck_assert_int_eq(decode_event(odd, sizeof odd - 1, &ev, &err), 0);
	ck_assert_str_eq(ev.type, "container");
	ck_assert_str_eq(ev.action, "start");
	ck_assert_str_eq(ev.id, "abc");
	ck_assert_ptr_null(ev.name);
	ck_assert_ptr_null(ev.exit_code);
	ck_assert_int_eq(ev.time_nano, 12000000000LL);
	records_event_clear(&ev);

	ck_assert_int_eq(decode_event(huge, sizeof huge - 1, &ev, &err), 0);
	ck_assert_str_eq(ev.id, "");
	ck_assert_int_eq(ev.time_nano, 0);
	records_event_clear(&ev);

	memset(&zero, 0, sizeof zero);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.text[0] = '\0';
		ck_assert_int_eq(decode_event(bad[i], strlen(bad[i]), &ev,
		    &err), -1);
		ck_assert_mem_eq(&ev, &zero, sizeof ev);
		ck_assert_msg(strncmp(err.text, "event: ", 7) == 0,
		    "'%s': error text '%s'", bad[i], err.text);
	}
}
END_TEST

/* ---- RFC 3339 ---- */

START_TEST(rfc3339_good)
{
	static const struct {
		const char *s;
		int64_t want;
	} good[] = {
		{ "1970-01-01T00:00:00Z", 0 },
		{ "0001-01-01T00:00:00Z", 0 },
		{ "2026-11-28T19:54:46.04229019Z", 1795895686 },
		{ "2026-11-28T19:54:52.1997174Z", 1795895692 },
		{ "2026-11-28T19:54:46.999999999999Z", 1795895686 },
		{ "2024-02-29T12:00:00+02:00", 1709200800 },
		{ "2024-01-01T00:00:00-05:30", 1704087000 },
		{ "2024-01-01t00:00:00z", 1704067200 },
		{ "1969-12-31T23:59:59Z", -1 },
		{ "9999-12-31T23:59:59Z", 253402300799LL },
		{ "2000-02-29T00:00:00Z", 951782400 },
	};
	int64_t t;
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		t = 42;
		ck_assert_msg(decode_rfc3339(good[i].s, &t) == 0, "%s",
		    good[i].s);
		ck_assert_msg(t == good[i].want, "%s: %lld, want %lld",
		    good[i].s, (long long)t, (long long)good[i].want);
	}
}
END_TEST

START_TEST(rfc3339_bad)
{
	static const char *const bad[] = {
		"", "2024", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
		"1900-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
		"2024-00-01T00:00:00Z", "2024-01-00T00:00:00Z",
		"2024-01-01 00:00:00Z", "2024-01-01T00:00:00",
		"2024-01-01T00:00:00.Z", "2024-01-01T00:00:00Zjunk",
		"2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z",
		"2024-01-01T00:00:61Z", "2024-01-01T00:00:00+5:00",
		"2024-01-01T00:00:00+05:0", "2024-01-01T00:00:00+0500",
		"2024-01-01T00:00:00+24:00", "+024-01-01T00:00:00Z",
		"2024/01/01T00:00:00Z", "2024-01-01T00:00:00.12a3Z",
	};
	int64_t t = 42;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(decode_rfc3339(bad[i], &t) == -1, "%s", bad[i]);
	ck_assert_int_eq(decode_rfc3339(NULL, &t), -1);
	ck_assert_int_eq(t, 42);
}
END_TEST

START_TEST(time_member)
{
	json_t *v = json_string("2026-11-28T19:54:46.04229019Z");
	int64_t ns = 42;

	ck_assert_int_eq(decode_time(v, &ns), 1795895686);
	ck_assert_int_eq(ns, 42290190);
	ck_assert_int_eq(decode_time(v, NULL), 1795895686);
	json_decref(v);
	v = json_string("0001-01-01T00:00:00Z");	/* Go's zero time: never */
	ck_assert_int_eq(decode_time(v, &ns), 0);
	ck_assert_int_eq(ns, 0);
	json_decref(v);
	v = json_string("1969-12-31T23:59:59.5Z");
	ck_assert_int_eq(decode_time(v, &ns), 0);
	ck_assert_int_eq(ns, 0);
	json_decref(v);
	v = json_integer(1795895686);	/* not a string */
	ns = 42;
	ck_assert_int_eq(decode_time(v, &ns), 0);
	ck_assert_int_eq(ns, 0);
	json_decref(v);
	ck_assert_int_eq(decode_time(NULL, NULL), 0);
}
END_TEST

/* ---- records ---- */

START_TEST(records_names)
{
	int s;

	for (s = DAPI_ST_UNKNOWN; s <= DAPI_ST_DEAD; s++) {
		const char *name = records_state_name((enum dapi_state)s);

		ck_assert_ptr_nonnull(name);
		if (s != DAPI_ST_UNKNOWN)
			ck_assert_int_eq(records_state_parse(name), s);
	}
	ck_assert_str_eq(records_state_name(DAPI_ST_RUNNING), "running");
	ck_assert_str_eq(records_state_name(DAPI_ST_REMOVING), "removing");
	ck_assert_str_eq(records_state_name((enum dapi_state)99), "unknown");
	ck_assert_int_eq(records_state_parse("Paused"), DAPI_ST_PAUSED);
	ck_assert_int_eq(records_state_parse("runnin"), DAPI_ST_UNKNOWN);
	ck_assert_int_eq(records_state_parse("runningx"), DAPI_ST_UNKNOWN);
	ck_assert_int_eq(records_state_parse("unknown"), DAPI_ST_UNKNOWN);
	ck_assert_int_eq(records_state_parse(""), DAPI_ST_UNKNOWN);
	ck_assert_int_eq(records_state_parse(NULL), DAPI_ST_UNKNOWN);

	ck_assert_str_eq(records_health_name(DAPI_HEALTH_NONE), "none");
	ck_assert_str_eq(records_health_name(DAPI_HEALTH_STARTING), "starting");
	ck_assert_str_eq(records_health_name(DAPI_HEALTH_HEALTHY), "healthy");
	ck_assert_str_eq(records_health_name(DAPI_HEALTH_UNHEALTHY),
	    "unhealthy");
	ck_assert_str_eq(records_health_name((enum dapi_health)7), "none");
	for (s = DAPI_HEALTH_STARTING; s <= DAPI_HEALTH_UNHEALTHY; s++)
		ck_assert_int_eq(records_health_parse(
		    records_health_name((enum dapi_health)s)), s);
	ck_assert_int_eq(records_health_parse("Healthy"), DAPI_HEALTH_HEALTHY);
	ck_assert_int_eq(records_health_parse("none"), DAPI_HEALTH_NONE);
	ck_assert_int_eq(records_health_parse("healthyx"), DAPI_HEALTH_NONE);
	ck_assert_int_eq(records_health_parse(NULL), DAPI_HEALTH_NONE);
}
END_TEST

START_TEST(records_copy_clear)
{
	static const char die[] = "{\"Action\":\"die\",\"Actor\":{"
	    "\"Attributes\":{\"name\":\"n\",\"exitCode\":\"1\"}}}";
	struct dapi_container src, dst, empty, empty2;
	struct decode_error err;
	struct dapi_event ev;

	ck_assert_int_eq(inspect_fixture("inspect_ports.json", &src, &err), 0);
	memset(&dst, 0, sizeof dst);
	records_container_copy(&dst, &src);
	ck_assert_ptr_ne(dst.name, src.name);
	ck_assert_ptr_ne(dst.labels, src.labels);
	ck_assert_ptr_ne(dst.ports, src.ports);
	records_container_clear(&src);

	/* the copy owns its own memory */
	ck_assert_str_eq(dst.id, ID_SHOP);
	ck_assert_str_eq(dst.name, "shop-production");
	ck_assert_str_eq(dst.command, SHOP_CMD);
	ck_assert(dst.inspected);
	ck_assert_str_eq(records_label(&dst, "berth.commit"), "abc1234");
	ck_assert_uint_eq(dst.nports, 4);
	assert_port(&dst.ports[3], "::", 80, 8080, "tcp");
	records_container_copy(&dst, &dst);
	records_container_clear(&dst);

	memset(&empty, 0, sizeof empty);
	records_container_copy(&empty2, &empty);
	assert_zeroed(&empty2, sizeof empty2);
	records_container_clear(NULL);
	ck_assert_ptr_null(records_label(NULL, "x"));
	ck_assert_ptr_null(records_label(&empty, NULL));

	ck_assert_int_eq(decode_event(die, sizeof die - 1, &ev, &err), 0);
	ck_assert_str_eq(ev.name, "n");
	ck_assert_str_eq(ev.exit_code, "1");
	records_event_clear(&ev);
	assert_zeroed(&ev, sizeof ev);
	records_event_clear(NULL);
}
END_TEST

static Suite *
decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc;

	tc = tcase_create("list");
	tcase_add_test(tc, list_recorded);
	tcase_add_test(tc, list_states);
	tcase_add_test(tc, list_old_api_state_from_status);
	tcase_add_test(tc, list_ports);
	tcase_add_test(tc, list_wrong_types);
	tcase_add_test(tc, list_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("inspect");
	tcase_add_test(tc, inspect_running);
	tcase_add_test(tc, inspect_exited);
	tcase_add_test(tc, inspect_health);
	tcase_add_test(tc, inspect_other_states);
	tcase_add_test(tc, inspect_ports);
	tcase_add_test(tc, inspect_wrong_types);
	tcase_add_test(tc, inspect_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("stats");
	tcase_add_test(tc, stats_running);
	tcase_add_test(tc, stats_paused);
	tcase_add_test(tc, stats_exited_invalid);
	tcase_add_test(tc, stats_v1_blkio_net);
	tcase_add_test(tc, stats_v2);
	tcase_add_test(tc, stats_cpus_from_percpu);
	tcase_add_test(tc, stats_inactive_file_choice);
	tcase_add_test(tc, stats_wrong_types);
	tcase_add_test(tc, stats_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("events");
	tcase_add_test(tc, events_recorded);
	tcase_add_test(tc, events_old_api);
	tcase_add_test(tc, events_odd);
	suite_add_tcase(s, tc);

	tc = tcase_create("rfc3339");
	tcase_add_test(tc, rfc3339_good);
	tcase_add_test(tc, rfc3339_bad);
	tcase_add_test(tc, time_member);
	suite_add_tcase(s, tc);

	tc = tcase_create("records");
	tcase_add_test(tc, records_names);
	tcase_add_test(tc, records_copy_clear);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(decode_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
