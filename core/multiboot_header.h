/*
 * Finding and checking the Multiboot 1 and 2 headers in a kernel file,
 * and what a Multiboot 2 header's tags ask of the loader. Pure logic:
 * mkimage detects and refuses with it, the loader reads what mkimage
 * copied into the image with it.
 */
#ifndef LONGBOOT_MULTIBOOT_HEADER_H
#define LONGBOOT_MULTIBOOT_HEADER_H

#include <stddef.h>
#include <stdint.h>
#include "multiboot1.h"
#include "multiboot2.h"

/*
 * Offset of the first Multiboot 2 (or 1) header in the first bytes of a
 * file (magic on an 8- (4-) byte boundary, checksum right, for
 * Multiboot 2 the architecture i386 and a length that fits), or -1.
 */
long mb2_find(const void *file, size_t bytes);
long mb1_find(const void *file, size_t bytes);

/* The a.out-kludge address fields, from either version's header. */
struct mb_address {
	int present;
	uint32_t header_addr, load_addr, load_end_addr, bss_end_addr;
};

/* What a Multiboot 2 header asks for, tag by tag. */
struct mb2_request {
	struct mb_address address;
	int has_entry;
	uint32_t entry_addr;
	uint32_t console_flags;
	int has_framebuffer;
	uint32_t fb_width, fb_height, fb_depth;
	int fb_required;
	int module_align;
	int has_relocatable;
	uint32_t reloc_min, reloc_max, reloc_align, reloc_preference;
	uint32_t info_required[32];   /* required information request types */
	uint32_t info_required_count;
	uint32_t efi_required;        /* bit n: EFI header tag type n is there and not optional */
};

/*
 * Checks the header at hdr (bytes available) and fills *r. Returns NULL,
 * or a phrase saying what is wrong; *detail then holds the offending tag
 * type (or 0).
 */
const char *mb2_parse(const void *hdr, size_t bytes, struct mb2_request *r, uint32_t *detail);

/*
 * The first information type of r the loader cannot provide, or 0. The
 * EFI types (system table, memory map, image handle) only when uefi.
 */
uint32_t mb2_unsupported_request(const struct mb2_request *r, int uefi);

/*
 * Checks a Multiboot 1 header (flags, the fields they make valid) at hdr.
 * Returns NULL or a phrase; *bit is the offending flag bit.
 */
const char *mb1_parse(const void *hdr, size_t bytes, struct mb1_header *h, uint32_t *bit);

/* Bytes of the header as stored in the image: the fixed part and, for Multiboot 2, the tags. */
size_t mb1_header_bytes(uint32_t flags);

/*
 * The load range an a.out-kludge header describes, for a file of
 * file_bytes whose header lies at hdr_offset: the file bytes from
 * *file_offset (*file_bytes_loaded of them) go to load_addr, and the
 * image ends (bss included) at *mem_end. Returns NULL or a phrase.
 */
const char *mb_address_range(const struct mb_address *a, uint64_t hdr_offset, uint64_t file_bytes,
			     uint64_t *file_offset, uint64_t *file_bytes_loaded, uint64_t *mem_end);

#endif
