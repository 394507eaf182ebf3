/*
 * The address space a longboot-protocol kernel starts in (boot protocol
 * section 2): the identity map, the direct map at phys_map_offset and the
 * higher-half segments, built with pagetable.c. Pure logic: the firmware
 * backend supplies the builder's page allocator.
 */
#ifndef LONGBOOT_KERNEL_MAP_H
#define LONGBOOT_KERNEL_MAP_H

#include <stdint.h>
#include "elf.h"
#include "pagetable.h"

struct kernel_map_error {
	enum pt_error error;
	const char *what;       /* what could not be mapped */
	int in_segment;         /* it was a kernel segment: */
	uint32_t phdr_index;    /* this one */
};

/*
 * Maps [0, ram_top rounded up to 2 MiB, at least 4 GiB) at 0 and at
 * LONGBOOT_PHYS_MAP_OFFSET, and every segment of k whose vaddr differs from
 * its paddr with 4 KiB pages and its own permissions. Returns 1, or 0 with
 * *err saying what failed.
 */
int kernel_map_build(struct pt_builder *b, uint64_t ram_top, const struct elf_kernel *k,
		     struct kernel_map_error *err);

#endif
