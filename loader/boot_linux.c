/*
 * Linux (Documentation/arch/x86/boot.rst): the protected-mode kernel at
 * 1 MiB or, when relocatable, where there is room for init_size, the
 * initrd below initrd_addr_max, and one of three entries: 64-bit
 * (XLF_KERNEL_64, page tables as for longboot), 32-bit, or the kernel's
 * own 16-bit setup (linux16).
 */
#include "arch.h"
#include "boot.h"
#include "boot_desc.h"
#include "libc.h"
#include "linux_params.h"
#include "mem.h"
#include "panic.h"

#define LINUX_SETUP_MAX      (64 * KIB)  /* setup_sects up to 127 */
#define INITRD_MAX_DEFAULT   0x37FFFFFF  /* initrd_addr_max before protocol 2.03 */

/*
 * The real-mode layout of boot.rst's "Loading the rest of the kernel" for
 * linux16: boot sector and setup at REAL_MODE_BASE, their heap and stack
 * up to REAL_MODE_STACK, the command line right after.
 */
#define REAL_MODE_BASE       0x80000
#define REAL_MODE_STACK      0x8000
#define REAL_MODE_HEAP_END   (REAL_MODE_STACK - 0x200)  /* heap_end_ptr counts from 0x200 */
#define REAL_MODE_CMDLINE    REAL_MODE_STACK
#define REAL_MODE_END        (REAL_MODE_CMDLINE + LONGBOOT_CMDLINE_MAX + 1)

static uint8_t setup[LINUX_SETUP_MAX] __attribute__((aligned(16)));

/* The boot sector and setup, and what their header says. */
static void read_setup(const struct lb_image_header *h, struct linux_header *lh)
{
	struct lb_sum s;

	if (h->kernel_extra.bytes > LINUX_SETUP_MAX)
		panic("kernel: Linux setup of %llu bytes is larger than the %u KiB longboot reads",
		      h->kernel_extra.bytes, (uint32_t)(LINUX_SETUP_MAX / KIB));
	lb_sum_init(&s);
	disk_load(h->kernel_extra.lba, h->kernel_extra.bytes, setup, &s, "the Linux setup sectors");
	check_sum(&s, h->kernel_extra.sum, "kernel", " setup sectors");
	const char *why = linux_parse(setup, (size_t)h->kernel_extra.bytes,
				      h->kernel_extra.bytes + h->kernel.bytes, lh);
	if (why)
		panic("kernel: %s (boot protocol %u.%02u)", why, lh->version >> 8, lh->version & 0xFF);
	if (lh->setup_bytes != h->kernel_extra.bytes)
		panic("kernel: the image's Linux setup size does not match setup_sects; build it again with mkimage");
}

/*
 * Where the protected-mode kernel goes: 1 MiB; a relocatable kernel at
 * pref_address, else the lowest free range aligned to kernel_alignment.
 * init_size bytes from there are the kernel's.
 */
static uint64_t place_kernel(const struct lb_image_header *h, const struct linux_header *lh)
{
	uint64_t need = lh->init_size > h->kernel.bytes ? lh->init_size : h->kernel.bytes;
	uint64_t fixed = LB_HIGH_MEMORY, at;

	if (lh->relocatable && lh->pref_address < FOUR_GIB)
		fixed = lh->pref_address;
	at = mem_claim_free(need, PAGE_SIZE, fixed, fixed + ALIGN_UP(need, PAGE_SIZE), LONGBOOT_MEM_KERNEL);
	if (at == 0 && lh->relocatable)
		at = mem_claim_free(need, lh->kernel_alignment, LB_HIGH_MEMORY, FOUR_GIB, LONGBOOT_MEM_KERNEL);
	if (at == 0) {
		size_t n;
		const struct longboot_memmap_entry *map = mem_map(&n);
		panic("kernel: Linux needs %llu KiB (init_size) of free RAM at 0x%llx%s; RAM ends at 0x%llx",
		      need >> 10, fixed, lh->relocatable ? " or anywhere aligned below 4 GiB" : "",
		      memmap_ram_top(map, n));
	}
	return at;
}

/* The initrd files, back to back as mkimage stored them, below initrd_addr_max. */
static void load_initrd(const struct lb_image_header *h, const struct linux_header *lh,
			struct linux_load *l)
{
	struct lb_sum s;

	if (h->initrd.bytes == 0)
		return;
	uint64_t limit = (lh->version >= 0x0203 ? lh->initrd_addr_max : INITRD_MAX_DEFAULT) + 1ULL;
	if (limit > FOUR_GIB)
		limit = FOUR_GIB;
	l->initrd_addr = mem_claim_free(h->initrd.bytes, PAGE_SIZE, LB_HIGH_MEMORY, limit, LONGBOOT_MEM_MODULE);
	if (l->initrd_addr == 0)
		panic("initrd: no free memory for its %llu KiB below initrd_addr_max 0x%llx",
		      h->initrd.bytes >> 10, limit - 1);
	l->initrd_size = h->initrd.bytes;
	lb_sum_init(&s);
	disk_load(h->initrd.lba, h->initrd.bytes, (void *)(uintptr_t)l->initrd_addr, &s, "the initrd");
	check_sum(&s, h->initrd.sum, "initrd", "");
}

