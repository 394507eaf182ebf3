/* A bzImage's setup header and the zero page (core/linux_header.c, linux_params.c). */
#include <string.h>
#include "unit.h"
#include "linux_params.h"

static unsigned char setup[8 * 512];

static void put(unsigned char *p, uint32_t at, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		p[at + i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get(const unsigned char *p, uint32_t at, unsigned bytes)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)p[at + i] << (8 * i);
	return v;
}

/* The setup header of a 2.15 relocatable 64-bit kernel with 7 setup sectors. */
static void bzimage(void)
{
	memset(setup, 0, sizeof(setup));
	put(setup, LH_SETUP_SECTS, 7, 1);
	put(setup, LH_BOOT_FLAG, LINUX_BOOT_FLAG, 2);
	put(setup, LH_JUMP, 0x6AEB, 2); /* jmp short: the byte at 0x201 ends the header at 0x26C */
	put(setup, LH_HEADER, LINUX_HDRS_MAGIC, 4);
	put(setup, LH_VERSION, 0x020F, 2);
	put(setup, LH_LOADFLAGS, LOADFLAGS_LOADED_HIGH, 1);
	put(setup, LH_INITRD_ADDR_MAX, 0x7FFFFFFF, 4);
	put(setup, LH_KERNEL_ALIGNMENT, 0x200000, 4);
	put(setup, LH_RELOCATABLE_KERNEL, 1, 1);
	put(setup, LH_XLOADFLAGS, XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G, 2);
	put(setup, LH_CMDLINE_SIZE, 2047, 4);
	put(setup, LH_PREF_ADDRESS, 0x1000000, 8);
	put(setup, LH_INIT_SIZE, 0x2000000, 4);
}

static void header(void)
{
	struct linux_header h;

	bzimage();
	CHECK(linux_is_bzimage(setup, sizeof(setup)));
	CHECK(linux_parse(setup, sizeof(setup), 5 << 20, &h) == NULL);
	CHECK_EQ(h.version, 0x020F);
	CHECK_EQ(h.setup_bytes, 8 * 512);
	CHECK_EQ(h.header_end, 0x26C);
	CHECK_EQ(h.pref_address, 0x1000000);
	CHECK_EQ(h.init_size, 0x2000000);
	CHECK_EQ(h.cmdline_size, 2047);

	/* Too old, truncated, not a bzImage. */
	put(setup, LH_VERSION, 0x0205, 2);
	CHECK(linux_parse(setup, sizeof(setup), 5 << 20, &h) != NULL);
	CHECK_EQ(h.version, 0x0205);
	bzimage();
	CHECK(linux_parse(setup, sizeof(setup), 8 * 512, &h) != NULL);
	put(setup, LH_LOADFLAGS, 0, 1);
	CHECK(linux_parse(setup, sizeof(setup), 5 << 20, &h) != NULL);
	bzimage();
	put(setup, LH_HEADER, 0, 4);
	CHECK(!linux_is_bzimage(setup, sizeof(setup)));
	/* setup_sects 0 means 4. */
	bzimage();
	put(setup, LH_SETUP_SECTS, 0, 1);
	CHECK(linux_parse(setup, sizeof(setup), 5 << 20, &h) == NULL);
	CHECK_EQ(h.setup_bytes, 5 * 512);
}

static void vid_modes(void)
{
	CHECK_EQ(linux_vid_mode("quiet"), 0xFFFF);
	CHECK_EQ(linux_vid_mode("vga=ask quiet"), 0xFFFD);
	CHECK_EQ(linux_vid_mode("a vga=0x318"), 0x318);
	CHECK_EQ(linux_vid_mode("vga=791"), 791);
	CHECK_EQ(linux_vid_mode("xvga=791"), 0xFFFF);
	CHECK_EQ(linux_vid_mode("vga=ext"), 0xFFFE);
	CHECK_EQ(linux_vid_mode("vga=junk"), 0xFFFF);
}

