/* FAT12 and FAT16 on-disk structures (fat.h), per fatgen103. */
#include <string.h>

#include "fat.h"
#include "le.h"
#include "mbr.h"

#define OEM_NAME       "LONGBOOT"
#define FAT12_EOC      0xFFF
#define FAT16_EOC      0xFFFF
#define FAT12_EOC_MIN  0xFF8
#define FAT16_EOC_MIN  0xFFF8
/*
 * Every entry carries one fixed time, 2026-01-01 00:00:00, so that the
 * same inputs give the same bytes (docs/image-format.md).
 */
#define FIXED_DATE     FAT_DATE(2026, 1, 1)
#define FIXED_TIME     FAT_TIME(0, 0, 0)

/*
 * What runs if a BIOS ever starts this volume's boot sector: INT 18h
 * ("boot failed, try the next device"), then halt for good.
 */
static const unsigned char not_bootable[] = {
	0xCD, 0x18,       /* int 0x18 */
	0xF4,             /* hlt */
	0xEB, 0xFD,       /* jmp to the hlt */
};

enum fat_type fat_type_of(uint32_t clusters)
{
	return clusters < FAT12_CLUSTER_LIMIT ? FAT12 : FAT16;
}

uint32_t fat_sectors_for(enum fat_type type, uint32_t clusters)
{
	uint32_t entries = clusters + FAT_FIRST_CLUSTER;
	uint32_t bytes = type == FAT12 ? (entries * 3 + 1) / 2 : entries * 2;

	return (bytes + FAT_SECTOR - 1) / FAT_SECTOR;
}

uint32_t fat_root_sectors(const struct fat_geometry *g)
{
	return (g->root_entries * FAT_DIRENT_BYTES + FAT_SECTOR - 1) / FAT_SECTOR;
}

uint32_t fat_first_fat_sector(const struct fat_geometry *g)
{
	return g->reserved_sectors;
}

uint32_t fat_root_sector(const struct fat_geometry *g)
{
	return g->reserved_sectors + FAT_COUNT * g->fat_sectors;
}

uint32_t fat_first_data_sector(const struct fat_geometry *g)
{
	return fat_root_sector(g) + fat_root_sectors(g);
}

uint64_t fat_cluster_sector(const struct fat_geometry *g, uint32_t cluster)
{
	return fat_first_data_sector(g) +
	       (uint64_t)(cluster - FAT_FIRST_CLUSTER) * g->sectors_per_cluster;
}

uint32_t fat_cluster_bytes(const struct fat_geometry *g)
{
	return g->sectors_per_cluster * FAT_SECTOR;
}

void fat_complete_geometry(struct fat_geometry *g)
{
	g->fat_sectors = fat_sectors_for(g->type, g->clusters);
	g->total_sectors = fat_first_data_sector(g) + g->clusters * g->sectors_per_cluster;
}

uint32_t fat_end_of_chain(enum fat_type type)
{
	return type == FAT12 ? FAT12_EOC : FAT16_EOC;
}

int fat_is_end_of_chain(enum fat_type type, uint32_t value)
{
	return value >= (type == FAT12 ? FAT12_EOC_MIN : FAT16_EOC_MIN);
}

/* FAT12: entry n's 12 bits start at byte n * 3 / 2, in the low or high nibbles. */
void fat_set(unsigned char *fat, enum fat_type type, uint32_t cluster, uint32_t value)
{
	if (type == FAT16) {
		put_le16(fat + cluster * 2, (uint16_t)value);
		return;
	}
	unsigned char *p = fat + cluster * 3 / 2;
	uint16_t pair = get_le16(p);

	if (cluster & 1)
		pair = (uint16_t)((pair & 0x000F) | (value & 0xFFF) << 4);
	else
		pair = (uint16_t)((pair & 0xF000) | (value & 0xFFF));
	put_le16(p, pair);
}

uint32_t fat_get(const unsigned char *fat, enum fat_type type, uint32_t cluster)
{
	if (type == FAT16)
		return get_le16(fat + cluster * 2);
	uint16_t pair = get_le16(fat + cluster * 3 / 2);

	return cluster & 1 ? pair >> 4 : pair & 0xFFF;
}

