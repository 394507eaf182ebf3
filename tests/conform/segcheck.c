/*
 * segcheck ELF: fails unless the kernel's conform_segments table (written
 * by its linker script) holds exactly its PT_LOAD program headers, so the
 * permissions the kernel expects are the ones the ELF file declares.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "elf64.h"

#define RECORD_QWORDS 5  /* struct kernel_segment: vaddr, paddr, filesz, memsz, flags */
#define MAX_SEGMENTS  16

static void put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: segcheck ELF\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		fprintf(stderr, "segcheck: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "segcheck: out of memory\n");
				return 1;
			}
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	fclose(f);

	Elf64_Ehdr eh;
	if (len < sizeof(eh) || memcmp(buf, "\177ELF", 4) != 0) {
		fprintf(stderr, "segcheck: %s: not an ELF file\n", argv[1]);
		return 1;
	}
	memcpy(&eh, buf, sizeof(eh));
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > len ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > len - eh.e_phoff) {
		fprintf(stderr, "segcheck: %s: bad program headers\n", argv[1]);
		return 1;
	}

	unsigned char table[MAX_SEGMENTS * RECORD_QWORDS * 8];
	size_t records = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, buf + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (records == MAX_SEGMENTS) {
			fprintf(stderr, "segcheck: %s: more than %d segments\n", argv[1], MAX_SEGMENTS);
			return 1;
		}
		const uint64_t fields[RECORD_QWORDS] = { ph.p_vaddr, ph.p_paddr, ph.p_filesz, ph.p_memsz,
							 ph.p_flags & (PF_R | PF_W | PF_X) };
		for (int k = 0; k < RECORD_QWORDS; k++)
			put64(table + (records * RECORD_QWORDS + k) * 8, fields[k]);
		records++;
	}

	size_t want = records * RECORD_QWORDS * 8;
	for (size_t off = 0; want && off + want <= len; off += 8)
		if (memcmp(buf + off, table, want) == 0)
			return 0;
	fprintf(stderr, "segcheck: %s: conform_segments does not list its %zu PT_LOAD segments "
		"(fix the table next to PHDRS in the linker script)\n", argv[1], records);
	return 1;
}
