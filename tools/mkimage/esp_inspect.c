/*
 * --inspect of the EFI system partition: the partition table against the
 * header, then the FAT volume read as firmware reads it: the boot sector,
 * the FAT, the directories down to \EFI\BOOT\BOOTX64.EFI, its cluster
 * chain, and its PE headers. Any mismatch ends the run with status 1.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "image_check.h"
#include "mbr.h"
#include "mkimage.h"
#include "pe.h"

struct volume {
	struct input *img;
	uint64_t lba;               /* the partition's first sector */
	struct fat_geometry g;
	unsigned char *head;        /* boot sector, FATs and root directory */
	const unsigned char *fat;   /* the first FAT, in head */
};

/* A file's clusters in order, as its chain gives them. */
struct chain {
	uint32_t *cluster;
	uint32_t count;
};

/* The path's components, as directory entries hold them and as people write them. */
static const char *const efi_path[] = { "EFI        ", "BOOT       ", "BOOTX64 EFI" };
static const char *const efi_path_shown[] = { "EFI", "BOOT", "BOOTX64.EFI" };
#define EFI_PATH_TEXT "\\EFI\\BOOT\\BOOTX64.EFI"

static void check_entry(const char *path, unsigned index, struct mbr_partition p, uint8_t status,
			uint8_t type, uint64_t first, uint64_t sectors)
{
	if (p.status != status || p.type != type || p.first_lba != first || p.sectors != sectors)
		die(path, "partition %u: status 0x%02x, type 0x%02x, LBA %" PRIu32 " + %" PRIu32
		    "; expected status 0x%02x, type 0x%02x, LBA %" PRIu64 " + %" PRIu64,
		    index + 1, p.status, p.type, p.first_lba, p.sectors, status, type, first, sectors);
}

void check_esp_partitions(const char *path, const struct lb_image_header *h,
			  const unsigned char *mbr)
{
	uint64_t esp_sectors = h->esp.bytes / SECTOR;
	uint64_t payload = ALIGN_UP(h->esp.lba + esp_sectors, LB_PAYLOAD_ALIGN_SECTORS);

	if (h->esp.lba != LB_PAYLOAD_LBA)
		die(path, "ESP: starts at LBA %" PRIu64 ", not %d", h->esp.lba, LB_PAYLOAD_LBA);
	if (h->params.lba != payload)
		die(path, "params: starts at LBA %" PRIu64 ", not %" PRIu64 " after the ESP",
		    h->params.lba, payload);
	check_entry(path, 0, mbr_partition(mbr, 0), PART_ACTIVE, PART_TYPE_EFI_SYSTEM, h->esp.lba, esp_sectors);
	for (unsigned i = 1; i < MBR_PART_COUNT; i++)
		check_entry(path, i, mbr_partition(mbr, i), 0, 0, 0, 0);
}

static uint64_t cluster_offset(const struct volume *v, uint32_t cluster)
{
	return (v->lba + fat_cluster_sector(&v->g, cluster)) * SECTOR;
}

/* Follows a chain from first to its end, refusing free, reserved and repeated clusters. */
static struct chain follow_chain(const struct volume *v, const char *name, uint32_t first)
{
	struct chain c = { xcalloc(v->g.clusters, sizeof(uint32_t)), 0 };
	uint32_t last = FAT_FIRST_CLUSTER + v->g.clusters - 1;

	for (uint32_t n = first; !fat_is_end_of_chain(v->g.type, n); n = fat_get(v->fat, v->g.type, n)) {
		if (n < FAT_FIRST_CLUSTER || n > last)
			die(v->img->path, "ESP: %s: its cluster chain reaches %s %" PRIu32,
			    name, n == 0 ? "a free cluster," : "cluster", n);
		if (c.count == v->g.clusters)
			die(v->img->path, "ESP: %s: its cluster chain loops", name);
		c.cluster[c.count++] = n;
	}
	if (c.count == 0)
		die(v->img->path, "ESP: %s: has no clusters", name);
	return c;
}

/* A subdirectory's entries, cluster after cluster. */
static unsigned char *read_directory(const struct volume *v, const char *name, uint32_t first,
				     uint32_t *entries)
{
	struct chain c = follow_chain(v, name, first);
	uint32_t cb = fat_cluster_bytes(&v->g);
	unsigned char *dir = xcalloc(c.count, cb);

	for (uint32_t i = 0; i < c.count; i++)
		read_at(v->img, cluster_offset(v, c.cluster[i]), dir + (size_t)i * cb, cb);
	*entries = c.count * cb / FAT_DIRENT_BYTES;
	free(c.cluster);
	return dir;
}

static int find_entry(const unsigned char *dir, uint32_t entries, const char name[11],
		      struct fat_dirent *found)
{
	for (uint32_t i = 0; i < entries; i++) {
		const unsigned char *e = dir + (size_t)i * FAT_DIRENT_BYTES;
		struct fat_dirent d = fat_get_dirent(e);

		if (e[DIR_NAME] == DIR_FREE_ALL)
			break;
		if (e[DIR_NAME] == DIR_FREE || (d.attr & ATTR_LONG_NAME) == ATTR_LONG_NAME ||
		    (d.attr & ATTR_VOLUME_ID))
			continue;
		if (memcmp(d.name, name, 11) == 0) {
			*found = d;
			return 1;
		}
	}
	return 0;
}

