/*
 * The protocol's memory map (section 3) made from what E820 reports, and
 * the search for free memory the loader allocates from. Pure logic.
 */
#ifndef LONGBOOT_MEMMAP_H
#define LONGBOOT_MEMMAP_H

#include <stddef.h>
#include <stdint.h>
#include "arch.h"
#include "longboot.h"

/*
 * Sanitises n entries (raw E820 types 1-5, any other E820 type, or the
 * loader's types 0x1000-0x1002 laid over USABLE memory) into out:
 * sorted by base, no overlaps (the more restrictive type wins: USABLE <
 * loader types < ACPI_RECLAIMABLE < ACPI_NVS < RESERVED and unknown types
 * (reported as RESERVED) < BAD_MEMORY), no zero lengths, touching entries
 * of one type merged, USABLE trimmed to whole pages (partial pages left
 * out), page 0 RESERVED where it was USABLE. Entries whose end would pass
 * 2^64 are clipped. Returns the number of entries written, or -1 when more
 * than cap would be needed. `in` and `out` must not overlap.
 */
int memmap_sanitize(const struct longboot_memmap_entry *in, size_t n,
		    struct longboot_memmap_entry *out, size_t cap);

/* A half-open physical range [base, end). */
struct mem_range {
	uint64_t base, end;
};

/*
 * Lowest address a, aligned to `align` (a power of two), with
 * [a, a + size) inside one USABLE entry of the sanitised map, inside
 * [min, max), and overlapping none of the `ntaken` ranges.
 * Returns 0 when there is none.
 */
uint64_t memmap_find_free(const struct longboot_memmap_entry *map, size_t n,
			  const struct mem_range *taken, size_t ntaken,
			  uint64_t size, uint64_t align, uint64_t min, uint64_t max);

/* Whether [base, end) lies wholly inside USABLE entries of a sanitised map (touching entries count as one). */
int memmap_is_usable(const struct longboot_memmap_entry *map, size_t n,
		     uint64_t base, uint64_t end);

/* End of the highest USABLE, ACPI_RECLAIMABLE or ACPI_NVS entry. */
uint64_t memmap_ram_top(const struct longboot_memmap_entry *map, size_t n);

#endif
