/*
 * The ELF section headers the loader passes (Multiboot 1 flags bit 5,
 * Multiboot2 tag 9, whose fields GRUB lays out as u32 num, entsize, shndx):
 * the kernel finds its own .symtab and .strtab through them, at the
 * addresses the loader loaded them to, and looks up a symbol it knows.
 *
 * Sections the kernel's segments hold (SHF_ALLOC) keep their link
 * address, which for the ELF64 kernel is virtual (physical + 0xFFFFFFFF80000000);
 * the others are where the loader put them, physical.
 */
#include "mbconf.h"

#define PROBE_SYMBOL "mbconf_data_pattern"

struct shdr {
	uint32_t name, type, link;
	uint64_t flags, addr, size;
};

static int elf64(void)
{
	return (boot.v->flags & V_ELF64) != 0;
}

static uint64_t vma_offset(void)
{
	return (uint64_t)boot.v->vma_hi << 32 | boot.v->vma_lo;
}

static struct shdr section(uint32_t i)
{
	uint32_t a = boot.elf_shdrs + i * boot.elf_entsize;
	struct shdr s;
	s.name = rd32(a);
	s.type = rd32(a + 4);
	if (elf64()) {
		s.flags = rd64(a + 8);
		s.addr = rd64(a + 16);
		s.size = rd64(a + 32);
		s.link = rd32(a + 40);
	} else {
		s.flags = rd32(a + 8);
		s.addr = rd32(a + 12);
		s.size = rd32(a + 20);
		s.link = rd32(a + 24);
	}
	return s;
}

/* Where a section's bytes are in physical memory; 0 when not loaded or not reachable. */
static uint32_t section_phys(const struct shdr *s)
{
	uint64_t a = s->addr;
	if (s->flags & SHF_ALLOC)
		a -= vma_offset();
	if (a == 0 || a + s->size > 0x100000000ULL)
		return 0;
	return (uint32_t)a;
}

static int headers_usable(void)
{
	uint32_t want = elf64() ? ELF64_SHDR_SIZE : ELF32_SHDR_SIZE;
	return boot.elf_present && boot.elf_entsize == want && boot.elf_num > 0 && boot.elf_num < 1024 &&
	       boot.elf_shndx < boot.elf_num;
}

void elf_add_objects(void)
{
	if (!headers_usable())
		return;
	for (uint32_t i = 0; i < boot.elf_num; i++) {
		struct shdr s = section(i);
		if (!(s.flags & SHF_ALLOC) && s.size && s.addr)
			add_object("ELF section", i, s.addr, s.addr + s.size);
	}
}

/* Compares the NUL-terminated string at physical a (within max bytes) with want. */
static int string_at_is(uint32_t a, uint32_t max, const char *want)
{
	for (uint32_t i = 0; i < max; i++) {
		if (rd8(a + i) != (uint8_t)want[i])
			return 0;
		if (!want[i])
			return 1;
	}
	return 0;
}

static int find_section(const char *name, struct shdr *out, const struct shdr *shstrtab, uint32_t shstr)
{
	for (uint32_t i = 0; i < boot.elf_num; i++) {
		struct shdr s = section(i);
		if (s.name < shstrtab->size && string_at_is(shstr + s.name, (uint32_t)(shstrtab->size - s.name), name)) {
			*out = s;
			return 1;
		}
	}
	return 0;
}

