/* Valid kernel ELF heads and images, built in memory, for the unit tests and fuzz seeds. */
#ifndef FIXTURES_H
#define FIXTURES_H

#include <stddef.h>
#include <stdint.h>
#include "elf64.h"
#include "image_check.h"

#define FX_MAX_PHDRS    40
#define PT_GNU_STACK    0x6474E551

struct elf_fixture {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[FX_MAX_PHDRS];
	uint64_t file_bytes;
};

/* Three PT_LOADs at 0xFFFFFFFF80100000 (text, rodata, data+bss) and a PT_GNU_STACK. */
void fx_elf_higher_half(struct elf_fixture *f);
/* Two PT_LOADs with p_vaddr == p_paddr at 2 MiB. */
void fx_elf_identity(struct elf_fixture *f);
/* Writes the ELF header and program headers into buf; returns the head's size. */
size_t fx_elf_write(const struct elf_fixture *f, unsigned char *buf, size_t cap);

struct image_fixture {
	struct lb_image_header h;
	unsigned char params[LB_PARAMS_MAX];
};

#define FX_CMDLINE     "console=ttyS0 qemu-exit"
#define FX_MODULE_NAME "initrd.cpio"

/* A sound header and params block: one module, a command line. */
void fx_image(struct image_fixture *f);
/* Recomputes header_sum after a change. */
void fx_image_seal(struct lb_image_header *h);

#endif
