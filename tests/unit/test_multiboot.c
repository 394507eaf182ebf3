/* Multiboot headers and boot information (core/multiboot_header.c, multiboot*_info.c). */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "boot_desc.h"
#include "multiboot1_info.h"
#include "multiboot2_info.h"
#include "multiboot_header.h"

static unsigned char file[40000];

static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* A Multiboot 2 header at `at` with the given tags (already laid out); returns its length. */
static uint32_t mb2_header(size_t at, const unsigned char *tags, uint32_t tag_bytes)
{
	uint32_t length = 16 + tag_bytes + 8;

	put32(file + at, MB2_HEADER_MAGIC);
	put32(file + at + 4, MB2_ARCH_I386);
	put32(file + at + 8, length);
	put32(file + at + 12, -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + length));
	if (tag_bytes)
		memcpy(file + at + 16, tags, tag_bytes);
	memset(file + at + 16 + tag_bytes, 0, 8);
	put32(file + at + 16 + tag_bytes + 4, 8);
	return length;
}

static void mb1_header(size_t at, uint32_t flags)
{
	put32(file + at, MB1_HEADER_MAGIC);
	put32(file + at + 4, flags);
	put32(file + at + 8, -(MB1_HEADER_MAGIC + flags));
}

static void finding_headers(void)
{
	memset(file, 0, sizeof(file));
	CHECK(mb2_find(file, sizeof(file)) == -1);
	CHECK(mb1_find(file, sizeof(file)) == -1);

	mb2_header(4096, NULL, 0);
	CHECK_EQ(mb2_find(file, sizeof(file)), 4096);
	/* Not on an 8-byte boundary, past 32 KiB, or a bad checksum: not found. */
	memset(file, 0, sizeof(file));
	mb2_header(4100, NULL, 0);
	CHECK(mb2_find(file, sizeof(file)) == -1);
	memset(file, 0, sizeof(file));
	mb2_header(MB2_SEARCH_BYTES, NULL, 0);
	CHECK(mb2_find(file, sizeof(file)) == -1);
	memset(file, 0, sizeof(file));
	mb2_header(64, NULL, 0);
	file[64 + 12] ^= 1;
	CHECK(mb2_find(file, sizeof(file)) == -1);

	memset(file, 0, sizeof(file));
	mb1_header(8188 - 8, 0);
	CHECK_EQ(mb1_find(file, sizeof(file)), 8180);
	memset(file, 0, sizeof(file));
	mb1_header(8192, 0);
	CHECK(mb1_find(file, sizeof(file)) == -1);
	memset(file, 0, sizeof(file));
	mb1_header(6, 0);
	CHECK(mb1_find(file, sizeof(file)) == -1);
}