static void check_sections(int expected, struct shdr *shstrtab, uint32_t *shstr)
{
	struct check c;
	const char *where = boot.v->protocol == 1 ? "flags bit 5" : "tag 9";
	uint32_t want_size = elf64() ? ELF64_SHDR_SIZE : ELF32_SHDR_SIZE;

	*shstr = 0;
	check_begin(&c, "elf-sections");
	if (!expected) {
		expect(&c, !boot.elf_present, "ELF sections given (%s), expect-elf-sections=0", where);
		check_note(&c, "none, as expect-elf-sections=0 says");
		check_end(&c);
		return;
	}
	if (!expect(&c, boot.elf_present, "no ELF sections (%s)", where)) {
		check_end(&c);
		return;
	}
	expect(&c, boot.elf_entsize == want_size, "entsize %u, not %u", boot.elf_entsize, want_size);
	expect(&c, boot.elf_num > 0 && boot.elf_num < 1024, "num %u", boot.elf_num);
	expect(&c, boot.elf_shndx < boot.elf_num, "shndx %u is not below num %u", boot.elf_shndx, boot.elf_num);
	if (boot.v->protocol == 2)
		expect(&c, boot.elf_tag_size == 20 + boot.elf_num * boot.elf_entsize,
		       "tag size %u, not 20 + num %u * entsize %u (u32 num, entsize, shndx)", boot.elf_tag_size,
		       boot.elf_num, boot.elf_entsize);
	if (headers_usable()) {
		*shstrtab = section(boot.elf_shndx);
		*shstr = section_phys(shstrtab);
		if (expect(&c, *shstr != 0, "the section name table (section %u) was not loaded (sh_addr 0x%llx)",
			   boot.elf_shndx, shstrtab->addr)) {
			struct shdr text;
			if (expect(&c, find_section(".text", &text, shstrtab, *shstr), "no section named .text"))
				expect(&c, text.addr == boot.image_start + vma_offset(),
				       ".text has sh_addr 0x%llx, the kernel's image starts at 0x%llx", text.addr,
				       boot.image_start + vma_offset());
		}
	}
	check_note(&c, "%u headers of %u bytes at 0x%x, shndx %u", boot.elf_num, boot.elf_entsize, boot.elf_shdrs,
		   boot.elf_shndx);
	check_end(&c);
}

static void check_symbol(const struct shdr *shstrtab, uint32_t shstr)
{
	struct check c;
	struct shdr symtab, strtab;
	uint64_t want = (uint64_t)(uintptr_t)mbconf_data_pattern + vma_offset(), value = 0, size = 0;
	uint32_t entsize = elf64() ? ELF64_SYM_SIZE : ELF32_SYM_SIZE;
	int found = 0;

	check_begin(&c, "elf-symbol");
	if (!expect(&c, shstr != 0, "no usable section headers") ||
	    !expect(&c, find_section(".symtab", &symtab, shstrtab, shstr), "no section named .symtab")) {
		check_end(&c);
		return;
	}
	expect(&c, symtab.type == SHT_SYMTAB, ".symtab has type %u, not SHT_SYMTAB", symtab.type);
	uint32_t syms = section_phys(&symtab), strs = 0;
	expect(&c, syms != 0, ".symtab was not loaded (sh_addr 0x%llx)", symtab.addr);
	if (expect(&c, symtab.link < boot.elf_num, ".symtab's sh_link %u is not a section", symtab.link)) {
		strtab = section(symtab.link);
		strs = section_phys(&strtab);
		expect(&c, strs != 0, "its string table (section %u) was not loaded (sh_addr 0x%llx)", symtab.link,
		       strtab.addr);
	}
	if (syms && strs) {
		for (uint64_t off = 0; off + entsize <= symtab.size && !found; off += entsize) {
			uint32_t a = syms + (uint32_t)off, name = rd32(a);
			if (name >= strtab.size || !string_at_is(strs + name, (uint32_t)(strtab.size - name), PROBE_SYMBOL))
				continue;
			found = 1;
			value = elf64() ? rd64(a + 8) : rd32(a + 4);
			size = elf64() ? rd64(a + 16) : rd32(a + 8);
		}
		if (expect(&c, found, "no symbol " PROBE_SYMBOL " in .symtab"))
			expect(&c, value == want && size == mbconf_pattern_table[2],
			       PROBE_SYMBOL " is 0x%llx (%llu bytes), expected 0x%llx (%u bytes)", value, size, want,
			       mbconf_pattern_table[2]);
	}
	check_note(&c, PROBE_SYMBOL " = 0x%llx, symbols at 0x%x, strings at 0x%x", value, syms, strs);
	check_end(&c);
}

void check_elf(void)
{
	struct shdr shstrtab = { 0 };
	uint32_t shstr = 0;
	int expected = boot.expect.elf_sections != 0;

	if (!(boot.v->flags & V_ELF))
		return;
	check_sections(expected, &shstrtab, &shstr);
	if (expected)
		check_symbol(&shstrtab, shstr);
}
