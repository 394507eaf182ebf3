#ifndef KERNEL_REPORT_H
#define KERNEL_REPORT_H

#include <stdint.h>
#include "longboot.h"

/*
 * Prints what the loader handed over, one line per item, ending with the
 * line REPORT_DONE. tsc_khz is 0 when the TSC could not be calibrated.
 */
void boot_report(const struct longboot_info *info, uint64_t tsc_khz);

#define REPORT_DONE "longboot: boot report done"

#endif
