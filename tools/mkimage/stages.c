/* stage1 and stage2: read whole and checked. */
#include <inttypes.h>

#include "image_check.h"
#include "mbr.h"
#include "mkimage.h"

void check_stage1(struct build *b, const char *path)
{
	open_input(&b->stage1, path, "stage1");
	if (b->stage1.size != SECTOR)
		die(path, "is %" PRIu64 " bytes; stage1 must be exactly %d", b->stage1.size, SECTOR);
	read_at(&b->stage1, 0, b->mbr, SECTOR);
	if (!mbr_has_boot_signature(b->mbr))
		die(path, "has no boot signature (0x55 0xAA at byte 510)");
}

void check_stage2(struct build *b, const char *path)
{
	open_input(&b->stage2, path, "stage2");
	if (b->stage2.size > STAGE2_MAX_BYTES)
		die(path, "is %" PRIu64 " bytes; stage2 may be at most %d (%d sectors)",
		    b->stage2.size, STAGE2_MAX_BYTES, LB_STAGE2_MAX_SECTORS);
	b->stage2_sectors = (uint32_t)LB_SECTORS(b->stage2.size);
	b->stage2_data = xcalloc(b->stage2_sectors, SECTOR);
	read_at(&b->stage2, 0, b->stage2_data, (size_t)b->stage2.size);
}
