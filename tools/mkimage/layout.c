/*
 * Where each part goes (docs/image-format.md, "Layout"): LBA 0 stage1,
 * 1 the header, 2 the stage2 area, then the EFI system partition when
 * there is one, then the payload: params, the packed kernel, the modules,
 * and padding to a whole MiB.
 */
#include <inttypes.h>

#include "image_check.h"
#include "mkimage.h"

void lay_out(struct build *b)
{
	uint64_t lba = LB_PAYLOAD_LBA;

	if (b->esp.efi.f) {
		b->esp.lba = lba;
		lba = ALIGN_UP(lba + esp_sectors(&b->esp), LB_PAYLOAD_ALIGN_SECTORS);
	}
	b->params_lba = lba;
	lba += LB_SECTORS(b->params_bytes);
	b->stage2_tail_lba = lba;
	lba += LB_SECTORS(b->stage2_tail_bytes);
	b->kernel.lba = lba;
	b->kernel.bytes = pack_kernel(&b->kernel);
	lba += LB_SECTORS(b->kernel.bytes);
	b->kernel.extra_lba = lba;
	lba += LB_SECTORS(b->kernel.extra_bytes);
	b->initrd_lba = lba;
	lba += LB_SECTORS(b->initrd_bytes);
	for (uint32_t i = 0; i < b->nmod; i++) {
		b->mod[i].file.lba = lba;
		b->mod[i].file.bytes = b->mod[i].in.size;
		lba += LB_SECTORS(b->mod[i].in.size);
	}
	b->total_sectors = ALIGN_UP(lba, IMAGE_ALIGN_SECTORS);
	if (b->total_sectors > UINT32_MAX)
		die(b->out.path, "would be %" PRIu64 " sectors; an MBR partition holds at most %" PRIu32,
		    b->total_sectors, UINT32_MAX);
}
