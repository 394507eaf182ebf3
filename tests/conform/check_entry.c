/* docs/protocol.md section 2: the machine state at the first instruction of _start. */
#include "conform.h"
#include "x86.h"

#define SEL_CODE64 0x08
#define SEL_DATA   0x10
#define FCW_FNINIT 0x037F
#define MXCSR_INIT 0x1F80
#define PIC1_DATA  0x21
#define PIC2_DATA  0xA1
#define ALL_MASKED 0xFF

/* Segment descriptor bits (SDM vol. 3A, 3.4.5). */
#define DESC_ACCESSED  (1ULL << 40)
#define DESC_WRITABLE  (1ULL << 41)
#define DESC_CODE      (1ULL << 43)
#define DESC_S         (1ULL << 44)
#define DESC_DPL       (3ULL << 45)
#define DESC_P         (1ULL << 47)
#define DESC_L         (1ULL << 53)
#define DESC_DB        (1ULL << 54)
#define DESC_G         (1ULL << 55)

static uint64_t desc_base(uint64_t d)
{
	return (d >> 16 & 0xFFFFFF) | (d >> 56 & 0xFF) << 24;
}

static uint64_t desc_limit(uint64_t d)
{
	return (d & 0xFFFF) | (d >> 48 & 0xF) << 16;
}

/* The loader's GDT entry for a selector, or 0 with *why set when it cannot be read. */
static int read_descriptor(uint64_t sel, uint64_t *desc, const char **why)
{
	const struct entry_state *st = boot.entry;
	uint64_t limit = st->gdt_limit & 0xFFFF, index = sel >> 3;

	if ((index + 1) * 8 - 1 > limit) {
		*why = "selector lies past the GDT limit";
		return 0;
	}
	if (!ident_readable(st->gdt_base + index * 8, 8)) {
		*why = "GDT is not in the identity map below 4 GiB";
		return 0;
	}
	*desc = *(const volatile uint64_t *)(uintptr_t)(st->gdt_base + index * 8);
	return 1;
}

static void check_modes(const struct entry_state *st)
{
	struct check c;

	check_begin(&c, "long-mode");
	expect(&c, st->efer & EFER_LMA, "EFER.LMA clear (EFER 0x%lx)", st->efer);
	expect(&c, st->efer & EFER_LME, "EFER.LME clear (EFER 0x%lx)", st->efer);
	expect(&c, (st->cr0 & (CR0_PE | CR0_PG)) == (CR0_PE | CR0_PG), "CR0.PE or CR0.PG clear (CR0 0x%lx)", st->cr0);
	expect(&c, st->cr4 & CR4_PAE, "CR4.PAE clear (CR4 0x%lx)", st->cr4);
	expect(&c, !(st->cr4 & CR4_LA57), "CR4.LA57 set: 5-level paging, not 4-level (CR4 0x%lx)", st->cr4);
	check_end(&c);

	check_begin(&c, "cr0-wp");
	expect(&c, st->cr0 & CR0_WP, "CR0.WP clear (CR0 0x%lx)", st->cr0);
	check_end(&c);

	check_begin(&c, "efer-nxe");
	int nxe = (st->efer & EFER_NXE) != 0;
	expect(&c, nxe == boot.cpu_nx, "EFER.NXE is %d but CPUID 0x80000001 EDX.NX is %d", nxe, boot.cpu_nx);
	check_note(&c, "CPU %s NX", boot.cpu_nx ? "has" : "lacks");
	check_end(&c);
}

static void check_segments(const struct entry_state *st)
{
	struct check c;
	uint64_t d = 0;
	const char *why = "";

	check_begin(&c, "cs-selector");
	expect(&c, st->cs == SEL_CODE64, "CS is 0x%lx, not 0x08", st->cs);
	if (expect(&c, read_descriptor(SEL_CODE64, &d, &why), "GDT entry 0x08: %s", why)) {
		expect(&c, (d & (DESC_P | DESC_S | DESC_CODE)) == (DESC_P | DESC_S | DESC_CODE),
		       "GDT entry 0x08 (0x%016lx) is not a present code segment", d);
		expect(&c, d & DESC_L, "GDT entry 0x08 (0x%016lx) has L=0: not 64-bit", d);
		expect(&c, !(d & DESC_DB), "GDT entry 0x08 (0x%016lx) has D=1 (must be 0 with L=1)", d);
		expect(&c, !(d & DESC_DPL), "GDT entry 0x08 (0x%016lx) has DPL %lu", d, (uint64_t)((d & DESC_DPL) >> 45));
	}
	check_end(&c);

	check_begin(&c, "data-selectors");
	const struct { const char *name; uint64_t sel; } regs[] = {
		{ "DS", st->ds }, { "ES", st->es }, { "SS", st->ss }, { "FS", st->fs }, { "GS", st->gs },
	};
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		expect(&c, regs[i].sel == SEL_DATA, "%s is 0x%lx, not 0x10", regs[i].name, regs[i].sel);
	if (expect(&c, read_descriptor(SEL_DATA, &d, &why), "GDT entry 0x10: %s", why)) {
		expect(&c, (d & (DESC_P | DESC_S | DESC_CODE | DESC_WRITABLE)) == (DESC_P | DESC_S | DESC_WRITABLE),
		       "GDT entry 0x10 (0x%016lx) is not a present writable data segment", d);
		expect(&c, desc_base(d) == 0, "GDT entry 0x10 (0x%016lx) has base 0x%lx", d, desc_base(d));
		expect(&c, desc_limit(d) == 0xFFFFF && (d & DESC_G),
		       "GDT entry 0x10 (0x%016lx) does not reach 4 GiB (limit 0x%lx, G=%d)",
		       d, desc_limit(d), (d & DESC_G) != 0);
		expect(&c, !(d & DESC_DPL), "GDT entry 0x10 (0x%016lx) has DPL %lu", d, (uint64_t)((d & DESC_DPL) >> 45));
	}
	check_end(&c);

	check_begin(&c, "fs-gs-base");
	expect(&c, st->fs_base == 0, "IA32_FS_BASE is 0x%lx", st->fs_base);
	expect(&c, st->gs_base == 0, "IA32_GS_BASE is 0x%lx", st->gs_base);
	check_end(&c);

	check_begin(&c, "gdt-location");
	uint64_t gdt_end = st->gdt_base + (st->gdt_limit & 0xFFFF) + 1;
	expect(&c, ident_readable(st->gdt_base, gdt_end - st->gdt_base) &&
		   range_has_type(st->gdt_base, gdt_end, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE),
	       "GDT [0x%lx, 0x%lx) is not inside BOOTLOADER_RECLAIMABLE memory", st->gdt_base, gdt_end);
	check_note(&c, "GDT at 0x%lx, limit 0x%lx", st->gdt_base, st->gdt_limit & 0xFFFF);
	check_end(&c);
}

