/* The UEFI backend's side of loader/firmware.h that has no file of its own. */
#include "boot.h"
#include "efi.h"
#include "libc.h"
#include "panic.h"

const uint32_t firmware_kind = LONGBOOT_FIRMWARE_UEFI;

/*
 * The loader's GDT layout (include/layout.h, LB_SEL_*) as stage2's
 * entry.asm builds it: flat 4 GiB segments, ring 0 (Intel SDM vol. 3A,
 * 3.4.5). The 16-bit ones are the BIOS trampoline's and never handed over.
 */
#define DESC_FLAT_LIMIT  0x000F00000000FFFFULL       /* limit 0xFFFFF in 4 KiB units */
#define DESC_ACCESS_CODE (0x9AULL << 40)             /* present, code, readable */
#define DESC_ACCESS_DATA (0x92ULL << 40)             /* present, data, writable */
#define DESC_FLAGS_LONG  (0xAULL << 52)              /* G, L */
#define DESC_FLAGS_FLAT32 (0xCULL << 52)             /* G, D */

uint64_t gdt_descriptor_for(uint32_t sel)
{
	switch (sel) {
	case LB_SEL_CODE64: return DESC_FLAT_LIMIT | DESC_ACCESS_CODE | DESC_FLAGS_LONG;
	case LB_SEL_CODE32: return DESC_FLAT_LIMIT | DESC_ACCESS_CODE | DESC_FLAGS_FLAT32;
	case LB_SEL_DATA: return DESC_FLAT_LIMIT | DESC_ACCESS_DATA | DESC_FLAGS_FLAT32;
	default: panic("no GDT descriptor for selector 0x%x under UEFI", sel);
	}
}

/* The ACPI RSDP from the configuration table: the ACPI 2.0 entry, else the 1.0 one (UEFI 2.10, 4.6.1.1). */
uint64_t firmware_rsdp(void)
{
	static const EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
	uint64_t v1 = 0;

	for (UINTN i = 0; i < efi_st->NumberOfTableEntries; i++) {
		const EFI_CONFIGURATION_TABLE *t = &efi_st->ConfigurationTable[i];
		if (memcmp(&t->VendorGuid, &acpi20, sizeof(acpi20)) == 0)
			return (uintptr_t)t->VendorTable;
		if (memcmp(&t->VendorGuid, &acpi10, sizeof(acpi10)) == 0)
			v1 = (uintptr_t)t->VendorTable;
	}
	return v1;
}

void firmware_describe(struct boot_desc *d)
{
	d->boot_drive = 0;
	d->efi.system_table = (uintptr_t)efi_st;
	d->efi.image_handle = (uintptr_t)efi_image;
	efi_describe_memory(d);
}

/* boot_linux refuses linux16 under UEFI before it gets here. */
void enter_real_mode_kernel(uint32_t segment, uint32_t stack)
{
	(void)segment;
	(void)stack;
	panic("linux16 needs a BIOS");
}