static void mb2_tags(void)
{
	unsigned char tags[256] = { 0 };
	struct mb2_request r;
	uint32_t detail, n = 0;

	/* info request: cmdline (required), then type 100 optional. */
	put32(tags + n, MB2_HT_INFO_REQUEST | 0 << 16);
	put32(tags + n + 4, 12);
	put32(tags + n + 8, MB2_TAG_CMDLINE);
	n += 16;
	put32(tags + n, MB2_HT_INFO_REQUEST | MB2_HT_OPTIONAL << 16);
	put32(tags + n + 4, 12);
	put32(tags + n + 8, 100);
	n += 16;
	put32(tags + n, MB2_HT_RELOCATABLE);
	put32(tags + n + 4, 24);
	put32(tags + n + 8, 0x200000);
	put32(tags + n + 12, 0x10000000);
	put32(tags + n + 16, 0x200000);
	put32(tags + n + 20, MB2_RELOC_LOWEST);
	n += 24;
	put32(tags + n, 0x1234 | MB2_HT_OPTIONAL << 16); /* an unknown optional tag */
	put32(tags + n + 4, 8);
	n += 8;
	memset(file, 0, sizeof(file));
	uint32_t len = mb2_header(0, tags, n);
	CHECK(mb2_parse(file, len, &r, &detail) == NULL);
	CHECK_EQ(r.info_required_count, 1);
	CHECK_EQ(mb2_unsupported_request(&r, 0), 0);
	CHECK(r.has_relocatable && r.reloc_align == 0x200000 && r.reloc_max == 0x10000000);

	/* A required information type longboot lacks is named. */
	put32(tags + 8, MB2_TAG_APM);
	memset(file, 0, sizeof(file));
	len = mb2_header(0, tags, n);
	CHECK(mb2_parse(file, len, &r, &detail) == NULL);
	CHECK_EQ(mb2_unsupported_request(&r, 0), MB2_TAG_APM);

	/* The EFI memory map is there under UEFI only. */
	put32(tags + 8, MB2_TAG_EFI_MMAP);
	memset(file, 0, sizeof(file));
	len = mb2_header(0, tags, n);
	CHECK(mb2_parse(file, len, &r, &detail) == NULL);
	CHECK_EQ(mb2_unsupported_request(&r, 0), MB2_TAG_EFI_MMAP);
	CHECK_EQ(mb2_unsupported_request(&r, 1), 0);

	/* An unknown required tag is refused, naming its type. */
	put32(tags + n - 8, 0x1234);
	memset(file, 0, sizeof(file));
	len = mb2_header(0, tags, n);
	CHECK(mb2_parse(file, len, &r, &detail) != NULL);
	CHECK_EQ(detail, 0x1234);

	/* A tag that runs past header_length; a header with no end tag. */
	memset(file, 0, sizeof(file));
	put32(tags, MB2_HT_ENTRY);
	put32(tags + 4, 4000);
	len = mb2_header(0, tags, 16);
	CHECK(mb2_parse(file, len, &r, &detail) != NULL);
	memset(file, 0, sizeof(file));
	len = mb2_header(0, NULL, 0);
	put32(file + 8, 16);
	put32(file + 12, -(MB2_HEADER_MAGIC + 16));
	CHECK(mb2_parse(file, 16, &r, &detail) != NULL);
}

static void mb1_flags(void)
{
	struct mb1_header h;
	uint32_t bit;

	memset(file, 0, sizeof(file));
	mb1_header(0, MB1_HF_PAGE_ALIGN | MB1_HF_MEMORY_INFO);
	CHECK(mb1_parse(file, 12, &h, &bit) == NULL);
	mb1_header(0, 1u << 5);
	CHECK(mb1_parse(file, 48, &h, &bit) != NULL);
	CHECK_EQ(bit, 5);
	/* Bits 16-31 are optional: unknown ones are ignored. */
	mb1_header(0, 1u << 20);
	CHECK(mb1_parse(file, 48, &h, &bit) == NULL);
	mb1_header(0, MB1_HF_ADDRESS);
	CHECK(mb1_parse(file, 12, &h, &bit) != NULL); /* the address fields are missing */
}

static void aout_ranges(void)
{
	struct mb_address a = { 1, 0x101000, 0x100000, 0x180000, 0x200000 };
	uint64_t off, bytes, end;

	CHECK(mb_address_range(&a, 0x1000, 0x90000, &off, &bytes, &end) == NULL);
	CHECK_EQ(off, 0);
	CHECK_EQ(bytes, 0x80000);
	CHECK_EQ(end, 0x200000);
	a.load_end_addr = 0; /* to the end of the file */
	a.bss_end_addr = 0;
	CHECK(mb_address_range(&a, 0x1000, 0x90000, &off, &bytes, &end) == NULL);
	CHECK_EQ(bytes, 0x90000);
	CHECK_EQ(end, 0x190000);
	a.load_end_addr = 0x300000; /* past the file */
	CHECK(mb_address_range(&a, 0x1000, 0x90000, &off, &bytes, &end) != NULL);
	a.load_end_addr = 0x180000;
	a.bss_end_addr = 0x170000; /* bss before the data's end */
	CHECK(mb_address_range(&a, 0x1000, 0x90000, &off, &bytes, &end) != NULL);
	a.bss_end_addr = 0;
	a.header_addr = 0x0FF000; /* header before the load address */
	CHECK(mb_address_range(&a, 0x1000, 0x90000, &off, &bytes, &end) != NULL);
}

