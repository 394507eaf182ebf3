/*
 * libFuzzer target for what mkimage reads from a kernel file of another
 * format: the Multiboot 1 and 2 headers (found, parsed, their address
 * fields turned into a load range), a Linux setup header, and an ELF file
 * under Multiboot's rules. Input: the file's first bytes, also taken as the
 * whole file. Whatever is accepted is checked against the specifications'
 * rules independently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "elf.h"
#include "linux_header.h"
#include "multiboot_header.h"

#define REQUIRE(cond) do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz_kernel: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static void check_range(const struct mb_address *a, uint64_t hdr_offset, uint64_t size)
{
	uint64_t file_offset, bytes, mem_end;

	if (mb_address_range(a, hdr_offset, size, &file_offset, &bytes, &mem_end))
		return;
	REQUIRE(file_offset <= hdr_offset && file_offset + bytes <= size);
	REQUIRE(file_offset + (a->header_addr - a->load_addr) == hdr_offset);
	REQUIRE(mem_end >= (uint64_t)a->load_addr + bytes);
	REQUIRE(a->load_addr >= 0x100000);
}

static void multiboot2(const uint8_t *data, size_t size)
{
	long at = mb2_find(data, size);
	struct mb2_request r;
	uint32_t detail, length;

	if (at < 0)
		return;
	REQUIRE(at % MB2_HEADER_ALIGN == 0 && at < MB2_SEARCH_BYTES);
	memcpy(&length, data + at + 8, 4);
	REQUIRE(length <= size - (size_t)at);
	if (mb2_parse(data + at, size - (size_t)at, &r, &detail))
		return;
	REQUIRE(r.info_required_count <= sizeof(r.info_required) / sizeof(r.info_required[0]));
	REQUIRE(!r.has_relocatable || (r.reloc_align & (r.reloc_align - 1)) == 0);
	(void)mb2_unsupported_request(&r, 0);
	(void)mb2_unsupported_request(&r, 1);
	if (r.address.present)
		check_range(&r.address, (uint64_t)at, size);
}

static void multiboot1(const uint8_t *data, size_t size)
{
	long at = mb1_find(data, size);
	struct mb1_header h;
	uint32_t bit;

	if (at < 0)
		return;
	REQUIRE(at % MB1_HEADER_ALIGN == 0 && at < MB1_SEARCH_BYTES);
	if (mb1_parse(data + at, size - (size_t)at, &h, &bit))
		return;
	REQUIRE(h.magic + h.flags + h.checksum == 0);
	REQUIRE((h.flags & MB1_HF_REQUIRED_MASK & ~MB1_HF_KNOWN) == 0);
	REQUIRE(mb1_header_bytes(h.flags) <= size - (size_t)at);
	if (h.flags & MB1_HF_ADDRESS) {
		struct mb_address a = { 1, h.header_addr, h.load_addr, h.load_end_addr, h.bss_end_addr };
		check_range(&a, (uint64_t)at, size);
	}
}

static void linux_kernel(const uint8_t *data, size_t size)
{
	struct linux_header h;

	if (linux_parse(data, size, size, &h))
		return;
	REQUIRE(h.version >= LINUX_MIN_VERSION);
	REQUIRE(h.setup_bytes < size && h.header_end <= h.setup_bytes);
	REQUIRE(h.kernel_alignment && (h.kernel_alignment & (h.kernel_alignment - 1)) == 0);
	REQUIRE(h.loadflags & LOADFLAGS_LOADED_HIGH);
}

static void elf_multiboot(const uint8_t *data, size_t size)
{
	struct elf_kernel k;
	int bad;

	if (elf_parse_rules(data, size, size, ELF_RULES_MULTIBOOT, &k, &bad) != ELF_OK)
		return;
	int entry_found = 0;
	for (uint32_t i = 0; i < k.count; i++) {
		const struct elf_segment *s = &k.seg[i];
		REQUIRE(s->filesz <= s->memsz && s->memsz > 0);
		REQUIRE(s->offset + s->filesz <= size);
		REQUIRE(s->paddr >= 0x100000 && s->paddr + s->memsz <= 0x100000000ULL);
		entry_found |= k.entry >= s->paddr && k.entry - s->paddr < s->memsz;
		for (uint32_t j = 0; j < i; j++)
			REQUIRE(s->paddr >= k.seg[j].paddr + k.seg[j].memsz ||
				k.seg[j].paddr >= s->paddr + s->memsz);
	}
	REQUIRE(entry_found);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	multiboot2(data, size);
	multiboot1(data, size);
	linux_kernel(data, size);
	elf_multiboot(data, size);
	return 0;
}
