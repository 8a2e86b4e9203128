/* Container cells: state, uptime and ports of a container record. */
#include "views/cfmt.h"

#include <stdio.h>
#include <string.h>

#include "tui/fmt.h"

const char *
cfmt_state(const struct dapi_container *c, char *buf, size_t bufsz)
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
cfmt_uptime(const struct dapi_container *c, int64_t now, char *buf, size_t bufsz)
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
cfmt_ports(const struct dapi_container *c, char *buf, size_t bufsz)
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
