/*
 * Validation of a kernel ELF against boot protocol section 1, and the list
 * of segments to load. Pure logic: built into stage2 and mkimage, and into
 * host unit tests and a fuzz target.
 */
#ifndef LONGBOOT_ELF_H
#define LONGBOOT_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 32

/* One value per distinct problem; elf_error_text() words each. */
enum elf_error {
	ELF_OK = 0,
	ELF_ERR_TRUNCATED,      /* ELF header or program headers past the data given */
	ELF_ERR_MAGIC,          /* not an ELF file */
	ELF_ERR_CLASS,          /* not ELF64 (ELF32 or other) */
	ELF_ERR_CLASS_MB,       /* Multiboot: neither ELF32 nor ELF64 */
	ELF_ERR_ENDIAN,         /* not little-endian */
	ELF_ERR_TYPE,           /* e_type is not ET_EXEC */
	ELF_ERR_MACHINE,        /* e_machine is not EM_X86_64 */
	ELF_ERR_MACHINE_MB,     /* Multiboot: not EM_386 (ELF32) or EM_X86_64 (ELF64) */
	ELF_ERR_PHENTSIZE,      /* e_phentsize is not 56 */
	ELF_ERR_NO_SEGMENTS,    /* no PT_LOAD segment with p_memsz > 0 */
	ELF_ERR_TOO_MANY,       /* more than ELF_MAX_SEGMENTS PT_LOAD segments */
	ELF_ERR_PADDR_LOW,      /* p_paddr < 1 MiB */
	ELF_ERR_FILESZ,         /* p_filesz > p_memsz */
	ELF_ERR_FILE_RANGE,     /* p_offset + p_filesz beyond the end of the file */
	ELF_ERR_PHYS_OVERLAP,   /* two segments overlap physically */
	ELF_ERR_VIRT_OVERLAP,   /* two segments overlap virtually */
	ELF_ERR_NONCANONICAL,   /* p_vaddr .. p_vaddr + p_memsz not canonical (or wraps) */
	ELF_ERR_VADDR,          /* p_vaddr neither == p_paddr nor >= 0xFFFFFFFF80000000 */
	ELF_ERR_PAGE_OFFSET,    /* higher-half p_vaddr and p_paddr differ modulo 4096 */
	ELF_ERR_ABOVE_4G,       /* physical copy reaches above 4 GiB */
	ELF_ERR_ENTRY,          /* e_entry lies in no segment */
	ELF_ERR_COUNT
};

struct elf_segment {
	uint64_t offset;  /* p_offset */
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint32_t flags;   /* PF_R | PF_W | PF_X */
	uint32_t phdr_index;
};

struct elf_kernel {
	uint64_t entry;
	uint64_t phys_base;  /* lowest p_paddr */
	uint64_t phys_end;   /* highest p_paddr + p_memsz */
	uint32_t count;      /* PT_LOAD segments with p_memsz > 0, in program-header order */
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/*
 * Which rules a kernel file is checked against: boot protocol section 1
 * (ELF64, higher-half or identity-mapped segments), or Multiboot's (ELF32
 * or ELF64, segments below 4 GiB and above 1 MiB, virtual addresses not
 * checked, e_entry translated to the physical address it will run at).
 */
enum elf_rules {
	ELF_RULES_LONGBOOT,
	ELF_RULES_MULTIBOOT,
};

enum elf_error elf_parse_rules(const void *head, size_t head_bytes, uint64_t file_bytes,
			       enum elf_rules rules, struct elf_kernel *k, int *bad_phdr);

/*
 * elf_parse_rules(..., ELF_RULES_LONGBOOT, ...): checks the ELF header and
 * program headers found in the first head_bytes bytes of a file of
 * file_bytes bytes, and fills *k. On failure returns the
 * error and sets *bad_phdr to the offending program header's index (or to
 * -1 when the problem is in the ELF header).
 */
enum elf_error elf_parse(const void *head, size_t head_bytes, uint64_t file_bytes,
			 struct elf_kernel *k, int *bad_phdr);

/* The fields of a section header the loaders use, from either ELF class. */
struct elf_section {
	uint32_t type;
	uint64_t flags, addr, offset, size;
};

/* Reads section header sh (an Elf64_Shdr when is64, else an Elf32_Shdr). */
void elf_section_read(const void *sh, int is64, struct elf_section *s);
/*
 * Whether a Multiboot kernel's section is handed over loaded (its symbols
 * and their names, when no segment holds them): mkimage stores exactly
 * these, the loader sets their sh_addr.
 */
int elf_section_kept(const struct elf_section *s);
/* Writes s's addr and offset back into section header sh. */
void elf_section_write(void *sh, int is64, const struct elf_section *s);

/*
 * Looks through a run of ELF notes (a PT_NOTE segment's or SHT_NOTE
 * section's bytes) for longboot's video note (boot protocol section 5):
 * name "longboot", type LONGBOOT_NOTE_VIDEO, desc u32 width, height, bpp.
 * Returns 1 and fills wh_bpp, 0 when there is none (or the bytes are not
 * a run of notes), -1 when the video note's desc is not 12 bytes.
 */
int elf_video_note(const void *notes, size_t bytes, uint32_t wh_bpp[3]);

/* A short lower-case phrase, e.g. "p_filesz is larger than p_memsz". */
const char *elf_error_text(enum elf_error err);

/* Bytes at the start of the file that hold the ELF header and program headers (either class). */
uint64_t elf_head_bytes(const void *ehdr);

#endif
