/*
 * The EFI system partition (esp.h): sized for the EFI application, then
 * written as a FAT12 or FAT16 volume (fat.h) with three directory levels:
 *
 *   root        the volume label, EFI
 *   EFI         . .. BOOT            (cluster 2)
 *   EFI/BOOT    . .. BOOTX64.EFI     (cluster 3)
 *   BOOTX64.EFI                      (clusters 4 on, one chain)
 *
 * then free clusters.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "image_check.h"
#include "mkimage.h"

#define ESP_LABEL            "LONGBOOT   "
#define ESP_ROOT_ENTRIES     512
/* Free space for the firmware or a user to write to (e.g. a log). */
#define ESP_SLACK_BYTES      (64 * 1024)
/*
 * fatgen103: clusters larger than 32 KiB are not widely supported. That
 * and FAT16's cluster count cap the EFI file at about 2 GiB.
 */
#define ESP_MAX_SECTORS_PER_CLUSTER 64

#define FAT12_MAX_CLUSTERS   (FAT12_CLUSTER_LIMIT - FAT_BOUNDARY_MARGIN)
#define FAT16_MIN_CLUSTERS   (FAT12_CLUSTER_LIMIT + FAT_BOUNDARY_MARGIN)
#define FAT16_MAX_CLUSTERS   (FAT16_CLUSTER_LIMIT - FAT_BOUNDARY_MARGIN)

enum { EFI_DIR_CLUSTER = FAT_FIRST_CLUSTER, BOOT_DIR_CLUSTER, FILE_CLUSTER };
#define DIR_CLUSTERS (FILE_CLUSTER - FAT_FIRST_CLUSTER)

static uint64_t div_up(uint64_t a, uint64_t b)
{
	return (a + b - 1) / b;
}

/* Clusters for the directories, the file and the slack, in clusters of spc sectors. */
static uint64_t clusters_needed(uint64_t file_bytes, uint32_t spc)
{
	uint32_t cluster_bytes = spc * SECTOR;

	return DIR_CLUSTERS + div_up(file_bytes, cluster_bytes) + div_up(ESP_SLACK_BYTES, cluster_bytes);
}

/*
 * The smallest cluster size that gives a count FAT12 or FAT16 holds,
 * clear of the boundaries; a FAT16 volume is grown to at least
 * FAT16_MIN_CLUSTERS rather than come near FAT12's.
 */
void plan_esp(struct esp *e)
{
	struct fat_geometry *g = &e->fat;
	uint64_t max_bytes;

	memset(g, 0, sizeof(*g));
	g->reserved_sectors = 1;
	g->root_entries = ESP_ROOT_ENTRIES;
	for (uint32_t spc = 1; spc <= ESP_MAX_SECTORS_PER_CLUSTER; spc *= 2) {
		uint64_t n = clusters_needed(e->efi.size, spc);

		g->sectors_per_cluster = spc;
		if (n <= FAT12_MAX_CLUSTERS) {
			g->clusters = (uint32_t)n;
		} else if (n <= FAT16_MAX_CLUSTERS) {
			g->clusters = n < FAT16_MIN_CLUSTERS ? FAT16_MIN_CLUSTERS : (uint32_t)n;
		} else {
			continue;
		}
		g->type = fat_type_of(g->clusters);
		fat_complete_geometry(g);
		return;
	}
	max_bytes = (uint64_t)(FAT16_MAX_CLUSTERS - DIR_CLUSTERS) * ESP_MAX_SECTORS_PER_CLUSTER * SECTOR -
		    ESP_SLACK_BYTES;
	die(e->efi.path, "is %" PRIu64 " bytes; the EFI system partition (FAT16) holds a file of at most %"
	    PRIu64, e->efi.size, max_bytes);
}

uint64_t esp_sectors(const struct esp *e)
{
	return e->efi.f ? e->fat.total_sectors : 0;
}

