/*
 * Inspects and damages longboot images for the boot tests (include/image.h
 * has the layout).
 *
 *   patchimg info IMAGE           the layout as shell assignments (key=value)
 *   patchimg flip IMAGE OFFSET    inverts the byte at OFFSET
 *   patchimg kernel IMAGE FAULT   rewrites the packed kernel's ELF headers so
 *                                 the kernel breaks one rule of boot protocol
 *                                 section 1, and recomputes kernel_head_sum
 *                                 and header_sum so only that rule is broken
 *
 * `kernel` then runs the loader's own ELF check (stage2/elf.c) on the
 * result: it fails unless the check reports the intended error, and on
 * success prints that error's text (an empty line for faults the ELF check
 * cannot see, such as a segment outside RAM), so a test can look for it in
 * the loader's message.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "elf.h"
#include "elf64.h"
#include "image.h"
#include "longboot.h"

#define GIB               (1ULL << 30)
#define OUTSIDE_RAM_PADDR (3 * GIB)             /* above RAM on a 128 MiB machine */
#define NONCANONICAL_BASE 0x0000800000000000ULL /* first non-canonical address */
#define LOW_VADDR_SHIFT   0x200000ULL           /* a low vaddr that is not p_paddr */
#define PAGE_MASK         0xFFFULL
#define EM_386            3

static const char *image_path;

static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "patchimg: %s: ", image_path ? image_path : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static FILE *open_image(const char *mode)
{
	FILE *f = fopen(image_path, mode);

	if (!f)
		die("%s", strerror(errno));
	return f;
}

static void read_at(FILE *f, uint64_t off, void *buf, size_t n)
{
	if (fseek(f, (long)off, SEEK_SET) != 0 || fread(buf, 1, n, f) != n)
		die("cannot read %zu bytes at offset %llu", n, (unsigned long long)off);
}

static void write_at(FILE *f, uint64_t off, const void *buf, size_t n)
{
	if (fseek(f, (long)off, SEEK_SET) != 0 || fwrite(buf, 1, n, f) != n)
		die("cannot write %zu bytes at offset %llu: %s", n, (unsigned long long)off,
		    strerror(errno));
}

static void close_image(FILE *f)
{
	if (fclose(f) != 0)
		die("%s", strerror(errno));
}

static uint64_t header_sum_of(const struct lb_image_header *h)
{
	return lb_checksum(h, offsetof(struct lb_image_header, header_sum) / 4);
}

static void read_header(FILE *f, struct lb_image_header *h)
{
	unsigned char sector[LB_SECTOR_SIZE];

	read_at(f, (uint64_t)LB_HEADER_LBA * LB_SECTOR_SIZE, sector, sizeof(sector));
	memcpy(h, sector, sizeof(*h));
	if (h->magic != LB_IMAGE_MAGIC)
		die("no longboot image header at LBA %d", LB_HEADER_LBA);
	if (h->version != LB_IMAGE_VERSION)
		die("image header version %u, this tool knows %d", h->version, LB_IMAGE_VERSION);
	if (h->header_sum != header_sum_of(h))
		die("image header checksum does not match");
	if (h->kernel_head_bytes < sizeof(Elf64_Ehdr) || h->kernel_head_bytes > LB_KERNEL_HEAD_MAX)
		die("kernel_head_bytes %u out of range", h->kernel_head_bytes);
}

/* The packed ELF header and program headers, in whole sectors. */
struct kernel_head {
	unsigned char bytes[LB_KERNEL_HEAD_MAX];
	uint32_t sectors;
	Elf64_Ehdr eh;
};

static void read_kernel_head(FILE *f, const struct lb_image_header *h, struct kernel_head *k)
{
	k->sectors = (h->kernel_head_bytes + LB_SECTOR_SIZE - 1) / LB_SECTOR_SIZE;
	read_at(f, h->kernel.lba * LB_SECTOR_SIZE, k->bytes, k->sectors * LB_SECTOR_SIZE);
	memcpy(&k->eh, k->bytes, sizeof(k->eh));
	if (k->eh.e_phentsize != sizeof(Elf64_Phdr) ||
	    k->eh.e_phoff + (uint64_t)k->eh.e_phnum * sizeof(Elf64_Phdr) > h->kernel_head_bytes)
		die("the packed kernel's program headers are not inside kernel_head_bytes");
}

static Elf64_Phdr get_phdr(const struct kernel_head *k, unsigned i)
{
	Elf64_Phdr ph;

	memcpy(&ph, k->bytes + k->eh.e_phoff + i * sizeof(ph), sizeof(ph));
	return ph;
}

static void put_phdr(struct kernel_head *k, unsigned i, const Elf64_Phdr *ph)
{
	memcpy(k->bytes + k->eh.e_phoff + i * sizeof(*ph), ph, sizeof(*ph));
}

