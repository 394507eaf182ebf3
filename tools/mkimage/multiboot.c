/*
 * Multiboot 1 and 2 kernels: the header checked and kept for the loader,
 * the kernel stored as a packed ELF, either from its own ELF headers or,
 * when the header's address fields say where it goes (the "a.out
 * kludge"), as one PT_LOAD made from those fields; and the symbol and
 * string tables of an ELF kernel kept in the section table the
 * information hands over (docs/multiboot.md).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "mkimage.h"
#include "multiboot_header.h"

/* One PT_LOAD at the address fields' place, and entry_addr, as an ELF32 head. */
static void synthesize_elf(struct kernel *k, const struct mb_address *a, uint64_t hdr_offset,
			   uint32_t entry)
{
	uint64_t file_offset, file_bytes, mem_end;
	const char *why = mb_address_range(a, hdr_offset, k->in.size, &file_offset, &file_bytes, &mem_end);

	if (why)
		die(k->in.path, "Multiboot address fields: %s", why);
	Elf32_Ehdr eh = {
		.e_ident = { 0x7F, 'E', 'L', 'F', ELFCLASS32, ELFDATA2LSB, EV_CURRENT },
		.e_type = ET_EXEC,
		.e_machine = EM_386,
		.e_version = EV_CURRENT,
		.e_entry = entry,
		.e_phoff = sizeof(Elf32_Ehdr),
		.e_ehsize = sizeof(Elf32_Ehdr),
		.e_phentsize = sizeof(Elf32_Phdr),
		.e_phnum = 1,
	};
	Elf32_Phdr ph = {
		.p_type = PT_LOAD,
		.p_offset = (uint32_t)file_offset,
		.p_vaddr = a->load_addr,
		.p_paddr = a->load_addr,
		.p_filesz = (uint32_t)file_bytes,
		.p_memsz = (uint32_t)(mem_end - a->load_addr),
		.p_flags = PF_R | PF_W | PF_X,
		.p_align = 4096,
	};
	memset(k->head, 0, sizeof(k->head));
	memcpy(k->head, &eh, sizeof(eh));
	memcpy(k->head + sizeof(eh), &ph, sizeof(ph));
	k->head_bytes = sizeof(eh) + sizeof(ph);
	k->is64 = 0;
	k->phnum = 1;

	struct elf_kernel parsed;
	int bad;
	enum elf_error err = elf_parse_rules(k->head, k->head_bytes, k->in.size, ELF_RULES_MULTIBOOT,
					     &parsed, &bad);
	if (err != ELF_OK)
		die(k->in.path, "Multiboot address fields: the load range they give: %s", elf_error_text(err));
}

