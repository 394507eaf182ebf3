/* Kernel ELF validation (stage2/elf.c) against boot protocol section 1. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "unit.h"
#include "fixtures.h"
#include "elf.h"

#define HH 0xFFFFFFFF80000000ULL

static struct elf_kernel k;
static int bad;

/* Parses exactly head_bytes bytes in their own allocation, so ASan sees any read past them. */
static enum elf_error parse_bytes(const unsigned char *data, size_t head_bytes, uint64_t file_bytes)
{
	unsigned char *copy = malloc(head_bytes ? head_bytes : 1);
	enum elf_error err;

	memcpy(copy, data, head_bytes);
	bad = 12345;
	err = elf_parse(copy, head_bytes, file_bytes, &k, &bad);
	free(copy);
	return err;
}

static enum elf_error parse_fx(const struct elf_fixture *f)
{
	static unsigned char buf[0x4000];
	return parse_bytes(buf, fx_elf_write(f, buf, sizeof(buf)), f->file_bytes);
}

#define EXPECT(f, err, idx) do { \
		CHECK_EQ(parse_fx(f), err); \
		CHECK_EQ(bad, idx); \
	} while (0)

static void valid_higher_half(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	EXPECT(&f, ELF_OK, -1);
	CHECK_EQ(k.entry, 0xFFFFFFFF80100040ULL);
	CHECK_EQ(k.count, 3);
	CHECK_EQ(k.phys_base, 0x100000);
	CHECK_EQ(k.phys_end, 0x108000);
	CHECK_EQ(k.seg[0].phdr_index, 0);
	CHECK_EQ(k.seg[1].phdr_index, 2);
	CHECK_EQ(k.seg[2].phdr_index, 3);
	CHECK_EQ(k.seg[0].offset, 0x1000);
	CHECK_EQ(k.seg[0].vaddr, 0xFFFFFFFF80100000ULL);
	CHECK_EQ(k.seg[0].paddr, 0x100000);
	CHECK_EQ(k.seg[0].filesz, 0x2345);
	CHECK_EQ(k.seg[0].memsz, 0x2345);
	CHECK_EQ(k.seg[0].flags, PF_R | PF_X);
	CHECK_EQ(k.seg[2].filesz, 0x100);
	CHECK_EQ(k.seg[2].memsz, 0x3000);
	CHECK_EQ(k.seg[2].flags, PF_R | PF_W);

	/* A null bad_phdr is allowed. */
	{
		unsigned char buf[0x400];
		size_t n = fx_elf_write(&f, buf, sizeof(buf));
		CHECK_EQ(elf_parse(buf, n, f.file_bytes, &k, NULL), ELF_OK);
	}
}

static void valid_identity(void)
{
	struct elf_fixture f;

	fx_elf_identity(&f);
	EXPECT(&f, ELF_OK, -1);
	CHECK_EQ(k.count, 2);
	CHECK_EQ(k.entry, 0x200000);
	CHECK_EQ(k.phys_base, 0x200000);
	CHECK_EQ(k.phys_end, 0x221000);
	CHECK_EQ(k.seg[1].vaddr, 0x201000);
	CHECK_EQ(k.seg[1].paddr, 0x201000);
}

