/* The monotonic clock in milliseconds, for deadlines and timers. */
#ifndef BERTH_MONOTIME_H
#define BERTH_MONOTIME_H

#include <stdint.h>

/* Milliseconds on CLOCK_MONOTONIC (unaffected by clock changes); only
 * differences mean anything. Any thread, never blocks. */
uint64_t monotime_ms(void);

#endif