/* \EFI\BOOT\BOOTX64.EFI, looked up a directory at a time from the root. */
static struct fat_dirent find_efi_app(const struct volume *v)
{
	const unsigned char *root = v->head + (size_t)fat_root_sector(&v->g) * SECTOR;
	unsigned char *dir = NULL;
	uint32_t entries = v->g.root_entries;
	struct fat_dirent d;
	size_t depth = sizeof(efi_path) / sizeof(efi_path[0]);

	for (size_t i = 0; i < depth; i++) {
		int is_dir = i + 1 < depth;

		if (!find_entry(dir ? dir : root, entries, efi_path[i], &d))
			die(v->img->path, "ESP: no %s on the way to " EFI_PATH_TEXT, efi_path_shown[i]);
		if (!!(d.attr & ATTR_DIRECTORY) != is_dir)
			die(v->img->path, "ESP: %s is %sa directory", efi_path_shown[i], is_dir ? "not " : "");
		free(dir);
		dir = NULL;
		if (is_dir)
			dir = read_directory(v, efi_path_shown[i], d.first_cluster, &entries);
	}
	return d;
}

struct file_reader {
	const struct volume *v;
	struct chain c;
};

static int read_file(void *ctx, uint64_t offset, void *buf, size_t n)
{
	const struct file_reader *r = ctx;
	uint32_t cb = fat_cluster_bytes(&r->v->g);
	unsigned char *out = buf;

	while (n > 0) {
		uint64_t index = offset / cb, within = offset % cb;
		size_t take = cb - within < n ? (size_t)(cb - within) : n;

		if (index >= r->c.count)
			return 0;
		read_at(r->v->img, cluster_offset(r->v, r->c.cluster[index]) + within, out, take);
		out += take;
		offset += take;
		n -= take;
	}
	return 1;
}

static void read_volume(struct volume *v, const struct lb_image_header *h)
{
	unsigned char boot[SECTOR];
	const char *problem;
	size_t head_bytes, fat_bytes;

	v->lba = h->esp.lba;
	read_at(v->img, v->lba * SECTOR, boot, SECTOR);
	problem = fat_parse_boot_sector(boot, h->esp.bytes / SECTOR, &v->g);
	if (problem)
		die(v->img->path, "ESP: boot sector: %s", problem);
	head_bytes = (size_t)fat_first_data_sector(&v->g) * SECTOR;
	fat_bytes = (size_t)v->g.fat_sectors * SECTOR;
	v->head = xcalloc(head_bytes, 1);
	read_at(v->img, v->lba * SECTOR, v->head, head_bytes);
	v->fat = v->head + (size_t)fat_first_fat_sector(&v->g) * SECTOR;
	if (memcmp(v->fat, v->fat + fat_bytes, fat_bytes) != 0)
		die(v->img->path, "ESP: the two FATs differ");
	if (!fat_is_end_of_chain(v->g.type, fat_get(v->fat, v->g.type, 1)))
		die(v->img->path, "ESP: FAT entry 1 is not an end-of-chain mark");
}

void inspect_esp(struct input *img, const struct lb_image_header *h)
{
	struct volume v = { .img = img };
	struct file_reader r = { &v, { NULL, 0 } };
	struct pe_file pe = { 0, read_file, &r };
	struct fat_dirent app;
	char why[160];
	const char *problem;

	read_volume(&v, h);
	printf("EFI system partition: FAT%d, %" PRIu32 " clusters of %" PRIu32 " bytes, %"
	       PRIu32 " sectors, serial %04X-%04X\n", (int)v.g.type, v.g.clusters,
	       fat_cluster_bytes(&v.g), v.g.total_sectors,
	       (unsigned)(v.head[BS_VOL_ID + 3] << 8 | v.head[BS_VOL_ID + 2]),
	       (unsigned)(v.head[BS_VOL_ID + 1] << 8 | v.head[BS_VOL_ID]));
	app = find_efi_app(&v);
	r.c = follow_chain(&v, EFI_PATH_TEXT, app.first_cluster);
	if (r.c.count != ((uint64_t)app.size + fat_cluster_bytes(&v.g) - 1) / fat_cluster_bytes(&v.g))
		die(img->path, "ESP: " EFI_PATH_TEXT ": %" PRIu32 " bytes in a chain of %" PRIu32
		    " clusters of %" PRIu32 " bytes", app.size, r.c.count, fat_cluster_bytes(&v.g));
	pe.size = app.size;
	problem = pe_efi_app_problem(&pe, why, sizeof(why));
	if (problem)
		die(img->path, "ESP: " EFI_PATH_TEXT ": %s", problem);
	printf("EFI application: " EFI_PATH_TEXT ", %" PRIu32 " bytes, PE32+ x86-64\n", app.size);
	free(r.c.cluster);
	free(v.head);
}
