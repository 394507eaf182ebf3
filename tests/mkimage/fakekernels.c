/*
 * Writes small kernel files of the formats mkimage detects, good and bad,
 * into a directory: Multiboot 1 and 2 headers (in an ELF32 file or a flat
 * file loaded by the header's address fields) and a bzImage-shaped file
 * with a setup header. They are made to be refused or accepted by mkimage,
 * never booted. Written from the specifications, sharing nothing with
 * mkimage.
 *
 *   fakekernels DIR
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILE_BYTES   16384
#define LOAD_ADDR    0x100000u
#define MB1_MAGIC    0x1BADB002u
#define MB2_MAGIC    0xE85250D6u

#define FAKE_FILE_BYTES FILE_BYTES
#include "fakefile.h"

/* An ELF32 EM_386 executable: one PT_LOAD of the whole file at LOAD_ADDR, entry 0x1000 in. */
static void elf32(void)
{
	memset(buf, 0, sizeof(buf));
	memcpy(buf, "\177ELF\1\1\1", 7);
	put(16, 2, 2);                 /* e_type ET_EXEC */
	put(18, 3, 2);                 /* e_machine EM_386 */
	put(20, 1, 4);                 /* e_version */
	put(24, LOAD_ADDR + 0x1000, 4);/* e_entry */
	put(28, 52, 4);                /* e_phoff */
	put(40, 52, 2);                /* e_ehsize */
	put(42, 32, 2);                /* e_phentsize */
	put(44, 1, 2);                 /* e_phnum */
	put(52 + 0, 1, 4);             /* PT_LOAD */
	put(52 + 4, 0, 4);             /* p_offset */
	put(52 + 8, LOAD_ADDR, 4);     /* p_vaddr */
	put(52 + 12, LOAD_ADDR, 4);    /* p_paddr */
	put(52 + 16, FILE_BYTES, 4);   /* p_filesz */
	put(52 + 20, FILE_BYTES + 4096, 4); /* p_memsz */
	put(52 + 24, 7, 4);            /* RWX */
	put(52 + 28, 4096, 4);
}

static void mb1(uint32_t at, uint32_t flags, int good_sum)
{
	put(at, MB1_MAGIC, 4);
	put(at + 4, flags, 4);
	put(at + 8, (uint32_t)-(MB1_MAGIC + flags) + (good_sum ? 0 : 1), 4);
}

/* The a.out fields of a Multiboot 1 header at `at` of a flat file loaded at LOAD_ADDR. */
static void mb1_address(uint32_t at, uint32_t load_end, uint32_t bss_end)
{
	put(at + 12, LOAD_ADDR + at, 4);
	put(at + 16, LOAD_ADDR, 4);
	put(at + 20, load_end, 4);
	put(at + 24, bss_end, 4);
	put(at + 28, LOAD_ADDR + 0x1000, 4);
}

/* A Multiboot 2 header at `at` with tags (bytes of them) and an end tag. */
static void mb2(uint32_t at, const uint32_t *tags, uint32_t tag_bytes, int good_sum)
{
	uint32_t length = 16 + tag_bytes + 8;
	put(at, MB2_MAGIC, 4);
	put(at + 4, 0, 4);
	put(at + 8, length, 4);
	put(at + 12, (uint32_t)-(MB2_MAGIC + length) + (good_sum ? 0 : 1), 4);
	memcpy(buf + at + 16, tags, tag_bytes);
	put(at + 16 + tag_bytes, 0, 4);
	put(at + 16 + tag_bytes + 4, 8, 4);
}

#define TAG(type, flags, size) ((uint32_t)(type) | (uint32_t)(flags) << 16), (size)

