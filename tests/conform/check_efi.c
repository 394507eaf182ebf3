/*
 * docs/protocol.md section 6, booting from UEFI: what only a UEFI boot
 * hands over, checked with expect-firmware=uefi (README.md). The EFI
 * structures are read through the identity map, as a kernel would:
 *
 *   efi-system-table    efi_system_table points at "IBI SYST" with a
 *                       plausible header and a valid CRC32; BootServices
 *                       and the console fields are NULL (ExitBootServices
 *                       succeeded: the firmware clears them, UEFI 2.x
 *                       7.4); RuntimeServices points at "RUNTSERV"; the
 *                       configuration table is readable
 *   efi-memmap          the EFI memory map lies in BOOTLOADER_RECLAIMABLE
 *                       memory; its descriptors are page-aligned and
 *                       non-empty; every descriptor is covered by the
 *                       longboot map with the types section 6 converts its
 *                       EFI type to
 *   efi-runtime-mapped  every EFI_MEMORY_RUNTIME descriptor is mapped onto
 *                       itself, read/write and executable (a page-table
 *                       walk), and one byte of each runtime code/data
 *                       region is read
 */
#include "conform.h"

#define EFI_SYSTEM_TABLE_SIGNATURE   0x5453595320494249ULL /* "IBI SYST" */
#define EFI_RUNTIME_SERVICES_SIGNATURE 0x56524553544E5552ULL /* "RUNTSERV" */
#define EFI_SYSTEM_TABLE_MIN_SIZE    120   /* x64 EFI_SYSTEM_TABLE up to ConfigurationTable */
#define EFI_MEMORY_RUNTIME           (1ULL << 63)
#define EFI_PAGE                     4096ULL
#define EFI_CONFIG_TABLES_MAX        256
#define EFI_MEMDESC_MIN_SIZE         40

/* EFI memory types (UEFI 2.x, 7.2). */
enum {
	EfiReservedMemoryType, EfiLoaderCode, EfiLoaderData, EfiBootServicesCode, EfiBootServicesData,
	EfiRuntimeServicesCode, EfiRuntimeServicesData, EfiConventionalMemory, EfiUnusableMemory,
	EfiACPIReclaimMemory, EfiACPIMemoryNVS, EfiMemoryMappedIO, EfiMemoryMappedIOPortSpace,
	EfiPalCode, EfiPersistentMemory, EfiUnacceptedMemoryType,
};

struct efi_table_header {
	uint64_t signature;
	uint32_t revision, header_size, crc32, reserved;
};

struct efi_system_table {
	struct efi_table_header hdr;
	uint64_t firmware_vendor;
	uint32_t firmware_revision, pad;
	uint64_t console_in_handle, con_in, console_out_handle, con_out, stderr_handle, std_err;
	uint64_t runtime_services, boot_services;
	uint64_t config_count, config_table;
};
_Static_assert(sizeof(struct efi_system_table) == EFI_SYSTEM_TABLE_MIN_SIZE, "x64 EFI_SYSTEM_TABLE");

struct efi_guid {
	uint32_t d1;
	uint16_t d2, d3;
	uint8_t d4[8];
};

struct efi_config_table {
	struct efi_guid guid;
	uint64_t table;
};

struct efi_memdesc {
	uint32_t type, pad;
	uint64_t phys, virt, pages, attr;
};

static const struct efi_guid acpi20_guid = { 0x8868e871, 0xe4f1, 0x11d3, { 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 } };
static const struct efi_guid acpi10_guid = { 0xeb9d2d30, 0x2d88, 0x11d3, { 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d } };

/* The copied EFI map's descriptors: count, and the i-th. */
static uint64_t efi_desc_count(void)
{
	uint32_t ds = boot.info.efi_memdesc_size;
	if (ds < EFI_MEMDESC_MIN_SIZE || !boot.efi_map_size)
		return 0;
	return boot.efi_map_size / ds;
}

static const struct efi_memdesc *efi_desc(uint64_t i)
{
	return (const struct efi_memdesc *)(boot.efi_map + i * boot.info.efi_memdesc_size);
}

int efi_runtime_range(uint64_t base, uint64_t size)
{
	for (uint64_t i = 0; i < efi_desc_count(); i++) {
		const struct efi_memdesc *d = efi_desc(i);
		if ((d->attr & EFI_MEMORY_RUNTIME) && base < d->phys + d->pages * EFI_PAGE && d->phys < base + size)
			return 1;
	}
	return 0;
}

static int guid_eq(const volatile struct efi_guid *a, const struct efi_guid *b)
{
	if (a->d1 != b->d1 || a->d2 != b->d2 || a->d3 != b->d3)
		return 0;
	for (int i = 0; i < 8; i++)
		if (a->d4[i] != b->d4[i])
			return 0;
	return 1;
}

/* The system table, when efi_system_table can be read; else NULL. */
static const volatile struct efi_system_table *system_table(void)
{
	uint64_t a = boot.info.efi_system_table;
	if (!ident_readable(a, sizeof(struct efi_system_table)))
		return NULL;
	return (const volatile struct efi_system_table *)(uintptr_t)a;
}

