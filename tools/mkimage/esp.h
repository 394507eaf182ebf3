/*
 * The EFI system partition (docs/image-format.md, "The EFI system
 * partition"): a FAT12 or FAT16 volume at LB_PAYLOAD_LBA holding the
 * --efi file as \EFI\BOOT\BOOTX64.EFI, the path UEFI firmware boots from
 * removable media (UEFI 2.x, section 3.5.1.1).
 */
#ifndef MKIMAGE_ESP_H
#define MKIMAGE_ESP_H

#include <stdint.h>

#include "fat.h"
#include "input.h"

struct lb_image_header;
struct output;

struct esp {
	struct input efi;       /* the --efi file; efi.f is NULL when there is none */
	uint64_t efi_sum;       /* its lb_sum, zero-padded to a sector: the volume serial */
	struct fat_geometry fat;
	uint64_t lba;           /* where the partition starts */
};

/* efi_app.c: opens and checks the --efi file, and sizes the volume for it. */
void check_efi_app(struct esp *e, const char *path);

/* esp.c */
void plan_esp(struct esp *e);
uint64_t esp_sectors(const struct esp *e);
void write_esp(struct esp *e, struct output *o, struct lb_image_header *h);

/*
 * esp_inspect.c: --inspect of an image with an ESP. The partition table
 * against the header, then the volume down to BOOTX64.EFI; either dies
 * naming what does not match.
 */
void check_esp_partitions(const char *path, const struct lb_image_header *h,
			  const unsigned char *mbr);
void inspect_esp(struct input *img, const struct lb_image_header *h);

#endif