/* A bzImage-shaped file: boot sector, 4 setup sectors, then pm_bytes of "kernel". */
static size_t bzimage(uint16_t version, uint32_t pm_bytes, uint32_t syssize_bytes)
{
	memset(buf, 0, sizeof(buf));
	put(0x1F1, 4, 1);                /* setup_sects */
	put(0x1F4, syssize_bytes / 16, 4);
	put(0x1FE, 0xAA55, 2);
	put(0x200, 0x66EB, 2);           /* jmp short: header to 0x268 */
	memcpy(buf + 0x202, "HdrS", 4);
	put(0x206, version, 2);
	put(0x211, 1, 1);                /* LOADED_HIGH */
	put(0x22C, 0x7FFFFFFF, 4);       /* initrd_addr_max */
	put(0x230, 0x200000, 4);
	put(0x234, 1, 1);                /* relocatable */
	put(0x236, 1, 2);                /* XLF_KERNEL_64 */
	put(0x238, 2047, 4);
	put(0x258, 0x1000000, 8);
	put(0x260, 0x800000, 4);
	memset(buf + 5 * 512, 0x90, pm_bytes);
	return 5 * 512 + pm_bytes;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fakekernels DIR\n");
		return 2;
	}
	dir = argv[1];

	elf32();
	mb1(0x1000, 3, 1);
	save("mb1.elf", FILE_BYTES);
	elf32();
	mb1(0x1000, 3, 0);
	save("mb1-bad-checksum.elf", FILE_BYTES);
	elf32();
	mb1(0x1000, 3 | 1u << 5, 1);
	save("mb1-unknown-flag.elf", FILE_BYTES);

	memset(buf, 0, sizeof(buf));
	mb1(0x40, 1u << 16, 1);
	mb1_address(0x40, 0, LOAD_ADDR + FILE_BYTES + 0x2000);
	save("mb1-aout.bin", FILE_BYTES);
	memset(buf, 0, sizeof(buf));
	mb1(0x40, 1u << 16, 1);
	mb1_address(0x40, LOAD_ADDR + FILE_BYTES + 4096, 0);    /* load_end past the file */
	save("mb1-aout-past-end.bin", FILE_BYTES);
	memset(buf, 0, sizeof(buf));
	mb1(0x40, 1u << 16, 1);
	mb1_address(0x40, LOAD_ADDR + 0x2000, LOAD_ADDR + 0x1000); /* bss ends before the data */
	save("mb1-aout-bss-before-end.bin", FILE_BYTES);

	uint32_t request[] = { TAG(1, 0, 16), 1, 6, TAG(4, 1, 12), 2, 0 };
	elf32();
	mb2(0x1000, request, sizeof(request), 1);
	save("mb2.elf", FILE_BYTES);
	elf32();
	mb2(0x1000, request, sizeof(request), 0);
	save("mb2-bad-checksum.elf", FILE_BYTES);
	elf32();
	uint32_t unknown[] = { TAG(0x123, 0, 8) };
	mb2(0x1000, unknown, 8, 1);
	save("mb2-unknown-tag.elf", FILE_BYTES);
	elf32();
	uint32_t apm[] = { TAG(1, 0, 12), 10, 0 };
	mb2(0x1000, apm, 16, 1);
	save("mb2-requires-apm.elf", FILE_BYTES);

	memset(buf, 0, sizeof(buf));
	uint32_t address[] = { TAG(2, 0, 24), LOAD_ADDR + 0x40, LOAD_ADDR, 0, LOAD_ADDR + FILE_BYTES + 0x2000,
			       TAG(3, 0, 12), LOAD_ADDR + 0x1000, 0 };
	mb2(0x40, address, sizeof(address), 1);
	save("mb2-aout.bin", FILE_BYTES);
	memset(buf, 0, sizeof(buf));
	mb2(0x40, address, 24, 1);
	save("mb2-aout-no-entry.bin", FILE_BYTES);

	/* Both headers: Multiboot 2 is chosen unless --protocol says otherwise. */
	elf32();
	mb2(0x1000, request, sizeof(request), 1);
	mb1(0x1800, 3, 1);
	save("mb-both.elf", FILE_BYTES);

	save("bzimage", bzimage(0x020F, 4096, 4096));
	save("bzimage-2.05", bzimage(0x0205, 4096, 4096));
	save("bzimage-truncated", bzimage(0x020F, 4096, 8192));
	return 0;
}
