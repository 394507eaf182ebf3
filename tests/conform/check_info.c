/* docs/protocol.md section 3: the fields of struct longboot_info. */
#include "conform.h"

#define NAME_MAX_READ 4096
#define BIOS_DRIVE_MAX 0xFF
#define EFI_MEMDESC_MIN_SIZE 40 /* sizeof(EFI_MEMORY_DESCRIPTOR) */
#define EFI_MEMDESC_VERSION  1

/* Length of a NUL-terminated string in the loader's memory, or -1. */
static int64_t loader_strlen(uint64_t addr, uint64_t max)
{
	for (uint64_t n = 0; n < max; n++) {
		if (!ident_readable(addr + n, 1))
			return -1;
		if (*(const volatile char *)(uintptr_t)(addr + n) == '\0')
			return (int64_t)n;
	}
	return -1;
}

static const char *video_name(uint32_t mode)
{
	switch (mode) {
	case LONGBOOT_VIDEO_NONE: return "no display";
	case LONGBOOT_VIDEO_TEXT: return "VGA text";
	case LONGBOOT_VIDEO_FRAMEBUFFER: return "linear framebuffer";
	default: return "unknown";
	}
}

/*
 * The colour fields of a video_mode 2 framebuffer: each colour has bits,
 * lies inside the pixel, and no two overlap.
 */
static void check_colours(struct check *c, const struct longboot_info *in)
{
	const uint8_t size[3] = { in->fb_red_size, in->fb_green_size, in->fb_blue_size };
	const uint8_t shift[3] = { in->fb_red_shift, in->fb_green_shift, in->fb_blue_shift };
	static const char *const name[3] = { "red", "green", "blue" };
	uint64_t seen = 0;

	for (int i = 0; i < 3; i++) {
		if (!expect(c, size[i] > 0 && size[i] <= 16, "fb_%s_size is %u", name[i], size[i]))
			continue;
		if (!expect(c, (unsigned)shift[i] + size[i] <= in->fb_bpp,
			    "%s bits [%u, %u) reach past the %u-bit pixel", name[i], shift[i],
			    shift[i] + size[i], in->fb_bpp))
			continue;
		uint64_t mask = ((1ULL << size[i]) - 1) << shift[i];
		expect(c, !(seen & mask), "%s bits [%u, %u) overlap another colour's", name[i], shift[i],
		       shift[i] + size[i]);
		seen |= mask;
	}
}

/* video_mode 2: the fb_ fields describe a sane framebuffer of the size asked (expect-video). */
static void check_fb_fields(struct check *c, const struct longboot_info *in)
{
	const struct expectations *e = &boot.expect;

	expect(c, in->fb_addr != 0, "fb_addr is 0");
	expect(c, in->fb_width != 0 && in->fb_height != 0, "framebuffer is %ux%u", in->fb_width, in->fb_height);
	if (e->video == EXPECT_VIDEO_FB) {
		expect(c, in->fb_width == e->video_width && in->fb_height == e->video_height,
		       "framebuffer is %ux%u, expected %lux%lu", in->fb_width, in->fb_height,
		       e->video_width, e->video_height);
		if (e->video_bpp)
			expect(c, in->fb_bpp == e->video_bpp, "fb_bpp is %u, expected %lu", in->fb_bpp,
			       e->video_bpp);
	}
	if (!expect(c, in->fb_bpp == 16 || in->fb_bpp == 24 || in->fb_bpp == 32,
		    "fb_bpp is %u, not 16, 24 or 32", in->fb_bpp))
		return;
	expect(c, in->fb_pitch >= (uint64_t)in->fb_width * (in->fb_bpp / 8),
	       "fb_pitch %u is less than %u pixels of %u bytes", in->fb_pitch, in->fb_width, in->fb_bpp / 8);
	check_colours(c, in);
}

/*
 * Version 2 (section 3): firmware, video as expect-video says, the UEFI
 * fields. Under BIOS (info-v2-bios) firmware 1 and every efi_ field 0;
 * under expect-firmware=uefi (info-v2-uefi, section 6) firmware 2, never
 * VGA text, and the efi_ fields filled: the system table's address, the
 * EFI memory map's address and size, a descriptor size of at least 40
 * (EFI_MEMORY_DESCRIPTOR) and version 1, the size a whole number of
 * descriptors. check_efi.c looks behind those fields.
 */
