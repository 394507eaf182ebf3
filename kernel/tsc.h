/* The time-stamp counter's rate, measured against the PIT. */
#ifndef KERNEL_TSC_H
#define KERNEL_TSC_H

#include <stdint.h>

/* TSC ticks per millisecond, or 0 when the measurement failed. */
uint64_t tsc_calibrate_khz(void);

#endif
