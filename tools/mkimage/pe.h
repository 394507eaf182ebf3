/*
 * The EFI application stored as \EFI\BOOT\BOOTX64.EFI: a PE32+ image for
 * x86-64 whose subsystem is EFI_APPLICATION (UEFI 2.x, section 2.1.1
 * "UEFI Images"; the Microsoft PE/COFF specification for the headers).
 */
#ifndef MKIMAGE_PE_H
#define MKIMAGE_PE_H

#include <stddef.h>
#include <stdint.h>

#define PE_DOS_MAGIC          "MZ"
#define PE_DOS_LFANEW         0x3C   /* 4 bytes: where "PE\0\0" is */
#define PE_DOS_HEADER_BYTES   0x40
#define PE_SIGNATURE          "PE\0\0"
#define PE_SIGNATURE_BYTES    4
#define PE_COFF_MACHINE       0      /* from the COFF header, after the signature */
#define PE_COFF_OPT_SIZE      16     /* SizeOfOptionalHeader */
#define PE_COFF_BYTES         20
#define PE_OPT_MAGIC          0      /* from the optional header */
#define PE_OPT_SUBSYSTEM      68     /* in a PE32+ optional header */
#define PE_OPT_SUBSYSTEM_END  (PE_OPT_SUBSYSTEM + 2)

#define PE_MACHINE_X86_64     0x8664
#define PE_MAGIC_PE32         0x10B
#define PE_MAGIC_PE32_PLUS    0x20B
#define PE_SUBSYSTEM_EFI_APPLICATION 10

/*
 * Where the headers come from: size bytes that read() fetches n of at an
 * offset, returning 0 when it could not (it may also not return).
 */
struct pe_file {
	uint64_t size;
	int (*read)(void *ctx, uint64_t offset, void *buf, size_t n);
	void *ctx;
};

/*
 * NULL when the file is a PE32+ x86-64 EFI application, else what it is
 * instead, in words that follow the file's name ("is not ...").
 */
const char *pe_efi_app_problem(const struct pe_file *f, char *why, size_t why_size);

#endif