/* struct lb_sections, the section headers, and the symbol and string tables. */
static void keep_sections(struct kernel *k, const unsigned char *first, size_t first_bytes)
{
	uint64_t shoff;
	uint32_t num, entsize, shndx;

	if (k->is64) {
		Elf64_Ehdr eh;
		memcpy(&eh, first, sizeof(eh));
		shoff = eh.e_shoff, num = eh.e_shnum, entsize = eh.e_shentsize, shndx = eh.e_shstrndx;
	} else {
		Elf32_Ehdr eh;
		memcpy(&eh, first, sizeof(eh));
		shoff = eh.e_shoff, num = eh.e_shnum, entsize = eh.e_shentsize, shndx = eh.e_shstrndx;
	}
	(void)first_bytes;
	if (num == 0 || shoff == 0)
		return;
	if (entsize != (k->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
		die(k->in.path, "e_shentsize is %" PRIu32 ", not the size of a section header", entsize);
	uint64_t table = (uint64_t)num * entsize;
	if (shoff > k->in.size || table > k->in.size - shoff)
		die(k->in.path, "the section header table lies past the end of the file");

	struct lb_sections t = { num, entsize, shndx, 0 };
	uint64_t bytes = sizeof(t) + table;
	unsigned char *shdrs = xcalloc((size_t)table, 1);
	read_at(&k->in, shoff, shdrs, (size_t)table);
	for (uint32_t pass = 0; pass < 2; pass++) {
		uint64_t at = ALIGN_UP(sizeof(t) + table, 8);
		for (uint32_t i = 0; i < num; i++) {
			unsigned char *sh = shdrs + (uint64_t)i * entsize;
			struct elf_section s;

			elf_section_read(sh, k->is64, &s);
			if (!elf_section_kept(&s))
				continue;
			if (s.offset > k->in.size || s.size > k->in.size - s.offset)
				die(k->in.path, "section %" PRIu32 " lies past the end of the file", i);
			if (pass == 1) {
				read_at(&k->in, s.offset, k->sections + at, (size_t)s.size);
				s.offset = at;
				elf_section_write(sh, k->is64, &s);
			}
			at = ALIGN_UP(at + s.size, 8);
		}
		bytes = at;
		if (pass == 0) {
			if (bytes > LB_KERNEL_EXTRA_MAX)
				die(k->in.path, "symbol and string tables take %" PRIu64 " bytes; the limit is %d",
				    bytes, LB_KERNEL_EXTRA_MAX);
			k->sections = xcalloc((size_t)bytes, 1);
		}
	}
	memcpy(k->sections, &t, sizeof(t));
	memcpy(k->sections + sizeof(t), shdrs, (size_t)table);
	k->sections_bytes = bytes;
	k->extra_bytes = bytes;
	free(shdrs);
}

static void read_mb2(struct kernel *k, long off, const unsigned char *first, size_t n)
{
	struct mb2_request r;
	uint32_t detail, length;

	memcpy(&length, first + off + 8, 4);
	if (length > LB_MB_HEADER_MAX)
		die(k->in.path, "Multiboot 2 header is %" PRIu32 " bytes; longboot takes at most %d",
		    length, LB_MB_HEADER_MAX);
	const char *why = mb2_parse(first + off, n - (size_t)off, &r, &detail);
	if (why && detail)
		die(k->in.path, "%s (tag type %" PRIu32 ")", why, detail);
	if (why)
		die(k->in.path, "%s", why);
	/* The EFI information types count: the image may boot on UEFI, where the loader checks again. */
	if ((detail = mb2_unsupported_request(&r, 1)) != 0)
		die(k->in.path, "its Multiboot 2 header requires information type %" PRIu32
		    ", which longboot does not provide (docs/multiboot.md)", detail);
	if (r.efi_required & (1u << MB2_HT_EFI_BS))
		die(k->in.path, "its Multiboot 2 header requires EFI boot services to stay on (tag 7); "
		    "longboot always ends them");
	memcpy(k->mb_header, first + off, length);
	k->mb_header_bytes = length;
	if (r.address.present) {
		if (!r.has_entry)
			die(k->in.path, "its Multiboot 2 header has an address tag but no entry address tag");
		synthesize_elf(k, &r.address, (uint64_t)off, r.entry_addr);
		k->format = "Multiboot 2 kernel, loaded by its address tag";
		return;
	}
	read_elf_kernel(k, ELF_RULES_MULTIBOOT);
	keep_sections(k, first, n);
	k->format = k->is64 ? "Multiboot 2 kernel, ELF64" : "Multiboot 2 kernel, ELF32";
}

static void read_mb1(struct kernel *k, long off, const unsigned char *first, size_t n)
{
	struct mb1_header h;
	uint32_t bit;
	const char *why = mb1_parse(first + off, n - (size_t)off, &h, &bit);

	if (why && bit)
		die(k->in.path, "%s (bit %" PRIu32 " of flags 0x%08" PRIx32 ")", why, bit, h.flags);
	if (why)
		die(k->in.path, "%s", why);
	k->mb_header_bytes = (uint32_t)mb1_header_bytes(h.flags);
	memcpy(k->mb_header, first + off, k->mb_header_bytes);
	if (h.flags & MB1_HF_ADDRESS) {
		struct mb_address a = { 1, h.header_addr, h.load_addr, h.load_end_addr, h.bss_end_addr };
		synthesize_elf(k, &a, (uint64_t)off, h.entry_addr);
		k->format = "Multiboot 1 kernel, loaded by its address fields";
		return;
	}
	read_elf_kernel(k, ELF_RULES_MULTIBOOT);
	keep_sections(k, first, n);
	k->format = k->is64 ? "Multiboot 1 kernel, ELF64" : "Multiboot 1 kernel, ELF32";
}

void read_multiboot_kernel(struct kernel *k, long header_offset, const unsigned char *first,
			   size_t first_bytes)
{
	if (k->protocol == LB_PROTO_MULTIBOOT2)
		read_mb2(k, header_offset, first, first_bytes);
	else
		read_mb1(k, header_offset, first, first_bytes);
}