static void valid_variants(void)
{
	struct elf_fixture f;

	/* Program headers after a gap, segments out of address order, a segment ending at 4 GiB. */
	fx_elf_higher_half(&f);
	f.eh.e_phoff = 0x300;
	f.ph[0].p_paddr = 0xFFFFD000;
	f.ph[0].p_vaddr = HH + 0x3FFFD000;
	f.ph[0].p_memsz = f.ph[0].p_filesz = 0x3000;
	f.eh.e_entry = f.ph[0].p_vaddr;
	EXPECT(&f, ELF_OK, -1);
	CHECK_EQ(k.phys_base, 0x104000);
	CHECK_EQ(k.phys_end, 0x100000000ULL);

	/* Higher-half segments sharing a page onto the same physical page. */
	fx_elf_higher_half(&f);
	f.ph[2].p_vaddr = 0xFFFFFFFF80102345ULL;
	f.ph[2].p_paddr = 0x102345;
	EXPECT(&f, ELF_OK, -1);

	/* A PT_LOAD with p_memsz 0 is skipped, wherever it points. */
	fx_elf_higher_half(&f);
	f.ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_vaddr = 0x1234, .p_paddr = 0, .p_offset = 0x10 };
	EXPECT(&f, ELF_OK, -1);
	CHECK_EQ(k.count, 3);

	/* Other types are ignored, whatever their fields hold. */
	fx_elf_higher_half(&f);
	f.ph[1] = (Elf64_Phdr){ .p_type = 4, .p_offset = ~0ULL, .p_filesz = ~0ULL, .p_vaddr = 1 };
	EXPECT(&f, ELF_OK, -1);

	/* Flags other than R/W/X are dropped from the segment list. */
	fx_elf_higher_half(&f);
	f.ph[0].p_flags |= 0x00F00000;
	EXPECT(&f, ELF_OK, -1);
	CHECK_EQ(k.seg[0].flags, PF_R | PF_X);

	/* Entry at the last byte of a segment. */
	fx_elf_identity(&f);
	f.eh.e_entry = 0x220FFF;
	EXPECT(&f, ELF_OK, -1);

	/* Exactly ELF_MAX_SEGMENTS segments. */
	fx_elf_identity(&f);
	f.eh.e_phnum = ELF_MAX_SEGMENTS;
	for (int i = 0; i < ELF_MAX_SEGMENTS; i++)
		f.ph[i] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_vaddr = 0x200000 + i * 0x1000,
					.p_paddr = 0x200000 + i * 0x1000, .p_memsz = 0x1000 };
	EXPECT(&f, ELF_OK, -1);
	CHECK_EQ(k.count, ELF_MAX_SEGMENTS);
}

static void head_bytes(void)
{
	struct elf_fixture f;
	unsigned char buf[0x400];

	fx_elf_higher_half(&f);
	fx_elf_write(&f, buf, sizeof(buf));
	CHECK_EQ(elf_head_bytes(buf), 64 + 4 * 56);
	f.eh.e_phoff = 0x1000;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(elf_head_bytes(buf), 0x1000 + 4 * 56);
	f.eh.e_phnum = 0;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(elf_head_bytes(buf), 0x1000);
	f.eh.e_phoff = 0;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(elf_head_bytes(buf), 64);
	f.eh.e_phoff = ~0ULL - 100;
	f.eh.e_phnum = 2;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(elf_head_bytes(buf), ~0ULL);
	f.eh.e_phoff = ~0ULL - 112;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(elf_head_bytes(buf), ~0ULL);
	f.eh.e_phoff = 16;
	f.eh.e_phnum = 0xFFFF;
	f.eh.e_phentsize = 0xFFFF;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(elf_head_bytes(buf), 16 + 0xFFFFULL * 0xFFFF);
}

static void err_truncated(void)
{
	struct elf_fixture f;
	unsigned char buf[0x400];
	size_t n;

	fx_elf_higher_half(&f);
	n = fx_elf_write(&f, buf, sizeof(buf));
	CHECK_EQ(parse_bytes(buf, 0, f.file_bytes), ELF_ERR_TRUNCATED);
	CHECK_EQ(parse_bytes(buf, 4, f.file_bytes), ELF_ERR_TRUNCATED);
	CHECK_EQ(parse_bytes(buf, 40, f.file_bytes), ELF_ERR_TRUNCATED);
	CHECK_EQ(bad, -1);
	CHECK_EQ(parse_bytes(buf, 63, f.file_bytes), ELF_ERR_TRUNCATED);
	/* The last program header one byte short, in the head or in the file. */
	CHECK_EQ(parse_bytes(buf, n - 1, f.file_bytes), ELF_ERR_TRUNCATED);
	CHECK_EQ(parse_bytes(buf, n, n - 1), ELF_ERR_TRUNCATED);
	CHECK_EQ(parse_bytes(buf, n, 63), ELF_ERR_TRUNCATED);
	CHECK_EQ(parse_bytes(buf, n, 0), ELF_ERR_TRUNCATED);
	/* e_phoff so large that e_phoff + the table would wrap. */
	f.eh.e_phoff = ~0ULL - 8;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(parse_bytes(buf, n, f.file_bytes), ELF_ERR_TRUNCATED);
	f.eh.e_phoff = 0x8000;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(parse_bytes(buf, n, f.file_bytes), ELF_ERR_TRUNCATED);
	/* e_phnum = 0xFFFF (PN_XNUM) needs 3.6 MB of table. */
	fx_elf_higher_half(&f);
	f.eh.e_phnum = 0xFFFF;
	memcpy(buf, &f.eh, sizeof(f.eh));
	CHECK_EQ(parse_bytes(buf, sizeof(buf), ~0ULL), ELF_ERR_TRUNCATED);
	CHECK_EQ(bad, -1);
}

