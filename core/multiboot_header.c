/* Multiboot 1 and 2 headers (multiboot_header.h). Pure logic. */
#include "multiboot_header.h"

#define MB2_SUPPORTED_INFO ((1u << MB2_TAG_CMDLINE) | (1u << MB2_TAG_LOADER_NAME) | \
	(1u << MB2_TAG_MODULE) | (1u << MB2_TAG_BASIC_MEMINFO) | (1u << MB2_TAG_BOOTDEV) | \
	(1u << MB2_TAG_MMAP) | (1u << MB2_TAG_FRAMEBUFFER) | (1u << MB2_TAG_ELF_SECTIONS) | \
	(1u << MB2_TAG_ACPI_OLD) | (1u << MB2_TAG_ACPI_NEW) | (1u << MB2_TAG_LOAD_BASE_ADDR))
#define MB2_SUPPORTED_INFO_EFI ((1u << MB2_TAG_EFI64) | (1u << MB2_TAG_EFI_MMAP) | (1u << MB2_TAG_EFI64_IH))

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

long mb2_find(const void *file, size_t bytes)
{
	const unsigned char *f = file;
	size_t end = bytes < MB2_SEARCH_BYTES ? bytes : MB2_SEARCH_BYTES;

	for (size_t at = 0; at + sizeof(struct mb2_header) <= end; at += MB2_HEADER_ALIGN) {
		if (get32(f + at) != MB2_HEADER_MAGIC)
			continue;
		uint32_t arch = get32(f + at + 4), length = get32(f + at + 8);
		if (get32(f + at) + arch + length + get32(f + at + 12) == 0 && arch == MB2_ARCH_I386 &&
		    length >= sizeof(struct mb2_header) && length <= bytes - at)
			return (long)at;
	}
	return -1;
}

long mb1_find(const void *file, size_t bytes)
{
	const unsigned char *f = file;
	size_t end = bytes < MB1_SEARCH_BYTES ? bytes : MB1_SEARCH_BYTES;

	for (size_t at = 0; at + MB1_HEADER_MIN_BYTES <= end; at += MB1_HEADER_ALIGN)
		if (get32(f + at) == MB1_HEADER_MAGIC &&
		    get32(f + at) + get32(f + at + 4) + get32(f + at + 8) == 0)
			return (long)at;
	return -1;
}

size_t mb1_header_bytes(uint32_t flags)
{
	if (flags & MB1_HF_VIDEO_MODE)
		return sizeof(struct mb1_header);
	if (flags & MB1_HF_ADDRESS)
		return __builtin_offsetof(struct mb1_header, mode_type);
	return MB1_HEADER_MIN_BYTES;
}

const char *mb1_parse(const void *hdr, size_t bytes, struct mb1_header *h, uint32_t *bit)
{
	const unsigned char *p = hdr;
	uint32_t words[sizeof(*h) / 4] = { 0 };

	*bit = 0;
	if (bytes < MB1_HEADER_MIN_BYTES)
		return "Multiboot header cut short";
	uint32_t flags = get32(p + 4);
	if (bytes < mb1_header_bytes(flags))
		return "Multiboot header cut short: its flags need fields past the end of the file";
	for (size_t i = 0; i < mb1_header_bytes(flags) / 4; i++)
		words[i] = get32(p + 4 * i);
	__builtin_memcpy(h, words, sizeof(*h));
	if (h->magic != MB1_HEADER_MAGIC || h->magic + h->flags + h->checksum != 0)
		return "Multiboot header checksum is wrong";
	uint32_t unknown = flags & MB1_HF_REQUIRED_MASK & ~MB1_HF_KNOWN;
	if (unknown) {
		while (!(unknown & (1u << *bit)))
			(*bit)++;
		return "Multiboot header asks for a feature longboot does not support (required flag bit)";
	}
	return NULL;
}

const char *mb_address_range(const struct mb_address *a, uint64_t hdr_offset, uint64_t file_bytes,
			     uint64_t *file_offset, uint64_t *file_bytes_loaded, uint64_t *mem_end)
{
	if (a->header_addr < a->load_addr)
		return "header_addr is below load_addr";
	uint64_t before = a->header_addr - a->load_addr;
	if (before > hdr_offset)
		return "load_addr lies before the start of the file";
	*file_offset = hdr_offset - before;
	uint64_t end = a->load_end_addr ? a->load_end_addr : a->load_addr + (file_bytes - *file_offset);
	if (end < a->load_addr)
		return "load_end_addr is below load_addr";
	if (end - a->load_addr > file_bytes - *file_offset)
		return "load_end_addr lies past the end of the file";
	if (end - a->load_addr < before + MB1_HEADER_MIN_BYTES)
		return "the loaded range does not hold the Multiboot header";
	*file_bytes_loaded = end - a->load_addr;
	if (a->bss_end_addr && a->bss_end_addr < end)
		return "bss_end_addr is below load_end_addr";
	*mem_end = a->bss_end_addr ? a->bss_end_addr : end;
	if (a->load_addr < 0x100000)
		return "load_addr is below 1 MiB";
	return NULL;
}

