/* The BIOS backend's side of loader/firmware.h. */
#include "boot.h"
#include "mem.h"
#include "vbe.h"

const uint32_t firmware_kind = LONGBOOT_FIRMWARE_BIOS;

/* entry.asm */
extern uint8_t boot_drive;
extern const uint64_t gdt[];

uint64_t gdt_descriptor_for(uint32_t sel)
{
	return gdt[sel / 8];
}

int firmware_claim(uint64_t base, uint64_t end)
{
	(void)base;
	(void)end;
	return 1;
}

/* VBE lives in stage2's tail, which is read only when a framebuffer is asked for. */
int firmware_set_video(const struct video_request *r, struct video_mode *m)
{
	return r->kind == VIDEO_REQUEST_FRAMEBUFFER && vbe_set_mode(r, m);
}

void firmware_describe(struct boot_desc *d)
{
	d->boot_drive = boot_drive;
	if (d->has_framebuffer)
		vbe_describe(d, mem_alloc(VBE_BLOCKS_BYTES, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE,
					  "the VBE information"));
	else
		d->has_text_screen = text_screen(&d->text);
}

void firmware_exit(void)
{
}

uint64_t firmware_runtime_top(void)
{
	return 0;
}
