/*
 * Test helper for tests/mkimage: reads and patches fields of an ELF64 file's
 * header and program headers, and dumps a segment's file bytes, so the tests
 * can make each kind of bad kernel from a good one.
 *
 *   patchelf set IN OUT FIELD=VALUE...   copy IN to OUT with fields changed
 *   patchelf get IN FIELD                print a field in decimal
 *   patchelf dump IN N                   write program header N's file bytes
 *
 * FIELD is class, type, machine, entry, phoff, phnum, phentsize, shoff,
 * shnum, shstrndx, or phN.type, phN.flags, phN.offset, phN.vaddr,
 * phN.paddr, phN.filesz, phN.memsz. VALUE is decimal or 0x-hex.
 */
#define _POSIX_C_SOURCE 200809L

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf64.h"

struct field {
	const char *name;
	size_t offset, size;
};

#define EH(name, member) \
	{ name, offsetof(Elf64_Ehdr, member), sizeof(((Elf64_Ehdr *)0)->member) }
#define PH(name, member) \
	{ name, offsetof(Elf64_Phdr, member), sizeof(((Elf64_Phdr *)0)->member) }

static const struct field ehdr_fields[] = {
	{ "class", EI_CLASS, 1 },
	EH("type", e_type), EH("machine", e_machine), EH("entry", e_entry),
	EH("phoff", e_phoff), EH("phnum", e_phnum), EH("phentsize", e_phentsize),
	EH("shoff", e_shoff), EH("shnum", e_shnum), EH("shstrndx", e_shstrndx),
};

static const struct field phdr_fields[] = {
	PH("type", p_type), PH("flags", p_flags), PH("offset", p_offset),
	PH("vaddr", p_vaddr), PH("paddr", p_paddr), PH("filesz", p_filesz),
	PH("memsz", p_memsz),
};

static unsigned char *data;
static size_t size;

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "patchelf: %s: %s\n", what, detail);
	exit(1);
}

static uint64_t get(size_t offset, size_t n)
{
	uint64_t v = 0;

	if (offset > size || n > size - offset)
		fail("field", "outside the file");
	for (size_t i = n; i--; )
		v = v << 8 | data[offset + i];
	return v;
}

static void put(size_t offset, size_t n, uint64_t v)
{
	if (offset > size || n > size - offset)
		fail("field", "outside the file");
	for (size_t i = 0; i < n; i++)
		data[offset + i] = (unsigned char)(v >> (8 * i));
}

static void load(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		fail(path, "cannot read");
	size = (size_t)n;
	data = malloc(size ? size : 1);
	if (!data || fread(data, 1, size, f) != size)
		fail(path, "cannot read");
	fclose(f);
}

static const struct field *lookup(const char *name, size_t *base)
{
	const struct field *table = ehdr_fields;
	size_t count = sizeof(ehdr_fields) / sizeof(ehdr_fields[0]);

	*base = 0;
	if (strncmp(name, "ph", 2) == 0 && name[2] >= '0' && name[2] <= '9') {
		char *dot;
		unsigned long index = strtoul(name + 2, &dot, 10);

		if (*dot != '.')
			fail(name, "unknown field");
		*base = (size_t)(get(offsetof(Elf64_Ehdr, e_phoff), 8) + index * sizeof(Elf64_Phdr));
		name = dot + 1;
		table = phdr_fields;
		count = sizeof(phdr_fields) / sizeof(phdr_fields[0]);
	}
	for (size_t i = 0; i < count; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	fail(name, "unknown field");
	return NULL;
}

int main(int argc, char **argv)
{
	const struct field *f;
	size_t base;

	if (argc >= 4 && strcmp(argv[1], "set") == 0) {
		FILE *out;

		load(argv[2]);
		for (int i = 4; i < argc; i++) {
			char *eq = strchr(argv[i], '=');
			char *end;
			uint64_t v;

			if (!eq)
				fail(argv[i], "expected FIELD=VALUE");
			*eq = '\0';
			v = strtoull(eq + 1, &end, 0);
			if (*end || end == eq + 1)
				fail(eq + 1, "not a number");
			f = lookup(argv[i], &base);
			put(base + f->offset, f->size, v);
		}
		out = fopen(argv[3], "wb");
		if (!out || fwrite(data, 1, size, out) != size || fclose(out) != 0)
			fail(argv[3], "cannot write");
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "get") == 0) {
		load(argv[2]);
		f = lookup(argv[3], &base);
		printf("%llu\n", (unsigned long long)get(base + f->offset, f->size));
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "dump") == 0) {
		char name[32];
		uint64_t offset, filesz;

		load(argv[2]);
		snprintf(name, sizeof(name), "ph%s.offset", argv[3]);
		f = lookup(name, &base);
		offset = get(base + f->offset, f->size);
		filesz = get(base + offsetof(Elf64_Phdr, p_filesz), 8);
		if (offset > size || filesz > size - offset)
			fail(argv[3], "segment outside the file");
		if (fwrite(data + offset, 1, (size_t)filesz, stdout) != filesz || fflush(stdout) != 0)
			fail("stdout", "cannot write");
		return 0;
	}
	fprintf(stderr, "usage: patchelf set IN OUT FIELD=VALUE... | get IN FIELD | dump IN N\n");
	return 2;
}