uint64_t efi_config_acpi_rsdp(int *acpi20)
{
	const volatile struct efi_system_table *st = system_table();
	uint64_t acpi10 = 0;

	*acpi20 = 0;
	if (!st || st->hdr.signature != EFI_SYSTEM_TABLE_SIGNATURE || st->config_count > EFI_CONFIG_TABLES_MAX ||
	    !ident_readable(st->config_table, st->config_count * sizeof(struct efi_config_table)))
		return 0;
	const volatile struct efi_config_table *t = (const volatile struct efi_config_table *)(uintptr_t)st->config_table;
	for (uint64_t i = 0; i < st->config_count; i++) {
		if (guid_eq(&t[i].guid, &acpi20_guid)) {
			*acpi20 = 1;
			return t[i].table;
		}
		if (!acpi10 && guid_eq(&t[i].guid, &acpi10_guid))
			acpi10 = t[i].table;
	}
	return acpi10;
}

/* CRC-32 (IEEE 802.3, as UEFI's CalculateCrc32) of n bytes, with [skip, skip + 4) read as 0. */
static uint32_t crc32(const volatile uint8_t *p, uint64_t n, uint64_t skip)
{
	uint32_t crc = 0xFFFFFFFFu;
	for (uint64_t i = 0; i < n; i++) {
		uint8_t b = i >= skip && i < skip + 4 ? 0 : p[i];
		crc ^= b;
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xEDB88320u & -(crc & 1));
	}
	return ~crc;
}

static void check_system_table(void)
{
	struct check c;
	const volatile struct efi_system_table *st = system_table();

	check_begin(&c, "efi-system-table");
	if (!expect(&c, st != NULL, "efi_system_table 0x%lx is not readable below 4 GiB",
		    boot.info.efi_system_table)) {
		check_end(&c);
		return;
	}
	uint64_t sig = st->hdr.signature;
	uint32_t hsize = st->hdr.header_size;
	if (!expect(&c, sig == EFI_SYSTEM_TABLE_SIGNATURE, "signature at 0x%lx is 0x%016lx, not \"IBI SYST\"",
		    boot.info.efi_system_table, sig)) {
		check_end(&c);
		return;
	}
	expect(&c, st->hdr.revision >> 16 >= 2, "revision 0x%x is not UEFI 2.x", st->hdr.revision);
	if (expect(&c, hsize >= EFI_SYSTEM_TABLE_MIN_SIZE && hsize <= PAGE_SIZE &&
		   ident_readable(boot.info.efi_system_table, hsize),
		   "HeaderSize %u is implausible", hsize))
		expect(&c, crc32((const volatile uint8_t *)st, hsize, 16) == st->hdr.crc32,
		       "header CRC32 0x%08x does not match the table", st->hdr.crc32);
	expect(&c, st->boot_services == 0, "BootServices is 0x%lx, not NULL: ExitBootServices did not run",
	       st->boot_services);
	expect(&c, st->con_in == 0 && st->con_out == 0 && st->std_err == 0,
	       "ConIn/ConOut/StdErr are not NULL after ExitBootServices");
	uint64_t rt = st->runtime_services;
	if (expect(&c, ident_readable(rt, sizeof(struct efi_table_header)), "RuntimeServices 0x%lx is not readable", rt))
		expect(&c, ((const volatile struct efi_table_header *)(uintptr_t)rt)->signature ==
			       EFI_RUNTIME_SERVICES_SIGNATURE,
		       "RuntimeServices at 0x%lx has no \"RUNTSERV\" signature", rt);
	expect(&c, efi_runtime_range(boot.info.efi_system_table, sizeof(struct efi_system_table)),
	       "the system table at 0x%lx is not in EFI runtime memory", boot.info.efi_system_table);
	expect(&c, st->config_count > 0 && st->config_count <= EFI_CONFIG_TABLES_MAX &&
		   ident_readable(st->config_table, st->config_count * sizeof(struct efi_config_table)),
	       "configuration table: %lu entries at 0x%lx", st->config_count, st->config_table);
	check_note(&c, "at 0x%lx, revision %u.%u, runtime services at 0x%lx, %lu configuration tables",
		   boot.info.efi_system_table, st->hdr.revision >> 16, (st->hdr.revision & 0xFFFF) / 10, rt,
		   st->config_count);
	check_end(&c);
}

/* Section 6's conversion: may longboot type lb stand for (part of) EFI type efi? */
static int converts_to(uint32_t efi, uint32_t lb, uint64_t at)
{
	switch (efi) {
	case EfiConventionalMemory:
	case EfiBootServicesCode:
	case EfiBootServicesData:
	case EfiLoaderCode:
	case EfiLoaderData:
		return lb == LONGBOOT_MEM_USABLE || lb == LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE ||
		       lb == LONGBOOT_MEM_KERNEL || lb == LONGBOOT_MEM_MODULE ||
		       (lb == LONGBOOT_MEM_RESERVED && at < PAGE_SIZE); /* page 0 is never USABLE */
	case EfiACPIReclaimMemory: return lb == LONGBOOT_MEM_ACPI_RECLAIMABLE;
	case EfiACPIMemoryNVS: return lb == LONGBOOT_MEM_ACPI_NVS;
	case EfiUnusableMemory: return lb == LONGBOOT_MEM_BAD_MEMORY;
	default: return lb == LONGBOOT_MEM_RESERVED;
	}
}