/* Index of the n-th PT_LOAD with p_memsz > 0 (the loader's segment n), or -1. */
static int load_phdr(const struct kernel_head *k, unsigned n)
{
	for (unsigned i = 0; i < k->eh.e_phnum; i++) {
		Elf64_Phdr ph = get_phdr(k, i);

		if (ph.p_type == PT_LOAD && ph.p_memsz > 0 && n-- == 0)
			return (int)i;
	}
	return -1;
}

static int cmd_info(void)
{
	FILE *f = open_image("rb");
	struct lb_image_header h;
	static struct kernel_head k;
	int biggest = -1;
	uint64_t biggest_filesz = 0;

	read_header(f, &h);
	read_kernel_head(f, &h, &k);
	printf("stage2_lba=%d\n", LB_STAGE2_LBA);
	printf("stage2_sectors=%u\n", h.stage2_sectors);
	printf("total_sectors=%llu\n", (unsigned long long)h.total_sectors);
	printf("kernel_lba=%llu\n", (unsigned long long)h.kernel.lba);
	printf("kernel_bytes=%llu\n", (unsigned long long)h.kernel.bytes);
	printf("kernel_head_sectors=%u\n", k.sectors);
	for (unsigned i = 0; i < k.eh.e_phnum; i++) {
		Elf64_Phdr ph = get_phdr(&k, i);

		if (ph.p_type == PT_LOAD && ph.p_filesz > biggest_filesz) {
			biggest = (int)i;
			biggest_filesz = ph.p_filesz;
		}
	}
	if (biggest < 0)
		die("the kernel has no PT_LOAD with file bytes");
	/* The segment with the most file bytes: where kernel faults are aimed. */
	Elf64_Phdr ph = get_phdr(&k, (unsigned)biggest);
	printf("kernel_data_lba=%llu\n",
	       (unsigned long long)(h.kernel.lba + ph.p_offset / LB_SECTOR_SIZE));
	printf("kernel_data_offset=%llu\n",
	       (unsigned long long)(h.kernel.lba * LB_SECTOR_SIZE + ph.p_offset));
	printf("kernel_data_bytes=%llu\n", (unsigned long long)ph.p_filesz);

	printf("module_count=%u\n", h.module_count);
	if (h.module_count) {
		size_t n = (size_t)h.module_count * sizeof(struct lb_module_desc);
		struct lb_module_desc *m = malloc(n);

		if (!m || n > h.params.bytes)
			die("module table does not fit the params block");
		read_at(f, h.params.lba * LB_SECTOR_SIZE, m, n);
		for (unsigned i = 0; i < h.module_count; i++) {
			printf("module%u_lba=%llu\n", i, (unsigned long long)m[i].file.lba);
			printf("module%u_bytes=%llu\n", i, (unsigned long long)m[i].file.bytes);
		}
		free(m);
	}
	close_image(f);
	return 0;
}

static int cmd_flip(const char *offset_arg)
{
	FILE *f = open_image("r+b");
	char *end;
	unsigned long long off;
	unsigned char b;

	errno = 0;
	off = strtoull(offset_arg, &end, 0);
	if (errno || *end || end == offset_arg)
		die("bad offset '%s'", offset_arg);
	read_at(f, off, &b, 1);
	b ^= 0xFF;
	write_at(f, off, &b, 1);
	close_image(f);
	return 0;
}

/* Each fault: how to break the headers, and what the ELF check must say. */
struct fault {
	const char *name;
	enum elf_error expect;
	void (*apply)(struct kernel_head *k, const struct lb_image_header *h);
};

static Elf64_Phdr segment(struct kernel_head *k, unsigned n, int *index)
{
	*index = load_phdr(k, n);
	if (*index < 0)
		die("the kernel has fewer than %u loadable segments", n + 1);
	return get_phdr(k, (unsigned)*index);
}

static void set_eh(struct kernel_head *k)
{
	memcpy(k->bytes, &k->eh, sizeof(k->eh));
}

static void fault_class32(struct kernel_head *k, const struct lb_image_header *h)
{
	(void)h;
	k->eh.e_ident[EI_CLASS] = ELFCLASS32;
	set_eh(k);
}

static void fault_machine(struct kernel_head *k, const struct lb_image_header *h)
{
	(void)h;
	k->eh.e_machine = EM_386;
	set_eh(k);
}

static void fault_paddr_low(struct kernel_head *k, const struct lb_image_header *h)
{
	int i;
	Elf64_Phdr ph = segment(k, 0, &i);

	(void)h;
	ph.p_paddr = 0x1000 | (ph.p_paddr & PAGE_MASK);
	put_phdr(k, (unsigned)i, &ph);
}

/* Segment 1 moved into segment 0's first page, keeping its page offset. */
static void fault_overlap(struct kernel_head *k, const struct lb_image_header *h)
{
	int i0, i1;
	Elf64_Phdr a = segment(k, 0, &i0), b = segment(k, 1, &i1);

	(void)h;
	b.p_paddr = (a.p_paddr & ~PAGE_MASK) | (b.p_vaddr & PAGE_MASK);
	if (b.p_paddr < a.p_paddr || b.p_paddr >= a.p_paddr + a.p_memsz)
		die("segment 0 is too small to lay segment 1 over it");
	put_phdr(k, (unsigned)i1, &b);
}

