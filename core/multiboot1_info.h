/* The Multiboot 0.6.96 boot information (section 3.3), from a boot description. Pure logic. */
#ifndef LONGBOOT_MULTIBOOT1_INFO_H
#define LONGBOOT_MULTIBOOT1_INFO_H

#include "boot_desc.h"
#include "info_writer.h"

/*
 * Appends multiboot_info and everything it points to (module list, memory
 * map, strings) to w, for a kernel whose header has header_flags. Returns
 * the physical address of multiboot_info; w->buf NULL only counts.
 */
uint64_t mb1_info_build(const struct boot_desc *d, uint32_t header_flags, struct info_writer *w);

#endif
