/* 4-level page tables (pagetable.h; Intel SDM vol. 3A, 4.5). Pure logic. */
#include "arch.h"
#include "pagetable.h"

#define TABLE_INDEX    0x1FFULL
#define TABLE_FLAGS    (PTE_PRESENT | PTE_WRITE)
#define NOT_MAPPED     (~0ULL)

enum level { LEVEL_PT, LEVEL_PD, LEVEL_PDPT, LEVEL_PML4 };

static unsigned index_at(uint64_t va, enum level level)
{
	return (unsigned)((va >> (12 + 9 * level)) & TABLE_INDEX);
}

static uint64_t *table_at(struct pt_builder *b, uint64_t phys)
{
	return b->phys_to_ptr(b->ctx, phys);
}

enum pt_error pt_init(struct pt_builder *b)
{
	b->pml4 = b->alloc_page(b->ctx);
	return b->pml4 ? PT_OK : PT_ERR_NOMEM;
}

/* The table that *entry points to, made when the entry is empty. */
static enum pt_error descend(struct pt_builder *b, uint64_t *entry, uint64_t **next)
{
	if (!(*entry & PTE_PRESENT)) {
		uint64_t page = b->alloc_page(b->ctx);
		if (!page)
			return PT_ERR_NOMEM;
		*entry = page | TABLE_FLAGS;
	} else if (*entry & PTE_LARGE) {
		return PT_ERR_CONFLICT;
	}
	*next = table_at(b, *entry & PTE_ADDR);
	return PT_OK;
}

static enum pt_error leaf_slot(struct pt_builder *b, uint64_t va, enum level leaf, uint64_t **slot)
{
	uint64_t *t = table_at(b, b->pml4);

	for (enum level l = LEVEL_PML4; l > leaf; l--) {
		enum pt_error err = descend(b, &t[index_at(va, l)], &t);
		if (err)
			return err;
	}
	*slot = &t[index_at(va, leaf)];
	return PT_OK;
}

static uint64_t leaf_bits(const struct pt_builder *b, unsigned flags)
{
	uint64_t bits = PTE_PRESENT;

	if (flags & PT_MAP_WRITE)
		bits |= PTE_WRITE;
	if (b->nx && !(flags & PT_MAP_EXEC))
		bits |= PTE_NX;
	return bits;
}

/* A leaf already there onto the same frame gets the union of both permissions. */
static enum pt_error set_leaf(uint64_t *slot, uint64_t want)
{
	uint64_t old = *slot;

	if (!(old & PTE_PRESENT)) {
		*slot = want;
		return PT_OK;
	}
	if ((old ^ want) & (PTE_ADDR | PTE_LARGE))
		return PT_ERR_CONFLICT;
	*slot = (old & ~(PTE_WRITE | PTE_NX)) | ((old | want) & PTE_WRITE) | (old & want & PTE_NX);
	return PT_OK;
}

/* Whether [va, va + size) lies in one canonical half and [pa, pa + size) below PHYS_ADDR_LIMIT. */
static int range_ok(uint64_t va, uint64_t pa, uint64_t size)
{
	uint64_t last;

	if (size - 1 > UINT64_MAX - va || pa > PHYS_ADDR_LIMIT || size > PHYS_ADDR_LIMIT - pa)
		return 0;
	last = va + (size - 1);
	return last < LOW_HALF_END || va >= HIGH_HALF_START;
}

static enum pt_error map_pages(struct pt_builder *b, uint64_t va, uint64_t pa, uint64_t size,
			       unsigned flags, enum level leaf)
{
	uint64_t step = leaf == LEVEL_PD ? PAGE_SIZE_2M : PAGE_SIZE;
	uint64_t bits = leaf_bits(b, flags) | (leaf == LEVEL_PD ? PTE_LARGE : 0);

	if (size == 0)
		return PT_OK;
	if (!range_ok(va, pa, size))
		return PT_ERR_RANGE;
	for (uint64_t off = 0; off < size; off += step) {
		uint64_t *slot;
		enum pt_error err = leaf_slot(b, va + off, leaf, &slot);
		if (!err)
			err = set_leaf(slot, ((pa + off) & PTE_ADDR) | bits);
		if (err)
			return err;
	}
	return PT_OK;
}

enum pt_error pt_map_2m(struct pt_builder *b, uint64_t vaddr, uint64_t paddr,
			uint64_t size, unsigned flags)
{
	if ((vaddr | paddr | size) & (PAGE_SIZE_2M - 1))
		return PT_ERR_ALIGN;
	return map_pages(b, vaddr, paddr, size, flags, LEVEL_PD);
}

enum pt_error pt_map_4k(struct pt_builder *b, uint64_t vaddr, uint64_t paddr,
			uint64_t size, unsigned flags)
{
	uint64_t offset = vaddr & (PAGE_SIZE - 1), span;

	if (offset != (paddr & (PAGE_SIZE - 1)))
		return PT_ERR_ALIGN;
	if (size == 0)
		return PT_OK;
	if (size > UINT64_MAX - offset - (PAGE_SIZE - 1))
		return PT_ERR_RANGE;
	span = ALIGN_UP(offset + size, PAGE_SIZE);
	return map_pages(b, vaddr - offset, paddr - offset, span, flags, LEVEL_PT);
}

uint64_t pt_translate(struct pt_builder *b, uint64_t vaddr, unsigned *flags)
{
	uint64_t *t = table_at(b, b->pml4);
	uint64_t writable = PTE_WRITE, no_exec = 0;

	if (vaddr >= LOW_HALF_END && vaddr < HIGH_HALF_START)
		return NOT_MAPPED;
	for (enum level l = LEVEL_PML4;; l--) {
		uint64_t e = t[index_at(vaddr, l)];
		uint64_t page = l == LEVEL_PDPT ? PAGE_SIZE_1G : l == LEVEL_PD ? PAGE_SIZE_2M : PAGE_SIZE;

		if (!(e & PTE_PRESENT))
			return NOT_MAPPED;
		writable &= e;
		no_exec |= e & PTE_NX;
		if (l == LEVEL_PT || ((l == LEVEL_PD || l == LEVEL_PDPT) && (e & PTE_LARGE))) {
			if (flags)
				*flags = (writable ? PT_MAP_WRITE : 0) | (no_exec ? 0 : PT_MAP_EXEC);
			return (e & PTE_ADDR & ~(page - 1)) + (vaddr & (page - 1));
		}
		t = table_at(b, e & PTE_ADDR);
	}
}