static void zero_page(void)
{
	static const struct longboot_memmap_entry map[] = {
		{ 0x1000, 0x9E000, LONGBOOT_MEM_USABLE, 0 },
		{ 0x100000, 0x3FF00000, LONGBOOT_MEM_USABLE, 0 },
		{ 0xFEC00000, 0x1000, LONGBOOT_MEM_RESERVED, 0 },
		{ 0x100000000, 0x40000000, LONGBOOT_MEM_USABLE, 0 },
	};
	struct boot_desc d = {
		.firmware_map = map, .firmware_count = 4, .cmdline = "console=ttyS0",
		.rsdp_addr = 0xF5A00, .has_text_screen = 1,
		.text = { 0xB8000, 80, 25, 0, 7 },
	};
	struct linux_header h;
	struct linux_load l = { 0x1000000, 0x20000, 0x7F000000, 12345, 0x7E00 };
	static unsigned char zp[LINUX_ZERO_PAGE_BYTES];

	bzimage();
	CHECK(linux_parse(setup, sizeof(setup), 5 << 20, &h) == NULL);
	memset(zp, 0xAA, sizeof(zp));
	linux_params_build(&d, &h, setup, &l, zp);
	CHECK_EQ(get(zp, LH_HEADER, 4), LINUX_HDRS_MAGIC);
	CHECK_EQ(get(zp, LH_TYPE_OF_LOADER, 1), 0xFF);
	CHECK_EQ(get(zp, LH_LOADFLAGS, 1), LOADFLAGS_LOADED_HIGH | LOADFLAGS_CAN_USE_HEAP);
	CHECK_EQ(get(zp, LH_CMD_LINE_PTR, 4), 0x20000);
	CHECK_EQ(get(zp, LH_RAMDISK_IMAGE, 4), 0x7F000000);
	CHECK_EQ(get(zp, LH_RAMDISK_SIZE, 4), 12345);
	CHECK_EQ(get(zp, LH_CODE32_START, 4), 0x1000000);
	CHECK_EQ(get(zp, ZP_ACPI_RSDP_ADDR, 8), 0xF5A00);
	CHECK_EQ(get(zp, ZP_E820_ENTRIES, 1), 4);
	CHECK_EQ(get(zp, ZP_E820_TABLE + 3 * 20, 8), 0x100000000);
	CHECK_EQ(get(zp, ZP_E820_TABLE + 2 * 20 + 16, 4), 2);
	CHECK_EQ(get(zp, ZP_SENTINEL, 1), 0);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_ORIG_Y, 1), 7);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_ORIG_VIDEO_COLS, 1), 80);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_ORIG_VIDEO_ISVGA, 1), 1);
	CHECK_EQ(get(zp, 0x26C, 1), 0); /* past the header: zeroed */
	CHECK_EQ(get(zp, 0xFFF, 1), 0);
}

/* Under UEFI: efi_info with "EL64", and GOP's framebuffer as VIDEO_TYPE_EFI with its size in bytes. */
static void zero_page_uefi(void)
{
	static const struct longboot_memmap_entry map[] = {
		{ 0x1000, 0x9E000, LONGBOOT_MEM_USABLE, 0 },
		{ 0x100000, 0x3FF00000, LONGBOOT_MEM_USABLE, 0 },
	};
	struct boot_desc d = {
		.firmware = LONGBOOT_FIRMWARE_UEFI,
		.efi = { 0x11F000018, 0x1E000000, 0x123450000, 48 * 30, 48, 1 },
		.firmware_map = map, .firmware_count = 2, .cmdline = "",
		.has_framebuffer = 1,
		.fb = { 1, 1280, 800, 32, 5120, 0xC0000000, 8, 16, 8, 8, 8, 0 },
	};
	struct linux_header h;
	struct linux_load l = { 0x1000000, 0x20000, 0, 0, 0 };
	static unsigned char zp[LINUX_ZERO_PAGE_BYTES];

	bzimage();
	CHECK(linux_parse(setup, sizeof(setup), 5 << 20, &h) == NULL);
	linux_params_build(&d, &h, setup, &l, zp);
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_LOADER_SIGNATURE, 4), 0x34364C45); /* "EL64" */
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_SYSTAB, 4), 0x1F000018);
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_SYSTAB_HI, 4), 1);
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_MEMMAP, 4), 0x23450000);
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_MEMMAP_HI, 4), 1);
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_MEMMAP_SIZE, 4), 48 * 30);
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_MEMDESC_SIZE, 4), 48);
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_MEMDESC_VERSION, 4), 1);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_ORIG_VIDEO_ISVGA, 1), VIDEO_TYPE_EFI);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_LFB_SIZE, 4), 5120 * 800);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_LFB_BASE, 4), 0xC0000000);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_LFB_LINELENGTH, 2), 5120);

	/* Under the BIOS efi_info stays zero. */
	d.firmware = LONGBOOT_FIRMWARE_BIOS;
	linux_params_build(&d, &h, setup, &l, zp);
	CHECK_EQ(get(zp, ZP_EFI_INFO + EI_LOADER_SIGNATURE, 4), 0);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_ORIG_VIDEO_ISVGA, 1), VIDEO_TYPE_VLFB);
	CHECK_EQ(get(zp, ZP_SCREEN_INFO + SI_LFB_SIZE, 4), (5120 * 800 + 65535) / 65536); /* 64 KiB units, rounded up */
}

int main(void)
{
	unit_suite("linux");
	RUN(header, "setup header: fields, versions, truncation");
	RUN(vid_modes, "vid_mode from vga=");
	RUN(zero_page, "zero page: header copy and loader fields");
	RUN(zero_page_uefi, "zero page under UEFI: efi_info, screen_info from GOP");
	return unit_done();
}
