/*
 * The kernel: an ELF64 file checked as the loader checks it, stored packed
 * (docs/image-format.md, "The packed kernel").
 */
#ifndef MKIMAGE_KERNEL_H
#define MKIMAGE_KERNEL_H

#include <stdint.h>

#include "elf64.h"
#include "image.h"
#include "input.h"

struct output;

#define EHDR_BYTES sizeof(Elf64_Ehdr)
#define PHDR_BYTES sizeof(Elf64_Phdr)
#define MAX_PHNUM  ((LB_KERNEL_HEAD_MAX - EHDR_BYTES) / PHDR_BYTES)

/* The ELF header and the program header table right after it, as stored. */
union kernel_head {
	struct {
		Elf64_Ehdr ehdr;
		Elf64_Phdr phdr[MAX_PHNUM];
	};
	unsigned char bytes[LB_KERNEL_HEAD_MAX];
};

_Static_assert(__builtin_offsetof(union kernel_head, phdr) == EHDR_BYTES,
	       "the program headers follow the ELF header");

struct kernel {
	struct input in;
	union kernel_head head;
	uint32_t head_bytes;             /* ELF header and program headers */
	uint16_t phnum;
	uint64_t src_offset[MAX_PHNUM];  /* each p_offset in the input file */
	uint64_t lba, bytes;             /* the packed kernel in the image */
};

/*
 * Reads the ELF header and program headers into k->head and checks them as
 * the loader will, against the file's real size.
 */
void read_kernel(struct kernel *k, const char *path);
/* Rewrites the program headers for the packed layout; returns its size. */
uint64_t pack_kernel(struct kernel *k);
/* Checks the packed head as the loader will see it. */
void recheck_packed_kernel(const struct kernel *k);
/* Writes the packed kernel at k->lba and fills in the header's kernel fields. */
void write_kernel(struct kernel *k, struct output *o, struct lb_image_header *h);

#endif
