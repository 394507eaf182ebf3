/* The MBR's partition table and boot signature (mbr.h). */
#include <string.h>

#include "mbr.h"
#include "mkimage.h"

int mbr_has_boot_signature(const unsigned char *mbr)
{
	return mbr[MBR_BOOT_SIG] == BOOT_SIG_0 && mbr[MBR_BOOT_SIG + 1] == BOOT_SIG_1;
}

void mbr_clear_partitions(unsigned char *mbr)
{
	memset(mbr + MBR_PARTITIONS, 0, MBR_PART_COUNT * sizeof(struct mbr_partition));
}

/* Cylinder/head/sector of an LBA, packed as in a partition entry. */
static void put_chs(uint8_t chs[3], uint64_t lba)
{
	uint64_t cylinder = lba / (CHS_HEADS * CHS_SECTORS);
	unsigned head = (unsigned)(lba / CHS_SECTORS % CHS_HEADS);
	unsigned sector = (unsigned)(lba % CHS_SECTORS + 1);

	if (cylinder > CHS_MAX_CYLINDER) {
		chs[0] = 0xFE;
		chs[1] = 0xFF;
		chs[2] = 0xFF;
		return;
	}
	chs[0] = (uint8_t)head;
	chs[1] = (uint8_t)(sector | (cylinder >> 8) << 6);
	chs[2] = (uint8_t)cylinder;
}

void mbr_set_partition(unsigned char *mbr, unsigned index, uint8_t status, uint8_t type,
		       uint64_t first, uint64_t last)
{
	struct mbr_partition p;

	p.status = status;
	put_chs(p.chs_first, first);
	p.type = type;
	put_chs(p.chs_last, last);
	p.first_lba = (uint32_t)first;
	p.sectors = (uint32_t)(last - first + 1);
	memcpy(mbr + MBR_PARTITIONS + index * sizeof(p), &p, sizeof(p));
}

struct mbr_partition mbr_partition(const unsigned char *mbr, unsigned index)
{
	struct mbr_partition p;

	memcpy(&p, mbr + MBR_PARTITIONS + index * sizeof(p), sizeof(p));
	return p;
}
