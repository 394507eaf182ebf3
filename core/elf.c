/* Kernel ELF validation (elf.h, boot protocol section 1). Pure logic. */
#include "elf.h"
#include "elf64.h"
#include "arch.h"
#include "longboot.h"

#define EHDR_BYTES        ((uint64_t)sizeof(Elf64_Ehdr))
#define PHDR_BYTES        ((uint64_t)sizeof(Elf64_Phdr))
#define EHDR32_BYTES      ((uint64_t)sizeof(Elf32_Ehdr))
#define PHDR32_BYTES      ((uint64_t)sizeof(Elf32_Phdr))
/* Highest last byte whose end, rounded up to a page, is still a 64-bit number. */
#define LAST_MAPPABLE     0xFFFFFFFFFFFFEFFFULL

#define STR(x)  #x
#define XSTR(x) STR(x)

static const unsigned char elf_magic[4] = { 0x7F, 'E', 'L', 'F' };

static const char *const error_text[ELF_ERR_COUNT] = {
	[ELF_OK]               = "no error",
	[ELF_ERR_TRUNCATED]    = "ELF header or program header table is cut short",
	[ELF_ERR_MAGIC]        = "not an ELF file",
	[ELF_ERR_CLASS]        = "not a 64-bit ELF file",
	[ELF_ERR_CLASS_MB]     = "neither a 32-bit nor a 64-bit ELF file",
	[ELF_ERR_ENDIAN]       = "not a little-endian ELF file",
	[ELF_ERR_TYPE]         = "not an executable (e_type is not ET_EXEC)",
	[ELF_ERR_MACHINE]      = "not an x86-64 file (e_machine is not EM_X86_64)",
	[ELF_ERR_MACHINE_MB]   = "not an x86 file (e_machine is not EM_386 or EM_X86_64)",
	[ELF_ERR_PHENTSIZE]    = "e_phentsize is not 56 (32 in a 32-bit file)",
	[ELF_ERR_NO_SEGMENTS]  = "no PT_LOAD segment with p_memsz above 0",
	[ELF_ERR_TOO_MANY]     = "more than " XSTR(ELF_MAX_SEGMENTS) " PT_LOAD segments",
	[ELF_ERR_PADDR_LOW]    = "p_paddr is below 1 MiB",
	[ELF_ERR_FILESZ]       = "p_filesz is larger than p_memsz",
	[ELF_ERR_FILE_RANGE]   = "p_offset + p_filesz is past the end of the file",
	[ELF_ERR_PHYS_OVERLAP] = "overlaps an earlier segment physically",
	[ELF_ERR_VIRT_OVERLAP] = "overlaps an earlier segment virtually or shares a page with it at another physical page",
	[ELF_ERR_NONCANONICAL] = "p_vaddr to p_vaddr + p_memsz is not canonical or wraps",
	[ELF_ERR_VADDR]        = "p_vaddr is neither p_paddr nor at or above 0xffffffff80000000",
	[ELF_ERR_PAGE_OFFSET]  = "p_vaddr and p_paddr differ in their offset within a page",
	[ELF_ERR_ABOVE_4G]     = "p_paddr + p_memsz is above 4 GiB",
	[ELF_ERR_ENTRY]        = "e_entry is in no loaded segment",
};

const char *elf_error_text(enum elf_error err)
{
	if ((unsigned)err < ELF_ERR_COUNT && error_text[err])
		return error_text[err];
	return "unknown ELF error";
}

/* Whether [start, start + len) fits in [0, limit); never wraps. */
static int fits(uint64_t start, uint64_t len, uint64_t limit)
{
	return start <= limit && len <= limit - start;
}

static int overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
	return a < b_end && b < a_end;
}

static int multiboot(enum elf_rules rules)
{
	return rules == ELF_RULES_MULTIBOOT;
}

static enum elf_error check_ident(const unsigned char *id, uint64_t n, enum elf_rules rules)
{
	for (unsigned i = 0; i < sizeof(elf_magic) && i < n; i++)
		if (id[i] != elf_magic[i])
			return ELF_ERR_MAGIC;
	if (n > EI_CLASS && id[EI_CLASS] != ELFCLASS64 &&
	    !(multiboot(rules) && id[EI_CLASS] == ELFCLASS32))
		return multiboot(rules) ? ELF_ERR_CLASS_MB : ELF_ERR_CLASS;
	if (n > EI_DATA && id[EI_DATA] != ELFDATA2LSB)
		return ELF_ERR_ENDIAN;
	if (n < (n > EI_CLASS && id[EI_CLASS] == ELFCLASS32 ? EHDR32_BYTES : EHDR_BYTES))
		return ELF_ERR_TRUNCATED;
	return ELF_OK;
}