static void put_fats(unsigned char *fat, const struct esp *e)
{
	const struct fat_geometry *g = &e->fat;
	uint32_t eoc = fat_end_of_chain(g->type);
	uint32_t file_clusters = (uint32_t)div_up(e->efi.size, fat_cluster_bytes(g));

	/* fatgen103: entry 0 is the media byte with every higher bit set; entry 1 an EOC. */
	fat_set(fat, g->type, 0, (eoc & ~0xFFu) | FAT_MEDIA_FIXED);
	fat_set(fat, g->type, 1, eoc);
	fat_set(fat, g->type, EFI_DIR_CLUSTER, eoc);
	fat_set(fat, g->type, BOOT_DIR_CLUSTER, eoc);
	for (uint32_t i = 0; i < file_clusters; i++)
		fat_set(fat, g->type, FILE_CLUSTER + i,
			i + 1 < file_clusters ? FILE_CLUSTER + i + 1 : eoc);
	memcpy(fat + (size_t)g->fat_sectors * SECTOR, fat, (size_t)g->fat_sectors * SECTOR);
}

/* "." and ".." start every directory but the root; ".." of a child of the root is cluster 0. */
static void put_dot_entries(unsigned char *dir, uint32_t self, uint32_t parent)
{
	fat_put_dirent(dir, ".          ", ATTR_DIRECTORY, self, 0);
	fat_put_dirent(dir + FAT_DIRENT_BYTES, "..         ", ATTR_DIRECTORY, parent, 0);
}

static void put_directories(unsigned char *volume, const struct esp *e)
{
	const struct fat_geometry *g = &e->fat;
	unsigned char *root = volume + (size_t)fat_root_sector(g) * SECTOR;
	unsigned char *efi = volume + fat_cluster_sector(g, EFI_DIR_CLUSTER) * SECTOR;
	unsigned char *boot = volume + fat_cluster_sector(g, BOOT_DIR_CLUSTER) * SECTOR;

	fat_put_dirent(root, ESP_LABEL, ATTR_VOLUME_ID, 0, 0);
	fat_put_dirent(root + FAT_DIRENT_BYTES, "EFI        ", ATTR_DIRECTORY, EFI_DIR_CLUSTER, 0);
	put_dot_entries(efi, EFI_DIR_CLUSTER, 0);
	fat_put_dirent(efi + 2 * FAT_DIRENT_BYTES, "BOOT       ", ATTR_DIRECTORY, BOOT_DIR_CLUSTER, 0);
	put_dot_entries(boot, BOOT_DIR_CLUSTER, EFI_DIR_CLUSTER);
	fat_put_dirent(boot + 2 * FAT_DIRENT_BYTES, "BOOTX64 EFI", ATTR_ARCHIVE, FILE_CLUSTER,
		       (uint32_t)e->efi.size);
}

/*
 * Everything before the file's first cluster is built in memory; the file
 * is copied after it, and the free clusters are left as the zeros the
 * image already holds. The sum covers all of the partition's sectors.
 */
void write_esp(struct esp *e, struct output *o, struct lb_image_header *h)
{
	static const unsigned char zero[SECTOR];
	const struct fat_geometry *g = &e->fat;
	uint64_t head_sectors = fat_cluster_sector(g, FILE_CLUSTER);
	uint64_t file_sectors = LB_SECTORS(e->efi.size);
	unsigned char *head = xcalloc((size_t)head_sectors, SECTOR);
	/* The volume serial comes from the content, not the clock. */
	uint32_t serial = (uint32_t)(e->efi_sum >> 32) ^ (uint32_t)e->efi_sum;
	struct lb_sum sum;

	fat_put_boot_sector(head, g, (uint32_t)e->lba, serial, ESP_LABEL);
	put_fats(head + (size_t)fat_first_fat_sector(g) * SECTOR, e);
	put_directories(head, e);
	lb_sum_init(&sum);
	lb_sum_add(&sum, head, (size_t)head_sectors * SECTOR / 4);
	write_at(o, e->lba * SECTOR, head, (size_t)head_sectors * SECTOR);
	copy_sectors(o, (e->lba + head_sectors) * SECTOR, &e->efi, 0, e->efi.size, &sum);
	for (uint64_t s = head_sectors + file_sectors; s < g->total_sectors; s++)
		lb_sum_add(&sum, zero, SECTOR / 4);
	free(head);
	h->esp.lba = e->lba;
	h->esp.bytes = (uint64_t)g->total_sectors * SECTOR;
	h->esp.sum = lb_sum_value(&sum);
}
