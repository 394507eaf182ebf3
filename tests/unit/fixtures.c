/* Kernel ELF heads and images for the tests (fixtures.h). */
#include <stdlib.h>
#include <string.h>
#include "fixtures.h"
#include "checksum.h"

static Elf64_Phdr load(uint32_t flags, uint64_t offset, uint64_t vaddr, uint64_t paddr,
		       uint64_t filesz, uint64_t memsz)
{
	Elf64_Phdr ph = {
		.p_type = PT_LOAD, .p_flags = flags, .p_offset = offset,
		.p_vaddr = vaddr, .p_paddr = paddr, .p_filesz = filesz,
		.p_memsz = memsz, .p_align = 0x1000,
	};
	return ph;
}

static void ehdr(struct elf_fixture *f, uint64_t entry, uint16_t phnum)
{
	static const unsigned char ident[EI_NIDENT] = {
		0x7F, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT,
	};

	memset(f, 0, sizeof(*f));
	memcpy(f->eh.e_ident, ident, sizeof(ident));
	f->eh.e_type = ET_EXEC;
	f->eh.e_machine = EM_X86_64;
	f->eh.e_version = EV_CURRENT;
	f->eh.e_entry = entry;
	f->eh.e_phoff = sizeof(Elf64_Ehdr);
	f->eh.e_ehsize = sizeof(Elf64_Ehdr);
	f->eh.e_phentsize = sizeof(Elf64_Phdr);
	f->eh.e_phnum = phnum;
}

void fx_elf_higher_half(struct elf_fixture *f)
{
	ehdr(f, 0xFFFFFFFF80100040ULL, 4);
	f->ph[0] = load(PF_R | PF_X, 0x1000, 0xFFFFFFFF80100000ULL, 0x100000, 0x2345, 0x2345);
	f->ph[1].p_type = PT_GNU_STACK;
	f->ph[1].p_flags = PF_R | PF_W;
	f->ph[2] = load(PF_R, 0x4000, 0xFFFFFFFF80104000ULL, 0x104000, 0x800, 0x800);
	f->ph[3] = load(PF_R | PF_W, 0x5000, 0xFFFFFFFF80105000ULL, 0x105000, 0x100, 0x3000);
	f->file_bytes = 0x5100;
}

void fx_elf_identity(struct elf_fixture *f)
{
	ehdr(f, 0x200000, 2);
	f->ph[0] = load(PF_R | PF_X, 0x1000, 0x200000, 0x200000, 0x1000, 0x1000);
	f->ph[1] = load(PF_R | PF_W, 0x2000, 0x201000, 0x201000, 0x10, 0x20000);
	f->file_bytes = 0x2010;
}

size_t fx_elf_write(const struct elf_fixture *f, unsigned char *buf, size_t cap)
{
	size_t table = (size_t)f->eh.e_phnum * sizeof(Elf64_Phdr);
	size_t head = f->eh.e_phoff + table;

	if (f->eh.e_phnum > FX_MAX_PHDRS || f->eh.e_phoff > cap || head > cap)
		abort();
	memset(buf, 0, head);
	memcpy(buf, &f->eh, sizeof(f->eh));
	memcpy(buf + f->eh.e_phoff, f->ph, table);
	return head < sizeof(f->eh) ? sizeof(f->eh) : head;
}

void fx_image_seal(struct lb_image_header *h)
{
	h->header_sum = lb_checksum(h, offsetof(struct lb_image_header, header_sum) / 4);
}

void fx_image(struct image_fixture *f)
{
	struct lb_module_desc m = {
		.file = { .lba = 300, .bytes = 5000, .sum = 0x1234 },
		.name_offset = sizeof(struct lb_module_desc),
	};
	size_t cmdline = m.name_offset + sizeof(FX_MODULE_NAME);
	uint32_t stage2 = LB_STAGE2_MAX_SECTORS < 40 ? LB_STAGE2_MAX_SECTORS : 40;

	memset(f, 0, sizeof(*f));
	memcpy(f->params, &m, sizeof(m));
	memcpy(f->params + m.name_offset, FX_MODULE_NAME, sizeof(FX_MODULE_NAME));
	memcpy(f->params + cmdline, FX_CMDLINE, sizeof(FX_CMDLINE));

	f->h.magic = LB_IMAGE_MAGIC;
	f->h.version = LB_IMAGE_VERSION;
	f->h.header_bytes = sizeof(f->h);
	f->h.stage2_sectors = stage2;
	f->h.module_count = 1;
	f->h.stage2_sum = 0xABCDEF;
	f->h.total_sectors = 2048;
	f->h.params.lba = LB_PAYLOAD_LBA;
	f->h.params.bytes = cmdline + sizeof(FX_CMDLINE);
	f->h.params.sum = 0x5555;
	f->h.cmdline_offset = cmdline;
	f->h.kernel_head_bytes = 64 + 4 * 56;
	f->h.kernel_head_sum = 0x7777;
	f->h.kernel.lba = LB_PAYLOAD_LBA + 1;
	f->h.kernel.bytes = 100000;
	f->h.kernel.sum = 0x9999;
	f->h.protocol = LB_PROTO_LONGBOOT;
	fx_image_seal(&f->h);
}
