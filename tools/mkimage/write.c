/*
 * Writes the image: every part at its LBA, each checksum computed as the
 * bytes are written, then the header and the MBR, which hold them.
 */
#include <string.h>

#include "checksum.h"
#include "mbr.h"
#include "mkimage.h"

static void write_stage2(struct build *b, struct lb_image_header *h)
{
	size_t bytes = (size_t)b->stage2_sectors * SECTOR;

	write_at(&b->out, (uint64_t)LB_STAGE2_LBA * SECTOR, b->stage2_data, bytes);
	h->stage2_sectors = b->stage2_sectors;
	h->stage2_sum = lb_checksum(b->stage2_data, bytes / 4);

	struct lb_sum sum;
	lb_sum_init(&sum);
	if (b->stage2_tail_bytes)
		copy_sectors(&b->out, b->stage2_tail_lba * SECTOR, &b->stage2, bytes, b->stage2_tail_bytes, &sum);
	h->stage2_tail.lba = b->stage2_tail_bytes ? b->stage2_tail_lba : 0;
	h->stage2_tail.bytes = b->stage2_tail_bytes;
	h->stage2_tail.sum = lb_sum_value(&sum);
}

static void write_modules(struct build *b, struct lb_image_header *h)
{
	for (uint32_t i = 0; i < b->nmod; i++) {
		struct module *m = &b->mod[i];
		struct lb_sum sum;

		lb_sum_init(&sum);
		copy_sectors(&b->out, m->file.lba * SECTOR, &m->in, 0, m->in.size, &sum);
		m->file.sum = lb_sum_value(&sum);
	}
	h->module_count = b->nmod;
}

static void write_header(struct build *b, struct lb_image_header *h)
{
	unsigned char sector[SECTOR] = { 0 };

	h->magic = LB_IMAGE_MAGIC;
	h->version = LB_IMAGE_VERSION;
	h->header_bytes = sizeof(*h);
	h->total_sectors = b->total_sectors;
	h->video_kind = b->video.kind;
	h->video_width = b->video.width;
	h->video_height = b->video.height;
	h->video_bpp = b->video.bpp;
	h->header_sum = lb_checksum(h, offsetof(struct lb_image_header, header_sum) / 4);
	memcpy(sector, h, sizeof(*h));
	write_at(&b->out, (uint64_t)LB_HEADER_LBA * SECTOR, sector, SECTOR);
}

/*
 * Without an ESP: one active partition from LBA 1 to the end of the image,
 * so that firmware and tools that look for a partition table find a sane
 * one. With one: the ESP (type 0xEF) alone, active for BIOSes that want an
 * active partition. No partition reaches the image's end: UEFI firmware
 * (edk2's partition driver) ignores a table with an entry past the disk's
 * end, so a truncated image would lose its ESP and never say why.
 * stage1's code runs up to the table: the optional disk signature at
 * 0x1B8 is stage1's.
 */
static void write_mbr(struct build *b)
{
	mbr_clear_partitions(b->mbr);
	if (b->esp.efi.f) {
		mbr_set_partition(b->mbr, 0, PART_ACTIVE, PART_TYPE_EFI_SYSTEM, b->esp.lba,
				  b->esp.lba + esp_sectors(&b->esp) - 1);
	} else {
		mbr_set_partition(b->mbr, 0, PART_ACTIVE, PART_TYPE_LONGBOOT, LB_HEADER_LBA,
				  b->total_sectors - 1);
	}
	write_at(&b->out, 0, b->mbr, SECTOR);
}

void write_image(struct build *b)
{
	struct lb_image_header h;

	memset(&h, 0, sizeof(h));
	open_output(&b->out);
	write_stage2(b, &h);
	if (b->esp.efi.f)
		write_esp(&b->esp, &b->out, &h);
	write_kernel(&b->kernel, &b->out, &h);
	write_initrd(b, &h);
	write_modules(b, &h);
	/* After the modules: their descriptors hold the modules' checksums. */
	write_params(b, &h);
	write_mbr(b);
	write_header(b, &h);
	commit_output(&b->out, b->total_sectors * SECTOR);
}