static void check_v2(const struct longboot_info *in)
{
	const struct expectations *e = &boot.expect;
	struct check c;
	int uefi = expect_uefi();
	uint32_t want = e->video == EXPECT_VIDEO_NONE ? LONGBOOT_VIDEO_NONE :
			e->video == EXPECT_VIDEO_TEXT ? LONGBOOT_VIDEO_TEXT : LONGBOOT_VIDEO_FRAMEBUFFER;

	check_begin(&c, uefi ? "info-v2-uefi" : "info-v2-bios");
	if (uefi)
		expect(&c, in->firmware == LONGBOOT_FIRMWARE_UEFI, "firmware is %u, not 2 (UEFI)", in->firmware);
	else
		expect(&c, in->firmware == LONGBOOT_FIRMWARE_BIOS, "firmware is %u, not 1 (BIOS)", in->firmware);
	if (uefi)
		expect(&c, in->video_mode != LONGBOOT_VIDEO_TEXT, "video_mode is 1 (VGA text) under UEFI");
	expect(&c, in->video_mode == want, "video_mode is %u (%s), expected %u (%s)", in->video_mode,
	       video_name(in->video_mode), want, video_name(want));
	if (in->video_mode == LONGBOOT_VIDEO_FRAMEBUFFER) {
		check_fb_fields(&c, in);
		check_note(&c, "video_mode 2: %ux%ux%u, pitch %u, at 0x%lx, red %u@%u green %u@%u blue %u@%u",
			   in->fb_width, in->fb_height, in->fb_bpp, in->fb_pitch, in->fb_addr,
			   in->fb_red_size, in->fb_red_shift, in->fb_green_size, in->fb_green_shift,
			   in->fb_blue_size, in->fb_blue_shift);
	} else {
		expect(&c, in->fb_addr == 0 && in->fb_width == 0 && in->fb_height == 0 &&
		       in->fb_pitch == 0 && in->fb_bpp == 0, "fb_ fields are not 0 in video_mode %u",
		       in->video_mode);
		expect(&c, in->fb_red_size == 0 && in->fb_red_shift == 0 && in->fb_green_size == 0 &&
		       in->fb_green_shift == 0 && in->fb_blue_size == 0 && in->fb_blue_shift == 0,
		       "colour fields are not 0 in video_mode %u", in->video_mode);
		check_note(&c, "video_mode %u (%s)", in->video_mode, video_name(in->video_mode));
	}
	expect(&c, in->reserved == 0, "reserved is 0x%x, not 0", in->reserved);
	if (uefi) {
		expect(&c, in->efi_system_table != 0, "efi_system_table is 0");
		expect(&c, in->efi_memmap_addr != 0, "efi_memmap_addr is 0");
		expect(&c, in->efi_memmap_size != 0, "efi_memmap_size is 0");
		expect(&c, in->efi_memdesc_size >= EFI_MEMDESC_MIN_SIZE,
		       "efi_memdesc_size is %u, less than an EFI_MEMORY_DESCRIPTOR (40)", in->efi_memdesc_size);
		expect(&c, in->efi_memdesc_version == EFI_MEMDESC_VERSION, "efi_memdesc_version is %u, not 1",
		       in->efi_memdesc_version);
		expect(&c, in->efi_memdesc_size == 0 || in->efi_memmap_size % in->efi_memdesc_size == 0,
		       "efi_memmap_size %lu is not a multiple of efi_memdesc_size %u", in->efi_memmap_size,
		       in->efi_memdesc_size);
	} else {
		expect(&c, in->efi_system_table == 0 && in->efi_memmap_addr == 0 && in->efi_memmap_size == 0 &&
		       in->efi_memdesc_size == 0 && in->efi_memdesc_version == 0,
		       "efi_ fields are not 0 under BIOS");
	}
	check_end(&c);
}

