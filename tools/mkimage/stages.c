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

/*
 * stage2's head goes to the stage2 area, its tail (when its id names one)
 * to a region of its own.
 */
void check_stage2(struct build *b, const char *path)
{
	struct lb_stage2_id id = { 0 };
	uint64_t head = 0;

	open_input(&b->stage2, path, "stage2");
	if (b->stage2.size >= LB_STAGE2_ID_OFFSET + sizeof(id))
		read_at(&b->stage2, LB_STAGE2_ID_OFFSET, &id, sizeof(id));
	if (id.magic == LB_STAGE2_ID_MAGIC) {
		head = (uint64_t)id.head_sectors * SECTOR;
		if (head == 0 || head + (uint64_t)id.tail_sectors * SECTOR != b->stage2.size)
			die(path, "is %" PRIu64 " bytes, but its id says %u + %u sectors",
			    b->stage2.size, id.head_sectors, id.tail_sectors);
		b->stage2_tail_bytes = (uint64_t)id.tail_sectors * SECTOR;
	} else {
		head = b->stage2.size;
	}
	if (head > STAGE2_MAX_BYTES)
		die(path, "is %" PRIu64 " bytes; stage2 may be at most %d (%d sectors)",
		    head, STAGE2_MAX_BYTES, LB_STAGE2_MAX_SECTORS);
	b->stage2_sectors = (uint32_t)LB_SECTORS(head);
	b->stage2_data = xcalloc(b->stage2_sectors, SECTOR);
	read_at(&b->stage2, 0, b->stage2_data, (size_t)head);
}
