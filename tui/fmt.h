/* Short human formats for table cells. Pure, any thread, caller buffers. */
#ifndef BERTH_FMT_H
#define BERTH_FMT_H

#include <stddef.h>
#include <stdint.h>

/* 1023 -> "1023B", 1536 -> "1.5K", 3*2^30 -> "3.0G" (binary units). */
const char *fmt_bytes(uint64_t n, char *buf, size_t bufsz);
/* Seconds -> "45s", "12m", "3h05m", "2d04h", "1y12d". Negative -> "-". */
const char *fmt_duration(int64_t secs, char *buf, size_t bufsz);
/* CPU% -> "12.3", "123", "-" when unknown (< 0). */
const char *fmt_percent(double pct, char *buf, size_t bufsz);

#endif
