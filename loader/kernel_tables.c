/*
 * The kernel's page tables (core/kernel_map.c) in pages of
 * BOOTLOADER_RECLAIMABLE memory. Both loaders reach memory below 4 GiB
 * at its physical address (stage2 without paging, the EFI loader through
 * the firmware's identity map).
 */
#include "boot.h"
#include "kernel_map.h"
#include "mem.h"
#include "panic.h"

static uint64_t alloc_table(void *ctx)
{
	(void)ctx;
	return (uintptr_t)mem_alloc_page("page tables");
}

static void *phys_to_ptr(void *ctx, uint64_t phys)
{
	(void)ctx;
	return (void *)(uintptr_t)phys;
}

uint64_t build_page_tables(const struct elf_kernel *k, int nx)
{
	struct pt_builder b = { .alloc_page = alloc_table, .phys_to_ptr = phys_to_ptr, .nx = nx };
	struct kernel_map_error err;
	if (kernel_map_build(&b, mem_map_top(), k, &err))
		return b.pml4;
	if (err.error == PT_ERR_CONFLICT && err.in_segment)
		panic("kernel: program header %u shares a page with another segment at a different physical offset",
		      err.phdr_index);
	panic("cannot map %s (page table error %u)", err.what, (uint32_t)err.error);
}