static void err_magic(void)
{
	struct elf_fixture f;
	unsigned char buf[0x400];
	size_t n;

	fx_elf_higher_half(&f);
	n = fx_elf_write(&f, buf, sizeof(buf));
	for (int i = 0; i < 4; i++) {
		buf[i] ^= 0x20;
		CHECK_EQ(parse_bytes(buf, n, f.file_bytes), ELF_ERR_MAGIC);
		CHECK_EQ(parse_bytes(buf, i + 1, f.file_bytes), ELF_ERR_MAGIC);
		CHECK_EQ(bad, -1);
		buf[i] ^= 0x20;
	}
	CHECK_EQ(parse_bytes((const unsigned char *)"MZ\x90\0", 4, 4), ELF_ERR_MAGIC);
}

static void err_class(void)
{
	struct elf_fixture f;
	unsigned char buf[0x400];
	size_t n;

	fx_elf_higher_half(&f);
	n = fx_elf_write(&f, buf, sizeof(buf));
	buf[EI_CLASS] = ELFCLASS32;
	CHECK_EQ(parse_bytes(buf, n, f.file_bytes), ELF_ERR_CLASS);
	/* A 16-byte e_ident is enough to say so; so is the class byte alone. */
	CHECK_EQ(parse_bytes(buf, EI_NIDENT, EI_NIDENT), ELF_ERR_CLASS);
	CHECK_EQ(parse_bytes(buf, EI_CLASS + 1, f.file_bytes), ELF_ERR_CLASS);
	buf[EI_CLASS] = 0;
	CHECK_EQ(parse_bytes(buf, n, f.file_bytes), ELF_ERR_CLASS);
	CHECK_EQ(bad, -1);
}

static void err_endian(void)
{
	struct elf_fixture f;
	unsigned char buf[0x400];
	size_t n;

	fx_elf_higher_half(&f);
	n = fx_elf_write(&f, buf, sizeof(buf));
	buf[EI_DATA] = 2; /* ELFDATA2MSB */
	CHECK_EQ(parse_bytes(buf, n, f.file_bytes), ELF_ERR_ENDIAN);
	CHECK_EQ(parse_bytes(buf, EI_NIDENT, EI_NIDENT), ELF_ERR_ENDIAN);
	CHECK_EQ(bad, -1);
}

static void err_type(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.eh.e_type = 3; /* ET_DYN: a PIE */
	EXPECT(&f, ELF_ERR_TYPE, -1);
	f.eh.e_type = 1; /* ET_REL */
	EXPECT(&f, ELF_ERR_TYPE, -1);
}

static void err_machine(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.eh.e_machine = 3; /* EM_386 */
	EXPECT(&f, ELF_ERR_MACHINE, -1);
	f.eh.e_machine = 183; /* EM_AARCH64 */
	EXPECT(&f, ELF_ERR_MACHINE, -1);
}

static void err_phentsize(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.eh.e_phentsize = 32;
	EXPECT(&f, ELF_ERR_PHENTSIZE, -1);
	f.eh.e_phentsize = 64;
	EXPECT(&f, ELF_ERR_PHENTSIZE, -1);
	f.eh.e_phentsize = 0;
	EXPECT(&f, ELF_ERR_PHENTSIZE, -1);
}

static void err_no_segments(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.eh.e_phnum = 0;
	EXPECT(&f, ELF_ERR_NO_SEGMENTS, -1);
	f.eh.e_phentsize = 0; /* what a file with no program headers says */
	EXPECT(&f, ELF_ERR_NO_SEGMENTS, -1);

	fx_elf_higher_half(&f);
	f.eh.e_phnum = 2;
	f.ph[0].p_type = 4; /* PT_NOTE */
	EXPECT(&f, ELF_ERR_NO_SEGMENTS, -1);

	fx_elf_higher_half(&f);
	for (int i = 0; i < 4; i++)
		if (f.ph[i].p_type == PT_LOAD)
			f.ph[i].p_memsz = f.ph[i].p_filesz = 0;
	EXPECT(&f, ELF_ERR_NO_SEGMENTS, -1);
}

