/* The docker stats formulas: CPU%, memory in use, rates. Pure. */
#ifndef BERTH_STATCALC_H
#define BERTH_STATCALC_H

#include "dockerapi/records.h"

/*
 * CPU% as `docker stats`: (Δcpu_total / Δsystem) * online_cpus * 100.
 * Returns -1 when it cannot be computed (invalid sample, Δsystem == 0).
 */
double statcalc_cpu_percent(const struct dapi_stats *prev,
    const struct dapi_stats *cur);

/* Memory in use as `docker stats`: usage - inactive_file, when smaller. */
uint64_t statcalc_mem_used(const struct dapi_stats *s);

/* Memory % of limit, -1 if no limit. */
double statcalc_mem_percent(const struct dapi_stats *s);

/* Bytes per second of a cumulative counter between two samples; 0 when the
 * counter went backwards (container restarted) or time did not advance. */
double statcalc_rate(uint64_t prev, uint64_t cur, uint64_t prev_ns, uint64_t cur_ns);

#endif
