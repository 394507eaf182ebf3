/*
 * x86-64 4-level page tables (Intel SDM vol. 3A, 4.5), built in C. Pure
 * logic: the caller supplies the page allocator and the way to reach a
 * physical page, so host tests build tables in an ordinary buffer.
 */
#ifndef LONGBOOT_PAGETABLE_H
#define LONGBOOT_PAGETABLE_H

#include <stdint.h>

#define PTE_PRESENT  (1ULL << 0)
#define PTE_WRITE    (1ULL << 1)
#define PTE_LARGE    (1ULL << 7)   /* PS: a 2 MiB page in a PDE */
#define PTE_NX       (1ULL << 63)
#define PTE_ADDR     0x000FFFFFFFFFF000ULL

#define PT_MAP_WRITE 1u
#define PT_MAP_EXEC  2u

struct pt_builder {
	/* A zeroed 4 KiB-aligned page: its physical address, or 0 when out of memory. */
	uint64_t (*alloc_page)(void *ctx);
	/* Where the code can write the physical page at phys. */
	void *(*phys_to_ptr)(void *ctx, uint64_t phys);
	void *ctx;
	int nx;        /* the CPU has NX: non-executable mappings get PTE_NX */
	uint64_t pml4; /* physical address of the PML4, set by pt_init */
};

enum pt_error {
	PT_OK = 0,
	PT_ERR_NOMEM,     /* alloc_page returned 0 */
	PT_ERR_CONFLICT,  /* a page is already mapped elsewhere, or a 2 MiB page is in the way */
	PT_ERR_ALIGN,     /* addresses or size not aligned to the page size used */
	PT_ERR_RANGE,     /* virtual range not canonical or wraps, or physical range past 2^52 */
};

enum pt_error pt_init(struct pt_builder *b);

/*
 * Maps [vaddr, vaddr + size) onto [paddr, ...) with 2 MiB pages; all three
 * must be 2 MiB aligned. Upper levels are present and writable; the leaf
 * carries PT_MAP_WRITE and (where nx) PTE_NX unless PT_MAP_EXEC.
 */
enum pt_error pt_map_2m(struct pt_builder *b, uint64_t vaddr, uint64_t paddr,
			uint64_t size, unsigned flags);

/*
 * Maps with 4 KiB pages; vaddr and paddr must share their offset in the
 * page, and the range is widened to whole pages. A page already mapped onto
 * the same physical page takes the union of both permissions; onto another
 * physical page it is PT_ERR_CONFLICT.
 */
enum pt_error pt_map_4k(struct pt_builder *b, uint64_t vaddr, uint64_t paddr,
			uint64_t size, unsigned flags);

/*
 * Translates vaddr by walking the tables: returns the physical address and
 * sets *flags to the effective PT_MAP_* permissions, or returns ~0ULL when
 * unmapped. For tests and the loader's own self-checks.
 */
uint64_t pt_translate(struct pt_builder *b, uint64_t vaddr, unsigned *flags);

#endif
