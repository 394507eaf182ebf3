/* core/efi_memmap.c and video_mode_from_masks: what the UEFI loader makes of the firmware's answers. */
#include <string.h>

#include "efi_memmap.h"
#include "memmap.h"
#include "uefi.h"
#include "unit.h"
#include "video.h"

#define OVMF_DESC_SIZE 48 /* OVMF's descriptors are 8 bytes longer than the spec's 40 */

static size_t add(uint8_t *map, size_t at, uint32_t type, uint64_t base, uint64_t pages, uint64_t attr)
{
	memset(map + at, 0, OVMF_DESC_SIZE);
	memcpy(map + at, &type, 4);
	memcpy(map + at + 8, &base, 8);
	memcpy(map + at + 24, &pages, 8);
	memcpy(map + at + 32, &attr, 8);
	return at + OVMF_DESC_SIZE;
}

/* A map in the shape OVMF gives, unsorted. */
static size_t ovmf_like(uint8_t *map)
{
	size_t n = 0;

	n = add(map, n, EfiBootServicesData, 0x0, 1, 0);
	n = add(map, n, EfiConventionalMemory, 0x1000, 0x9F, 0);
	n = add(map, n, EfiLoaderData, 0x100000, 0x10, 0);
	n = add(map, n, EfiConventionalMemory, 0x110000, 0x6F0, 0);
	n = add(map, n, EfiACPIMemoryNVS, 0x800000, 0x100, 0);
	n = add(map, n, EfiBootServicesCode, 0x900000, 0x100, 0);
	n = add(map, n, EfiRuntimeServicesData, 0x1EAA0000, 0x102, EFI_MEMORY_RUNTIME);
	n = add(map, n, EfiACPIReclaimMemory, 0x1F76C000, 0x12, 0);
	n = add(map, n, EfiUnusableMemory, 0x1F800000, 1, 0);
	n = add(map, n, EfiMemoryMappedIO, 0xFFC00000, 0x400, EFI_MEMORY_RUNTIME);
	n = add(map, n, EfiLoaderCode, 0x1E000000, 0x20, 0);
	n = add(map, n, EfiPersistentMemory, 0x200000000, 0x100, 0);
	return n;
}

static uint32_t type_at(const struct longboot_memmap_entry *m, size_t n, uint64_t addr)
{
	for (size_t i = 0; i < n; i++)
		if (addr >= m[i].base && addr - m[i].base < m[i].length)
			return m[i].type;
	return 0;
}

static void types(void)
{
	CHECK_EQ(efi_memory_type(EfiConventionalMemory, EFI_VIEW_NOW), LONGBOOT_MEM_USABLE);
	CHECK_EQ(efi_memory_type(EfiBootServicesData, EFI_VIEW_NOW), LONGBOOT_MEM_RESERVED);
	CHECK_EQ(efi_memory_type(EfiBootServicesData, EFI_VIEW_FINAL), LONGBOOT_MEM_USABLE);
	CHECK_EQ(efi_memory_type(EfiLoaderCode, EFI_VIEW_FINAL), LONGBOOT_MEM_USABLE);
	CHECK_EQ(efi_memory_type(EfiRuntimeServicesCode, EFI_VIEW_FINAL), LONGBOOT_MEM_RESERVED);
	CHECK_EQ(efi_memory_type(EfiACPIReclaimMemory, EFI_VIEW_FINAL), LONGBOOT_MEM_ACPI_RECLAIMABLE);
	CHECK_EQ(efi_memory_type(EfiACPIMemoryNVS, EFI_VIEW_NOW), LONGBOOT_MEM_ACPI_NVS);
	CHECK_EQ(efi_memory_type(EfiUnusableMemory, EFI_VIEW_FINAL), LONGBOOT_MEM_BAD_MEMORY);
	CHECK_EQ(efi_memory_type(EfiMemoryMappedIO, EFI_VIEW_FINAL), LONGBOOT_MEM_RESERVED);
	CHECK_EQ(efi_memory_type(EfiPersistentMemory, EFI_VIEW_FINAL), LONGBOOT_MEM_RESERVED);
	CHECK_EQ(efi_memory_type(0x70000000, EFI_VIEW_FINAL), LONGBOOT_MEM_RESERVED); /* OEM types */
}

