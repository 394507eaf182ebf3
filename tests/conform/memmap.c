/* Questions about the memory map the loader handed over (boot.map). */
#include "conform.h"

const char *mem_type_name(uint32_t type)
{
	switch (type) {
	case LONGBOOT_MEM_USABLE: return "USABLE";
	case LONGBOOT_MEM_RESERVED: return "RESERVED";
	case LONGBOOT_MEM_ACPI_RECLAIMABLE: return "ACPI_RECLAIMABLE";
	case LONGBOOT_MEM_ACPI_NVS: return "ACPI_NVS";
	case LONGBOOT_MEM_BAD_MEMORY: return "BAD_MEMORY";
	case LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE: return "BOOTLOADER_RECLAIMABLE";
	case LONGBOOT_MEM_KERNEL: return "KERNEL";
	case LONGBOOT_MEM_MODULE: return "MODULE";
	default: return "unknown";
	}
}

int mem_type_known(uint32_t type)
{
	return (type >= LONGBOOT_MEM_USABLE && type <= LONGBOOT_MEM_BAD_MEMORY) ||
	       (type >= LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE && type <= LONGBOOT_MEM_MODULE);
}

/* RAM E820 called usable or ACPI: what the identity map has to reach. */
int mem_type_is_ram(uint32_t type)
{
	return type == LONGBOOT_MEM_USABLE || type == LONGBOOT_MEM_ACPI_RECLAIMABLE ||
	       type == LONGBOOT_MEM_ACPI_NVS || type == LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE ||
	       type == LONGBOOT_MEM_KERNEL || type == LONGBOOT_MEM_MODULE;
}

static const struct longboot_memmap_entry *entry_at(uint64_t addr, uint32_t type)
{
	for (uint32_t i = 0; i < boot.map_count; i++) {
		const struct longboot_memmap_entry *e = &boot.map[i];
		if (e->type == type && addr >= e->base && addr - e->base < e->length)
			return e;
	}
	return NULL;
}

/* Whether every byte of [base, end) lies in entries of this type. */
int range_has_type(uint64_t base, uint64_t end, uint32_t type)
{
	while (base < end) {
		const struct longboot_memmap_entry *e = entry_at(base, type);
		if (!e)
			return 0;
		if (e->base + e->length < e->base) /* wraps: runs to the top */
			return 1;
		base = e->base + e->length;
	}
	return 1;
}

int range_touches_type(uint64_t base, uint64_t end, uint32_t type)
{
	for (uint32_t i = 0; i < boot.map_count; i++) {
		const struct longboot_memmap_entry *e = &boot.map[i];
		if (e->type == type && e->length && base < e->base + e->length && e->base < end)
			return 1;
	}
	return 0;
}

/*
 * Addresses the loader hands over lie in the identity map below 4 GiB
 * (docs/protocol.md, opening): anything else is not read.
 */
int ident_readable(uint64_t addr, uint64_t len)
{
	return addr != 0 && addr + len >= addr && addr + len <= FOUR_GIB;
}
