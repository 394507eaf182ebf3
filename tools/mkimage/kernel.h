/*
 * The kernel: its format found (detect.c), checked as the loader checks
 * it, and stored as its protocol needs (docs/image-format.md, "The
 * kernel"): a packed ELF (elf_kernel.c, with multiboot.c for Multiboot
 * kernels) or a bzImage's setup and protected-mode kernel (linux.c).
 */
#ifndef MKIMAGE_KERNEL_H
#define MKIMAGE_KERNEL_H

#include <stdint.h>

#include "elf.h"
#include "elf64.h"
#include "image.h"
#include "input.h"
#include "linux_header.h"

struct output;

#define MAX_PHNUM  ((LB_KERNEL_HEAD_MAX - sizeof(Elf32_Ehdr)) / sizeof(Elf32_Phdr))
#define DETECT_BYTES 32768 /* the most of the file any format is recognised by */

struct kernel {
	struct input in;
	uint32_t protocol;                 /* enum lb_protocol */
	const char *format;                /* what detect.c found, in words */

	/* ELF kernels (longboot, Multiboot): the head as stored. */
	unsigned char head[LB_KERNEL_HEAD_MAX];
	uint32_t head_bytes;               /* ELF header and program headers */
	int is64;                          /* ELFCLASS64 */
	uint16_t phnum;
	uint64_t src_offset[MAX_PHNUM];    /* each p_offset in the input file */

	/* Multiboot: the header as in the file, and the section table (kernel_extra). */
	unsigned char mb_header[LB_MB_HEADER_MAX];
	uint32_t mb_header_bytes;
	unsigned char *sections;
	uint64_t sections_bytes;

	/* Linux: the setup header; kernel_extra is the file's first setup_bytes. */
	struct linux_header linux;

	uint64_t lba, bytes;               /* the stored kernel in the image */
	uint64_t extra_lba, extra_bytes;   /* kernel_extra */
};

/* detect.c: reads and checks the kernel as the format it has or protocol names (0: detect). */
void read_kernel(struct kernel *k, const char *path, uint32_t protocol);
/* The protocol named by a --protocol word, or 0. */
uint32_t protocol_by_name(const char *name);

/* elf_kernel.c */
void read_elf_kernel(struct kernel *k, enum elf_rules rules);
uint16_t elf_head_phnum(const struct kernel *k);
void elf_phdr_get(const struct kernel *k, unsigned i, Elf64_Phdr *ph);
void elf_phdr_set(struct kernel *k, unsigned i, const Elf64_Phdr *ph);
enum elf_rules kernel_rules(const struct kernel *k);

/* multiboot.c */
void read_multiboot_kernel(struct kernel *k, long header_offset, const unsigned char *first,
			   size_t first_bytes);

/* linux.c */
void read_linux_kernel(struct kernel *k, const unsigned char *first, size_t first_bytes);

/* kernel.c: the stored layout, its check, and the writing. */
uint64_t pack_kernel(struct kernel *k);
void recheck_packed_kernel(const struct kernel *k);
void write_kernel(struct kernel *k, struct output *o, struct lb_image_header *h);

#endif