static void check_memmap_efi(void)
{
	struct check c;
	const struct longboot_info *in = &boot.info;
	uint64_t n = efi_desc_count(), runtime = 0;

	check_begin(&c, "efi-memmap");
	expect(&c, ident_readable(in->efi_memmap_addr, in->efi_memmap_size) &&
		   range_has_type(in->efi_memmap_addr, in->efi_memmap_addr + in->efi_memmap_size,
				  LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE),
	       "the EFI map [0x%lx, 0x%lx) is not inside BOOTLOADER_RECLAIMABLE memory below 4 GiB",
	       in->efi_memmap_addr, in->efi_memmap_addr + in->efi_memmap_size);
	if (!expect(&c, n > 0, "no EFI memory map to read (size %lu, descriptor size %u, at most %u bytes read)",
		    in->efi_memmap_size, in->efi_memdesc_size, EFI_MAP_MAX)) {
		check_end(&c);
		return;
	}
	for (uint64_t i = 0; i < n; i++) {
		const struct efi_memdesc *d = efi_desc(i);
		uint64_t base = d->phys, end = d->phys + d->pages * EFI_PAGE, covered = 0;
		if (d->attr & EFI_MEMORY_RUNTIME)
			runtime++;
		if (!expect(&c, d->pages > 0 && base % EFI_PAGE == 0 && end > base,
			    "descriptor %lu: %lu pages at 0x%lx", i, d->pages, base))
			continue;
		for (uint32_t k = 0; k < boot.map_count; k++) {
			const struct longboot_memmap_entry *e = &boot.map[k];
			uint64_t lo = e->base > base ? e->base : base;
			uint64_t hi = e->base + e->length < end ? e->base + e->length : end;
			if (lo >= hi)
				continue;
			covered += hi - lo;
			expect(&c, converts_to(d->type, e->type, lo),
			       "EFI type %u [0x%lx, 0x%lx) is %s at [0x%lx, 0x%lx) in the longboot map", d->type,
			       base, end, mem_type_name(e->type), lo, hi);
		}
		expect(&c, covered == end - base,
		       "EFI type %u [0x%lx, 0x%lx): only 0x%lx of 0x%lx bytes are in the longboot map", d->type,
		       base, end, covered, end - base);
	}
	check_note(&c, "%lu descriptors of %u bytes, version %u, %lu runtime; every one converted as section 6 says",
		   n, in->efi_memdesc_size, in->efi_memdesc_version, runtime);
	check_end(&c);
}

static void check_runtime_mapped(void)
{
	struct check c;
	uint64_t regions = 0, pages = 0;

	check_begin(&c, "efi-runtime-mapped");
	for (uint64_t i = 0; i < efi_desc_count(); i++) {
		const struct efi_memdesc *d = efi_desc(i);
		if (!(d->attr & EFI_MEMORY_RUNTIME) || d->pages == 0)
			continue;
		regions++;
		uint64_t end = d->phys + d->pages * EFI_PAGE;
		int ok = 1;
		for (uint64_t a = d->phys; a < end && ok;) {
			struct translation t;
			ok = expect(&c, translate(a, &t), "runtime region (EFI type %u) [0x%lx, 0x%lx): 0x%lx is not mapped",
				    d->type, d->phys, end, a) &&
			     expect(&c, t.pa == a && t.write && t.exec,
				    "runtime region (EFI type %u) at 0x%lx maps to 0x%lx%s%s", d->type, a, t.pa,
				    t.write ? "" : ", read-only", t.exec ? "" : ", not executable");
			if (ok) {
				/* On to the end of this mapping. */
				uint64_t next = (a & ~(t.size - 1)) + t.size;
				pages += ((next < end ? next : end) - a + EFI_PAGE - 1) / EFI_PAGE;
				a = next;
			}
		}
		/* Touch it: a kernel calling runtime services reads their code and data. */
		if (ok && (d->type == EfiRuntimeServicesCode || d->type == EfiRuntimeServicesData)) {
			volatile uint8_t b = *(const volatile uint8_t *)(uintptr_t)d->phys;
			(void)b;
			b = *(const volatile uint8_t *)(uintptr_t)(end - 1);
			(void)b;
		}
	}
	expect(&c, regions > 0, "the EFI map has no EFI_MEMORY_RUNTIME descriptor");
	check_note(&c, "%lu runtime regions, %lu pages, identity-mapped read/write/execute", regions, pages);
	check_end(&c);
}

void check_efi(void)
{
	if (!boot.info_ok || boot.info.version < 2 || boot.info.size < 192)
		return;
	check_system_table();
	check_memmap_efi();
	check_runtime_mapped();
}