/* The ELF header's fields the checks use, from either class. */
static void read_ehdr(const unsigned char *head, Elf64_Ehdr *eh)
{
	if (head[EI_CLASS] == ELFCLASS64) {
		__builtin_memcpy(eh, head, sizeof(*eh));
		return;
	}
	Elf32_Ehdr e;
	__builtin_memcpy(&e, head, sizeof(e));
	__builtin_memcpy(eh->e_ident, e.e_ident, EI_NIDENT);
	eh->e_type = e.e_type;
	eh->e_machine = e.e_machine;
	eh->e_entry = e.e_entry;
	eh->e_phoff = e.e_phoff;
	eh->e_phentsize = e.e_phentsize;
	eh->e_phnum = e.e_phnum;
}

static void read_phdr(const unsigned char *head, const Elf64_Ehdr *eh, unsigned i, Elf64_Phdr *ph)
{
	if (eh->e_ident[EI_CLASS] == ELFCLASS64) {
		__builtin_memcpy(ph, head + eh->e_phoff + i * PHDR_BYTES, sizeof(*ph));
		return;
	}
	Elf32_Phdr p;
	__builtin_memcpy(&p, head + eh->e_phoff + i * PHDR32_BYTES, sizeof(p));
	ph->p_type = p.p_type;
	ph->p_flags = p.p_flags;
	ph->p_offset = p.p_offset;
	ph->p_vaddr = p.p_vaddr;
	ph->p_paddr = p.p_paddr;
	ph->p_filesz = p.p_filesz;
	ph->p_memsz = p.p_memsz;
	ph->p_align = p.p_align;
}

static enum elf_error check_ehdr(const Elf64_Ehdr *eh, uint64_t avail, enum elf_rules rules)
{
	int is64 = eh->e_ident[EI_CLASS] == ELFCLASS64;
	uint64_t phdr_bytes = is64 ? PHDR_BYTES : PHDR32_BYTES;

	if (eh->e_type != ET_EXEC)
		return ELF_ERR_TYPE;
	if (eh->e_machine != (is64 ? EM_X86_64 : EM_386))
		return multiboot(rules) ? ELF_ERR_MACHINE_MB : ELF_ERR_MACHINE;
	if (eh->e_phnum == 0)
		return ELF_ERR_NO_SEGMENTS;
	if (eh->e_phentsize != phdr_bytes)
		return ELF_ERR_PHENTSIZE;
	if (!fits(eh->e_phoff, eh->e_phnum * phdr_bytes, avail))
		return ELF_ERR_TRUNCATED;
	return ELF_OK;
}

/*
 * The virtual range must lie in one canonical half (Intel SDM vol. 1,
 * 3.3.7.1) and its end, rounded up to a page, must not wrap to 0.
 */
static int canonical_range(uint64_t vaddr, uint64_t memsz)
{
	uint64_t last;

	if (vaddr > LAST_MAPPABLE || memsz - 1 > LAST_MAPPABLE - vaddr)
		return 0;
	last = vaddr + (memsz - 1);
	return last < LOW_HALF_END || vaddr >= HIGH_HALF_START;
}

static enum elf_error check_segment(const Elf64_Phdr *ph, uint64_t file_bytes, enum elf_rules rules)
{
	if (ph->p_filesz > ph->p_memsz)
		return ELF_ERR_FILESZ;
	if (!fits(ph->p_offset, ph->p_filesz, file_bytes))
		return ELF_ERR_FILE_RANGE;
	if (ph->p_memsz == 0)
		return ELF_OK;
	if (ph->p_paddr < LONGBOOT_MIN_PADDR)
		return ELF_ERR_PADDR_LOW;
	if (!fits(ph->p_paddr, ph->p_memsz, FOUR_GIB))
		return ELF_ERR_ABOVE_4G;
	if (multiboot(rules))
		return ELF_OK; /* the kernel runs without paging: virtual addresses are its own */
	if (!canonical_range(ph->p_vaddr, ph->p_memsz))
		return ELF_ERR_NONCANONICAL;
	if (ph->p_vaddr != ph->p_paddr && ph->p_vaddr < LONGBOOT_HIGHER_HALF)
		return ELF_ERR_VADDR;
	if ((ph->p_vaddr & PAGE_MASK) != (ph->p_paddr & PAGE_MASK))
		return ELF_ERR_PAGE_OFFSET;
	return ELF_OK;
}

