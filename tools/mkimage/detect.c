/*
 * Which kind of kernel a file is (docs/mkimage.md, "Kernel formats"): a
 * Linux bzImage by its setup header, else a Multiboot 2 header in the
 * first 32 KiB, else a Multiboot 1 header in the first 8 KiB, else a
 * longboot ELF. --protocol names the kind instead.
 */
#include <string.h>

#include "image_check.h"
#include "mkimage.h"
#include "multiboot_header.h"

uint32_t protocol_by_name(const char *name)
{
	for (uint32_t p = LB_PROTO_LONGBOOT; p <= LB_PROTO_LINUX16; p++)
		if (strcmp(name, lb_protocol_name(p)) == 0)
			return p;
	return 0;
}

/* The first offset holding magic on an `align` boundary below `limit`, or -1. */
static long find_magic(const unsigned char *f, size_t n, size_t limit, size_t align, uint32_t magic)
{
	for (size_t at = 0; at + 4 <= n && at < limit; at += align) {
		uint32_t v;
		memcpy(&v, f + at, 4);
		if (v == magic)
			return (long)at;
	}
	return -1;
}

void read_kernel(struct kernel *k, const char *path, uint32_t protocol)
{
	static unsigned char first[DETECT_BYTES];

	open_input(&k->in, path, "the kernel");
	size_t n = k->in.size < sizeof(first) ? (size_t)k->in.size : sizeof(first);
	read_at(&k->in, 0, first, n);
	long mb2 = mb2_find(first, n), mb1 = mb1_find(first, n);

	if (!protocol) {
		if (linux_is_bzimage(first, n))
			protocol = LB_PROTO_LINUX;
		else if (mb2 >= 0)
			protocol = LB_PROTO_MULTIBOOT2;
		else if (mb1 >= 0)
			protocol = LB_PROTO_MULTIBOOT1;
		else if ((mb2 = find_magic(first, n, MB2_SEARCH_BYTES, MB2_HEADER_ALIGN, MB2_HEADER_MAGIC)) >= 0)
			die(path, "Multiboot 2 header at offset %ld: bad checksum (or architecture or "
			    "header_length)", mb2);
		else if ((mb1 = find_magic(first, n, MB1_SEARCH_BYTES, MB1_HEADER_ALIGN, MB1_HEADER_MAGIC)) >= 0)
			die(path, "Multiboot header at offset %ld: bad checksum", mb1);
		else
			protocol = LB_PROTO_LONGBOOT;
	}
	k->protocol = protocol;
	switch (protocol) {
	case LB_PROTO_LINUX:
	case LB_PROTO_LINUX16:
		read_linux_kernel(k, first, n);
		break;
	case LB_PROTO_MULTIBOOT2:
		if (mb2 < 0)
			die(path, "has no Multiboot 2 header in its first %d KiB (magic 0x%08x on an "
			    "8-byte boundary, with a matching checksum)", MB2_SEARCH_BYTES / 1024, MB2_HEADER_MAGIC);
		read_multiboot_kernel(k, mb2, first, n);
		break;
	case LB_PROTO_MULTIBOOT1:
		if (mb1 < 0)
			die(path, "has no Multiboot header in its first %d KiB (magic 0x%08x on a "
			    "4-byte boundary, with a matching checksum)", MB1_SEARCH_BYTES / 1024, MB1_HEADER_MAGIC);
		read_multiboot_kernel(k, mb1, first, n);
		break;
	default:
		k->format = "longboot ELF64 kernel";
		read_elf_kernel(k, ELF_RULES_LONGBOOT);
		break;
	}
}
