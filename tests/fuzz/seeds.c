/*
 * Writes the fuzz targets' seed corpora: kernel heads (fuzz_elf) into the
 * first directory, header-plus-params inputs (fuzz_image) into the second.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fixtures.h"
#include "elf.h"

static void die(const char *what, const char *path)
{
	fprintf(stderr, "seeds: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void write_seed(const char *dir, const char *name, const void *a, size_t na,
		       const void *b, size_t nb)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		die("cannot create", path);
	if (fwrite(a, 1, na, f) != na || fwrite(b, 1, nb, f) != nb)
		die("cannot write", path);
	if (fclose(f) != 0)
		die("cannot write", path);
}

static void elf_seed(const char *dir, const char *name, const struct elf_fixture *f)
{
	unsigned char head[LB_KERNEL_HEAD_MAX];
	size_t n = fx_elf_write(f, head, sizeof(head));

	write_seed(dir, name, head, n, &f->file_bytes, sizeof(f->file_bytes));
}

static void image_seed(const char *dir, const char *name, const struct image_fixture *f)
{
	unsigned char sector[LB_SECTOR_SIZE] = { 0 };

	memcpy(sector, &f->h, sizeof(f->h));
	write_seed(dir, name, sector, sizeof(sector), f->params, f->h.params.bytes);
}

/* fuzz_efimap's input: one byte of descriptor size, then descriptors, as OVMF gives them. */
static void efimap_seed(const char *dir)
{
	static const struct { uint32_t type; uint64_t base, pages, attr; } d[] = {
		{ 4, 0x0, 1, 0 }, { 7, 0x1000, 0x9F, 0 }, { 2, 0x100000, 0x10, 0 },
		{ 7, 0x110000, 0x6F0, 0 }, { 10, 0x800000, 0x100, 0 }, { 3, 0x900000, 0x100, 0 },
		{ 6, 0x1EAA0000, 0x102, 1ULL << 63 }, { 9, 0x1F76C000, 0x12, 0 },
		{ 11, 0xFFC00000, 0x400, 1ULL << 63 }, { 7, 0x100000000, 0x40000, 0 },
	};
	unsigned char map[1 + sizeof(d) / sizeof(d[0]) * 48] = { 48 };

	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		unsigned char *p = map + 1 + i * 48;
		memcpy(p, &d[i].type, 4);
		memcpy(p + 8, &d[i].base, 8);
		memcpy(p + 24, &d[i].pages, 8);
		memcpy(p + 32, &d[i].attr, 8);
	}
	write_seed(dir, "ovmf", map, sizeof(map), NULL, 0);
}

int main(int argc, char **argv)
{
	static struct elf_fixture e;
	static struct image_fixture im;

	if (argc != 4) {
		fprintf(stderr, "usage: seeds ELF-DIR IMAGE-DIR EFIMAP-DIR\n");
		return 2;
	}

	fx_elf_higher_half(&e);
	elf_seed(argv[1], "higher-half", &e);
	fx_elf_identity(&e);
	elf_seed(argv[1], "identity", &e);
	fx_elf_higher_half(&e);
	e.ph[2].p_vaddr = 0xFFFFFFFF80102345ULL; /* shares a page with the text */
	e.ph[2].p_paddr = 0x102345;
	elf_seed(argv[1], "shared-page", &e);
	fx_elf_identity(&e);
	e.eh.e_phnum = ELF_MAX_SEGMENTS;
	for (int i = 0; i < ELF_MAX_SEGMENTS; i++)
		e.ph[i] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R,
					.p_vaddr = 0x200000 + i * 0x1000,
					.p_paddr = 0x200000 + i * 0x1000, .p_memsz = 0x1000 };
	elf_seed(argv[1], "max-segments", &e);

	fx_image(&im);
	image_seed(argv[2], "one-module", &im);
	fx_image(&im);
	im.h.module_count = 0;
	im.h.params.bytes = 1;
	im.h.cmdline_offset = 0;
	im.params[0] = 0;
	fx_image_seal(&im.h);
	image_seed(argv[2], "bare", &im);
	efimap_seed(argv[3]);
	return 0;
}
