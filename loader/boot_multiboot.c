/*
 * Multiboot 2 (spec 2.0) and Multiboot 1 (0.6.96): the kernel's segments
 * where its ELF or address fields put them, the boot information built by
 * core/multiboot*_info.c, and a 32-bit entry with paging off.
 */
#include "boot.h"
#include "boot_desc.h"
#include "elf64.h"
#include "libc.h"
#include "mem.h"
#include "multiboot1_info.h"
#include "multiboot2_info.h"
#include "multiboot_header.h"
#include "panic.h"

#define MB_GDT_CODE 0x08   /* Multiboot kernels in the wild assume QEMU's -kernel selectors */
#define MB_GDT_DATA 0x10

struct mb_kernel {
	int version;                /* 1 or 2 */
	struct mb1_header h1;
	struct mb2_request r2;
	struct elf_kernel k;
	uint64_t load_base;
	int relocated;
};

/*
 * The EFI header tags a kernel requires (spec 2.0, 3.1.10-3.1.12): under
 * the BIOS none can be met; under UEFI longboot always leaves boot
 * services and enters through the 32-bit entry, so it meets neither the
 * boot-services tag nor the i386 EFI entry. The amd64 EFI entry counts
 * only together with the boot-services tag, so alone it is ignored.
 */
static void check_efi_tags(const struct mb2_request *r, int uefi)
{
	uint32_t need = r->efi_required;

	if (!uefi && need)
		panic("kernel: its Multiboot 2 header requires EFI (tag type %u), but this machine booted through the BIOS",
		      (uint32_t)__builtin_ctz(need));
	if (need & (1u << MB2_HT_EFI_BS))
		panic("kernel: its Multiboot 2 header requires EFI boot services to stay on (tag type %u); longboot always ends them",
		      (uint32_t)MB2_HT_EFI_BS);
	if (need & (1u << MB2_HT_ENTRY_EFI32))
		panic("kernel: its Multiboot 2 header requires a 32-bit EFI entry (tag type %u); this is 64-bit UEFI",
		      (uint32_t)MB2_HT_ENTRY_EFI32);
}

static void read_header(const struct loaded_params *p, struct mb_kernel *m)
{
	const struct lb_image_header *h = p->h;
	const char *hdr = p->base + h->mb_header_offset;
	const char *why;
	uint32_t detail;

	m->version = h->protocol == LB_PROTO_MULTIBOOT2 ? 2 : 1;
	if (m->version == 2) {
		why = mb2_parse(hdr, h->mb_header_bytes, &m->r2, &detail);
		if (why)
			panic("kernel: %s (tag type %u)", why, detail);
		int uefi = firmware_kind == LONGBOOT_FIRMWARE_UEFI;
		if ((detail = mb2_unsupported_request(&m->r2, uefi)) != 0)
			panic("kernel: its Multiboot 2 header requires information type %u, which longboot does not provide%s",
			      detail, uefi ? "" : " under the BIOS");
		check_efi_tags(&m->r2, uefi);
	} else {
		why = mb1_parse(hdr, h->mb_header_bytes, &m->h1, &detail);
		if (why)
			panic("kernel: %s (flag bit %u)", why, detail);
	}
}

/*
 * A relocatable Multiboot 2 kernel goes where its segments ask when that
 * is free and inside its range, else to the lowest aligned free range.
 */
static void place(struct mb_kernel *m)
{
	struct elf_kernel *k = &m->k;
	uint64_t size = k->phys_end - k->phys_base;
	const struct mb2_request *r = &m->r2;
	size_t n;
	const struct longboot_memmap_entry *map = mem_map(&n);

	m->load_base = k->phys_base;
	if (m->version != 2 || !r->has_relocatable) {
		claim_kernel(k);
		return;
	}
	m->relocated = 1;
	uint64_t align = r->reloc_align ? r->reloc_align : PAGE_SIZE;
	if (k->phys_base >= r->reloc_min && k->phys_end <= (uint64_t)r->reloc_max &&
	    memmap_is_usable(map, n, k->phys_base, k->phys_end) && (k->phys_base & (align - 1)) == 0) {
		claim_kernel(k);
		return;
	}
	uint64_t base = mem_claim_free(size, align, r->reloc_min < LB_HIGH_MEMORY ? LB_HIGH_MEMORY : r->reloc_min,
				       r->reloc_max, LONGBOOT_MEM_KERNEL);
	if (base == 0)
		panic("kernel: no free memory for its %llu KiB between the relocatable tag's 0x%x and 0x%x",
		      size >> 10, r->reloc_min, r->reloc_max);
	uint64_t delta = base - k->phys_base;
	for (uint32_t i = 0; i < k->count; i++)
		k->seg[i].paddr += delta;
	k->entry += delta;
	if (r->has_entry)
		m->r2.entry_addr += (uint32_t)delta;
	k->phys_base += delta;
	k->phys_end += delta;
	m->load_base = base;
}

/*
 * The section headers mkimage stored after the kernel (struct
 * lb_sections), loaded, with the address of every section no segment
 * holds set to where it now lies, as GRUB does.
 */