static void convert(void)
{
	static uint8_t map[64 * OVMF_DESC_SIZE];
	struct longboot_memmap_entry raw[64], out[130];
	size_t bytes = ovmf_like(map);

	/* Final: boot-services and loader memory are free; sanitised, it obeys section 3. */
	int n = efi_memmap_convert(map, bytes, OVMF_DESC_SIZE, EFI_VIEW_FINAL, raw, 64);
	CHECK_EQ(n, 12);
	CHECK_EQ(raw[1].base, 0x1000);
	CHECK_EQ(raw[1].length, 0x9F000);
	int m = memmap_sanitize(raw, (size_t)n, out, 130);
	CHECK(m > 0);
	CHECK_EQ(type_at(out, (size_t)m, 0x0), LONGBOOT_MEM_RESERVED);     /* page 0 never USABLE */
	CHECK_EQ(type_at(out, (size_t)m, 0x100000), LONGBOOT_MEM_USABLE);
	CHECK_EQ(type_at(out, (size_t)m, 0x950000), LONGBOOT_MEM_USABLE);
	CHECK_EQ(type_at(out, (size_t)m, 0x1E010000), LONGBOOT_MEM_USABLE);
	CHECK_EQ(type_at(out, (size_t)m, 0x1EAA0000), LONGBOOT_MEM_RESERVED);
	CHECK_EQ(type_at(out, (size_t)m, 0x1F76C000), LONGBOOT_MEM_ACPI_RECLAIMABLE);
	CHECK_EQ(type_at(out, (size_t)m, 0x1F800000), LONGBOOT_MEM_BAD_MEMORY);
	/* 0x100000-0x800000 is one USABLE entry: loader data and conventional merged. */
	for (int i = 0; i < m; i++)
		if (out[i].base == 0x100000)
			CHECK_EQ(out[i].length, 0x700000);

	/* Now: only conventional memory is free. */
	n = efi_memmap_convert(map, bytes, OVMF_DESC_SIZE, EFI_VIEW_NOW, raw, 64);
	m = memmap_sanitize(raw, (size_t)n, out, 130);
	CHECK_EQ(type_at(out, (size_t)m, 0x100000), LONGBOOT_MEM_RESERVED);
	CHECK_EQ(type_at(out, (size_t)m, 0x110000), LONGBOOT_MEM_USABLE);
	CHECK_EQ(type_at(out, (size_t)m, 0x950000), LONGBOOT_MEM_RESERVED);

	/* The highest runtime region, MMIO included. */
	CHECK_EQ(efi_memmap_runtime_top(map, bytes, OVMF_DESC_SIZE), 0x100000000);
}

static void malformed(void)
{
	static uint8_t map[4 * OVMF_DESC_SIZE];
	struct longboot_memmap_entry raw[4];
	size_t bytes = 0;

	for (int i = 0; i < 4; i++)
		bytes = add(map, bytes, EfiConventionalMemory, 0x100000 * (uint64_t)(i + 1), 1, 0);
	CHECK_EQ(efi_memmap_convert(map, bytes, 32, EFI_VIEW_FINAL, raw, 4), -1);      /* descriptor too small */
	CHECK_EQ(efi_memmap_convert(map, bytes - 1, OVMF_DESC_SIZE, EFI_VIEW_FINAL, raw, 4), -1);
	CHECK_EQ(efi_memmap_convert(map, bytes, OVMF_DESC_SIZE, EFI_VIEW_FINAL, raw, 3), -1); /* no room */
	CHECK_EQ(efi_memmap_convert(map, 0, OVMF_DESC_SIZE, EFI_VIEW_FINAL, raw, 4), 0);
	/* A page count whose byte length passes 2^64 is clipped, not wrapped. */
	add(map, 0, EfiConventionalMemory, 0x1000, UINT64_MAX, 0);
	CHECK_EQ(efi_memmap_convert(map, OVMF_DESC_SIZE, OVMF_DESC_SIZE, EFI_VIEW_FINAL, raw, 4), 1);
	CHECK_EQ(raw[0].length, UINT64_MAX);
	CHECK_EQ(efi_memmap_runtime_top(map, bytes, 16), 0);
}

static void gop_masks(void)
{
	struct video_mode m = { 0 };

	/* PixelBlueGreenRedReserved8BitPerColor, OVMF's: blue in the low byte. */
	CHECK(video_mode_from_masks(&m, 0xFF0000, 0xFF00, 0xFF, 0xFF000000));
	CHECK_EQ(m.bpp, 32);
	CHECK_EQ(m.red_shift, 16);
	CHECK_EQ(m.red_size, 8);
	CHECK_EQ(m.blue_shift, 0);
	/* 5:6:5 */
	CHECK(video_mode_from_masks(&m, 0xF800, 0x07E0, 0x001F, 0));
	CHECK_EQ(m.bpp, 16);
	CHECK_EQ(m.green_size, 6);
	CHECK_EQ(m.green_shift, 5);
	/* 24 bits, no reserved byte */
	CHECK(video_mode_from_masks(&m, 0xFF, 0xFF00, 0xFF0000, 0));
	CHECK_EQ(m.bpp, 24);
	/* A split mask or an empty one is no mode. */
	CHECK(!video_mode_from_masks(&m, 0xF00F, 0x0FF0, 0, 0));
	CHECK(!video_mode_from_masks(&m, 0xFF0000, 0xFF00, 0, 0));
	CHECK(!video_mode_from_masks(&m, 0x80000001, 0xFF00, 0xFF, 0));
}

int main(void)
{
	unit_suite("efi");
	RUN(types, "EFI memory types in the view before and after ExitBootServices");
	RUN(convert, "an OVMF-shaped map: section 3's rules, runtime top");
	RUN(malformed, "bad descriptor sizes, short room, huge page counts");
	RUN(gop_masks, "GOP pixel masks to colour fields and bpp");
	return unit_done();
}