static const struct longboot_memmap_entry map[] = {
	{ 0x0, 0x1000, LONGBOOT_MEM_RESERVED, 0 },
	{ 0x1000, 0x9E000, LONGBOOT_MEM_USABLE, 0 },
	{ 0x9F000, 0x61000, LONGBOOT_MEM_RESERVED, 0 },
	{ 0x100000, 0x1FE00000, LONGBOOT_MEM_USABLE, 0 },
	{ 0x1FF00000, 0x100000, LONGBOOT_MEM_ACPI_RECLAIMABLE, 0 },
};

static void describe(struct boot_desc *d, struct boot_module *mods)
{
	static const uint8_t rsdp[36] = "RSD PTR ";
	memset(d, 0, sizeof(*d));
	d->firmware_map = map;
	d->firmware_count = sizeof(map) / sizeof(map[0]);
	d->cmdline = "root=/dev/ram0 quiet";
	mods[0] = (struct boot_module){ 0x400000, 1000, "a.bin" };
	mods[1] = (struct boot_module){ 0x401000, 15, "dom0 console=hvc0" };
	d->modules = mods;
	d->module_count = 2;
	d->boot_drive = 0x80;
	d->rsdp = rsdp;
	d->rsdp_addr = 0xF5000;
	d->has_text_screen = 1;
	d->text = (struct boot_text_screen){ 0xB8000, 80, 25, 0, 3 };
}

static void memory_sizes(void)
{
	struct boot_desc d;
	struct boot_module mods[2];

	describe(&d, mods);
	CHECK_EQ(boot_mem_lower_kib(&d), 636);
	CHECK_EQ(boot_mem_upper_kib(&d), (0x1FF00000 - 0x100000) / 1024);
}

/* Walks the tags of an MB2 information block; returns the tag of type t or NULL. */
static const unsigned char *mb2_find_tag(const unsigned char *info, uint32_t t)
{
	uint32_t total = get32(info);
	for (uint32_t at = 8; at + 8 <= total;) {
		uint32_t type = get32(info + at), size = get32(info + at + 4);
		if (type == t)
			return info + at;
		if (type == MB2_TAG_END || size < 8)
			return NULL;
		at += (size + 7) & ~7u;
	}
	return NULL;
}

static void mb2_information(void)
{
	struct boot_desc d;
	struct boot_module mods[2];
	struct info_writer w = { 0 };

	describe(&d, mods);
	size_t need = mb2_info_build(&d, &w);
	unsigned char *buf = calloc(1, need);
	w = (struct info_writer){ buf, 0x10000, need, 0 };
	CHECK_EQ(mb2_info_build(&d, &w), need);
	CHECK_EQ(get32(buf), need);
	CHECK_EQ(get32(buf + 4), 0);
	const unsigned char *t = mb2_find_tag(buf, MB2_TAG_CMDLINE);
	CHECK(t && strcmp((const char *)t + 8, d.cmdline) == 0);
	t = mb2_find_tag(buf, MB2_TAG_LOADER_NAME);
	CHECK(t && strcmp((const char *)t + 8, "longboot") == 0);
	t = mb2_find_tag(buf, MB2_TAG_MODULE);
	CHECK(t && get32(t + 8) == 0x400000 && get32(t + 12) == 0x400000 + 1000 &&
	      strcmp((const char *)t + 16, "a.bin") == 0);
	t = mb2_find_tag(buf, MB2_TAG_MMAP);
	CHECK(t && get32(t + 8) == 24 && get32(t + 12) == 0 && get32(t + 4) == 16 + 5 * 24);
	t = mb2_find_tag(buf, MB2_TAG_BOOTDEV);
	CHECK(t && get32(t + 8) == 0x80 && get32(t + 12) == 0xFFFFFFFF);
	t = mb2_find_tag(buf, MB2_TAG_FRAMEBUFFER);
	CHECK(t && get32(t + 8) == 0xB8000 && t[8 + 8 + 12 + 1] == MB2_FB_TYPE_EGA_TEXT);
	CHECK(mb2_find_tag(buf, MB2_TAG_ACPI_OLD) != NULL);
	CHECK(mb2_find_tag(buf, MB2_TAG_ACPI_NEW) == NULL); /* revision 0 */
	CHECK(mb2_find_tag(buf, MB2_TAG_END) != NULL);
	CHECK(mb2_find_tag(buf, MB2_TAG_EFI64) == NULL); /* BIOS */
	free(buf);
}