static int higher_half(const struct elf_segment *s)
{
	return s->vaddr >= LONGBOOT_HIGHER_HALF;
}

/*
 * Higher-half segments are mapped with 4 KiB pages, so two of them that
 * share a virtual page must put it at the same physical page.
 */
static int page_conflict(const struct elf_segment *a, const struct elf_segment *b)
{
	uint64_t a_first = a->vaddr & ~PAGE_MASK, a_last = (a->vaddr + a->memsz - 1) & ~PAGE_MASK;
	uint64_t b_first = b->vaddr & ~PAGE_MASK, b_last = (b->vaddr + b->memsz - 1) & ~PAGE_MASK;

	if (!higher_half(a) || !higher_half(b))
		return 0;
	if (a_first > b_last || b_first > a_last)
		return 0;
	return a->vaddr - a->paddr != b->vaddr - b->paddr;
}

static enum elf_error check_disjoint(const struct elf_kernel *k, const struct elf_segment *s,
				     enum elf_rules rules)
{
	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *o = &k->seg[i];
		if (overlaps(s->paddr, s->paddr + s->memsz, o->paddr, o->paddr + o->memsz))
			return ELF_ERR_PHYS_OVERLAP;
	}
	for (uint32_t i = 0; i < k->count && !multiboot(rules); i++) {
		const struct elf_segment *o = &k->seg[i];
		if (overlaps(s->vaddr, s->vaddr + s->memsz, o->vaddr, o->vaddr + o->memsz) ||
		    page_conflict(s, o))
			return ELF_ERR_VIRT_OVERLAP;
	}
	return ELF_OK;
}

static int entry_in_segment(const struct elf_kernel *k)
{
	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *s = &k->seg[i];
		if (k->entry >= s->vaddr && k->entry - s->vaddr < s->memsz)
			return 1;
	}
	return 0;
}

/*
 * A Multiboot kernel starts with paging off: an entry inside a segment's
 * virtual range is moved to the same place in its physical copy (kernels
 * linked high give a virtual e_entry), any other is taken as physical.
 */
static int entry_to_physical(struct elf_kernel *k)
{
	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *s = &k->seg[i];
		if (k->entry >= s->vaddr && k->entry - s->vaddr < s->memsz) {
			k->entry = s->paddr + (k->entry - s->vaddr);
			return 1;
		}
	}
	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *s = &k->seg[i];
		if (k->entry >= s->paddr && k->entry - s->paddr < s->memsz)
			return 1;
	}
	return 0;
}

static enum elf_error parse(const unsigned char *head, uint64_t avail, uint64_t file_bytes,
			    enum elf_rules rules, struct elf_kernel *k, int *bad_phdr)
{
	Elf64_Ehdr eh;
	enum elf_error err;

	*bad_phdr = -1;
	err = check_ident(head, avail, rules);
	if (err)
		return err;
	read_ehdr(head, &eh);
	err = check_ehdr(&eh, avail, rules);
	if (err)
		return err;

	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		struct elf_segment *s;

		read_phdr(head, &eh, i, &ph);
		if (ph.p_type != PT_LOAD)
			continue;
		*bad_phdr = (int)i;
		err = check_segment(&ph, file_bytes, rules);
		if (err)
			return err;
		if (ph.p_memsz == 0)
			continue;
		if (k->count == ELF_MAX_SEGMENTS)
			return ELF_ERR_TOO_MANY;
		s = &k->seg[k->count];
		s->offset = ph.p_offset;
		s->vaddr = ph.p_vaddr;
		s->paddr = ph.p_paddr;
		s->filesz = ph.p_filesz;
		s->memsz = ph.p_memsz;
		s->flags = ph.p_flags & (PF_R | PF_W | PF_X);
		s->phdr_index = i;
		err = check_disjoint(k, s, rules);
		if (err)
			return err;
		if (k->count == 0 || s->paddr < k->phys_base)
			k->phys_base = s->paddr;
		if (s->paddr + s->memsz > k->phys_end)
			k->phys_end = s->paddr + s->memsz;
		k->count++;
	}
	*bad_phdr = -1;

	if (k->count == 0)
		return ELF_ERR_NO_SEGMENTS;
	k->entry = eh.e_entry;
	if (multiboot(rules) ? !entry_to_physical(k) : !entry_in_segment(k))
		return ELF_ERR_ENTRY;
	return ELF_OK;
}

