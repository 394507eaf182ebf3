/*
 * The FAT12 and FAT16 file system of the EFI system partition, as
 * Microsoft's "FAT: General Overview of On-Disk Format" (fatgen103)
 * defines it: the boot sector's fields, directory entries, FAT entries,
 * and the arithmetic that places the regions. 512-byte sectors only.
 * esp.c writes a volume with these, esp_inspect.c reads one back.
 */
#ifndef MKIMAGE_FAT_H
#define MKIMAGE_FAT_H

#include <stddef.h>
#include <stdint.h>

#define FAT_SECTOR           512
#define FAT_DIRENT_BYTES     32
#define FAT_FIRST_CLUSTER    2     /* clusters 0 and 1 are not on the disk */
#define FAT_COUNT            2     /* copies of the FAT */
#define FAT_MEDIA_FIXED      0xF8

/*
 * fatgen103, "FAT Type Determination": the cluster count alone decides,
 * below 4085 FAT12, below 65525 FAT16. It also advises keeping well clear
 * of those two numbers, which some implementations get wrong by a few:
 * mkimage stays FAT_BOUNDARY_MARGIN clusters away from each.
 */
#define FAT12_CLUSTER_LIMIT  4085
#define FAT16_CLUSTER_LIMIT  65525
#define FAT_BOUNDARY_MARGIN  16

/* Boot sector and BPB (fatgen103, "Boot Sector and BPB"): byte offsets. */
#define BS_JMP_BOOT          0   /* 3 */
#define BS_OEM_NAME          3   /* 8 */
#define BPB_BYTS_PER_SEC     11  /* 2 */
#define BPB_SEC_PER_CLUS     13  /* 1 */
#define BPB_RSVD_SEC_CNT     14  /* 2 */
#define BPB_NUM_FATS         16  /* 1 */
#define BPB_ROOT_ENT_CNT     17  /* 2 */
#define BPB_TOT_SEC16        19  /* 2 */
#define BPB_MEDIA            21  /* 1 */
#define BPB_FAT_SZ16         22  /* 2 */
#define BPB_SEC_PER_TRK      24  /* 2 */
#define BPB_NUM_HEADS        26  /* 2 */
#define BPB_HIDD_SEC         28  /* 4 */
#define BPB_TOT_SEC32        32  /* 4 */
#define BS_DRV_NUM           36  /* 1 */
#define BS_RESERVED1         37  /* 1 */
#define BS_BOOT_SIG          38  /* 1 */
#define BS_VOL_ID            39  /* 4 */
#define BS_VOL_LAB           43  /* 11 */
#define BS_FIL_SYS_TYPE      54  /* 8 */
#define BS_BOOT_CODE         62
#define BS_SIGNATURE         510 /* 0x55 0xAA */

#define BS_EXTENDED_BOOT_SIG 0x29 /* BS_VolID, BS_VolLab, BS_FilSysType follow */
#define BS_DRIVE_HARD_DISK   0x80

/* Directory entries (fatgen103, "FAT Directory Structure"): byte offsets. */
#define DIR_NAME             0   /* 11: 8.3, space-padded, no dot */
#define DIR_ATTR             11
#define DIR_NT_RES           12
#define DIR_CRT_TIME_TENTH   13
#define DIR_CRT_TIME         14
#define DIR_CRT_DATE         16
#define DIR_LST_ACC_DATE     18
#define DIR_FST_CLUS_HI      20
#define DIR_WRT_TIME         22
#define DIR_WRT_DATE         24
#define DIR_FST_CLUS_LO      26
#define DIR_FILE_SIZE        28

#define ATTR_VOLUME_ID       0x08
#define ATTR_DIRECTORY       0x10
#define ATTR_ARCHIVE         0x20
#define ATTR_LONG_NAME       0x0F
#define DIR_FREE_ALL         0x00  /* DIR_Name[0]: this and every later entry is free */
#define DIR_FREE             0xE5  /* DIR_Name[0]: this entry is free */

/* Date: bits 15-9 years since 1980, 8-5 month, 4-0 day. Time: h << 11 | m << 5 | s / 2. */
#define FAT_DATE(y, m, d)    ((uint16_t)(((y) - 1980) << 9 | (m) << 5 | (d)))
#define FAT_TIME(h, m, s)    ((uint16_t)((h) << 11 | (m) << 5 | (s) / 2))

enum fat_type { FAT12 = 12, FAT16 = 16 };

/* Where a volume's regions lie, in sectors from its boot sector. */
struct fat_geometry {
	enum fat_type type;
	uint32_t sectors_per_cluster;
	uint32_t reserved_sectors;  /* the boot sector */
	uint32_t fat_sectors;       /* of each FAT */
	uint32_t root_entries;
	uint32_t clusters;          /* data clusters, numbered from FAT_FIRST_CLUSTER */
	uint32_t total_sectors;
};

/* A directory entry, decoded. */
struct fat_dirent {
	char name[11];
	uint8_t attr;
	uint32_t first_cluster;
	uint32_t size;
};

enum fat_type fat_type_of(uint32_t clusters);
uint32_t fat_sectors_for(enum fat_type type, uint32_t clusters);
uint32_t fat_root_sectors(const struct fat_geometry *g);
uint32_t fat_first_fat_sector(const struct fat_geometry *g);
uint32_t fat_root_sector(const struct fat_geometry *g);
uint32_t fat_first_data_sector(const struct fat_geometry *g);
/* The first sector of a data cluster, from the start of the volume. */
uint64_t fat_cluster_sector(const struct fat_geometry *g, uint32_t cluster);
uint32_t fat_cluster_bytes(const struct fat_geometry *g);
/* Fills in fat_sectors and total_sectors from the other fields. */
void fat_complete_geometry(struct fat_geometry *g);

/* FAT entries: 12 bits packed two in three bytes, or 16 bits. */
uint32_t fat_end_of_chain(enum fat_type type);
int fat_is_end_of_chain(enum fat_type type, uint32_t value);
void fat_set(unsigned char *fat, enum fat_type type, uint32_t cluster, uint32_t value);
uint32_t fat_get(const unsigned char *fat, enum fat_type type, uint32_t cluster);

/*
 * The boot sector of a volume with geometry g at partition LBA
 * hidden_sectors: jump, OEM name, BPB, extended boot signature with the
 * serial and label, boot signature.
 */
void fat_put_boot_sector(unsigned char *sector, const struct fat_geometry *g,
			 uint32_t hidden_sectors, uint32_t serial, const char label[11]);
/*
 * Reads a boot sector back into g: NULL when it describes a FAT12 or
 * FAT16 volume of 512-byte sectors that fits in partition_sectors, else
 * a phrase saying what is wrong.
 */
const char *fat_parse_boot_sector(const unsigned char *sector, uint64_t partition_sectors,
				  struct fat_geometry *g);

void fat_put_dirent(unsigned char *entry, const char name[11], uint8_t attr,
		    uint32_t first_cluster, uint32_t size);
struct fat_dirent fat_get_dirent(const unsigned char *entry);

#endif
