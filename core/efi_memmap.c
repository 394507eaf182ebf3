/* The protocol's memory map from a UEFI memory map (efi_memmap.h). Pure logic. */
#include "efi_memmap.h"
#include "uefi.h"

/* EFI_MEMORY_DESCRIPTOR (UEFI 2.10, 7.2.3): Type, PhysicalStart, VirtualStart, NumberOfPages, Attribute. */
#define DESC_TYPE        0
#define DESC_PHYS_START  8
#define DESC_PAGES       24
#define DESC_ATTRIBUTE   32
#define DESC_MIN_SIZE    40

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

uint32_t efi_memory_type(uint32_t efi_type, enum efi_map_view view)
{
	switch (efi_type) {
	case EfiConventionalMemory:
		return LONGBOOT_MEM_USABLE;
	case EfiLoaderCode:
	case EfiLoaderData:
	case EfiBootServicesCode:
	case EfiBootServicesData:
		return view == EFI_VIEW_FINAL ? LONGBOOT_MEM_USABLE : LONGBOOT_MEM_RESERVED;
	case EfiACPIReclaimMemory:
		return LONGBOOT_MEM_ACPI_RECLAIMABLE;
	case EfiACPIMemoryNVS:
		return LONGBOOT_MEM_ACPI_NVS;
	case EfiUnusableMemory:
		return LONGBOOT_MEM_BAD_MEMORY;
	default:  /* runtime services, reserved, MMIO, PAL code, persistent, unaccepted, unknown */
		return LONGBOOT_MEM_RESERVED;
	}
}

int efi_memmap_convert(const void *map, uint64_t map_size, uint64_t desc_size,
		       enum efi_map_view view, struct longboot_memmap_entry *out, size_t cap)
{
	const uint8_t *p = map;

	if (desc_size < DESC_MIN_SIZE || map_size % desc_size)
		return -1;
	uint64_t n = map_size / desc_size;
	if (n > cap)
		return -1;
	for (uint64_t i = 0; i < n; i++, p += desc_size) {
		uint32_t type;
		uint64_t pages = get64(p + DESC_PAGES);
		__builtin_memcpy(&type, p + DESC_TYPE, sizeof(type));
		out[i].base = get64(p + DESC_PHYS_START);
		/* A length past 2^64 is clipped by memmap_sanitize; keep it from wrapping here. */
		out[i].length = pages > (UINT64_MAX >> 12) ? UINT64_MAX : pages << 12;
		out[i].type = efi_memory_type(type, view);
		out[i].reserved = 0;
	}
	return (int)n;
}

uint64_t efi_memmap_runtime_top(const void *map, uint64_t map_size, uint64_t desc_size)
{
	const uint8_t *p = map;
	uint64_t top = 0;

	if (desc_size < DESC_MIN_SIZE)
		return 0;
	for (uint64_t i = 0; i < map_size / desc_size; i++, p += desc_size) {
		uint64_t pages = get64(p + DESC_PAGES);
		if (!(get64(p + DESC_ATTRIBUTE) & EFI_MEMORY_RUNTIME) || pages > (UINT64_MAX >> 12))
			continue;
		uint64_t end = get64(p + DESC_PHYS_START) + (pages << 12);
		if (end > top)
			top = end;
	}
	return top;
}
