/* Values several protocols derive from the description (boot_desc.h). Pure logic. */
#include "arch.h"
#include "boot_desc.h"

#define CONVENTIONAL_END (640 * KIB)
#define RSDP_V1_BYTES    20
#define RSDP_REVISION_AT 15
#define RSDP_LENGTH_AT   20
#define RSDP_V2_MIN      36

/* End of the USABLE run of the map that contains addr, or addr when none does. */
static uint64_t usable_end_from(const struct boot_desc *d, uint64_t addr)
{
	uint64_t end = addr;

	for (int grew = 1; grew;) {
		grew = 0;
		for (size_t i = 0; i < d->firmware_count; i++) {
			const struct longboot_memmap_entry *e = &d->firmware_map[i];
			if (e->type == LONGBOOT_MEM_USABLE && e->base <= end && e->base + e->length > end) {
				end = e->base + e->length;
				grew = 1;
			}
		}
	}
	return end;
}

uint32_t boot_mem_lower_kib(const struct boot_desc *d)
{
	/* The sanitised map reserves page 0: conventional memory starts above it. */
	uint64_t end = usable_end_from(d, PAGE_SIZE);

	if (end == PAGE_SIZE)
		end = usable_end_from(d, 0);
	if (end > CONVENTIONAL_END)
		end = CONVENTIONAL_END;
	return (uint32_t)(end / KIB);
}

uint32_t boot_mem_upper_kib(const struct boot_desc *d)
{
	uint64_t kib = (usable_end_from(d, MIB) - MIB) / KIB;

	return kib > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)kib;
}

uint32_t boot_rsdp_v1_bytes(void)
{
	return RSDP_V1_BYTES;
}

uint32_t boot_rsdp_bytes(const uint8_t *rsdp)
{
	if (rsdp[RSDP_REVISION_AT] < 2)
		return RSDP_V1_BYTES;
	uint32_t n = (uint32_t)rsdp[RSDP_LENGTH_AT] | (uint32_t)rsdp[RSDP_LENGTH_AT + 1] << 8 |
		     (uint32_t)rsdp[RSDP_LENGTH_AT + 2] << 16 | (uint32_t)rsdp[RSDP_LENGTH_AT + 3] << 24;
	return n < RSDP_V2_MIN ? RSDP_V2_MIN : n;
}
