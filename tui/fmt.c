/* Cell formatting: sizes, durations, percentages. */
#include "tui/fmt.h"

#include <stdio.h>
#include <string.h>

/* v and up to one unit letter: one decimal below limit, none from there on, so a cell stays narrow. */
static const char *
decimal(double v, double limit, const char *unit, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%.*f%.1s", v < limit ? 1 : 0, v, unit);
	return buf;
}

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
	return decimal(v, 10, &units[u], buf, bufsz);
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
	if (pct < 0) {
		snprintf(buf, bufsz, "-");
		return buf;
	}
	return decimal(pct, 100, "", buf, bufsz);
}