static void load_sections(const struct lb_image_header *h, struct boot_desc *d)
{
	const struct lb_extent *e = &h->kernel_extra;
	struct lb_sections t;
	struct lb_sum s;

	if (e->bytes == 0)
		return;
	uint8_t *blob = mem_alloc(e->bytes, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE,
				  "the kernel's ELF sections");
	lb_sum_init(&s);
	disk_load(e->lba, e->bytes, blob, &s, "the kernel's ELF sections");
	check_sum(&s, e->sum, "kernel", " ELF sections");
	memcpy(&t, blob, sizeof(t));
	if ((t.entsize != sizeof(Elf64_Shdr) && t.entsize != sizeof(Elf32_Shdr)) ||
	    (uint64_t)t.num * t.entsize > e->bytes - sizeof(t))
		panic("kernel: its ELF section table in the image is malformed; build the image again with mkimage");

	uint8_t *table = blob + sizeof(t);
	int is64 = t.entsize == sizeof(Elf64_Shdr);
	for (uint32_t i = 0; i < t.num; i++) {
		struct elf_section sec;
		uint8_t *sh = table + (uint64_t)i * t.entsize;
		elf_section_read(sh, is64, &sec);
		if (!elf_section_kept(&sec))
			continue;
		if (sec.offset > e->bytes || sec.size > e->bytes - sec.offset)
			panic("kernel: ELF section %u lies outside the sections mkimage stored", i);
		sec.addr = (uintptr_t)blob + sec.offset;
		elf_section_write(sh, is64, &sec);
	}
	d->shdr = table;
	d->shdr_addr = (uintptr_t)table;
	d->shdr_num = t.num;
	d->shdr_entsize = t.entsize;
	d->shdr_shndx = t.shndx;
}

/* The display the kernel asks for: --video, else its header's video fields. */
static struct video_request video_request(const struct mb_kernel *m, const struct lb_image_header *h)
{
	struct video_request r = image_video_request(h);

	if (r.kind != VIDEO_REQUEST_NONE)
		return r;
	/* Multiboot 2's 0x0 is "no preference": the BIOS's text screen is kept. */
	if (m->version == 2 && m->r2.has_framebuffer && (m->r2.fb_width || m->r2.fb_height))
		return (struct video_request){ VIDEO_REQUEST_FRAMEBUFFER, m->r2.fb_width, m->r2.fb_height,
					       m->r2.fb_depth };
	if (m->version == 1 && (m->h1.flags & MB1_HF_VIDEO_MODE))
		return m->h1.mode_type == MB1_MODE_TEXT ?
			(struct video_request){ VIDEO_REQUEST_TEXT, 0, 0, 0 } :
			(struct video_request){ VIDEO_REQUEST_FRAMEBUFFER, m->h1.width, m->h1.height, m->h1.depth };
	return r;
}

/* The information block, sized by a counting pass, then built where the kernel finds it. */
static uint64_t build_info(const struct mb_kernel *m, const struct boot_desc *d)
{
	struct info_writer w = { 0 };

	if (m->version == 2)
		mb2_info_build(d, &w);
	else
		mb1_info_build(d, m->h1.flags, &w);
	size_t bytes = w.used;
	w.buf = mem_alloc(bytes, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the Multiboot information");
	w.phys = (uintptr_t)w.buf;
	w.cap = bytes;
	w.used = 0;
	if (m->version == 2) {
		mb2_info_build(d, &w);
		return w.phys;
	}
	return mb1_info_build(d, m->h1.flags, &w);
}

void boot_multiboot(struct loaded_params *p)
{
	const struct lb_image_header *h = p->h;
	struct mb_kernel m = { 0 };
	struct boot_desc d;

	/* What the kernel's header asks for, and where its segments go. */
	read_header(p, &m);
	load_kernel_headers(h, ELF_RULES_MULTIBOOT, &m.k);
	place(&m);

	/* The strings where the kernel finds them, the kernel, its sections, the modules. */
	params_keep(p);
	load_kernel(h, &m.k);
	struct longboot_module *mods = load_modules(h, p);
	struct boot_module *bm = h->module_count ?
		mem_alloc(h->module_count * sizeof(*bm), PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE,
			  "the module list") : 0;
	struct video_request video = video_request(&m, h);
	describe_display(&d, &video);
	load_sections(h, &d);

	/* The firmware is left; the memory map is final from here on. */
	firmware_exit();
	describe_machine(&d, p, mods, bm);
	if (m.relocated) {
		d.has_load_base = 1;
		d.load_base = m.load_base;
	}

	/* The boot information, the GDT (code 0x08, data 0x10), and the jump. */
	uint64_t info = build_info(&m, &d);
	struct {
		uint64_t gdt[HANDOFF_GDT_ENTRIES];
		struct pm32_handoff handoff;
	} *b = mem_alloc(sizeof(*b), PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the GDT");
	memset(b, 0, sizeof(*b));
	b->gdt[MB_GDT_CODE / 8] = gdt_descriptor_for(LB_SEL_CODE32);
	b->gdt[MB_GDT_DATA / 8] = gdt_descriptor_for(LB_SEL_DATA);
	b->handoff.gdt_limit = (MB_GDT_DATA / 8 + 1) * sizeof(b->gdt[0]) - 1;
	b->handoff.gdt_base = (uint32_t)(uintptr_t)b->gdt;
	b->handoff.code_sel = MB_GDT_CODE;
	b->handoff.data_sel = MB_GDT_DATA;
	b->handoff.eax = m.version == 2 ? MB2_BOOT_MAGIC : MB1_BOOT_MAGIC;
	b->handoff.ebx = (uint32_t)info;
	b->handoff.entry = (uint32_t)(m.version == 2 && m.r2.has_entry ? m.r2.entry_addr : m.k.entry);
	enter_pm32(&b->handoff);
}