static void check_header(const struct longboot_info *in)
{
	struct check c;

	check_begin(&c, "info-header");
	expect(&c, in->magic == LONGBOOT_MAGIC, "magic is 0x%016lx, not 0x%016llx", in->magic, LONGBOOT_MAGIC);
	expect(&c, in->version >= 1, "version is %u, not 1 or later", in->version);
	expect(&c, in->version != 2 || in->size == 192, "size is %u, not 192 (version 2)", in->size);
	expect(&c, in->version != 1 || in->size == 120, "size is %u, not 120 (version 1)", in->size);
	expect(&c, in->size >= 120, "size is %u, less than version 1's 120", in->size);
	check_end(&c);

	if (in->version >= 2 && in->size >= 192) {
		check_v2(in);
	} else if (expect_uefi()) {
		check_begin(&c, "info-v2-uefi");
		expect(&c, 0, "version %u, size %u: no firmware or efi_ fields (version 2, 192 bytes)",
		       in->version, in->size);
		check_end(&c);
	}

	check_begin(&c, "info-fields");
	expect(&c, in->memmap_entry_size == sizeof(struct longboot_memmap_entry),
	       "memmap_entry_size is %u, not 24", in->memmap_entry_size);
	expect(&c, in->memmap_count > 0, "memmap_count is 0");
	expect(&c, in->memmap_count <= MEMMAP_MAX, "memmap_count %u is implausible (more than %u)",
	       in->memmap_count, MEMMAP_MAX);
	expect(&c, in->phys_map_offset == LONGBOOT_PHYS_MAP_OFFSET,
	       "phys_map_offset is 0x%lx, not 0xffff800000000000", in->phys_map_offset);
	expect(&c, in->cmdline_addr != 0, "cmdline_addr is 0");
	expect(&c, (in->modules_count == 0) == (in->modules_addr == 0),
	       "modules_addr 0x%lx does not match modules_count %u (0 exactly when there are none)",
	       in->modules_addr, in->modules_count);
	check_end(&c);
}

static void check_kernel_extent(const struct longboot_info *in)
{
	struct check c;
	uint64_t lo = UINT64_MAX, hi = 0;

	for (size_t i = 0; i < kernel_segment_count(); i++) {
		const struct kernel_segment *s = &conform_segments[i];
		if (s->paddr < lo)
			lo = s->paddr;
		if (s->paddr + s->memsz > hi)
			hi = s->paddr + s->memsz;
	}
	uint64_t size = round_up(hi, PAGE_SIZE) - lo;

	check_begin(&c, "kernel-phys");
	expect(&c, lo == (uintptr_t)__kernel_phys_start && hi == (uintptr_t)__kernel_phys_end,
	       "linker script disagrees with itself: segments [0x%lx, 0x%lx), symbols [%p, %p)",
	       lo, hi, (void *)__kernel_phys_start, (void *)__kernel_phys_end);
	if (boot.expect.phys == EXPECT_PHYS_MOVED) {
		/*
		 * Section 6: moved as a whole to a 2 MiB-aligned base, the segments
		 * keeping their offsets from one another (kernel_seg_phys puts each
		 * at kernel_phys_base + p_paddr - lowest p_paddr: memmap-kernel,
		 * paging-kernel-segments and usable-free check them there).
		 */
		expect(&c, in->kernel_phys_base != lo,
		       "kernel_phys_base is the lowest p_paddr 0x%lx: the kernel was not moved", lo);
		expect(&c, in->kernel_phys_base % (2 * MiB) == 0, "kernel_phys_base 0x%lx is not 2 MiB-aligned",
		       in->kernel_phys_base);
		expect(&c, in->kernel_phys_size == size,
		       "kernel_phys_size is 0x%lx, round_up(end, 4096) - base is 0x%lx as linked", in->kernel_phys_size,
		       size);
		check_note(&c, "linked at [0x%lx, 0x%lx), moved to [0x%lx, 0x%lx)", lo, lo + size, in->kernel_phys_base,
			   in->kernel_phys_base + size);
		check_end(&c);
		return;
	}
	expect(&c, in->kernel_phys_base == lo, "kernel_phys_base is 0x%lx, lowest p_paddr is 0x%lx",
	       in->kernel_phys_base, lo);
	expect(&c, in->kernel_phys_size == size,
	       "kernel_phys_size is 0x%lx, round_up(end 0x%lx, 4096) - base is 0x%lx",
	       in->kernel_phys_size, hi, size);
	check_note(&c, "[0x%lx, 0x%lx)", lo, lo + size);
	check_end(&c);
}

