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

int main(int argc, char **argv)
{
	static struct elf_fixture e;
	static struct image_fixture im;

	if (argc != 3) {
		fprintf(stderr, "usage: seeds ELF-DIR IMAGE-DIR\n");
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
	return 0;
}