static const char *tag_too_small(uint32_t *detail, uint16_t type)
{
	*detail = type;
	return "Multiboot 2 header tag is smaller than its type needs";
}

const char *mb2_parse(const void *hdr, size_t bytes, struct mb2_request *r, uint32_t *detail)
{
	const unsigned char *p = hdr;

	__builtin_memset(r, 0, sizeof(*r));
	*detail = 0;
	if (bytes < sizeof(struct mb2_header))
		return "Multiboot 2 header cut short";
	uint32_t length = get32(p + 8);
	if (get32(p) != MB2_HEADER_MAGIC || get32(p) + get32(p + 4) + length + get32(p + 12) != 0)
		return "Multiboot 2 header checksum is wrong";
	if (get32(p + 4) != MB2_ARCH_I386)
		return "Multiboot 2 header is not for i386 (architecture 0)";
	if (length > bytes || length < sizeof(struct mb2_header))
		return "Multiboot 2 header_length runs past the end of the file";

	size_t at = sizeof(struct mb2_header);
	for (;;) {
		if (at + sizeof(struct mb2_header_tag) > length)
			return "Multiboot 2 header has no end tag";
		uint16_t type = get16(p + at), flags = get16(p + at + 2);
		uint32_t size = get32(p + at + 4);
		const unsigned char *t = p + at + sizeof(struct mb2_header_tag);
		int optional = flags & MB2_HT_OPTIONAL;

		if (size < sizeof(struct mb2_header_tag) || size > length - at) {
			*detail = type;
			return "Multiboot 2 header tag size runs past header_length";
		}
		switch (type) {
		case MB2_HT_END:
			return NULL;
		case MB2_HT_INFO_REQUEST:
			for (uint32_t i = 0; i + 4 <= size - sizeof(struct mb2_header_tag); i += 4) {
				uint32_t want = get32(t + i);
				if (optional || r->info_required_count == 32)
					continue;
				r->info_required[r->info_required_count++] = want;
			}
			break;
		case MB2_HT_ADDRESS:
			if (size < sizeof(struct mb2_header_address))
				return tag_too_small(detail, type);
			r->address.present = 1;
			r->address.header_addr = get32(t);
			r->address.load_addr = get32(t + 4);
			r->address.load_end_addr = get32(t + 8);
			r->address.bss_end_addr = get32(t + 12);
			break;
		case MB2_HT_ENTRY:
			if (size < sizeof(struct mb2_header_entry))
				return tag_too_small(detail, type);
			r->has_entry = 1;
			r->entry_addr = get32(t);
			break;
		case MB2_HT_CONSOLE_FLAGS:
			if (size < sizeof(struct mb2_header_console))
				return tag_too_small(detail, type);
			r->console_flags = get32(t);
			break;
		case MB2_HT_FRAMEBUFFER:
			if (size < sizeof(struct mb2_header_framebuffer))
				return tag_too_small(detail, type);
			r->has_framebuffer = 1;
			r->fb_required = !optional;
			r->fb_width = get32(t);
			r->fb_height = get32(t + 4);
			r->fb_depth = get32(t + 8);
			break;
		case MB2_HT_MODULE_ALIGN:
			r->module_align = 1;
			break;
		case MB2_HT_RELOCATABLE:
			if (size < sizeof(struct mb2_header_relocatable))
				return tag_too_small(detail, type);
			r->has_relocatable = 1;
			r->reloc_min = get32(t);
			r->reloc_max = get32(t + 4);
			r->reloc_align = get32(t + 8);
			r->reloc_preference = get32(t + 12);
			if (r->reloc_align & (r->reloc_align - 1)) {
				*detail = type;
				return "Multiboot 2 relocatable tag's align is not a power of two";
			}
			break;
		case MB2_HT_EFI_BS:
		case MB2_HT_ENTRY_EFI32:
		case MB2_HT_ENTRY_EFI64:
			if (!optional)
				r->efi_required |= 1u << type;
			break;
		default:
			if (!optional) {
				*detail = type;
				return "Multiboot 2 header has a required tag longboot does not know";
			}
			break;
		}
		at += (size + MB2_TAG_ALIGN - 1) & ~(uint32_t)(MB2_TAG_ALIGN - 1);
	}
}

uint32_t mb2_unsupported_request(const struct mb2_request *r, int uefi)
{
	uint32_t supported = MB2_SUPPORTED_INFO | (uefi ? MB2_SUPPORTED_INFO_EFI : 0);

	for (uint32_t i = 0; i < r->info_required_count; i++) {
		uint32_t t = r->info_required[i];
		if (t >= 32 || !(supported & (1u << t)))
			return t ? t : 0xFFFFFFFFu;
	}
	return 0;
}