static void err_too_many(void)
{
	struct elf_fixture f;

	fx_elf_identity(&f);
	f.eh.e_phnum = ELF_MAX_SEGMENTS + 2;
	for (int i = 0; i < ELF_MAX_SEGMENTS + 2; i++)
		f.ph[i] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_vaddr = 0x200000 + i * 0x1000,
					.p_paddr = 0x200000 + i * 0x1000, .p_memsz = 0x1000 };
	/* A skipped empty PT_LOAD does not count. */
	f.ph[5].p_memsz = 0;
	EXPECT(&f, ELF_ERR_TOO_MANY, ELF_MAX_SEGMENTS + 1);
}

static void err_paddr_low(void)
{
	struct elf_fixture f;

	fx_elf_identity(&f);
	f.ph[1].p_paddr = f.ph[1].p_vaddr = 0xFF000;
	EXPECT(&f, ELF_ERR_PADDR_LOW, 1);

	fx_elf_higher_half(&f);
	f.ph[3].p_paddr = 0x5000;
	EXPECT(&f, ELF_ERR_PADDR_LOW, 3);

	/* Exactly 1 MiB is allowed. */
	fx_elf_identity(&f);
	f.ph[1].p_paddr = f.ph[1].p_vaddr = 0x100000;
	EXPECT(&f, ELF_OK, -1);
}

static void err_filesz(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.ph[2].p_filesz = f.ph[2].p_memsz + 1;
	EXPECT(&f, ELF_ERR_FILESZ, 2);
	CHECK(strcmp(elf_error_text(ELF_ERR_FILESZ), "p_filesz is larger than p_memsz") == 0);

	/* Also for a PT_LOAD that would be skipped for its p_memsz of 0. */
	fx_elf_higher_half(&f);
	f.ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_filesz = 1 };
	EXPECT(&f, ELF_ERR_FILESZ, 1);
}

static void err_file_range(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.file_bytes -= 1;
	EXPECT(&f, ELF_ERR_FILE_RANGE, 3);

	/* p_offset + p_filesz wraps past 2^64. */
	fx_elf_higher_half(&f);
	f.ph[0].p_offset = ~0ULL - 8;
	EXPECT(&f, ELF_ERR_FILE_RANGE, 0);
	f.ph[0].p_offset = ~0ULL;
	f.ph[0].p_filesz = 1;
	EXPECT(&f, ELF_ERR_FILE_RANGE, 0);

	/* A file range inside the file is fine even past the head. */
	fx_elf_higher_half(&f);
	f.file_bytes = ~0ULL;
	f.ph[0].p_offset = ~0ULL - f.ph[0].p_filesz;
	EXPECT(&f, ELF_OK, -1);

	/* Checked for an empty PT_LOAD too. */
	fx_elf_higher_half(&f);
	f.ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = f.file_bytes + 1 };
	EXPECT(&f, ELF_ERR_FILE_RANGE, 1);
}

static void err_phys_overlap(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.ph[3].p_paddr = 0x104000 + 0x7FF; /* ph[2]'s last byte */
	f.ph[3].p_vaddr = HH + 0x200000 + 0x7FF;
	EXPECT(&f, ELF_ERR_PHYS_OVERLAP, 3);

	/* A later segment that covers an earlier one whole. */
	fx_elf_identity(&f);
	f.ph[1].p_paddr = 0x1FF000;
	f.ph[1].p_vaddr = HH + 0x1FF000;
	EXPECT(&f, ELF_ERR_PHYS_OVERLAP, 1);

	/* Touching is not overlapping. */
	fx_elf_higher_half(&f);
	f.ph[3].p_paddr = 0x104800;
	f.ph[3].p_vaddr = HH + 0x304800;
	EXPECT(&f, ELF_OK, -1);
}

