/* Multiboot 2 boot information (multiboot2_info.h). Pure logic. */
#include "multiboot2.h"
#include "multiboot2_info.h"

#define NO_PARTITION 0xFFFFFFFFu
#define EGA_TEXT_BPP 16

/* Type of a sanitised map entry as Multiboot 2 names it. */
static uint32_t mmap_type(uint32_t t)
{
	switch (t) {
	case LONGBOOT_MEM_USABLE:
	case LONGBOOT_MEM_ACPI_RECLAIMABLE:
	case LONGBOOT_MEM_ACPI_NVS:
	case LONGBOOT_MEM_BAD_MEMORY:
		return t;
	default:
		return LONGBOOT_MEM_RESERVED;
	}
}

/* Starts a tag; end_tag() writes its size once its body is in place. */
static size_t begin_tag(struct info_writer *w, uint32_t type)
{
	struct mb2_tag t = { .type = type, .size = 0 };

	iw_align(w, MB2_TAG_ALIGN);
	return iw_put(w, &t, sizeof(t));
}

static void end_tag(struct info_writer *w, size_t at)
{
	struct mb2_tag *t = iw_at(w, at);

	if (t)
		t->size = (uint32_t)(w->used - at);
}

static void string_tag(struct info_writer *w, uint32_t type, const char *s)
{
	size_t at = begin_tag(w, type);

	iw_string(w, s);
	end_tag(w, at);
}

static void put32(struct info_writer *w, uint32_t v)
{
	iw_put(w, &v, sizeof(v));
}

static void put64(struct info_writer *w, uint64_t v)
{
	iw_put(w, &v, sizeof(v));
}

size_t mb2_info_build(const struct boot_desc *d, struct info_writer *w)
{
	size_t start = w->used;
	struct mb2_info_header head = { 0, 0 };

	iw_put(w, &head, sizeof(head));
	string_tag(w, MB2_TAG_CMDLINE, d->cmdline);
	string_tag(w, MB2_TAG_LOADER_NAME, BOOT_LOADER_NAME);

	for (uint32_t i = 0; i < d->module_count; i++) {
		size_t at = begin_tag(w, MB2_TAG_MODULE);
		put32(w, (uint32_t)d->modules[i].addr);
		put32(w, (uint32_t)(d->modules[i].addr + d->modules[i].size));
		iw_string(w, d->modules[i].string);
		end_tag(w, at);
	}

	size_t at = begin_tag(w, MB2_TAG_BASIC_MEMINFO);
	put32(w, boot_mem_lower_kib(d));
	put32(w, boot_mem_upper_kib(d));
	end_tag(w, at);

	if (d->boot_drive) {
		at = begin_tag(w, MB2_TAG_BOOTDEV);
		put32(w, d->boot_drive);
		put32(w, NO_PARTITION);
		put32(w, NO_PARTITION);
		end_tag(w, at);
	}

	at = begin_tag(w, MB2_TAG_MMAP);
	put32(w, sizeof(struct mb2_mmap_entry));
	put32(w, 0);
	for (size_t i = 0; i < d->firmware_count; i++) {
		const struct longboot_memmap_entry *e = &d->firmware_map[i];
		struct mb2_mmap_entry m = { e->base, e->length, mmap_type(e->type), 0 };
		iw_put(w, &m, sizeof(m));
	}
	end_tag(w, at);

	if (d->has_framebuffer) {
		const struct video_mode *m = &d->fb;
		struct mb2_tag_framebuffer fb = {
			.tag = { MB2_TAG_FRAMEBUFFER, sizeof(fb) + MB2_RGB_INFO_BYTES },
			.framebuffer_addr = m->fb_addr,
			.framebuffer_pitch = m->pitch,
			.framebuffer_width = m->width,
			.framebuffer_height = m->height,
			.framebuffer_bpp = (uint8_t)m->bpp,
			.framebuffer_type = MB2_FB_TYPE_RGB,
		};
		const uint8_t rgb[MB2_RGB_INFO_BYTES] = { m->red_shift, m->red_size, m->green_shift,
							  m->green_size, m->blue_shift, m->blue_size };
		iw_align(w, MB2_TAG_ALIGN);
		iw_put(w, &fb, sizeof(fb));
		iw_put(w, rgb, sizeof(rgb));
	} else if (d->has_text_screen) {
		struct mb2_tag_framebuffer fb = {
			.tag = { MB2_TAG_FRAMEBUFFER, sizeof(fb) },
			.framebuffer_addr = d->text.addr,
			.framebuffer_pitch = d->text.cols * 2,
			.framebuffer_width = d->text.cols,
			.framebuffer_height = d->text.rows,
			.framebuffer_bpp = EGA_TEXT_BPP,
			.framebuffer_type = MB2_FB_TYPE_EGA_TEXT,
		};
		iw_align(w, MB2_TAG_ALIGN);
		iw_put(w, &fb, sizeof(fb));
	}

	if (d->shdr_num) {
		at = begin_tag(w, MB2_TAG_ELF_SECTIONS);
		put32(w, d->shdr_num);
		put32(w, d->shdr_entsize);
		put32(w, d->shdr_shndx);
		iw_put(w, d->shdr, (size_t)d->shdr_num * d->shdr_entsize);
		end_tag(w, at);
	}

	if (d->rsdp) {
		at = begin_tag(w, MB2_TAG_ACPI_OLD);
		iw_put(w, d->rsdp, boot_rsdp_v1_bytes());
		end_tag(w, at);
		if (boot_rsdp_bytes(d->rsdp) > boot_rsdp_v1_bytes()) {
			at = begin_tag(w, MB2_TAG_ACPI_NEW);
			iw_put(w, d->rsdp, boot_rsdp_bytes(d->rsdp));
			end_tag(w, at);
		}
	}

	if (d->has_load_base) {
		at = begin_tag(w, MB2_TAG_LOAD_BASE_ADDR);
		put32(w, (uint32_t)d->load_base);
		end_tag(w, at);
	}

	/* UEFI (spec 2.0, 3.6.11-3.6.15): boot services have ended; their memory map and runtime stay. */
	if (d->firmware == LONGBOOT_FIRMWARE_UEFI) {
		at = begin_tag(w, MB2_TAG_EFI64);
		put64(w, d->efi.system_table);
		end_tag(w, at);
		at = begin_tag(w, MB2_TAG_EFI_MMAP);
		put32(w, d->efi.memdesc_size);
		put32(w, d->efi.memdesc_version);
		iw_put(w, (const void *)(uintptr_t)d->efi.memmap_addr, (size_t)d->efi.memmap_size);
		end_tag(w, at);
		at = begin_tag(w, MB2_TAG_EFI64_IH);
		put64(w, d->efi.image_handle);
		end_tag(w, at);
	}

	at = begin_tag(w, MB2_TAG_END);
	end_tag(w, at);

	struct mb2_info_header *h = iw_at(w, start);
	if (h) {
		h->total_size = (uint32_t)(w->used - start);
		h->reserved = 0;
	}
	return w->used - start;
}
