/*
 * docs/protocol.md section 3, rsdp_addr: the ACPI RSDP where the ACPI
 * specification (5.2.5.1) says to look: the first KiB of the EBDA, then
 * 0xE0000-0xFFFFF, on 16-byte boundaries.
 */
#include "conform.h"

#define BDA_EBDA_SEGMENT 0x40E
#define EBDA_SEARCH_SIZE 1024
#define BIOS_AREA        0xE0000
#define BIOS_AREA_END    0x100000
#define CONVENTIONAL_END 0xA0000
#define RSDP_ALIGN       16
#define RSDP_V1_SIZE     20
#define RSDP_V2_SIZE     36
#define RSDP_REVISION    15
#define RSDP_LENGTH      20

static const char rsdp_signature[8] = { 'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ' };

static uint8_t byte_sum(uint64_t addr, uint64_t n)
{
	uint8_t sum = 0;
	for (uint64_t i = 0; i < n; i++)
		sum += *(const volatile uint8_t *)(uintptr_t)(addr + i);
	return sum;
}

/* NULL when a valid RSDP sits at addr, else what is wrong with it. */
static const char *rsdp_problem(uint64_t addr)
{
	const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)addr;

	for (int i = 0; i < 8; i++)
		if (p[i] != (uint8_t)rsdp_signature[i])
			return "no \"RSD PTR \" signature";
	if (byte_sum(addr, RSDP_V1_SIZE) != 0)
		return "checksum of the first 20 bytes is not 0";
	if (p[RSDP_REVISION] >= 2) {
		uint32_t len = p[RSDP_LENGTH] | p[RSDP_LENGTH + 1] << 8 | p[RSDP_LENGTH + 2] << 16 |
			       (uint32_t)p[RSDP_LENGTH + 3] << 24;
		if (len < RSDP_V2_SIZE || len > PAGE_SIZE)
			return "revision >= 2 with an implausible length";
		if (byte_sum(addr, len) != 0)
			return "extended checksum is not 0";
	}
	return NULL;
}

static uint64_t ebda_base(void)
{
	uint64_t seg = *(const volatile uint16_t *)low_phys(BDA_EBDA_SEGMENT);
	uint64_t base = seg << 4;
	return base >= PAGE_SIZE && base + EBDA_SEARCH_SIZE <= CONVENTIONAL_END ? base : 0;
}

static uint64_t search(uint64_t from, uint64_t to)
{
	for (uint64_t a = from; a + RSDP_V1_SIZE <= to; a += RSDP_ALIGN)
		if (!rsdp_problem(a))
			return a;
	return 0;
}

/* The first valid RSDP in the specification's search order, or 0. */
static uint64_t find_rsdp(void)
{
	uint64_t ebda = ebda_base(), found = 0;
	if (ebda)
		found = search(ebda, ebda + EBDA_SEARCH_SIZE);
	return found ? found : search(BIOS_AREA, BIOS_AREA_END);
}

/*
 * Under UEFI (section 6) the RSDP comes from the EFI configuration table,
 * the ACPI 2.0 entry, else the ACPI 1.0 one; there is no EBDA or BIOS area
 * to search, and no alignment (ACPI 5.2.5.1's 16 bytes is for the BIOS-area
 * search). OVMF always has ACPI tables, so rsdp_addr must not be 0.
 */
static void check_rsdp_uefi(void)
{
	struct check c;
	uint64_t given = boot.info.rsdp_addr;
	int acpi20 = 0;
	uint64_t table = efi_config_acpi_rsdp(&acpi20);

	check_begin(&c, "rsdp");
	if (expect(&c, given != 0, "rsdp_addr is 0 under UEFI") &&
	    expect(&c, ident_readable(given, RSDP_V2_SIZE), "rsdp_addr 0x%lx is not below 4 GiB", given)) {
		const char *why = rsdp_problem(given);
		expect(&c, !why, "RSDP at 0x%lx: %s", given, why);
		/* No 16-byte rule: that is for the BIOS-area search (OVMF's sits at ...014). */
		expect(&c, given == table, "rsdp_addr is 0x%lx, the EFI configuration table's ACPI %s entry 0x%lx",
		       given, acpi20 ? "2.0" : "1.0", table);
		check_note(&c, "0x%lx, revision %u, the EFI configuration table's ACPI %s entry", given,
			   *(const volatile uint8_t *)(uintptr_t)(given + RSDP_REVISION), acpi20 ? "2.0" : "1.0");
	}
	check_end(&c);
}

void check_rsdp(void)
{
	struct check c;

	if (!boot.info_ok)
		return;
	if (expect_uefi()) {
		check_rsdp_uefi();
		return;
	}
	uint64_t given = boot.info.rsdp_addr, found = find_rsdp(), ebda = ebda_base();
	check_begin(&c, "rsdp");
	if (given == 0) {
		expect(&c, found == 0, "rsdp_addr is 0 but a valid RSDP is at 0x%lx", found);
		check_note(&c, "none, and none found");
	} else {
		int in_ebda = ebda && given >= ebda && given + RSDP_V1_SIZE <= ebda + EBDA_SEARCH_SIZE;
		int in_bios = given >= BIOS_AREA && given + RSDP_V1_SIZE <= BIOS_AREA_END;
		if (expect(&c, in_ebda || in_bios,
			   "rsdp_addr 0x%lx is neither in the EBDA's first KiB nor in 0xE0000-0xFFFFF", given)) {
			const char *why = rsdp_problem(given);
			expect(&c, !why, "RSDP at 0x%lx: %s", given, why);
			expect(&c, given % RSDP_ALIGN == 0, "rsdp_addr 0x%lx is not 16-byte aligned", given);
			expect(&c, given == found, "rsdp_addr is 0x%lx, but the search finds 0x%lx first",
			       given, found);
		}
		check_note(&c, "0x%lx, revision %u", given,
			   in_ebda || in_bios ? *(const volatile uint8_t *)(uintptr_t)(given + RSDP_REVISION) : 0u);
	}
	check_end(&c);
}
