/* Cell formatting: sizes, durations, states, ports. */
#include "tui/fmt.h"

#include <stdio.h>
#include <string.h>

const char *
fmt_bytes(uint64_t n, char *buf, size_t bufsz)
{
	static const char units[] = "KMGTPE";
	double v = (double)n;
	int u = -1;

	if (n < 1024) {
		snprintf(buf, bufsz, "%uB", (unsigned)n);
		return buf;
	}
	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (v < 10)
		snprintf(buf, bufsz, "%.1f%c", v, units[u]);
	else
		snprintf(buf, bufsz, "%.0f%c", v, units[u]);
	return buf;
}

const char *
fmt_duration(int64_t s, char *buf, size_t bufsz)
{
	if (s < 0)
		snprintf(buf, bufsz, "-");
	else if (s < 60)
		snprintf(buf, bufsz, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(buf, bufsz, "%lldm", (long long)(s / 60));
	else if (s < 86400)
		snprintf(buf, bufsz, "%lldh%02lldm", (long long)(s / 3600),
		    (long long)(s % 3600 / 60));
	else if (s < 365 * 86400LL)
		snprintf(buf, bufsz, "%lldd%02lldh", (long long)(s / 86400),
		    (long long)(s % 86400 / 3600));
	else
		snprintf(buf, bufsz, "%lldy%lldd", (long long)(s / (365 * 86400LL)),
		    (long long)(s % (365 * 86400LL) / 86400));
	return buf;
}

const char *
fmt_percent(double pct, char *buf, size_t bufsz)
{
	if (pct < 0)
		snprintf(buf, bufsz, "-");
	else if (pct < 100)
		snprintf(buf, bufsz, "%.1f", pct);
	else
		snprintf(buf, bufsz, "%.0f", pct);
	return buf;
}

const char *
fmt_state(const struct dapi_container *c, char *buf, size_t bufsz)
{
	static const char *const health[] = {
		[DAPI_HEALTH_NONE] = "", [DAPI_HEALTH_STARTING] = " starting",
		[DAPI_HEALTH_HEALTHY] = " healthy", [DAPI_HEALTH_UNHEALTHY] = " UNHEALTHY",
	};
	const char *h = c->health <= DAPI_HEALTH_UNHEALTHY ? health[c->health] : "";

	switch (c->state) {
	case DAPI_ST_EXITED:
	case DAPI_ST_DEAD:
		snprintf(buf, bufsz, "%s(%d)", records_state_name(c->state), c->exit_code);
		break;
	case DAPI_ST_RUNNING:
	case DAPI_ST_PAUSED:
	case DAPI_ST_RESTARTING:
		snprintf(buf, bufsz, "%s%s", records_state_name(c->state), h);
		break;
	default:
		snprintf(buf, bufsz, "%s", records_state_name(c->state));
		break;
	}
	return buf;
}

const char *
fmt_uptime(const struct dapi_container *c, int64_t now, char *buf, size_t bufsz)
{
	char d[32];

	switch (c->state) {
	case DAPI_ST_RUNNING:
	case DAPI_ST_PAUSED:
	case DAPI_ST_RESTARTING:
		if (c->started_at <= 0)
			return snprintf(buf, bufsz, "-"), buf;
		snprintf(buf, bufsz, "%s", fmt_duration(now - c->started_at, d, sizeof d));
		return buf;
	case DAPI_ST_EXITED:
	case DAPI_ST_DEAD:
		if (c->finished_at <= 0)
			return snprintf(buf, bufsz, "-"), buf;
		snprintf(buf, bufsz, "%s ago", fmt_duration(now - c->finished_at, d, sizeof d));
		return buf;
	default:
		snprintf(buf, bufsz, "-");
		return buf;
	}
}

const char *
fmt_ports(const struct dapi_container *c, char *buf, size_t bufsz)
{
	size_t used = 0;

	if (bufsz == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < c->nports && used + 1 < bufsz; i++) {
		const struct dapi_port *p = &c->ports[i];
		int w;
		if (p->public_port != 0)
			w = snprintf(buf + used, bufsz - used, "%s%s%s%u->%u/%s",
			    used ? ", " : "", p->ip != NULL ? p->ip : "",
			    p->ip != NULL ? ":" : "", p->public_port, p->private_port, p->proto);
		else
			w = snprintf(buf + used, bufsz - used, "%s%u/%s",
			    used ? ", " : "", p->private_port, p->proto);
		if (w < 0 || (size_t)w >= bufsz - used) {
			buf[used] = '\0';
			break;
		}
		used += (size_t)w;
	}
	return buf;
}