/* Under UEFI: the EFI system table, memory map and image handle tags, and no boot device. */
static void mb2_information_uefi(void)
{
	static unsigned char efi_map[3 * 48];
	struct boot_desc d;
	struct boot_module mods[2];
	struct info_writer w = { 0 };

	for (size_t i = 0; i < sizeof(efi_map); i++)
		efi_map[i] = (unsigned char)i;
	describe(&d, mods);
	d.firmware = LONGBOOT_FIRMWARE_UEFI;
	d.boot_drive = 0;
	d.efi = (struct boot_efi){ 0x1F000018, 0x1E123458, (uintptr_t)efi_map, sizeof(efi_map), 48, 1 };
	size_t need = mb2_info_build(&d, &w);
	unsigned char *buf = calloc(1, need);
	w = (struct info_writer){ buf, 0x10000, need, 0 };
	CHECK_EQ(mb2_info_build(&d, &w), need);
	const unsigned char *t = mb2_find_tag(buf, MB2_TAG_EFI64);
	CHECK(t && get32(t + 4) == 16 && get32(t + 8) == 0x1F000018 && get32(t + 12) == 0);
	t = mb2_find_tag(buf, MB2_TAG_EFI64_IH);
	CHECK(t && get32(t + 4) == 16 && get32(t + 8) == 0x1E123458);
	t = mb2_find_tag(buf, MB2_TAG_EFI_MMAP);
	CHECK(t && get32(t + 4) == 16 + sizeof(efi_map) && get32(t + 8) == 48 && get32(t + 12) == 1 &&
	      memcmp(t + 16, efi_map, sizeof(efi_map)) == 0);
	CHECK(mb2_find_tag(buf, MB2_TAG_BOOTDEV) == NULL);
	CHECK(mb2_find_tag(buf, MB2_TAG_END) != NULL);
	free(buf);
}

static void mb1_information(void)
{
	struct boot_desc d;
	struct boot_module mods[2];
	struct info_writer w = { 0 };

	describe(&d, mods);
	mb1_info_build(&d, MB1_HF_VIDEO_MODE, &w);
	size_t need = w.used;
	unsigned char *buf = calloc(1, need);
	w = (struct info_writer){ buf, 0x10000, need, 0 };
	uint64_t at = mb1_info_build(&d, MB1_HF_VIDEO_MODE, &w);
	CHECK_EQ(w.used, need);
	struct mb1_info info;
	memcpy(&info, buf + (at - 0x10000), sizeof(info));
	CHECK(info.flags & MB1_INFO_MEM_MAP);
	CHECK(info.flags & MB1_INFO_FRAMEBUFFER);
	CHECK_EQ(info.boot_device, 0x80FFFFFF);
	CHECK_EQ(info.mods_count, 2);
	CHECK_EQ(info.mmap_length, 5 * 24);
	CHECK_EQ(get32(buf + (info.mmap_addr - 0x10000)), 20);
	CHECK(strcmp((const char *)buf + (info.cmdline - 0x10000), d.cmdline) == 0);
	struct mb1_module m;
	memcpy(&m, buf + (info.mods_addr - 0x10000) + sizeof(m), sizeof(m));
	CHECK(m.mod_start == 0x401000 && m.mod_end == 0x40100F &&
	      strcmp((const char *)buf + (m.string - 0x10000), "dom0 console=hvc0") == 0);
	free(buf);
}

int main(void)
{
	unit_suite("multiboot");
	RUN(finding_headers, "headers found only where the specs put them");
	RUN(mb2_tags, "Multiboot 2 header tags: requests, relocation, unknown tags");
	RUN(mb1_flags, "Multiboot 1 header flags");
	RUN(aout_ranges, "address-tag (a.out kludge) load ranges");
	RUN(memory_sizes, "mem_lower and mem_upper from the map");
	RUN(mb2_information, "Multiboot 2 information tags");
	RUN(mb2_information_uefi, "Multiboot 2 information tags under UEFI");
	RUN(mb1_information, "Multiboot 1 multiboot_info and what it points to");
	return unit_done();
}
