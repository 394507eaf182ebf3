#ifndef LONGBOOT_DISK_H
#define LONGBOOT_DISK_H

#include <stdint.h>
#include "checksum.h"

/* Finds out how to read the boot drive: INT 13h extensions, else CHS. */
void disk_init(uint8_t drive, uint64_t image_sectors);

/*
 * Reads the sectors that hold `bytes` bytes starting at sector lba through
 * the bounce buffer, copies the bytes to dst (below 4 GiB) and adds every
 * sector read, padding included, to *sum. `what` names the data in an
 * error message.
 */
void disk_load(uint64_t lba, uint64_t bytes, void *dst, struct lb_sum *sum,
	       const char *what);

#endif