void fat_put_boot_sector(unsigned char *s, const struct fat_geometry *g,
			 uint32_t hidden_sectors, uint32_t serial, const char label[11])
{
	static const unsigned char jump[3] = { 0xEB, 0x3C, 0x90 }; /* jmp BS_BOOT_CODE; nop */

	memset(s, 0, FAT_SECTOR);
	memcpy(s + BS_JMP_BOOT, jump, sizeof(jump));
	memcpy(s + BS_OEM_NAME, OEM_NAME, 8);
	put_le16(s + BPB_BYTS_PER_SEC, FAT_SECTOR);
	s[BPB_SEC_PER_CLUS] = (unsigned char)g->sectors_per_cluster;
	put_le16(s + BPB_RSVD_SEC_CNT, (uint16_t)g->reserved_sectors);
	s[BPB_NUM_FATS] = FAT_COUNT;
	put_le16(s + BPB_ROOT_ENT_CNT, (uint16_t)g->root_entries);
	/* fatgen103: TotSec16 when the count fits in it, else 0 and TotSec32. */
	if (g->total_sectors <= UINT16_MAX)
		put_le16(s + BPB_TOT_SEC16, (uint16_t)g->total_sectors);
	else
		put_le32(s + BPB_TOT_SEC32, g->total_sectors);
	s[BPB_MEDIA] = FAT_MEDIA_FIXED;
	put_le16(s + BPB_FAT_SZ16, (uint16_t)g->fat_sectors);
	put_le16(s + BPB_SEC_PER_TRK, CHS_SECTORS);
	put_le16(s + BPB_NUM_HEADS, CHS_HEADS);
	put_le32(s + BPB_HIDD_SEC, hidden_sectors);
	s[BS_DRV_NUM] = BS_DRIVE_HARD_DISK;
	s[BS_BOOT_SIG] = BS_EXTENDED_BOOT_SIG;
	put_le32(s + BS_VOL_ID, serial);
	memcpy(s + BS_VOL_LAB, label, 11);
	memcpy(s + BS_FIL_SYS_TYPE, g->type == FAT12 ? "FAT12   " : "FAT16   ", 8);
	memcpy(s + BS_BOOT_CODE, not_bootable, sizeof(not_bootable));
	s[BS_SIGNATURE] = BOOT_SIG_0;
	s[BS_SIGNATURE + 1] = BOOT_SIG_1;
}

const char *fat_parse_boot_sector(const unsigned char *s, uint64_t partition_sectors,
				  struct fat_geometry *g)
{
	uint32_t spc = s[BPB_SEC_PER_CLUS];
	uint32_t total = get_le16(s + BPB_TOT_SEC16);
	uint32_t meta;

	if (s[BS_SIGNATURE] != BOOT_SIG_0 || s[BS_SIGNATURE + 1] != BOOT_SIG_1)
		return "no boot signature (0x55 0xAA at byte 510)";
	if (!(s[BS_JMP_BOOT] == 0xEB && s[BS_JMP_BOOT + 2] == 0x90) && s[BS_JMP_BOOT] != 0xE9)
		return "the boot sector does not start with a jump";
	if (get_le16(s + BPB_BYTS_PER_SEC) != FAT_SECTOR)
		return "BPB_BytsPerSec is not 512";
	if (spc == 0 || (spc & (spc - 1)) != 0)
		return "BPB_SecPerClus is not a power of 2";
	if (get_le16(s + BPB_RSVD_SEC_CNT) == 0)
		return "BPB_RsvdSecCnt is 0";
	if (get_le16(s + BPB_FAT_SZ16) == 0)
		return "BPB_FATSz16 is 0: a FAT32 volume, not FAT12 or FAT16";
	if (get_le16(s + BPB_ROOT_ENT_CNT) == 0 ||
	    get_le16(s + BPB_ROOT_ENT_CNT) * FAT_DIRENT_BYTES % FAT_SECTOR != 0)
		return "BPB_RootEntCnt does not fill whole sectors";
	if (total == 0)
		total = get_le32(s + BPB_TOT_SEC32);
	if (total > partition_sectors)
		return "the volume is larger than its partition";
	if (s[BPB_NUM_FATS] != FAT_COUNT)
		return "BPB_NumFATs is not 2";

	g->sectors_per_cluster = spc;
	g->reserved_sectors = get_le16(s + BPB_RSVD_SEC_CNT);
	g->fat_sectors = get_le16(s + BPB_FAT_SZ16);
	g->root_entries = get_le16(s + BPB_ROOT_ENT_CNT);
	g->total_sectors = total;
	meta = fat_first_data_sector(g);
	if (total <= meta)
		return "no room for data after the FATs and the root directory";
	g->clusters = (total - meta) / spc;
	if (g->clusters == 0 || g->clusters >= FAT16_CLUSTER_LIMIT)
		return "the cluster count is that of FAT32";
	g->type = fat_type_of(g->clusters);
	if (fat_sectors_for(g->type, g->clusters) > g->fat_sectors)
		return "the FAT is too small for the clusters";
	return NULL;
}

void fat_put_dirent(unsigned char *e, const char name[11], uint8_t attr,
		    uint32_t first_cluster, uint32_t size)
{
	memset(e, 0, FAT_DIRENT_BYTES);
	memcpy(e + DIR_NAME, name, 11);
	e[DIR_ATTR] = attr;
	put_le16(e + DIR_CRT_TIME, FIXED_TIME);
	put_le16(e + DIR_CRT_DATE, FIXED_DATE);
	put_le16(e + DIR_LST_ACC_DATE, FIXED_DATE);
	put_le16(e + DIR_FST_CLUS_HI, (uint16_t)(first_cluster >> 16));
	put_le16(e + DIR_WRT_TIME, FIXED_TIME);
	put_le16(e + DIR_WRT_DATE, FIXED_DATE);
	put_le16(e + DIR_FST_CLUS_LO, (uint16_t)first_cluster);
	put_le32(e + DIR_FILE_SIZE, size);
}

struct fat_dirent fat_get_dirent(const unsigned char *e)
{
	struct fat_dirent d;

	memcpy(d.name, e + DIR_NAME, 11);
	d.attr = e[DIR_ATTR];
	d.first_cluster = (uint32_t)get_le16(e + DIR_FST_CLUS_HI) << 16 | get_le16(e + DIR_FST_CLUS_LO);
	d.size = get_le32(e + DIR_FILE_SIZE);
	return d;
}
