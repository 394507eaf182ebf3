/* stage2's boot sequence, in protected mode. entry.asm calls stage2_main. */
#include "a20.h"
#include "boot.h"
#include "cpu.h"
#include "disk.h"
#include "mem.h"
#include "memdetect.h"
#include "panic.h"

#define E820_MAX 128

extern uint8_t boot_drive; /* entry.asm: DL from stage1 */

/* Whether the image needs stage2's tail: the Multiboot and Linux protocols, and VBE. */
void load_stage2_tail(const struct lb_image_header *h); /* tail.c */

static int needs_stage2_tail(const struct lb_image_header *h)
{
	return h->protocol != LB_PROTO_LONGBOOT || h->video_kind == VIDEO_REQUEST_FRAMEBUFFER;
}

__attribute__((noreturn)) void stage2_main(void);
void stage2_main(void)
{
	const struct lb_image_header *h = (const struct lb_image_header *)LB_HEADER_ADDR;
	static struct longboot_memmap_entry e820[E820_MAX];
	struct cpu_features cpu;
	struct loaded_params params;

	/* Report CPU exceptions instead of rebooting. */
	exceptions_init();

	/* An x86-64 CPU, and whether it has NX. */
	cpu_check(&cpu);

	/* Memory above 1 MiB is reachable. */
	if (!a20_enable())
		panic("cannot enable the A20 line (tried INT 15h, port 0x92 and the keyboard controller)");

	/* The image header stage1 read, and how to read the rest of the disk. */
	const char *why = lb_header_check(h);
	if (why)
		panic("image header: %s; build the image again with mkimage", why);
	disk_init(boot_drive, h->total_sectors);

	/* The firmware's memory map. */
	mem_init(e820, memory_detect(e820, E820_MAX));

	/* The command line, module table and Multiboot header, checked. */
	load_params(h, &params);

	/* Multiboot, Linux and VBE are in stage2's tail, read when the image needs them. */
	if (needs_stage2_tail(h))
		load_stage2_tail(h);

	/* The rest is the kernel's protocol's (loader/boot.c). */
	boot_kernel(&params, cpu.nx);
}
