/* The Linux zero page (linux_params.h). Pure logic. */
#include "arch.h"
#include "linux_params.h"

#define VID_MODE_NORMAL    0xFFFF
#define VID_MODE_EXTENDED  0xFFFE
#define VID_MODE_ASK       0xFFFD
#define TEXT_MODE_COLOUR   3       /* BIOS video mode 03h: 80x25 colour text */
#define VGA_FONT_HEIGHT    16
#define ACPI_RSDP_VERSION  0x020E
#define E820_RESERVED      2

static void put(uint8_t *zp, uint32_t at, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		zp[at + i] = (uint8_t)(v >> (8 * i));
}

static int word_starts(const char *s, const char *word)
{
	while (*word)
		if (*s++ != *word++)
			return 0;
	return 1;
}

static unsigned long parse_number(const char *s, int *ok)
{
	unsigned long v = 0, base = 10;

	*ok = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s && *s != ' '; s++) {
		unsigned digit;
		if (*s >= '0' && *s <= '9')
			digit = (unsigned)(*s - '0');
		else if (base == 16 && (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			digit = (unsigned)((*s | 0x20) - 'a' + 10);
		else
			return *ok = 0, 0;
		v = v * base + digit;
		*ok = 1;
	}
	return v;
}

uint16_t linux_vid_mode(const char *cmdline)
{
	uint16_t mode = VID_MODE_NORMAL;

	for (const char *s = cmdline; *s; s++) {
		if ((s != cmdline && s[-1] != ' ') || !word_starts(s, "vga="))
			continue;
		const char *v = s + 4;
		int ok;
		if (word_starts(v, "normal"))
			mode = VID_MODE_NORMAL;
		else if (word_starts(v, "ext"))
			mode = VID_MODE_EXTENDED;
		else if (word_starts(v, "ask"))
			mode = VID_MODE_ASK;
		else {
			unsigned long n = parse_number(v, &ok);
			if (ok && n <= 0xFFFF)
				mode = (uint16_t)n;
		}
	}
	return mode;
}

static uint32_t e820_type(uint32_t t)
{
	return t >= LONGBOOT_MEM_USABLE && t <= LONGBOOT_MEM_BAD_MEMORY ? t : E820_RESERVED;
}

void linux_params_build(const struct boot_desc *d, const struct linux_header *h, const void *setup,
			const struct linux_load *l, uint8_t *zp)
{
	__builtin_memset(zp, 0, LINUX_ZERO_PAGE_BYTES);
	__builtin_memcpy(zp + LH_SETUP_SECTS, (const uint8_t *)setup + LH_SETUP_SECTS,
			 h->header_end - LH_SETUP_SECTS);

	put(zp, LH_TYPE_OF_LOADER, LINUX_LOADER_UNDEFINED, 1);
	put(zp, LH_LOADFLAGS, h->loadflags | LOADFLAGS_CAN_USE_HEAP, 1);
	put(zp, LH_HEAP_END_PTR, l->heap_end, 2);
	put(zp, LH_CODE32_START, l->kernel_addr, 4);
	put(zp, LH_VID_MODE, linux_vid_mode(d->cmdline), 2);
	put(zp, LH_CMD_LINE_PTR, l->cmdline_addr, 4);
	put(zp, ZP_EXT_CMD_LINE_PTR, l->cmdline_addr >> 32, 4);
	put(zp, LH_RAMDISK_IMAGE, l->initrd_addr, 4);
	put(zp, ZP_EXT_RAMDISK_IMAGE, l->initrd_addr >> 32, 4);
	put(zp, LH_RAMDISK_SIZE, l->initrd_size, 4);
	put(zp, ZP_EXT_RAMDISK_SIZE, l->initrd_size >> 32, 4);
	if (h->version >= ACPI_RSDP_VERSION)
		put(zp, ZP_ACPI_RSDP_ADDR, d->rsdp_addr, 8);
	put(zp, ZP_ALT_MEM_K, boot_mem_upper_kib(d), 4);

	uint32_t n = 0;
	for (size_t i = 0; i < d->firmware_count && n < ZP_E820_MAX; i++, n++) {
		const struct longboot_memmap_entry *e = &d->firmware_map[i];
		uint32_t at = ZP_E820_TABLE + n * ZP_E820_ENTRY_BYTES;
		put(zp, at, e->base, 8);
		put(zp, at + 8, e->length, 8);
		put(zp, at + 16, e820_type(e->type), 4);
	}
	put(zp, ZP_E820_ENTRIES, n, 1);

	if (d->firmware == LONGBOOT_FIRMWARE_UEFI) {
		uint8_t *ei = zp + ZP_EFI_INFO;
		put(ei, EI_LOADER_SIGNATURE, EFI64_LOADER_SIGNATURE, 4);
		put(ei, EI_SYSTAB, d->efi.system_table, 4);
		put(ei, EI_SYSTAB_HI, d->efi.system_table >> 32, 4);
		put(ei, EI_MEMDESC_SIZE, d->efi.memdesc_size, 4);
		put(ei, EI_MEMDESC_VERSION, d->efi.memdesc_version, 4);
		put(ei, EI_MEMMAP, d->efi.memmap_addr, 4);
		put(ei, EI_MEMMAP_HI, d->efi.memmap_addr >> 32, 4);
		put(ei, EI_MEMMAP_SIZE, d->efi.memmap_size, 4);
	}

	if (d->has_framebuffer) {
		const struct video_mode *m = &d->fb;
		uint8_t *si = zp + ZP_SCREEN_INFO;
		int efi = d->firmware == LONGBOOT_FIRMWARE_UEFI;
		/*
		 * Under UEFI the framebuffer is GOP's, which Linux's efifb takes
		 * with lfb_size in bytes, as its own EFI stub hands it over;
		 * vesafb counts VESA's 64 KiB units.
		 */
		uint64_t fb_bytes = (uint64_t)m->pitch * m->height;
		put(si, SI_ORIG_VIDEO_ISVGA, efi ? VIDEO_TYPE_EFI : VIDEO_TYPE_VLFB, 1);
		put(si, SI_LFB_WIDTH, m->width, 2);
		put(si, SI_LFB_HEIGHT, m->height, 2);
		put(si, SI_LFB_DEPTH, m->bpp, 2);
		put(si, SI_LFB_BASE, m->fb_addr, 4);
		put(si, SI_EXT_LFB_BASE, m->fb_addr >> 32, 4);
		put(si, SI_LFB_SIZE, efi ? fb_bytes : ALIGN_UP(fb_bytes, 64 * KIB) / (64 * KIB), 4);
		put(si, SI_LFB_LINELENGTH, m->pitch, 2);
		const uint8_t rgb[SI_COLOURS] = { m->red_size, m->red_shift, m->green_size, m->green_shift,
						  m->blue_size, m->blue_shift };
		__builtin_memcpy(si + SI_RED_SIZE, rgb, sizeof(rgb));
		if (m->fb_addr >> 32)
			put(si, SI_CAPABILITIES, VIDEO_CAPABILITY_64BIT_BASE, 4);
	} else if (d->has_text_screen) {
		uint8_t *si = zp + ZP_SCREEN_INFO;
		put(si, SI_ORIG_X, d->text.cursor_x, 1);
		put(si, SI_ORIG_Y, d->text.cursor_y, 1);
		put(si, SI_ORIG_VIDEO_MODE, TEXT_MODE_COLOUR, 1);
		put(si, SI_ORIG_VIDEO_COLS, d->text.cols, 1);
		put(si, SI_ORIG_VIDEO_LINES, d->text.rows, 1);
		put(si, SI_ORIG_VIDEO_ISVGA, 1, 1);
		put(si, SI_ORIG_VIDEO_POINTS, VGA_FONT_HEIGHT, 2);
	}
}
