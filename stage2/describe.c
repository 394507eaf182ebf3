/* The boot description (core/boot_desc.h) from what stage2 found and loaded. */
#include "boot.h"
#include "boot_desc.h"
#include "mem.h"
#include "vbe.h"

void describe_machine(struct boot_desc *d, const struct loaded_params *p,
		      const struct longboot_module *mods, struct boot_module *out_mods,
		      const struct video_request *video)
{
	const struct lb_image_header *h = p->h;

	__builtin_memset(d, 0, sizeof(*d));
	d->firmware_map = mem_map(&d->firmware_count);
	d->cmdline = p->cmdline;
	for (uint32_t i = 0; i < h->module_count; i++) {
		out_mods[i].addr = mods[i].addr;
		out_mods[i].size = mods[i].size;
		out_mods[i].string = (const char *)(uintptr_t)mods[i].name_addr;
	}
	d->modules = out_mods;
	d->module_count = h->module_count;
	d->boot_drive = boot_drive;
	d->rsdp_addr = find_rsdp();
	d->rsdp = d->rsdp_addr ? (const uint8_t *)(uintptr_t)d->rsdp_addr : 0;
	if (vbe_set_mode(video, &d->fb)) {
		d->has_framebuffer = 1;
		vbe_describe(d, mem_alloc(VBE_BLOCKS_BYTES, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE,
					  "the VBE information"));
	} else {
		d->has_text_screen = text_screen(&d->text);
	}
}