static void check_drive_and_tsc(const struct longboot_info *in)
{
	struct check c;
	const struct expectations *e = &boot.expect;

	check_begin(&c, "boot-drive");
	expect(&c, in->boot_drive <= BIOS_DRIVE_MAX, "boot_drive 0x%x is not a BIOS drive number (DL)",
	       in->boot_drive);
	if (expect_uefi())
		expect(&c, in->boot_drive == 0, "boot_drive is 0x%x, not 0 (UEFI)", in->boot_drive);
	if (e->has_drive)
		expect(&c, in->boot_drive == e->drive, "boot_drive is 0x%x, expected 0x%lx",
		       in->boot_drive, e->drive);
	else
		check_note(&c, "0x%x (no expect-drive given)", in->boot_drive);
	check_end(&c);

	check_begin(&c, "tsc");
	uint64_t at_entry = boot.entry->tsc;
	expect(&c, in->tsc_loader_start != 0, "tsc_loader_start is 0");
	expect(&c, in->tsc_loader_start < in->tsc_kernel_entry,
	       "tsc_loader_start 0x%lx is not before tsc_kernel_entry 0x%lx",
	       in->tsc_loader_start, in->tsc_kernel_entry);
	expect(&c, in->tsc_kernel_entry <= at_entry,
	       "tsc_kernel_entry 0x%lx is after the TSC read at _start 0x%lx",
	       in->tsc_kernel_entry, at_entry);
	if (in->tsc_loader_start < in->tsc_kernel_entry && in->tsc_kernel_entry <= at_entry)
		check_note(&c, "loader %lu cycles, jump to _start %lu cycles",
			   in->tsc_kernel_entry - in->tsc_loader_start, at_entry - in->tsc_kernel_entry);
	check_end(&c);
}

static void expect_reclaimable(struct check *c, const char *what, uint64_t base, uint64_t len)
{
	expect(c, ident_readable(base, len) &&
		   range_has_type(base, base + len, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE),
	       "%s [0x%lx, 0x%lx) is not inside BOOTLOADER_RECLAIMABLE memory below 4 GiB",
	       what, base, base + len);
}

/* The loader's data the kernel may still read at entry lives in BOOTLOADER_RECLAIMABLE memory. */
static void check_placement(const struct longboot_info *in)
{
	struct check c;

	check_begin(&c, "loader-data-placement");
	expect_reclaimable(&c, "longboot_info", boot.info_addr, in->size);
	expect_reclaimable(&c, "memory map", in->memmap_addr,
			   (uint64_t)in->memmap_count * in->memmap_entry_size);
	expect_reclaimable(&c, "command line", in->cmdline_addr, strnlen(boot.cmdline, LONGBOOT_CMDLINE_MAX + 1) + 1);
	expect_reclaimable(&c, "entry stack", in->stack_base, in->stack_size);
	if (in->modules_count) {
		expect_reclaimable(&c, "module table", in->modules_addr,
				   (uint64_t)in->modules_count * sizeof(struct longboot_module));
		for (uint32_t i = 0; i < boot.module_count; i++) {
			uint64_t name = boot.modules[i].name_addr;
			int64_t n = loader_strlen(name, NAME_MAX_READ);
			if (expect(&c, n >= 0, "module %u name at 0x%lx is not NUL-terminated within 4096 bytes",
				   i, name))
				expect_reclaimable(&c, "module name", name, (uint64_t)n + 1);
		}
	}
	check_end(&c);
}

void check_info(void)
{
	struct check c;

	if (!boot.info_ok) {
		check_begin(&c, "info-header");
		expect(&c, 0, "no longboot_info: RDI is 0x%lx", boot.info_addr);
		check_end(&c);
		return;
	}
	check_header(&boot.info);
	check_kernel_extent(&boot.info);
	check_drive_and_tsc(&boot.info);
	check_placement(&boot.info);
}