static void err_virt_overlap(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.ph[3].p_vaddr = 0xFFFFFFFF801047FFULL;
	f.ph[3].p_paddr = 0x2007FF;
	EXPECT(&f, ELF_ERR_VIRT_OVERLAP, 3);

	/* No byte in common, but one virtual page that would need two physical pages. */
	fx_elf_higher_half(&f);
	f.ph[3].p_vaddr = 0xFFFFFFFF80104800ULL;
	f.ph[3].p_paddr = 0x200800;
	EXPECT(&f, ELF_ERR_VIRT_OVERLAP, 3);

	/* Identity segments are covered by the identity map: sharing a page is fine. */
	fx_elf_identity(&f);
	f.ph[0].p_memsz = f.ph[0].p_filesz = 0x800;
	f.ph[1].p_paddr = f.ph[1].p_vaddr = 0x200800;
	EXPECT(&f, ELF_OK, -1);
}

static void err_noncanonical(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.ph[2].p_vaddr = 0x0000800000104000ULL;
	EXPECT(&f, ELF_ERR_NONCANONICAL, 2);
	f.ph[2].p_vaddr = 0xFFFF7FFFFFFFF000ULL;
	EXPECT(&f, ELF_ERR_NONCANONICAL, 2);

	/* Wraps past 2^64. */
	fx_elf_higher_half(&f);
	f.ph[2].p_vaddr = 0xFFFFFFFFFFFFF000ULL;
	f.ph[2].p_memsz = 0x2000;
	EXPECT(&f, ELF_ERR_NONCANONICAL, 2);
	/* Ends at 2^64 exactly: the end is not a 64-bit number. */
	f.ph[2].p_memsz = 0x1000;
	f.ph[2].p_filesz = 0x800;
	EXPECT(&f, ELF_ERR_NONCANONICAL, 2);
	/* The page below is fine. */
	f.ph[2].p_vaddr = 0xFFFFFFFFFFFFE000ULL;
	f.ph[2].p_paddr = 0x110000;
	EXPECT(&f, ELF_OK, -1);
}

static void err_vaddr(void)
{
	struct elf_fixture f;

	fx_elf_identity(&f);
	f.ph[1].p_vaddr = 0x401000;
	EXPECT(&f, ELF_ERR_VADDR, 1);

	/* Canonical, in the upper half, but below -2 GiB. */
	fx_elf_higher_half(&f);
	f.ph[2].p_vaddr = 0xFFFF800000104000ULL;
	EXPECT(&f, ELF_ERR_VADDR, 2);
	f.ph[2].p_vaddr = HH - 0x1000;
	EXPECT(&f, ELF_ERR_VADDR, 2);
	f.ph[2].p_vaddr = HH;
	f.ph[2].p_paddr = 0x400000;
	EXPECT(&f, ELF_OK, -1);
}

static void err_page_offset(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.ph[2].p_vaddr += 0x10;
	EXPECT(&f, ELF_ERR_PAGE_OFFSET, 2);
	fx_elf_higher_half(&f);
	f.ph[2].p_paddr += 0x800;
	EXPECT(&f, ELF_ERR_PAGE_OFFSET, 2);
}

static void err_above_4g(void)
{
	struct elf_fixture f;

	fx_elf_identity(&f);
	f.ph[1].p_paddr = f.ph[1].p_vaddr = 0xFFFFF000;
	f.ph[1].p_memsz = 0x1001;
	EXPECT(&f, ELF_ERR_ABOVE_4G, 1);
	f.ph[1].p_paddr = f.ph[1].p_vaddr = 0x100000000ULL;
	f.ph[1].p_memsz = 0x1000;
	EXPECT(&f, ELF_ERR_ABOVE_4G, 1);

	/* paddr + memsz wraps to a small number. */
	fx_elf_higher_half(&f);
	f.ph[3].p_paddr = 0xFFFFFFFFFFFFF000ULL;
	f.ph[3].p_memsz = 0x2000;
	f.ph[3].p_vaddr = HH + 0x10000000;
	EXPECT(&f, ELF_ERR_ABOVE_4G, 3);
	f.ph[3].p_paddr = 0x200000;
	f.ph[3].p_memsz = ~0ULL;
	EXPECT(&f, ELF_ERR_ABOVE_4G, 3);
}

