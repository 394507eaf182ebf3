/*
 * ELF kernels: the ELF header and program headers read into one head
 * (program headers right after the ELF header), checked with the loader's
 * own elf_parse_rules(), for either ELF class.
 */
#include <string.h>

#include "elf.h"
#include "mkimage.h"

static _Noreturn void elf_die(const char *path, enum elf_error err, int bad_phdr)
{
	if (bad_phdr >= 0)
		die(path, "program header %d: %s", bad_phdr, elf_error_text(err));
	die(path, "%s", elf_error_text(err));
}

enum elf_rules kernel_rules(const struct kernel *k)
{
	return k->protocol == LB_PROTO_LONGBOOT ? ELF_RULES_LONGBOOT : ELF_RULES_MULTIBOOT;
}

static size_t ehdr_bytes(const struct kernel *k)
{
	return k->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
}

static size_t phdr_bytes(const struct kernel *k)
{
	return k->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
}

void elf_phdr_get(const struct kernel *k, unsigned i, Elf64_Phdr *ph)
{
	const unsigned char *at = k->head + ehdr_bytes(k) + i * phdr_bytes(k);

	if (k->is64) {
		memcpy(ph, at, sizeof(*ph));
		return;
	}
	Elf32_Phdr p;
	memcpy(&p, at, sizeof(p));
	*ph = (Elf64_Phdr){ p.p_type, p.p_flags, p.p_offset, p.p_vaddr, p.p_paddr,
			    p.p_filesz, p.p_memsz, p.p_align };
}

void elf_phdr_set(struct kernel *k, unsigned i, const Elf64_Phdr *ph)
{
	unsigned char *at = k->head + ehdr_bytes(k) + i * phdr_bytes(k);

	if (k->is64) {
		memcpy(at, ph, sizeof(*ph));
		return;
	}
	Elf32_Phdr p = { ph->p_type, (uint32_t)ph->p_offset, (uint32_t)ph->p_vaddr,
			 (uint32_t)ph->p_paddr, (uint32_t)ph->p_filesz, (uint32_t)ph->p_memsz,
			 ph->p_flags, (uint32_t)ph->p_align };
	memcpy(at, &p, sizeof(p));
}

/*
 * The stored head's ELF header (of type T, either class, at head): the
 * program headers right after it and no section headers. Sets *phnum and
 * evaluates to the file's e_phoff.
 */
#define pack_ehdr(T, head, phnum) __extension__ ({ \
	T eh_; \
	memcpy(&eh_, (head), sizeof(eh_)); \
	uint64_t phoff_ = eh_.e_phoff; \
	*(phnum) = eh_.e_phnum; \
	eh_.e_phoff = sizeof(eh_); \
	eh_.e_shoff = 0; \
	eh_.e_shnum = 0; \
	eh_.e_shstrndx = 0; \
	memcpy((head), &eh_, sizeof(eh_)); \
	phoff_; \
})

/* The program header table may lie anywhere in the file: it is read to just after the ELF header. */
void read_elf_kernel(struct kernel *k, enum elf_rules rules)
{
	struct input *in = &k->in;
	struct elf_kernel parsed;
	uint64_t phoff, table;
	int bad = -1;
	enum elf_error err;
	size_t n = in->size < sizeof(Elf64_Ehdr) ? (size_t)in->size : sizeof(Elf64_Ehdr);

	read_at(in, 0, k->head, n);
	/* What the ELF header alone can tell comes first, from the loader's own check. */
	err = elf_parse_rules(k->head, n, in->size, rules, &parsed, &bad);
	if (err == ELF_ERR_MAGIC || err == ELF_ERR_CLASS || err == ELF_ERR_CLASS_MB ||
	    err == ELF_ERR_ENDIAN || (err == ELF_ERR_TRUNCATED && n < sizeof(Elf32_Ehdr)))
		elf_die(in->path, err, bad);
	k->is64 = k->head[EI_CLASS] == ELFCLASS64;
	if (k->is64)
		phoff = pack_ehdr(Elf64_Ehdr, k->head, &k->phnum);
	else
		phoff = pack_ehdr(Elf32_Ehdr, k->head, &k->phnum);
	size_t max_phnum = (LB_KERNEL_HEAD_MAX - ehdr_bytes(k)) / phdr_bytes(k);
	if (k->phnum > max_phnum)
		die(in->path, "has %u program headers; the image holds at most %zu", k->phnum, max_phnum);
	table = (uint64_t)k->phnum * phdr_bytes(k);
	if (phoff > in->size || table > in->size - phoff)
		elf_die(in->path, ELF_ERR_TRUNCATED, -1);
	k->head_bytes = (uint32_t)(ehdr_bytes(k) + table);
	read_at(in, phoff, k->head + ehdr_bytes(k), (size_t)table);

	err = elf_parse_rules(k->head, k->head_bytes, in->size, rules, &parsed, &bad);
	if (err != ELF_OK)
		elf_die(in->path, err, bad);
}
