#ifndef LONGBOOT_MEMDETECT_H
#define LONGBOOT_MEMDETECT_H

#include <stddef.h>
#include "longboot.h"

/*
 * The firmware's memory map, raw: E820, or where that is missing E801 or
 * INT 15h AH=88h. Returns the number of entries (at least one), or stops
 * with a message when the firmware reports no memory at all.
 */
size_t memory_detect(struct longboot_memmap_entry *out, size_t cap);

#endif
