/*
 * The protocol's memory map from a UEFI memory map (boot protocol section
 * 6), and what else the map says that the loader needs. Pure logic: the
 * descriptors are read by their offsets in the UEFI specification (7.2,
 * EFI_MEMORY_DESCRIPTOR), DescriptorSize apart, whatever the host.
 */
#ifndef LONGBOOT_EFI_MEMMAP_H
#define LONGBOOT_EFI_MEMMAP_H

#include <stddef.h>
#include <stdint.h>
#include "longboot.h"

/* Which memory counts as USABLE. */
enum efi_map_view {
	EFI_VIEW_NOW,   /* boot services still run: only conventional memory is free */
	EFI_VIEW_FINAL, /* after ExitBootServices: boot-services and loader memory too */
};

/* The protocol type of an EFI memory type in a view. */
uint32_t efi_memory_type(uint32_t efi_type, enum efi_map_view view);

/*
 * Converts the map's descriptors (map_size bytes, desc_size apart) into
 * out, one entry each (raw: for memmap_sanitize). Returns how many, or -1
 * when desc_size is too small, the sizes do not fit, or more than cap
 * would be needed.
 */
int efi_memmap_convert(const void *map, uint64_t map_size, uint64_t desc_size,
		       enum efi_map_view view, struct longboot_memmap_entry *out, size_t cap);

/* The end of the highest region with the runtime attribute, 0 when none. */
uint64_t efi_memmap_runtime_top(const void *map, uint64_t map_size, uint64_t desc_size);

#endif
