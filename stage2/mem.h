/*
 * Physical memory while booting: the sanitised firmware map, what the
 * kernel occupies, and a first-fit allocator over the rest below 4 GiB
 * (stage2 runs without paging). Every allocation is recorded with the
 * memory map type the kernel will see for it.
 */
#ifndef LONGBOOT_MEM_H
#define LONGBOOT_MEM_H

#include <stddef.h>
#include <stdint.h>
#include "longboot.h"
#include "memmap.h"

/* Reads the firmware map and sanitises it. */
void mem_init(void);

/* The sanitised firmware map. */
const struct longboot_memmap_entry *mem_map(size_t *count);

/* Marks [base, end) as taken, with the type it will have in the map. */
void mem_claim(uint64_t base, uint64_t end, uint32_t type);

/*
 * The lowest free range of size bytes (rounded up to pages) aligned to
 * `align` inside [min, max), claimed with type; 0 when there is none.
 */
uint64_t mem_claim_free(uint64_t size, uint64_t align, uint64_t min, uint64_t max, uint32_t type);

/* size bytes (rounded up to pages), aligned to `align`; stops with a message when there is no room. */
void *mem_alloc(uint64_t size, uint64_t align, uint32_t type, const char *what);

/* mem_alloc of one page, zeroed. */
void *mem_alloc_page(const char *what);

/*
 * Writes the map the kernel receives: the firmware map with every claim and
 * allocation laid over it. Returns the number of entries.
 */
uint32_t mem_final_map(struct longboot_memmap_entry *out, size_t cap);

/* Room mem_final_map may need. */
size_t mem_final_map_cap(void);

#endif
