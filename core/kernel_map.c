/* The protocol's page tables (kernel_map.h, boot protocol section 2). Pure logic. */
#include "arch.h"
#include "elf64.h"
#include "kernel_map.h"
#include "longboot.h"

static int failed(struct kernel_map_error *err, enum pt_error e, const char *what,
		  const struct elf_segment *seg)
{
	err->error = e;
	err->what = what;
	err->in_segment = seg != 0;
	err->phdr_index = seg ? seg->phdr_index : 0;
	return 0;
}

int kernel_map_build(struct pt_builder *b, uint64_t ram_top, const struct elf_kernel *k,
		     struct kernel_map_error *err)
{
	uint64_t top = ALIGN_UP(ram_top < FOUR_GIB ? FOUR_GIB : ram_top, PAGE_SIZE_2M);
	enum pt_error e;

	if ((e = pt_init(b)) != PT_OK)
		return failed(err, e, "the PML4", 0);
	if ((e = pt_map_2m(b, 0, 0, top, PT_MAP_WRITE | PT_MAP_EXEC)) != PT_OK)
		return failed(err, e, "the identity map", 0);
	if ((e = pt_map_2m(b, LONGBOOT_PHYS_MAP_OFFSET, 0, top, PT_MAP_WRITE)) != PT_OK)
		return failed(err, e, "the direct map", 0);
	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *seg = &k->seg[i];
		if (seg->vaddr == seg->paddr)
			continue; /* in the identity map */
		unsigned flags = (seg->flags & PF_W ? PT_MAP_WRITE : 0) | (seg->flags & PF_X ? PT_MAP_EXEC : 0);
		if ((e = pt_map_4k(b, seg->vaddr, seg->paddr, seg->memsz, flags)) != PT_OK)
			return failed(err, e, "a kernel segment", seg);
	}
	return 1;
}
