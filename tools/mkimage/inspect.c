/*
 * --inspect: reads an image the way the loader does, region by region,
 * printing a line for each; the first bad one ends the run with status 1.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "elf.h"
#include "image_check.h"
#include "mbr.h"
#include "mkimage.h"

/* An image being inspected: what has been read of it so far. */
struct image {
	struct input in;
	struct lb_image_header h;
	unsigned char mbr[SECTOR];
	unsigned char params[LB_PARAMS_MAX + SECTOR];
	struct kernel kernel;       /* its head, as stored */
	struct elf_kernel k;
};

static void print_region(const char *name, uint64_t lba, uint64_t sectors, uint64_t bytes,
			 const char *status)
{
	if (sectors == 0)
		printf("  %-14s %10s %10s %12" PRIu64 "  %s\n", name, "-", "-", bytes, status);
	else
		printf("  %-14s %10" PRIu64 " %10" PRIu64 " %12" PRIu64 "  %s\n",
		       name, lba, lba + sectors - 1, bytes, status);
}

/* Adds `sectors` sectors at lba to sum, a chunk at a time. */
static void sum_stream(struct input *img, uint64_t lba, uint64_t sectors, struct lb_sum *sum)
{
	static unsigned char buf[COPY_CHUNK];

	while (sectors > 0) {
		uint64_t n = sectors < COPY_CHUNK / SECTOR ? sectors : COPY_CHUNK / SECTOR;

		read_at(img, lba * SECTOR, buf, (size_t)(n * SECTOR));
		lb_sum_add(sum, buf, (size_t)(n * SECTOR / 4));
		lba += n;
		sectors -= n;
	}
}

/* Reads `sectors` sectors at lba into buf and returns their lb_sum. */
static uint64_t sum_sectors(struct input *img, uint64_t lba, uint64_t sectors, void *buf)
{
	read_at(img, lba * SECTOR, buf, (size_t)(sectors * SECTOR));
	return lb_checksum(buf, (size_t)(sectors * SECTOR / 4));
}

/* Prints the region's line; a checksum that does not match ends the run. */
static void verify(struct input *img, const char *name, uint64_t lba, uint64_t bytes,
		   uint64_t stored, uint64_t computed)
{
	int ok = stored == computed;

	print_region(name, lba, LB_SECTORS(bytes), bytes, ok ? "ok" : "BAD");
	if (!ok) {
		fflush(stdout);
		die(img->path, "%s: checksum mismatch (header says 0x%016" PRIx64
		    ", the sectors hold 0x%016" PRIx64 ")", name, stored, computed);
	}
}

static const char *phdr_type_name(uint32_t type)
{
	switch (type) {
	case 0: return "NULL";
	case PT_LOAD: return "LOAD";
	case 2: return "DYNAMIC";
	case 3: return "INTERP";
	case 4: return "NOTE";
	case 6: return "PHDR";
	case 7: return "TLS";
	case 0x6474e550: return "GNU_EH_FRAME";
	case 0x6474e551: return "GNU_STACK";
	case 0x6474e552: return "GNU_RELRO";
	case 0x6474e553: return "GNU_PROPERTY";
	default: return "other";
	}
}

static void print_kernel(struct image *im)
{
	struct kernel *k = &im->kernel;
	const struct lb_image_header *h = &im->h;

	printf("protocol: %s\n", lb_protocol_name(h->protocol));
	if (lb_protocol_is_linux(h->protocol)) {
		const struct linux_header *lh = &k->linux;
		printf("kernel: Linux boot protocol %u.%02u, %u setup sectors, %s entry, %s\n",
		       lh->version >> 8, lh->version & 0xFF, lh->setup_sects,
		       h->protocol == LB_PROTO_LINUX16 ? "16-bit setup" :
		       lh->xloadflags & XLF_KERNEL_64 ? "64-bit" : "32-bit",
		       lh->relocatable ? "relocatable" : "loaded at 1 MiB");
		return;
	}
	printf("kernel: %s, entry 0x%" PRIx64 ", %u program headers\n", k->is64 ? "ELF64" : "ELF32",
	       im->k.entry, k->phnum);
	printf("  %3s %-12s %10s %18s %18s %10s %10s %s\n",
	       "#", "type", "offset", "vaddr", "paddr", "filesz", "memsz", "flags");
	for (unsigned i = 0; i < k->phnum; i++) {
		Elf64_Phdr ph;

		elf_phdr_get(k, i, &ph);
		printf("  %3u %-12s 0x%08" PRIx64 " 0x%016" PRIx64 " 0x%016" PRIx64
		       " 0x%08" PRIx64 " 0x%08" PRIx64 " %c%c%c\n",
		       i, phdr_type_name(ph.p_type), ph.p_offset, ph.p_vaddr, ph.p_paddr,
		       ph.p_filesz, ph.p_memsz, ph.p_flags & PF_R ? 'R' : '-',
		       ph.p_flags & PF_W ? 'W' : '-', ph.p_flags & PF_X ? 'X' : '-');
	}
}

