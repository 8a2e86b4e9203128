/* Waiting for a new container to be ready: running, and healthy when it has a health check. */
#include "deploy/ready.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dockerapi/ctrapi.h"
#include "dockerapi/jsonget.h"
#include "monotime.h"

#define POLL_MS 200

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

static bool
has_healthcheck(json_t *insp)
{
	json_t *t = jsonget_path(insp, "Config.Healthcheck.Test");
	const char *first = json_string_value(json_array_get(t, 0));
	return json_array_size(t) > 0 && first != NULL && strcmp(first, "NONE") != 0;
}

static void
last_health_output(json_t *st, char *out, size_t n)
{
	json_t *log = jsonget_path(st, "Health.Log");
	size_t k = json_array_size(log);
	const char *o = k > 0 ?
	    jsonget_str(json_object_get(json_array_get(log, k - 1), "Output")) : NULL;
	size_t len;

	snprintf(out, n, "%s", o != NULL ? o : "");
	len = strlen(out);
	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == ' '))
		out[--len] = '\0';
	for (char *q = out; *q != '\0'; q++)
		if (*q == '\n' || *q == '\r' || *q == '\t')
			*q = ' ';
}

int
ready_wait(struct dapi_client *c, const char *id, int timeout_s, int settle_ms,
    void (*on_state)(void *arg, const char *state), void *arg, char *why, size_t whysz)
{
	int settle = settle_ms > 0 ? settle_ms : 2000;
	int64_t deadline, since = 0;
	char last[64] = "";

	if (timeout_s <= 0)
		timeout_s = 60;
	deadline = (int64_t)monotime_ms() + (int64_t)timeout_s * 1000;
	if (settle > timeout_s * 1000)
		settle = timeout_s * 1000;
	for (;;) {
		struct dapi_error err;
		json_t *insp = NULL, *st;
		const char *status, *health;
		char now[64], out[300];
		int code, restarts;
		bool hc;

		if (ctrapi_inspect(c, id, &insp, &err) != 0) {
			snprintf(why, whysz, "cannot inspect the new container: %s", err.text);
			return -1;
		}
		st = json_object_get(insp, "State");
		status = jsonget_str(json_object_get(st, "Status"));
		health = jsonget_str(jsonget_path(st, "Health.Status"));
		code = (int)json_integer_value(json_object_get(st, "ExitCode"));
		restarts = (int)json_integer_value(json_object_get(insp, "RestartCount"));
		hc = has_healthcheck(insp);
		snprintf(now, sizeof now, "%s%s%s", status != NULL ? status : "?",
		    hc ? ", " : "", hc ? (health != NULL ? health : "starting") : "");
		if (strcmp(now, last) != 0) {
			if (on_state != NULL)
				on_state(arg, now);
			snprintf(last, sizeof last, "%s", now);
		}
		if (status == NULL || strcmp(status, "exited") == 0 || strcmp(status, "dead") == 0) {
			snprintf(why, whysz, "the new container exited at once (exit code %d)", code);
			goto bad;
		}
		if (restarts > 0 || json_is_true(json_object_get(st, "Restarting"))) {
			snprintf(why, whysz, "the new container keeps restarting (exit code %d)", code);
			goto bad;
		}
		if (hc && health != NULL && strcmp(health, "unhealthy") == 0) {
			last_health_output(st, out, sizeof out);
			snprintf(why, whysz, "the new container's health check failed%s%s", out[0] ? ": " : "", out);
			goto bad;
		}
		if (strcmp(status, "running") == 0) {
			if (hc && health != NULL && strcmp(health, "healthy") == 0) {
				json_decref(insp);
				return 0;
			}
			if (!hc) {
				if (since == 0)
					since = (int64_t)monotime_ms();
				if ((int64_t)monotime_ms() - since >= settle) {
					json_decref(insp);
					return 0;
				}
			}
		} else {
			since = 0;
		}
		json_decref(insp);
		if ((int64_t)monotime_ms() >= deadline) {
			snprintf(why, whysz, "the new container was not %s within %d s (%s)",
			    hc ? "healthy" : "running", timeout_s, now);
			return -1;
		}
		sleep_ms(POLL_MS);
		continue;
bad:
		json_decref(insp);
		return -1;
	}
}

