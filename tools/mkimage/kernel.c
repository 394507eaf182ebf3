/* The stored kernel: its packed layout, checked again, and written (kernel.h). */
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "elf.h"
#include "image_check.h"
#include "mkimage.h"

static int is_loaded(const Elf64_Phdr *ph)
{
	return ph->p_type == PT_LOAD && ph->p_memsz > 0;
}

/*
 * An ELF kernel: every PT_LOAD with p_memsz > 0 gets a sector-aligned
 * p_offset, in program-header order, and every other entry keeps no data.
 * A Linux kernel is stored as it is. Returns the stored size.
 */
uint64_t pack_kernel(struct kernel *k)
{
	if (lb_protocol_is_linux(k->protocol))
		return k->in.size - k->linux.setup_bytes;

	uint64_t end = ALIGN_UP(k->head_bytes, SECTOR);
	for (uint16_t i = 0; i < k->phnum; i++) {
		Elf64_Phdr ph;

		elf_phdr_get(k, i, &ph);
		k->src_offset[i] = ph.p_offset;
		if (is_loaded(&ph)) {
			ph.p_offset = end;
			end += ALIGN_UP(ph.p_filesz, SECTOR);
		} else {
			ph.p_offset = 0;
			ph.p_filesz = 0;
		}
		elf_phdr_set(k, i, &ph);
	}
	return end;
}

void recheck_packed_kernel(const struct kernel *k)
{
	struct elf_kernel parsed;
	int bad = -1;

	if (lb_protocol_is_linux(k->protocol))
		return;
	enum elf_error err = elf_parse_rules(k->head, k->head_bytes, k->bytes, kernel_rules(k), &parsed, &bad);
	if (err != ELF_OK && bad >= 0)
		die(k->in.path, "packed kernel fails the loader's check (a bug in " PROG
		    "): program header %d: %s", bad, elf_error_text(err));
	if (err != ELF_OK)
		die(k->in.path, "packed kernel fails the loader's check (a bug in " PROG
		    "): %s", elf_error_text(err));
}

static void write_extra(struct kernel *k, struct output *o, struct lb_image_header *h)
{
	struct lb_sum sum;

	lb_sum_init(&sum);
	if (lb_protocol_is_linux(k->protocol)) {
		copy_sectors(o, k->extra_lba * SECTOR, &k->in, 0, k->extra_bytes, &sum);
	} else if (k->extra_bytes) {
		size_t padded = (size_t)ALIGN_UP(k->extra_bytes, SECTOR);
		unsigned char *p = xcalloc(padded, 1);
		memcpy(p, k->sections, (size_t)k->extra_bytes);
		write_at(o, k->extra_lba * SECTOR, p, padded);
		lb_sum_add(&sum, p, padded / 4);
		free(p);
	}
	h->kernel_extra.lba = k->extra_bytes ? k->extra_lba : 0;
	h->kernel_extra.bytes = k->extra_bytes;
	h->kernel_extra.sum = lb_sum_value(&sum);
}

void write_kernel(struct kernel *k, struct output *o, struct lb_image_header *h)
{
	uint64_t base = k->lba * SECTOR;
	struct lb_sum sum;

	h->protocol = k->protocol;
	write_extra(k, o, h);
	lb_sum_init(&sum);
	if (lb_protocol_is_linux(k->protocol)) {
		copy_sectors(o, base, &k->in, k->linux.setup_bytes, k->bytes, &sum);
		h->kernel_head_bytes = 0;
		h->kernel_head_sum = 0;
	} else {
		size_t head_padded = (size_t)ALIGN_UP(k->head_bytes, SECTOR);

		memset(k->head + k->head_bytes, 0, head_padded - k->head_bytes);
		write_at(o, base, k->head, head_padded);
		h->kernel_head_bytes = k->head_bytes;
		h->kernel_head_sum = lb_checksum(k->head, head_padded / 4);
		for (uint16_t i = 0; i < k->phnum; i++) {
			Elf64_Phdr ph;

			elf_phdr_get(k, i, &ph);
			if (is_loaded(&ph))
				copy_sectors(o, base + ph.p_offset, &k->in, k->src_offset[i], ph.p_filesz, &sum);
		}
	}
	h->kernel.lba = k->lba;
	h->kernel.bytes = k->bytes;
	h->kernel.sum = lb_sum_value(&sum);
}