static void print_string(const char *label, const char *s)
{
	printf("%s\"", label);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7F)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

static struct lb_module_desc module_desc(const struct image *im, uint32_t i)
{
	struct lb_module_desc d;

	memcpy(&d, im->params + (size_t)i * sizeof(d), sizeof(d));
	return d;
}

static void read_header(struct image *im)
{
	const char *path = im->in.path;
	const struct lb_image_header *h = &im->h;
	const char *problem;

	if (im->in.size < (LB_STAGE2_LBA + 1) * SECTOR)
		die(path, "is %" PRIu64 " bytes, too small to be a longboot image", im->in.size);
	read_at(&im->in, (uint64_t)LB_HEADER_LBA * SECTOR, &im->h, sizeof(im->h));
	problem = lb_header_check(h);
	if (problem)
		die(path, "header: %s", problem);
	if (h->stage2_sectors > LB_STAGE2_MAX_SECTORS || h->params.bytes > LB_PARAMS_MAX ||
	    h->kernel_head_bytes > LB_KERNEL_HEAD_MAX || h->kernel_head_bytes > h->kernel.bytes)
		die(path, "header: a region is larger than its limit");
	if (h->total_sectors > im->in.size / SECTOR)
		die(path, "is %" PRIu64 " bytes but its header says %" PRIu64
		    " sectors (%" PRIu64 " bytes): the image is truncated",
		    im->in.size, h->total_sectors, h->total_sectors * SECTOR);
	read_at(&im->in, 0, im->mbr, SECTOR);
	if (!mbr_has_boot_signature(im->mbr))
		die(path, "stage1: no boot signature (0x55 0xAA at byte 510)");
}

static void print_title(const struct image *im)
{
	printf("%s: longboot image version %" PRIu32 ", %" PRIu64 " sectors (%" PRIu64
	       " bytes)\n", im->in.path, im->h.version,
	       im->h.total_sectors, im->h.total_sectors * SECTOR);
	for (unsigned i = 0; i < MBR_PART_COUNT; i++) {
		struct mbr_partition part = mbr_partition(im->mbr, i);

		if (part.type == 0 && part.sectors == 0)
			continue;
		printf("  partition %u: status 0x%02x, type 0x%02x, LBA %" PRIu32 " + %" PRIu32
		       " sectors\n", i + 1, part.status, part.type, part.first_lba, part.sectors);
	}
	printf("  %-14s %10s %10s %12s  %s\n", "region", "first LBA", "last LBA", "bytes",
	       "checksum");
	print_region("stage1", 0, 1, SECTOR, "-");
	print_region("header", LB_HEADER_LBA, 1, im->h.header_bytes, "ok");
}

static void verify_params(struct image *im)
{
	const char *problem;

	verify(&im->in, "params", im->h.params.lba, im->h.params.bytes, im->h.params.sum,
	       sum_sectors(&im->in, im->h.params.lba, LB_SECTORS(im->h.params.bytes), im->params));
	problem = lb_params_check(&im->h, im->params);
	if (problem)
		die(im->in.path, "params: %s", problem);
}

/* A whole extent, checked against its sum. */
static void verify_extent(struct image *im, const char *name, const struct lb_extent *e)
{
	struct lb_sum sum;

	lb_sum_init(&sum);
	sum_stream(&im->in, e->lba, LB_SECTORS(e->bytes), &sum);
	verify(&im->in, name, e->lba, e->bytes, e->sum, lb_sum_value(&sum));
}

/* Linux: the setup sectors as the loader checks them, and the kernel after them. */
static void verify_linux(struct image *im)
{
	const struct lb_image_header *h = &im->h;
	static unsigned char setup[LB_KERNEL_EXTRA_MAX];

	if (h->kernel_extra.bytes > sizeof(setup))
		die(im->in.path, "kernel: setup sectors larger than any Linux has");
	verify(&im->in, "linux setup", h->kernel_extra.lba, h->kernel_extra.bytes, h->kernel_extra.sum,
	       sum_sectors(&im->in, h->kernel_extra.lba, LB_SECTORS(h->kernel_extra.bytes), setup));
	const char *why = linux_parse(setup, (size_t)h->kernel_extra.bytes,
				      h->kernel_extra.bytes + h->kernel.bytes, &im->kernel.linux);
	if (why)
		die(im->in.path, "kernel: %s", why);
	verify_extent(im, "linux kernel", &h->kernel);
	if (h->initrd.bytes)
		verify_extent(im, "initrd", &h->initrd);
}

