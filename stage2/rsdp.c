/*
 * The ACPI RSDP (ACPI 6.5, 5.2.5.1): on a 16-byte boundary in the first
 * KiB of the EBDA, else in the BIOS area 0xE0000-0xFFFFF.
 */
#include <stdint.h>
#include "boot.h"
#include "libc.h"

#define BDA_EBDA_SEGMENT 0x40E
#define EBDA_SEARCH      1024
#define BIOS_AREA        0xE0000
#define BIOS_AREA_END    0x100000
#define RSDP_V1_LENGTH   20
#define RSDP_LENGTH_AT   20
#define RSDP_REVISION_AT 15
#define RSDP_V2_MIN      36

static int sum_is_zero(const uint8_t *p, uint32_t n)
{
	uint8_t s = 0;

	while (n--)
		s += *p++;
	return s == 0;
}

static int is_rsdp(const uint8_t *p)
{
	if (memcmp(p, "RSD PTR ", 8) != 0 || !sum_is_zero(p, RSDP_V1_LENGTH))
		return 0;
	if (p[RSDP_REVISION_AT] < 2)
		return 1;
	uint32_t length;
	memcpy(&length, p + RSDP_LENGTH_AT, sizeof(length));
	return length >= RSDP_V2_MIN && length <= 4096 && sum_is_zero(p, length);
}

static uint32_t scan(uint32_t from, uint32_t to)
{
	for (uint32_t a = from; a + RSDP_V1_LENGTH <= to; a += 16)
		if (is_rsdp((const uint8_t *)(uintptr_t)a))
			return a;
	return 0;
}

uint64_t firmware_rsdp(void)
{
	uint16_t ebda_segment;
	uint32_t ebda;

	memcpy(&ebda_segment, (const void *)(uintptr_t)BDA_EBDA_SEGMENT, sizeof(ebda_segment));
	ebda = (uint32_t)ebda_segment << 4;
	uint32_t found = 0;
	if (ebda >= 0x80000 && ebda < BIOS_AREA)
		found = scan(ebda, ebda + EBDA_SEARCH);
	if (!found)
		found = scan(BIOS_AREA, BIOS_AREA_END);
	return found;
}
