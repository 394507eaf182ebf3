/*
 * The page tables of boot protocol section 2, built with paging.c from
 * pages of BOOTLOADER_RECLAIMABLE memory.
 */
#include "boot.h"
#include "console.h"
#include "mem.h"
#include "elf64.h"
#include "paging.h"

#define TWO_MIB  0x200000ULL
#define FOUR_GIB 0x100000000ULL

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

static void check(enum pt_error e, const char *what)
{
	if (e != PT_OK)
		panic("cannot map %s (page table error %u)", what, (uint32_t)e);
}

uint64_t build_page_tables(const struct elf_kernel *k, int nx)
{
	struct pt_builder b = { .alloc_page = alloc_table, .phys_to_ptr = phys_to_ptr, .nx = nx };
	size_t n;
	const struct longboot_memmap_entry *map = mem_map(&n);
	uint64_t top = memmap_ram_top(map, n);

	if (top < FOUR_GIB)
		top = FOUR_GIB;
	top = (top + TWO_MIB - 1) & ~(TWO_MIB - 1);

	check(pt_init(&b), "the PML4");
	check(pt_map_2m(&b, 0, 0, top, PT_MAP_WRITE | PT_MAP_EXEC), "the identity map");
	check(pt_map_2m(&b, LONGBOOT_PHYS_MAP_OFFSET, 0, top, PT_MAP_WRITE), "the direct map");
	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *seg = &k->seg[i];
		if (seg->vaddr == seg->paddr)
			continue; /* in the identity map */
		unsigned flags = (seg->flags & PF_W ? PT_MAP_WRITE : 0) | (seg->flags & PF_X ? PT_MAP_EXEC : 0);
		enum pt_error e = pt_map_4k(&b, seg->vaddr, seg->paddr, seg->memsz, flags);
		if (e == PT_ERR_CONFLICT)
			panic("kernel: program header %u shares a page with another segment at a different physical offset",
			      seg->phdr_index);
		check(e, "a kernel segment");
	}
	return b.pml4;
}
