/* stage2's tail: the Multiboot and Linux protocols and VBE, read when the image needs them. */
#include "boot.h"
#include "disk.h"
#include "panic.h"

/* linker/stage2.ld: where stage2's tail runs. */
extern uint8_t __stage2_tail_start[], __stage2_tail_end[];

/* linker/stage2.ld: where stage2's tail runs. */
extern uint8_t __stage2_tail_start[], __stage2_tail_end[];

void load_stage2_tail(const struct lb_image_header *h)
{
	uint64_t bytes = (uintptr_t)__stage2_tail_end - (uintptr_t)__stage2_tail_start;
	struct lb_sum s;

	if (h->stage2_tail.bytes != bytes)
		panic("image: stage2's tail is %llu bytes in the image, %llu in this stage2; build the image again with mkimage",
		      h->stage2_tail.bytes, bytes);
	lb_sum_init(&s);
	disk_load(h->stage2_tail.lba, bytes, __stage2_tail_start, &s, "stage2's tail");
	check_sum(&s, h->stage2_tail.sum, "stage2", " tail");
}

