/*
 * The MBR, LBA 0 (docs/image-format.md, "LBA 0: the MBR"): stage1's code,
 * then four partition entries, then the boot signature.
 */
#ifndef MKIMAGE_MBR_H
#define MKIMAGE_MBR_H

#include <stdint.h>

#include "layout.h"

#define MBR_PARTITIONS     LB_MBR_PARTITIONS /* the partition table */
#define MBR_PART_COUNT     4
#define MBR_BOOT_SIG       0x1FE /* BOOT_SIG_0, BOOT_SIG_1 */
#define BOOT_SIG_0         0x55
#define BOOT_SIG_1         0xAA

#define PART_ACTIVE        0x80
#define PART_TYPE_LONGBOOT 0x7F /* "reserved for individual or local use" */
#define PART_TYPE_EFI_SYSTEM 0xEF /* UEFI 2.x, section 5.2.1: the EFI system partition */

/* The geometry LBA-era BIOSes translate to: 255 heads, 63 sectors a track. */
#define CHS_HEADS          255
#define CHS_SECTORS        63
#define CHS_MAX_CYLINDER   1023

struct mbr_partition {
	uint8_t status;       /* PART_ACTIVE, or 0 */
	uint8_t chs_first[3]; /* head, sector | cylinder bits 8-9 << 6, cylinder bits 0-7 */
	uint8_t type;
	uint8_t chs_last[3];
	uint32_t first_lba;
	uint32_t sectors;
};

_Static_assert(sizeof(struct mbr_partition) == 16, "an MBR partition entry is 16 bytes");
_Static_assert(MBR_PARTITIONS + MBR_PART_COUNT * sizeof(struct mbr_partition) == MBR_BOOT_SIG,
	       "the partition table ends at the boot signature");

int mbr_has_boot_signature(const unsigned char *mbr);
void mbr_clear_partitions(unsigned char *mbr);
/* Entry index (0 to 3) covers LBA first to last; both below 2^32. */
void mbr_set_partition(unsigned char *mbr, unsigned index, uint8_t status, uint8_t type,
		       uint64_t first, uint64_t last);
struct mbr_partition mbr_partition(const unsigned char *mbr, unsigned index);

#endif
