/* The docker stats formulas, as the docker CLI computes them (stats_helpers.go). */
#include "dockerapi/statcalc.h"

double
statcalc_cpu_percent(const struct dapi_stats *prev, const struct dapi_stats *cur)
{
	uint64_t dcpu, dsys;

	if (prev == NULL || cur == NULL || !prev->valid || !cur->valid)
		return -1;
	if (cur->system_ns <= prev->system_ns || cur->online_cpus == 0)
		return -1;
	/* a restarted container starts its counter again: the CLI shows 0 */
	if (cur->cpu_total_ns <= prev->cpu_total_ns)
		return 0;
	dcpu = cur->cpu_total_ns - prev->cpu_total_ns;
	dsys = cur->system_ns - prev->system_ns;
	return (double)dcpu / (double)dsys * (double)cur->online_cpus * 100.0;
}

/* An invalid sample knows nothing: 0 in use, and no percentage. */
uint64_t
statcalc_mem_used(const struct dapi_stats *s)
{
	if (s == NULL || !s->valid)
		return 0;
	if (s->mem_inactive_file < s->mem_usage)
		return s->mem_usage - s->mem_inactive_file;
	return s->mem_usage;
}

double
statcalc_mem_percent(const struct dapi_stats *s)
{
	if (s == NULL || !s->valid || s->mem_limit == 0)
		return -1;
	return (double)statcalc_mem_used(s) / (double)s->mem_limit * 100.0;
}

double
statcalc_rate(uint64_t prev, uint64_t cur, uint64_t prev_ns, uint64_t cur_ns)
{
	if (cur < prev || cur_ns <= prev_ns)
		return 0;
	return (double)(cur - prev) * 1e9 / (double)(cur_ns - prev_ns);
}