static void check_flags_and_pic(const struct entry_state *st)
{
	struct check c;

	check_begin(&c, "rflags");
	expect(&c, !(st->rflags & RFLAGS_IF), "RFLAGS.IF set (RFLAGS 0x%lx)", st->rflags);
	expect(&c, !(st->rflags & RFLAGS_DF), "RFLAGS.DF set (RFLAGS 0x%lx)", st->rflags);
	check_end(&c);

	check_begin(&c, "pic-masked");
	uint8_t m1 = inb(PIC1_DATA), m2 = inb(PIC2_DATA);
	expect(&c, m1 == ALL_MASKED, "master PIC mask is 0x%x, not 0xff", m1);
	expect(&c, m2 == ALL_MASKED, "slave PIC mask is 0x%x, not 0xff", m2);
	check_end(&c);
}

static void check_fpu_sse(const struct entry_state *st)
{
	struct check c;

	check_begin(&c, "fpu");
	expect(&c, !(st->cr0 & CR0_EM), "CR0.EM set (CR0 0x%lx)", st->cr0);
	expect(&c, !(st->cr0 & CR0_TS), "CR0.TS set (CR0 0x%lx)", st->cr0);
	expect(&c, st->cr0 & CR0_MP, "CR0.MP clear (CR0 0x%lx)", st->cr0);
	if (expect(&c, st->fpu_read & ENTRY_READ_FCW, "FCW not readable (FNSTCW would fault)"))
		expect(&c, (st->fcw & 0xFFFF) == FCW_FNINIT, "FCW is 0x%04lx, not 0x037f (no FNINIT)",
		       st->fcw & 0xFFFF);
	check_end(&c);

	check_begin(&c, "sse");
	expect(&c, st->cr4 & CR4_OSFXSR, "CR4.OSFXSR clear (CR4 0x%lx)", st->cr4);
	expect(&c, st->cr4 & CR4_OSXMMEXCPT, "CR4.OSXMMEXCPT clear (CR4 0x%lx)", st->cr4);
	if (expect(&c, st->fpu_read & ENTRY_READ_MXCSR, "MXCSR not readable (STMXCSR would fault)"))
		expect(&c, (st->mxcsr & 0xFFFFFFFF) == MXCSR_INIT, "MXCSR is 0x%lx, not 0x1f80",
		       st->mxcsr & 0xFFFFFFFF);
	check_end(&c);
}

static void check_registers(const struct entry_state *st)
{
	struct check c;
	const struct longboot_info *in = &boot.info;

	check_begin(&c, "rdi-info");
	expect(&c, boot.info_ok, "RDI 0x%lx is not an address below 4 GiB", st->rdi);
	expect(&c, !boot.info_ok || in->magic == LONGBOOT_MAGIC,
	       "RDI 0x%lx does not point at a longboot_info (magic 0x%lx)", st->rdi, in->magic);
	check_end(&c);

	check_begin(&c, "entry-stack");
	if (boot.info_ok) {
		uint64_t top = in->stack_base + in->stack_size;
		expect(&c, st->rsp == top - 8, "RSP 0x%lx is not stack_base + stack_size - 8 = 0x%lx",
		       st->rsp, top - 8);
		expect(&c, top % 16 == 0, "stack_base + stack_size = 0x%lx is not 16-byte aligned", top);
		expect(&c, in->stack_size >= LONGBOOT_MIN_STACK, "stack_size %lu is below 64 KiB", in->stack_size);
		expect(&c, ident_readable(st->rsp, 8), "RSP 0x%lx is not an identity-mapped address", st->rsp);
		expect(&c, !ident_readable(st->rsp, 8) || boot.entry_rsp_word == 0,
		       "[RSP] is 0x%lx, not a zero return address", boot.entry_rsp_word);
		check_note(&c, "stack [0x%lx, 0x%lx), RSP 0x%lx", in->stack_base, top, st->rsp);
	} else {
		expect(&c, 0, "no readable longboot_info to compare RSP with");
	}
	check_end(&c);

	check_begin(&c, "rbp-zero");
	expect(&c, st->rbp == 0, "RBP is 0x%lx", st->rbp);
	check_end(&c);
}

void check_entry_state(void)
{
	const struct entry_state *st = boot.entry;

	check_modes(st);
	check_segments(st);
	check_flags_and_pic(st);
	check_fpu_sse(st);
	check_registers(st);
}