/* The head as the loader checks it, then exactly the sectors it loads. */
static void verify_kernel(struct image *im)
{
	const struct lb_image_header *h = &im->h;
	uint64_t head_sectors = LB_SECTORS(h->kernel_head_bytes);
	uint64_t data_bytes = 0;
	struct lb_sum sum;
	enum elf_error err;
	int bad = -1;

	im->kernel.protocol = h->protocol;
	if (lb_protocol_is_linux(h->protocol)) {
		verify_linux(im);
		return;
	}
	verify(&im->in, "kernel head", h->kernel.lba, h->kernel_head_bytes, h->kernel_head_sum,
	       sum_sectors(&im->in, h->kernel.lba, head_sectors, im->kernel.head));
	im->kernel.is64 = im->kernel.head[EI_CLASS] == ELFCLASS64;
	err = elf_parse_rules(im->kernel.head, h->kernel_head_bytes, h->kernel.bytes,
			      kernel_rules(&im->kernel), &im->k, &bad);
	if (err != ELF_OK && bad >= 0)
		die(im->in.path, "kernel: program header %d: %s", bad, elf_error_text(err));
	if (err != ELF_OK)
		die(im->in.path, "kernel: %s", elf_error_text(err));

	lb_sum_init(&sum);
	for (uint32_t i = 0; i < im->k.count; i++) {
		const struct elf_segment *s = &im->k.seg[i];

		if (s->offset % SECTOR != 0)
			die(im->in.path, "kernel: program header %" PRIu32 ": p_offset 0x%" PRIx64
			    " does not start a sector", s->phdr_index, s->offset);
		sum_stream(&im->in, h->kernel.lba + s->offset / SECTOR, LB_SECTORS(s->filesz), &sum);
	}
	if (h->kernel.bytes > head_sectors * SECTOR)
		data_bytes = h->kernel.bytes - head_sectors * SECTOR;
	verify(&im->in, "kernel data", h->kernel.lba + head_sectors, data_bytes, h->kernel.sum,
	       lb_sum_value(&sum));
	im->kernel.phnum = im->kernel.is64 ? ((Elf64_Ehdr *)im->kernel.head)->e_phnum :
					   ((Elf32_Ehdr *)im->kernel.head)->e_phnum;
	if (h->kernel_extra.bytes)
		verify_extent(im, "ELF sections", &h->kernel_extra);
}

/* Returns the sector after the last module, or `end` when that is later. */
static uint64_t verify_modules(struct image *im, uint64_t end)
{
	for (uint32_t i = 0; i < im->h.module_count; i++) {
		struct lb_extent file = module_desc(im, i).file;
		struct lb_sum sum;
		char name[32];

		lb_sum_init(&sum);
		sum_stream(&im->in, file.lba, LB_SECTORS(file.bytes), &sum);
		snprintf(name, sizeof(name), "module %" PRIu32, i);
		verify(&im->in, name, file.lba, file.bytes, file.sum, lb_sum_value(&sum));
		if (file.lba + LB_SECTORS(file.bytes) > end)
			end = file.lba + LB_SECTORS(file.bytes);
	}
	return end;
}

static void print_strings(const struct image *im)
{
	print_string("command line: ", (const char *)im->params + im->h.cmdline_offset);
	for (uint32_t i = 0; i < im->h.module_count; i++) {
		char label[32];

		snprintf(label, sizeof(label), "module %" PRIu32 ": ", i);
		print_string(label, (const char *)im->params + module_desc(im, i).name_offset);
	}
}

void inspect(const char *path)
{
	struct image *im = xcalloc(1, sizeof(*im));
	const struct lb_image_header *h = &im->h;
	unsigned char *stage2 = xcalloc(STAGE2_MAX_BYTES, 1);
	uint64_t end;

	open_input(&im->in, path, "the image");
	read_header(im);
	if (h->esp.bytes)
		check_esp_partitions(path, h, im->mbr);
	print_title(im);
	verify(&im->in, "stage2", LB_STAGE2_LBA, (uint64_t)h->stage2_sectors * SECTOR,
	       h->stage2_sum, sum_sectors(&im->in, LB_STAGE2_LBA, h->stage2_sectors, stage2));
	if (h->esp.bytes)
		verify_extent(im, "ESP", &h->esp);
	verify_params(im);
	verify_kernel(im);
	end = h->kernel.lba + LB_SECTORS(h->kernel.bytes);
	if (h->kernel_extra.bytes && h->kernel_extra.lba + LB_SECTORS(h->kernel_extra.bytes) > end)
		end = h->kernel_extra.lba + LB_SECTORS(h->kernel_extra.bytes);
	if (h->initrd.bytes && h->initrd.lba + LB_SECTORS(h->initrd.bytes) > end)
		end = h->initrd.lba + LB_SECTORS(h->initrd.bytes);
	end = verify_modules(im, end);
	if (end < h->total_sectors)
		print_region("padding", end, h->total_sectors - end,
			     (h->total_sectors - end) * SECTOR, "-");
	print_strings(im);
	print_kernel(im);
	if (h->esp.bytes)
		inspect_esp(&im->in, h);
	else
		printf("EFI system partition: none (BIOS only)\n");
	printf("all checksums match\n");
	free(stage2);
	free(im);
}