enum elf_error elf_parse_rules(const void *head, size_t head_bytes, uint64_t file_bytes,
			       enum elf_rules rules, struct elf_kernel *k, int *bad_phdr)
{
	uint64_t avail = head_bytes < file_bytes ? head_bytes : file_bytes;
	int ignored;
	enum elf_error err;

	__builtin_memset(k, 0, sizeof(*k));
	err = parse(head, avail, file_bytes, rules, k, bad_phdr ? bad_phdr : &ignored);
	if (err)
		__builtin_memset(k, 0, sizeof(*k));
	return err;
}

enum elf_error elf_parse(const void *head, size_t head_bytes, uint64_t file_bytes,
			 struct elf_kernel *k, int *bad_phdr)
{
	return elf_parse_rules(head, head_bytes, file_bytes, ELF_RULES_LONGBOOT, k, bad_phdr);
}

uint64_t elf_head_bytes(const void *ehdr)
{
	const unsigned char *id = ehdr;
	Elf64_Ehdr eh;
	uint64_t table, ehdr_bytes = id[EI_CLASS] == ELFCLASS32 ? EHDR32_BYTES : EHDR_BYTES;

	read_ehdr(ehdr, &eh);
	table = (uint64_t)eh.e_phnum * eh.e_phentsize;
	if (eh.e_phoff > UINT64_MAX - table)
		return UINT64_MAX;
	if (eh.e_phoff + table < ehdr_bytes)
		return ehdr_bytes;
	return eh.e_phoff + table;
}

void elf_section_read(const void *sh, int is64, struct elf_section *s)
{
	if (is64) {
		Elf64_Shdr e;
		__builtin_memcpy(&e, sh, sizeof(e));
		*s = (struct elf_section){ e.sh_type, e.sh_flags, e.sh_addr, e.sh_offset, e.sh_size };
	} else {
		Elf32_Shdr e;
		__builtin_memcpy(&e, sh, sizeof(e));
		*s = (struct elf_section){ e.sh_type, e.sh_flags, e.sh_addr, e.sh_offset, e.sh_size };
	}
}

void elf_section_write(void *sh, int is64, const struct elf_section *s)
{
	if (is64) {
		Elf64_Shdr e;
		__builtin_memcpy(&e, sh, sizeof(e));
		e.sh_addr = s->addr;
		e.sh_offset = s->offset;
		__builtin_memcpy(sh, &e, sizeof(e));
	} else {
		Elf32_Shdr e;
		__builtin_memcpy(&e, sh, sizeof(e));
		e.sh_addr = (uint32_t)s->addr;
		e.sh_offset = (uint32_t)s->offset;
		__builtin_memcpy(sh, &e, sizeof(e));
	}
}

int elf_video_note(const void *notes, size_t bytes, uint32_t wh_bpp[3])
{
	static const char name[] = LONGBOOT_NOTE_NAME;
	const unsigned char *p = notes;
	size_t at = 0;

	while (bytes - at >= 12) {
		uint32_t namesz, descsz, type;
		__builtin_memcpy(&namesz, p + at, 4);
		__builtin_memcpy(&descsz, p + at + 4, 4);
		__builtin_memcpy(&type, p + at + 8, 4);
		uint64_t name_at = at + 12, desc_at = name_at + ALIGN_UP((uint64_t)namesz, 4);
		uint64_t end = desc_at + ALIGN_UP((uint64_t)descsz, 4);
		if (end > bytes)
			return 0; /* not a run of notes: nothing of longboot's in it */
		if (namesz == sizeof(name) && __builtin_memcmp(p + name_at, name, sizeof(name)) == 0 &&
		    type == LONGBOOT_NOTE_VIDEO) {
			if (descsz != 12)
				return -1;
			__builtin_memcpy(wh_bpp, p + desc_at, 12);
			return 1;
		}
		at = (size_t)end;
	}
	return 0;
}

int elf_section_kept(const struct elf_section *s)
{
	return !(s->flags & SHF_ALLOC) && (s->type == SHT_SYMTAB || s->type == SHT_STRTAB) && s->size > 0;
}
