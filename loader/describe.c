/* The boot description (core/boot_desc.h) from what the firmware backend found and the loader loaded. */
#include "boot.h"
#include "boot_desc.h"
#include "mem.h"

void describe_display(struct boot_desc *d, const struct video_request *video)
{
	__builtin_memset(d, 0, sizeof(*d));
	d->has_framebuffer = firmware_set_video(video, &d->fb);
}

void describe_machine(struct boot_desc *d, const struct loaded_params *p,
		      const struct longboot_module *mods, struct boot_module *out_mods)
{
	const struct lb_image_header *h = p->h;

	d->firmware = firmware_kind;
	d->firmware_map = mem_firmware_map(&d->firmware_count);
	d->cmdline = p->cmdline;
	for (uint32_t i = 0; mods && i < h->module_count; i++) {
		out_mods[i].addr = mods[i].addr;
		out_mods[i].size = mods[i].size;
		out_mods[i].string = (const char *)(uintptr_t)mods[i].name_addr;
	}
	d->modules = out_mods;
	d->module_count = mods ? h->module_count : 0;
	d->rsdp_addr = firmware_rsdp();
	d->rsdp = d->rsdp_addr ? (const uint8_t *)(uintptr_t)d->rsdp_addr : 0;
	firmware_describe(d);
}