/* linux16: the kernel's own setup code runs, in real mode, from REAL_MODE_BASE. */
__attribute__((noreturn)) static void enter_linux16(const struct linux_header *lh, struct linux_load *l,
						     const char *cmdline, const struct boot_desc *d)
{
	uint8_t *base = (uint8_t *)REAL_MODE_BASE;

	if (lh->setup_bytes > REAL_MODE_HEAP_END)
		panic("kernel: Linux setup of %u bytes leaves no room for its heap below 0x%x",
		      lh->setup_bytes, (uint32_t)(REAL_MODE_BASE + REAL_MODE_HEAP_END));
	if (mem_claim_free(REAL_MODE_END, PAGE_SIZE, REAL_MODE_BASE, REAL_MODE_BASE + ALIGN_UP(REAL_MODE_END, PAGE_SIZE),
			   LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE) != REAL_MODE_BASE)
		panic("kernel: conventional memory at 0x%x-0x%x, where Linux's real-mode setup runs, is not free",
		      (uint32_t)REAL_MODE_BASE, (uint32_t)(REAL_MODE_BASE + REAL_MODE_END));
	l->cmdline_addr = REAL_MODE_BASE + REAL_MODE_CMDLINE;
	l->heap_end = REAL_MODE_HEAP_END;
	memcpy(base, setup, lh->setup_bytes);
	memcpy(base + REAL_MODE_CMDLINE, cmdline, strlen(cmdline) + 1);

	/* The loader's fields of the header, where the setup code reads them. */
	static uint8_t zp[LINUX_ZERO_PAGE_BYTES];
	linux_params_build(d, lh, setup, l, zp);
	memcpy(base + LH_SETUP_SECTS, zp + LH_SETUP_SECTS, lh->header_end - LH_SETUP_SECTS);
	enter_real_mode_kernel(REAL_MODE_BASE >> 4, REAL_MODE_STACK);
}

void boot_linux(struct loaded_params *p, int nx)
{
	const struct lb_image_header *h = p->h;
	struct linux_header lh;
	struct linux_load l = { 0 };
	struct boot_desc d;
	struct lb_sum s;

	/* The setup header, then the protected-mode kernel where it may run. */
	read_setup(h, &lh);
	if (h->protocol == LB_PROTO_LINUX16 && firmware_kind != LONGBOOT_FIRMWARE_BIOS)
		panic("kernel: linux16 runs Linux's own real-mode setup, which needs a BIOS; build the image with PROTOCOL=linux");
	l.kernel_addr = place_kernel(h, &lh);

	/* The command line, the kernel, the initrd. */
	params_keep(p);
	if (strlen(p->cmdline) > lh.cmdline_size)
		panic("kernel: the command line is %u bytes; this kernel takes at most %u (cmdline_size)",
		      (uint32_t)strlen(p->cmdline), lh.cmdline_size);
	lb_sum_init(&s);
	disk_load(h->kernel.lba, h->kernel.bytes, (void *)(uintptr_t)l.kernel_addr, &s, "the kernel");
	check_sum(&s, h->kernel.sum, "kernel", "");
	load_initrd(h, &lh, &l);
	struct video_request video = image_video_request(h);
	describe_display(&d, &video);
	if (h->protocol == LB_PROTO_LINUX16) {
		describe_machine(&d, p, 0, 0);
		enter_linux16(&lh, &l, p->cmdline, &d);
	}

	/* The zero page, and the 64-bit or 32-bit entry with boot.rst's selectors. */
	struct {
		uint8_t zero_page[LINUX_ZERO_PAGE_BYTES];
		uint64_t gdt[HANDOFF_GDT_ENTRIES];
		struct handoff handoff;
		struct pm32_handoff pm32;
		uint64_t tsc_entry;
	} *b = mem_alloc(sizeof(*b), PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "Linux's boot_params");
	int entry64 = (lh.xloadflags & XLF_KERNEL_64) != 0;
	uint8_t *stack = entry64 ? mem_alloc(KERNEL_STACK_SIZE, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE,
					     "the kernel stack") : 0;

	/* The firmware is left; the memory map is final from here on. */
	firmware_exit();
	describe_machine(&d, p, 0, 0);
	memset(b, 0, sizeof(*b));
	l.cmdline_addr = (uintptr_t)p->cmdline;
	linux_params_build(&d, &lh, setup, &l, b->zero_page);

	if (entry64) {
		struct elf_kernel identity_only = { 0 };
		b->gdt[LINUX_BOOT_CS / 8] = gdt_descriptor_for(LB_SEL_CODE64);
		b->gdt[LINUX_BOOT_DS / 8] = gdt_descriptor_for(LB_SEL_DATA);
		b->handoff.pml4 = (uint32_t)build_page_tables(&identity_only, nx);
		b->handoff.gdt_limit = sizeof(b->gdt) - 1;
		b->handoff.gdt_base = (uint32_t)(uintptr_t)b->gdt;
		b->handoff.nxe = (uint32_t)nx;
		b->handoff.code_sel = LINUX_BOOT_CS;
		b->handoff.data_sel = LINUX_BOOT_DS;
		b->handoff.info = (uintptr_t)b->zero_page;
		b->handoff.entry = l.kernel_addr + LINUX_ENTRY64_OFFSET;
		b->handoff.stack_top = (uintptr_t)stack + KERNEL_STACK_SIZE;
		b->handoff.tsc_entry = (uintptr_t)&b->tsc_entry;
		enter_long_mode(&b->handoff);
	}
	b->gdt[LINUX_BOOT_CS / 8] = gdt_descriptor_for(LB_SEL_CODE32);
	b->gdt[LINUX_BOOT_DS / 8] = gdt_descriptor_for(LB_SEL_DATA);
	b->pm32.gdt_limit = sizeof(b->gdt) - 1;
	b->pm32.gdt_base = (uint32_t)(uintptr_t)b->gdt;
	b->pm32.code_sel = LINUX_BOOT_CS;
	b->pm32.data_sel = LINUX_BOOT_DS;
	b->pm32.esi = (uint32_t)(uintptr_t)b->zero_page;
	b->pm32.entry = (uint32_t)l.kernel_addr;
	enter_pm32(&b->pm32);
}
