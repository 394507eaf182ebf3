/* Multiboot 1 boot information (multiboot1_info.h). Pure logic. */
#include "multiboot1.h"
#include "multiboot1_info.h"

#define NO_PARTITIONS 0x00FFFFFFu  /* part1, part2, part3 all 0xFF: the whole disk */
#define EGA_TEXT_BPP  16
#define INFO_ALIGN    8

static uint32_t mmap_type(uint32_t t)
{
	return t >= LONGBOOT_MEM_USABLE && t <= LONGBOOT_MEM_BAD_MEMORY ? t : LONGBOOT_MEM_RESERVED;
}

uint64_t mb1_info_build(const struct boot_desc *d, uint32_t header_flags, struct info_writer *w)
{
	struct mb1_info info = { 0 };

	iw_align(w, INFO_ALIGN);
	size_t info_at = iw_put(w, NULL, sizeof(info));

	info.flags = MB1_INFO_MEMORY | MB1_INFO_CMDLINE | MB1_INFO_MODS | MB1_INFO_MEM_MAP |
		     MB1_INFO_LOADER_NAME;
	info.mem_lower = boot_mem_lower_kib(d);
	info.mem_upper = boot_mem_upper_kib(d);
	if (d->boot_drive) {
		info.flags |= MB1_INFO_BOOTDEV;
		info.boot_device = d->boot_drive << 24 | NO_PARTITIONS;
	}
	info.cmdline = (uint32_t)iw_string(w, d->cmdline);
	info.boot_loader_name = (uint32_t)iw_string(w, BOOT_LOADER_NAME);

	iw_align(w, INFO_ALIGN);
	size_t mods_at = iw_put(w, NULL, d->module_count * sizeof(struct mb1_module));
	info.mods_count = d->module_count;
	info.mods_addr = (uint32_t)iw_phys(w, mods_at);
	for (uint32_t i = 0; i < d->module_count; i++) {
		struct mb1_module m = {
			.mod_start = (uint32_t)d->modules[i].addr,
			.mod_end = (uint32_t)(d->modules[i].addr + d->modules[i].size),
			.string = (uint32_t)iw_string(w, d->modules[i].string),
		};
		void *slot = iw_at(w, mods_at + i * sizeof(m));
		if (slot)
			__builtin_memcpy(slot, &m, sizeof(m));
	}

	iw_align(w, INFO_ALIGN);
	size_t mmap_at = w->used;
	for (size_t i = 0; i < d->firmware_count; i++) {
		const struct longboot_memmap_entry *e = &d->firmware_map[i];
		struct mb1_mmap_entry m = {
			.size = sizeof(m) - sizeof(m.size),
			.base_addr = e->base,
			.length = e->length,
			.type = mmap_type(e->type),
		};
		iw_put(w, &m, sizeof(m));
	}
	info.mmap_addr = (uint32_t)iw_phys(w, mmap_at);
	info.mmap_length = (uint32_t)(w->used - mmap_at);

	if (d->shdr_num) {
		info.flags |= MB1_INFO_ELF_SHDR;
		info.shdr_num = d->shdr_num;
		info.shdr_size = d->shdr_entsize;
		info.shdr_addr = (uint32_t)d->shdr_addr;
		info.shdr_shndx = d->shdr_shndx;
	}

	if (d->has_framebuffer) {
		const struct video_mode *m = &d->fb;
		info.flags |= MB1_INFO_FRAMEBUFFER;
		info.framebuffer_addr = m->fb_addr;
		info.framebuffer_pitch = m->pitch;
		info.framebuffer_width = m->width;
		info.framebuffer_height = m->height;
		info.framebuffer_bpp = (uint8_t)m->bpp;
		info.framebuffer_type = MB1_FB_TYPE_RGB;
		const uint8_t rgb[6] = { m->red_shift, m->red_size, m->green_shift, m->green_size,
					 m->blue_shift, m->blue_size };
		__builtin_memcpy(info.color_info, rgb, sizeof(rgb));
		if (d->vbe_control_info) {
			info.flags |= MB1_INFO_VBE;
			info.vbe_control_info = (uint32_t)d->vbe_control_info;
			info.vbe_mode_info = (uint32_t)d->vbe_mode_info;
			info.vbe_mode = d->vbe_mode;
			info.vbe_interface_seg = d->vbe_interface_seg;
			info.vbe_interface_off = d->vbe_interface_off;
			info.vbe_interface_len = d->vbe_interface_len;
		}
	} else if ((header_flags & MB1_HF_VIDEO_MODE) && d->has_text_screen) {
		info.flags |= MB1_INFO_FRAMEBUFFER;
		info.framebuffer_addr = d->text.addr;
		info.framebuffer_pitch = d->text.cols * 2;
		info.framebuffer_width = d->text.cols;
		info.framebuffer_height = d->text.rows;
		info.framebuffer_bpp = EGA_TEXT_BPP;
		info.framebuffer_type = MB1_FB_TYPE_EGA_TEXT;
	}

	void *at = iw_at(w, info_at);
	if (at)
		__builtin_memcpy(at, &info, sizeof(info));
	return iw_phys(w, info_at);
}
