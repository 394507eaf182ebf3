/* Access to struct longboot_info, after checking it can be trusted. */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include <stdint.h>
#include "longboot.h"

/*
 * Panics, saying what is wrong, unless info is a version-1 (or later)
 * struct whose tables and strings all lie in the identity-mapped low 4 GiB.
 */
void bootinfo_check(const struct longboot_info *info);

const struct longboot_memmap_entry *bootinfo_memmap(const struct longboot_info *info,
						    uint32_t i);
const struct longboot_module *bootinfo_module(const struct longboot_info *info, uint32_t i);
const char *bootinfo_cmdline(const struct longboot_info *info);

#endif