static void fault_filesz(struct kernel_head *k, const struct lb_image_header *h)
{
	int i;
	Elf64_Phdr ph = segment(k, 0, &i);

	(void)h;
	ph.p_filesz = ph.p_memsz + 1;
	put_phdr(k, (unsigned)i, &ph);
}

static void fault_outside_ram(struct kernel_head *k, const struct lb_image_header *h)
{
	int i;
	Elf64_Phdr ph = segment(k, 0, &i);

	(void)h;
	if (ph.p_vaddr < LONGBOOT_HIGHER_HALF)
		die("outside-ram moves a higher-half segment; this kernel's segment 0 is not one");
	ph.p_paddr = OUTSIDE_RAM_PADDR | (ph.p_paddr & PAGE_MASK);
	put_phdr(k, (unsigned)i, &ph);
}

static void fault_noncanonical(struct kernel_head *k, const struct lb_image_header *h)
{
	int i;
	Elf64_Phdr ph = segment(k, 0, &i);

	(void)h;
	ph.p_vaddr = NONCANONICAL_BASE | (ph.p_vaddr & PAGE_MASK);
	put_phdr(k, (unsigned)i, &ph);
}

static void fault_vaddr_low(struct kernel_head *k, const struct lb_image_header *h)
{
	int i;
	Elf64_Phdr ph = segment(k, 0, &i);

	(void)h;
	ph.p_vaddr = ph.p_paddr + LOW_VADDR_SHIFT;
	put_phdr(k, (unsigned)i, &ph);
}

static void fault_file_range(struct kernel_head *k, const struct lb_image_header *h)
{
	for (unsigned n = 0;; n++) {
		int i;
		Elf64_Phdr ph = segment(k, n, &i);

		if (ph.p_filesz == 0)
			continue;
		ph.p_offset = h->kernel.bytes;
		put_phdr(k, (unsigned)i, &ph);
		return;
	}
}

static const struct fault faults[] = {
	{ "class32",      ELF_ERR_CLASS,        fault_class32 },
	{ "machine",      ELF_ERR_MACHINE,      fault_machine },
	{ "paddr-low",    ELF_ERR_PADDR_LOW,    fault_paddr_low },
	{ "overlap",      ELF_ERR_PHYS_OVERLAP, fault_overlap },
	{ "filesz",       ELF_ERR_FILESZ,       fault_filesz },
	{ "outside-ram",  ELF_OK,               fault_outside_ram },
	{ "noncanonical", ELF_ERR_NONCANONICAL, fault_noncanonical },
	{ "vaddr-low",    ELF_ERR_VADDR,        fault_vaddr_low },
	{ "file-range",   ELF_ERR_FILE_RANGE,   fault_file_range },
};

static int cmd_kernel(const char *name)
{
	const struct fault *fault = NULL;
	FILE *f;
	struct lb_image_header h;
	static struct kernel_head k;
	static struct elf_kernel parsed;
	enum elf_error got;
	int bad_phdr;

	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (strcmp(faults[i].name, name) == 0)
			fault = &faults[i];
	if (!fault) {
		fprintf(stderr, "patchimg: unknown kernel fault '%s'; one of:", name);
		for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
			fprintf(stderr, " %s", faults[i].name);
		fputc('\n', stderr);
		return 2;
	}

	f = open_image("r+b");
	read_header(f, &h);
	read_kernel_head(f, &h, &k);
	fault->apply(&k, &h);

	got = elf_parse(k.bytes, h.kernel_head_bytes, h.kernel.bytes, &parsed, &bad_phdr);
	if (got != fault->expect)
		die("fault %s: the ELF check says \"%s\", wanted \"%s\"", name,
		    elf_error_text(got), elf_error_text(fault->expect));

	write_at(f, h.kernel.lba * LB_SECTOR_SIZE, k.bytes, k.sectors * LB_SECTOR_SIZE);
	h.kernel_head_sum = lb_checksum(k.bytes, k.sectors * LB_SECTOR_SIZE / 4);
	h.header_sum = header_sum_of(&h);
	write_at(f, (uint64_t)LB_HEADER_LBA * LB_SECTOR_SIZE, &h, sizeof(h));
	close_image(f);
	puts(fault->expect == ELF_OK ? "" : elf_error_text(fault->expect));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "info") == 0) {
		image_path = argv[2];
		return cmd_info();
	}
	if (argc == 4 && strcmp(argv[1], "flip") == 0) {
		image_path = argv[2];
		return cmd_flip(argv[3]);
	}
	if (argc == 4 && strcmp(argv[1], "kernel") == 0) {
		image_path = argv[2];
		return cmd_kernel(argv[3]);
	}
	fprintf(stderr, "usage: patchimg info IMAGE\n"
			"       patchimg flip IMAGE OFFSET\n"
			"       patchimg kernel IMAGE FAULT\n");
	return 2;
}
