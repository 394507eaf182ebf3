/*
 * Writes EFI application files for mkimage's --efi, good and bad, into a
 * directory. The good one is a minimal PE32+ x86-64 EFI application
 * (Microsoft PE/COFF specification; UEFI 2.x, section 2.1.1) whose entry
 * returns EFI_SUCCESS, its .text padded with a byte pattern to the size
 * asked for, so that a cluster chain out of order shows in a comparison.
 * Written from the specifications, sharing nothing with mkimage.
 *
 *   fakeefi DIR
 *
 *   good.efi           PE32+, x86-64, EFI application, 5000 bytes
 *   fat16.efi          the same at 3 MiB: the ESP needs FAT16
 *   not-mz.efi         no "MZ"
 *   pe32.efi           optional header magic 0x10B
 *   wrong-machine.efi  Machine 0x14C (i386)
 *   driver.efi         Subsystem 11 (EFI boot service driver)
 *   bad-lfanew.efi     e_lfanew past the end of the file
 *   truncated.efi      cut inside the optional header
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BYTES      (3u << 20)
#define PE_AT          0x40     /* e_lfanew */
#define COFF_AT        (PE_AT + 4)
#define OPT_AT         (COFF_AT + 20)
#define OPT_BYTES      240      /* PE32+: 112 + 16 data directories */
#define SECTIONS_AT    (OPT_AT + OPT_BYTES)
#define HEADERS_BYTES  0x200    /* FileAlignment */
#define TEXT_RVA       0x1000   /* SectionAlignment */

#define FAKE_FILE_BYTES MAX_BYTES
#include "fakefile.h"

/* A PE32+ EFI application of `bytes` bytes: headers, then one .text section. */
static void efi_app(uint32_t bytes)
{
	uint32_t text_bytes = bytes - HEADERS_BYTES;
	uint32_t image_bytes = TEXT_RVA + ((text_bytes + 0xFFF) & ~0xFFFu);

	memset(buf, 0, sizeof(buf));
	memcpy(buf, "MZ", 2);
	put(0x3C, PE_AT, 4);                    /* e_lfanew */
	memcpy(buf + PE_AT, "PE\0\0", 4);
	put(COFF_AT + 0, 0x8664, 2);            /* Machine: x86-64 */
	put(COFF_AT + 2, 1, 2);                 /* NumberOfSections */
	put(COFF_AT + 16, OPT_BYTES, 2);        /* SizeOfOptionalHeader */
	put(COFF_AT + 18, 0x0022, 2);           /* EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE */
	put(OPT_AT + 0, 0x20B, 2);              /* Magic: PE32+ */
	put(OPT_AT + 4, text_bytes, 4);         /* SizeOfCode */
	put(OPT_AT + 16, TEXT_RVA, 4);          /* AddressOfEntryPoint */
	put(OPT_AT + 20, TEXT_RVA, 4);          /* BaseOfCode */
	put(OPT_AT + 24, 0x400000, 8);          /* ImageBase */
	put(OPT_AT + 32, TEXT_RVA, 4);          /* SectionAlignment */
	put(OPT_AT + 36, HEADERS_BYTES, 4);     /* FileAlignment */
	put(OPT_AT + 56, image_bytes, 4);       /* SizeOfImage */
	put(OPT_AT + 60, HEADERS_BYTES, 4);     /* SizeOfHeaders */
	put(OPT_AT + 68, 10, 2);                /* Subsystem: EFI_APPLICATION */
	put(OPT_AT + 108, 16, 4);               /* NumberOfRvaAndSizes */
	memcpy(buf + SECTIONS_AT, ".text", 5);
	put(SECTIONS_AT + 8, text_bytes, 4);    /* VirtualSize */
	put(SECTIONS_AT + 12, TEXT_RVA, 4);     /* VirtualAddress */
	put(SECTIONS_AT + 16, text_bytes, 4);   /* SizeOfRawData */
	put(SECTIONS_AT + 20, HEADERS_BYTES, 4);/* PointerToRawData */
	put(SECTIONS_AT + 36, 0x60000020, 4);   /* CODE | EXECUTE | READ */
	/* xor eax, eax; ret: EFI_SUCCESS. Then a pattern no two clusters share. */
	memcpy(buf + HEADERS_BYTES, "\x31\xC0\xC3", 3);
	for (uint32_t i = HEADERS_BYTES + 3; i < bytes; i++)
		buf[i] = (unsigned char)(i * 2654435761u >> 24);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fakeefi DIR\n");
		return 2;
	}
	dir = argv[1];

	efi_app(5000);
	save("good.efi", 5000);

	efi_app(MAX_BYTES);
	save("fat16.efi", MAX_BYTES);

	efi_app(5000);
	memcpy(buf, "ZM", 2);
	save("not-mz.efi", 5000);

	efi_app(5000);
	put(OPT_AT + 0, 0x10B, 2);
	save("pe32.efi", 5000);

	efi_app(5000);
	put(COFF_AT + 0, 0x14C, 2);
	save("wrong-machine.efi", 5000);

	efi_app(5000);
	put(OPT_AT + 68, 11, 2);
	save("driver.efi", 5000);

	efi_app(5000);
	put(0x3C, 6000, 4);
	save("bad-lfanew.efi", 5000);

	efi_app(5000);
	save("truncated.efi", OPT_AT + 40);
	return 0;
}