static void err_entry(void)
{
	struct elf_fixture f;

	fx_elf_higher_half(&f);
	f.eh.e_entry = 0x100040; /* the physical address, not the virtual one */
	EXPECT(&f, ELF_ERR_ENTRY, -1);
	f.eh.e_entry = 0xFFFFFFFF80102345ULL; /* one past the end of the text */
	EXPECT(&f, ELF_ERR_ENTRY, -1);
	f.eh.e_entry = 0;
	EXPECT(&f, ELF_ERR_ENTRY, -1);
	/* Not inside a skipped empty PT_LOAD either. */
	fx_elf_higher_half(&f);
	f.ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_vaddr = 0xFFFFFFFF80200000ULL,
				.p_paddr = 0x200000 };
	f.eh.e_entry = 0xFFFFFFFF80200000ULL;
	EXPECT(&f, ELF_ERR_ENTRY, -1);
}

/* The first problem in program-header order is reported, with the ELF header's before both. */
static void error_order(void)
{
	struct elf_fixture f;
	unsigned char buf[0x400];

	fx_elf_higher_half(&f);
	f.ph[3].p_filesz = f.ph[3].p_memsz + 1;
	f.ph[2].p_paddr = 0x1000;
	EXPECT(&f, ELF_ERR_PADDR_LOW, 2);
	f.eh.e_machine = 3;
	EXPECT(&f, ELF_ERR_MACHINE, -1);

	/* ELF32 in a head too short for an ELF64 header: the class, not truncation. */
	fx_elf_higher_half(&f);
	fx_elf_write(&f, buf, sizeof(buf));
	buf[EI_CLASS] = ELFCLASS32;
	CHECK_EQ(parse_bytes(buf, 52, 52), ELF_ERR_CLASS);

	/* Every failure leaves *k cleared. */
	fx_elf_higher_half(&f);
	f.eh.e_entry = 0;
	parse_fx(&f);
	CHECK_EQ(k.count, 0);
	CHECK_EQ(k.phys_base, 0);
	CHECK_EQ(k.seg[0].memsz, 0);
}

static void error_texts(void)
{
	for (int i = 0; i < ELF_ERR_COUNT; i++) {
		const char *t = elf_error_text(i);
		CHECK(t && t[0]);
		CHECK(t && (islower((unsigned char)t[0]) || strncmp(t, "ELF", 3) == 0));
		CHECK(t && t[strlen(t) - 1] != '.');
		for (int j = 0; j < i; j++)
			CHECK(strcmp(t, elf_error_text(j)) != 0);
	}
	CHECK(elf_error_text(ELF_ERR_COUNT) != NULL);
	CHECK(elf_error_text((enum elf_error)-1) != NULL);
	CHECK(strstr(elf_error_text(ELF_ERR_TOO_MANY), "32") != NULL);
}

int main(void)
{
	unit_suite("elf");
	RUN(valid_higher_half, "valid higher-half kernel");
	RUN(valid_identity, "valid identity-mapped kernel");
	RUN(valid_variants, "valid edge cases (gaps, shared page, empty PT_LOAD, 32 segments)");
	RUN(head_bytes, "elf_head_bytes, saturating");
	RUN(err_truncated, "truncated header or program headers, e_phoff near 2^64");
	RUN(err_magic, "bad magic");
	RUN(err_class, "ELF32 reports the class");
	RUN(err_endian, "big-endian");
	RUN(err_type, "e_type not ET_EXEC");
	RUN(err_machine, "e_machine not x86-64");
	RUN(err_phentsize, "e_phentsize not 56");
	RUN(err_no_segments, "no loadable segment");
	RUN(err_too_many, "too many segments");
	RUN(err_paddr_low, "p_paddr below 1 MiB");
	RUN(err_filesz, "p_filesz > p_memsz");
	RUN(err_file_range, "file range past the end, p_offset near 2^64");
	RUN(err_phys_overlap, "physical overlap");
	RUN(err_virt_overlap, "virtual overlap, shared page onto two frames");
	RUN(err_noncanonical, "non-canonical or wrapping virtual range");
	RUN(err_vaddr, "p_vaddr neither identity nor higher half");
	RUN(err_page_offset, "higher-half page offset mismatch");
	RUN(err_above_4g, "physical range above 4 GiB or wrapping");
	RUN(err_entry, "entry outside every segment");
	RUN(error_order, "most specific error first; k cleared on failure");
	RUN(error_texts, "error texts distinct lower-case phrases");
	return unit_done();
}
