/* The kernel ELF: read, checked with the loader's own checks, packed, written (kernel.h). */
#include <string.h>

#include "checksum.h"
#include "elf.h"
#include "mkimage.h"

static _Noreturn void elf_die(const char *path, enum elf_error err, int bad_phdr)
{
	if (bad_phdr >= 0)
		die(path, "program header %d: %s", bad_phdr, elf_error_text(err));
	die(path, "%s", elf_error_text(err));
}

/* The program header table may lie anywhere in the file: it is read to just after the ELF header. */
void read_kernel(struct kernel *k, const char *path)
{
	struct input *in = &k->in;
	Elf64_Ehdr *eh = &k->head.ehdr;
	struct elf_kernel parsed;
	uint64_t table;
	size_t n;
	int bad = -1;
	enum elf_error err;

	open_input(in, path, "the kernel");
	n = in->size < EHDR_BYTES ? (size_t)in->size : EHDR_BYTES;
	read_at(in, 0, eh, n);
	/* What the ELF header alone can tell comes first, from the loader's own check. */
	if (n < EHDR_BYTES || memcmp(eh->e_ident, "\177ELF", 4) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB) {
		err = elf_parse(eh, n, in->size, &parsed, &bad);
		elf_die(path, err != ELF_OK ? err : ELF_ERR_TRUNCATED, bad);
	}

	k->phnum = eh->e_phnum;
	if (k->phnum > MAX_PHNUM)
		die(path, "has %u program headers; the image holds at most %d",
		    k->phnum, (int)MAX_PHNUM);
	table = (uint64_t)k->phnum * PHDR_BYTES;
	if (eh->e_phoff > in->size || table > in->size - eh->e_phoff)
		elf_die(path, ELF_ERR_TRUNCATED, -1);

	k->head_bytes = (uint32_t)(EHDR_BYTES + table);
	read_at(in, eh->e_phoff, k->head.phdr, (size_t)table);
	eh->e_phoff = EHDR_BYTES;
	eh->e_shoff = 0;
	eh->e_shnum = 0;
	eh->e_shstrndx = 0;

	err = elf_parse(&k->head, k->head_bytes, in->size, &parsed, &bad);
	if (err != ELF_OK)
		elf_die(path, err, bad);
}

static int is_loaded(const Elf64_Phdr *ph)
{
	return ph->p_type == PT_LOAD && ph->p_memsz > 0;
}

/*
 * Gives every PT_LOAD with p_memsz > 0 a sector-aligned p_offset in the
 * packed kernel, in program-header order; every other entry keeps no data.
 */
uint64_t pack_kernel(struct kernel *k)
{
	uint64_t end = ALIGN_UP(k->head_bytes, SECTOR);

	for (uint16_t i = 0; i < k->phnum; i++) {
		Elf64_Phdr *ph = &k->head.phdr[i];

		k->src_offset[i] = ph->p_offset;
		if (is_loaded(ph)) {
			ph->p_offset = end;
			end += ALIGN_UP(ph->p_filesz, SECTOR);
		} else {
			ph->p_offset = 0;
			ph->p_filesz = 0;
		}
	}
	return end;
}

void recheck_packed_kernel(const struct kernel *k)
{
	struct elf_kernel parsed;
	int bad = -1;
	enum elf_error err = elf_parse(&k->head, k->head_bytes, k->bytes, &parsed, &bad);

	if (err != ELF_OK && bad >= 0)
		die(k->in.path, "packed kernel fails the loader's check (a bug in " PROG
		    "): program header %d: %s", bad, elf_error_text(err));
	if (err != ELF_OK)
		die(k->in.path, "packed kernel fails the loader's check (a bug in " PROG
		    "): %s", elf_error_text(err));
}

void write_kernel(struct kernel *k, struct output *o, struct lb_image_header *h)
{
	uint64_t base = k->lba * SECTOR;
	size_t head_padded = (size_t)ALIGN_UP(k->head_bytes, SECTOR);
	struct lb_sum sum;

	memset(k->head.bytes + k->head_bytes, 0, head_padded - k->head_bytes);
	write_at(o, base, k->head.bytes, head_padded);
	h->kernel_head_bytes = k->head_bytes;
	h->kernel_head_sum = lb_checksum(k->head.bytes, head_padded / 4);

	lb_sum_init(&sum);
	for (uint16_t i = 0; i < k->phnum; i++) {
		const Elf64_Phdr *ph = &k->head.phdr[i];

		if (is_loaded(ph))
			copy_sectors(o, base + ph->p_offset, &k->in, k->src_offset[i],
				     ph->p_filesz, &sum);
	}
	h->kernel.lba = k->lba;
	h->kernel.bytes = k->bytes;
	h->kernel.sum = lb_sum_value(&sum);
}
