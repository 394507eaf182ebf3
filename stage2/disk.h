#ifndef LONGBOOT_DISK_H
#define LONGBOOT_DISK_H

#include <stdint.h>
#include "firmware.h" /* disk_load(), read through the bounce buffer */

/* Finds out how to read the boot drive: INT 13h extensions, else CHS. */
void disk_init(uint8_t drive, uint64_t image_sectors);

#endif
