/*
 * Physical memory while booting: the firmware's map, what the kernel
 * occupies, and a first-fit allocator over the rest below 4 GiB. Every
 * allocation is recorded with the memory map type the kernel will see
 * for it, and taken from the firmware where the firmware hands memory
 * out (firmware_claim).
 *
 * Two views of the firmware's map: where the loader may allocate now
 * (mem_map), and what the kernel will be told (mem_firmware_map). Under
 * the BIOS they are one; under UEFI memory the firmware still uses while
 * its boot services run is only in the second.
 */
#ifndef LONGBOOT_MEM_H
#define LONGBOOT_MEM_H

#include <stddef.h>
#include <stdint.h>
#include "longboot.h"
#include "memmap.h"

/* The firmware's map (any E820 or protocol types): both views. */
void mem_init(const struct longboot_memmap_entry *firmware, size_t n);

/*
 * UEFI, after leaving boot services: `final` becomes what the kernel is
 * told, and the loader allocates only where `free_now` is USABLE too.
 */
void mem_set_final(const struct longboot_memmap_entry *final, size_t n,
		   const struct longboot_memmap_entry *free_now, size_t m);

/* Where the loader may allocate: the sanitised map, USABLE where it may. */
const struct longboot_memmap_entry *mem_map(size_t *count);

/* The sanitised firmware map the kernel is told of (types 1-5). */
const struct longboot_memmap_entry *mem_firmware_map(size_t *count);

/*
 * Takes [base, end) (page-aligned), with the type it will have in the
 * map. Returns 0, taking nothing, when the firmware has it in use.
 */
int mem_claim(uint64_t base, uint64_t end, uint32_t type);

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

/* Where the identity map must reach: RAM's top in the kernel's map, and any firmware runtime region. */
uint64_t mem_map_top(void);

#endif
