/*
 * The machine state at entry (Multiboot 0.6.96 section 3.2, Multiboot2 2.0
 * section 3.3): EAX, EBX, CR0, EFLAGS, the segment registers, A20, and
 * where the kernel runs.
 *
 * A segment register's hidden descriptor cannot be read. The kernel reads
 * what the loader's GDT says for each selector (LAR, LSL, the descriptor
 * through SGDT) before it loads its own GDT, and then proves the hidden
 * descriptors themselves flat by using them: a read at offset 0xFFFFFFFC
 * through each register (the 4 GiB limit), a write through each data
 * register and a read through CS of memory also reached through DS (one
 * base for all). A segment that is not flat faults, and the exception
 * report names the check.
 */
#include "mbconf.h"

#define CR0_PE (1u << 0)
#define CR0_PG (1u << 31)
#define EFLAGS_IF (1u << 9)
#define EFLAGS_VM (1u << 17)

/* LAR's access rights (the descriptor's second dword, masked 0x00F0FF00). */
#define AR_ACCESSED  (1u << 8)
#define AR_WRITE_READ (1u << 9)   /* data: writable; code: readable */
#define AR_EXPAND_DOWN (1u << 10) /* data; code: conforming */
#define AR_CODE      (1u << 11)
#define AR_S         (1u << 12)   /* code or data, not system */
#define AR_DPL       (3u << 13)
#define AR_P         (1u << 15)
#define AR_L         (1u << 21)
#define AR_DB        (1u << 22)
#define AR_G         (1u << 23)

enum { SEG_CS, SEG_DS, SEG_ES, SEG_FS, SEG_GS, SEG_SS, SEGS };
static const char seg_names[SEGS][3] = { "CS", "DS", "ES", "FS", "GS", "SS" };

struct segment_view {
	uint32_t sel;
	int lar_ok, lsl_ok, desc_ok;
	uint32_t ar, limit;
	uint64_t desc;
};
static struct segment_view segs[SEGS];

static uint32_t selector(unsigned i)
{
	const struct entry_state *st = boot.st;
	const uint32_t sels[SEGS] = { st->cs, st->ds, st->es, st->fs, st->gs, st->ss };
	return sels[i] & 0xFFFF;
}

static uint32_t gdtr_base(void) { return rd32((uint32_t)(uintptr_t)boot.st->gdtr + 2); }
static uint32_t gdtr_limit(void) { return rd16((uint32_t)(uintptr_t)boot.st->gdtr); }

/* What the loader's GDT says for each selector, read before the kernel loads its own. */
void machine_record(void)
{
	for (unsigned i = 0; i < SEGS; i++) {
		struct segment_view *s = &segs[i];
		uint8_t zf;
		s->sel = selector(i);
		__asm__ volatile("larl %2, %0\n\tsetz %1" : "=r"(s->ar), "=q"(zf) : "r"(s->sel) : "cc");
		s->lar_ok = zf;
		__asm__ volatile("lsll %2, %0\n\tsetz %1" : "=r"(s->limit), "=q"(zf) : "r"(s->sel) : "cc");
		s->lsl_ok = zf;
		uint32_t off = s->sel & ~7u;
		if (!(s->sel & 4) && off && off + 7 <= gdtr_limit()) {
			s->desc = rd64(gdtr_base() + off);
			s->desc_ok = 1;
		}
	}
}

static uint32_t desc_base(uint64_t d)
{
	return (uint32_t)((d >> 16) & 0xFFFFFF) | (uint32_t)(d >> 56) << 24;
}

/* The common part of a flat 4 GiB ring-0 segment, as LAR/LSL and the GDT show it. */
static void expect_flat(struct check *c, const struct segment_view *s, const char *name)
{
	if (!expect(c, s->lar_ok && s->lsl_ok, "%s = 0x%x: LAR/LSL refuse the selector (not in the loader's GDT)",
		    name, s->sel))
		return;
	expect(c, (s->ar & (AR_S | AR_P)) == (AR_S | AR_P), "%s = 0x%x: not a present code/data descriptor (access 0x%x)",
	       name, s->sel, s->ar);
	expect(c, (s->ar & AR_DPL) == 0 && (s->sel & 3) == 0, "%s = 0x%x: not ring 0 (access 0x%x)", name, s->sel, s->ar);
	expect(c, s->ar & AR_DB, "%s = 0x%x: not 32-bit (D/B clear, access 0x%x)", name, s->sel, s->ar);
	expect(c, !(s->ar & AR_L), "%s = 0x%x: a 64-bit (L) descriptor", name, s->sel);
	expect(c, s->limit == 0xFFFFFFFFu, "%s = 0x%x: limit 0x%x, not 4 GiB", name, s->sel, s->limit);
	if (expect(c, s->desc_ok, "%s = 0x%x: descriptor outside the GDT (base 0x%x limit 0x%x)",
		   name, s->sel, gdtr_base(), gdtr_limit()))
		expect(c, desc_base(s->desc) == 0, "%s = 0x%x: base 0x%x, not 0", name, s->sel, desc_base(s->desc));
}

static void check_registers(void)
{
	const struct entry_state *st = boot.st;
	struct check c;
	uint32_t magic = boot.v->protocol == 1 ? MB1_BOOT_MAGIC : MB2_BOOT_MAGIC;

	check_begin(&c, "magic");
	expect(&c, st->eax == magic, "EAX is 0x%x, expected 0x%x", st->eax, magic);
	check_note(&c, "EAX 0x%x", st->eax);
	check_end(&c);

	check_begin(&c, "info-pointer");
	expect(&c, st->ebx != 0, "EBX is 0");
	if (boot.v->protocol == 2)
		expect(&c, st->ebx % 8 == 0, "EBX 0x%x is not 8-byte aligned", st->ebx);
	check_note(&c, "EBX 0x%x", st->ebx);
	check_end(&c);

	check_begin(&c, "cr0");
	expect(&c, st->cr0 & CR0_PE, "CR0 0x%x: PE clear", st->cr0);
	expect(&c, !(st->cr0 & CR0_PG), "CR0 0x%x: PG set", st->cr0);
	check_note(&c, "CR0 0x%x", st->cr0);
	check_end(&c);

	check_begin(&c, "eflags");
	expect(&c, !(st->eflags & EFLAGS_IF), "EFLAGS 0x%x: IF set", st->eflags);
	expect(&c, !(st->eflags & EFLAGS_VM), "EFLAGS 0x%x: VM set", st->eflags);
	check_note(&c, "EFLAGS 0x%x", st->eflags);
	check_end(&c);
}

static void check_selectors(void)
{
	const struct expectations *e = &boot.expect;
	struct check c;

	check_begin(&c, "cs");
	const struct segment_view *s = &segs[SEG_CS];
	expect_flat(&c, s, "CS");
	if (s->lar_ok) {
		expect(&c, s->ar & AR_CODE, "CS = 0x%x: not a code segment (access 0x%x)", s->sel, s->ar);
		expect(&c, s->ar & AR_WRITE_READ, "CS = 0x%x: not readable (access 0x%x)", s->sel, s->ar);
	}
	if (e->has_selectors)
		expect(&c, s->sel == e->cs, "CS is 0x%x, expect-selectors says 0x%x", s->sel, e->cs);
	check_note(&c, "CS 0x%x, GDT at 0x%x limit 0x%x", s->sel, gdtr_base(), gdtr_limit());
	check_end(&c);

	check_begin(&c, "data-segments");
	for (unsigned i = SEG_DS; i < SEGS; i++) {
		s = &segs[i];
		expect_flat(&c, s, seg_names[i]);
		if (s->lar_ok) {
			expect(&c, !(s->ar & AR_CODE), "%s = 0x%x: a code segment (access 0x%x)", seg_names[i], s->sel, s->ar);
			expect(&c, s->ar & AR_WRITE_READ, "%s = 0x%x: not writable (access 0x%x)", seg_names[i], s->sel, s->ar);
			expect(&c, !(s->ar & AR_EXPAND_DOWN), "%s = 0x%x: expand-down", seg_names[i], s->sel);
		}
		if (e->has_selectors)
			expect(&c, s->sel == e->ds, "%s is 0x%x, expect-selectors says 0x%x", seg_names[i], s->sel, e->ds);
	}
	check_note(&c, "DS 0x%x ES 0x%x FS 0x%x GS 0x%x SS 0x%x", segs[SEG_DS].sel, segs[SEG_ES].sel,
		   segs[SEG_FS].sel, segs[SEG_GS].sel, segs[SEG_SS].sel);
	check_end(&c);
}

static volatile uint32_t seg_probe;

/* Reads at offset 0xFFFFFFFC through each register; writes through each data register. */
static void check_segment_access(void)
{
	struct check c;
	uint32_t top = 0xFFFFFFFCu, v[SEGS];
	uint32_t addr = (uint32_t)(uintptr_t)&seg_probe;

	check_begin(&c, "segment-access");
	__asm__ volatile("movl %%cs:(%1), %0" : "=r"(v[SEG_CS]) : "r"(top));
	__asm__ volatile("movl %%ds:(%1), %0" : "=r"(v[SEG_DS]) : "r"(top));
	__asm__ volatile("movl %%es:(%1), %0" : "=r"(v[SEG_ES]) : "r"(top));
	__asm__ volatile("movl %%fs:(%1), %0" : "=r"(v[SEG_FS]) : "r"(top));
	__asm__ volatile("movl %%gs:(%1), %0" : "=r"(v[SEG_GS]) : "r"(top));
	__asm__ volatile("movl %%ss:(%1), %0" : "=r"(v[SEG_SS]) : "r"(top));
	for (unsigned i = SEG_ES; i < SEGS; i++)
		expect(&c, v[i] == v[SEG_DS], "a read of 0xFFFFFFFC through %s gives 0x%x, through DS 0x%x",
		       seg_names[i], v[i], v[SEG_DS]);

	static const uint32_t values[4] = { 0x11E5F00Du, 0x22C0FFEEu, 0x33BADA55u, 0x44D15EA5u };
	for (unsigned k = 0; k < 4; k++) {
		uint32_t via_cs;
		switch (k) {
		case 0: __asm__ volatile("movl %1, %%es:(%0)" : : "r"(addr), "r"(values[k]) : "memory"); break;
		case 1: __asm__ volatile("movl %1, %%fs:(%0)" : : "r"(addr), "r"(values[k]) : "memory"); break;
		case 2: __asm__ volatile("movl %1, %%gs:(%0)" : : "r"(addr), "r"(values[k]) : "memory"); break;
		default: __asm__ volatile("movl %1, %%ss:(%0)" : : "r"(addr), "r"(values[k]) : "memory"); break;
		}
		__asm__ volatile("movl %%cs:(%1), %0" : "=r"(via_cs) : "r"(addr) : "memory");
		expect(&c, seg_probe == values[k] && via_cs == values[k],
		       "a write through %s reads back 0x%x through DS and 0x%x through CS, not 0x%x",
		       seg_names[SEG_ES + k], seg_probe, via_cs, values[k]);
	}
	check_note(&c, "4 GiB limits and one base for CS, DS, ES, FS, GS, SS");
	check_end(&c);
}

void check_machine(void)
{
	check_registers();
	check_selectors();
	check_segment_access();
}

/* With A20 masked, address bit 20 is dropped: a write to V would show at V ^ 1 MiB. */
void check_a20(void)
{
	static volatile uint32_t probe;
	struct check c;
	uint32_t v = (uint32_t)(uintptr_t)&probe, alias = v ^ MiB;

	check_begin(&c, "a20");
	for (int i = 0; i < 2; i++) {
		uint32_t before = rd32(alias), mark = ~before ^ (uint32_t)i;
		probe = mark;
		uint32_t after = rd32(alias);
		expect(&c, after == before && probe == mark,
		       "writing 0x%x at 0x%x changed 0x%x from 0x%x to 0x%x: A20 is masked", mark, v, alias, before, after);
	}
	check_note(&c, "0x%x and 0x%x are distinct", v, alias);
	check_end(&c);
}

/*
 * Where the kernel runs: entry.asm's call/pop against the address the C
 * code computes for the same label (the link address, or for the
 * relocatable kernel, which is built position-independent, where it runs).
 */
void check_position(void)
{
	struct check c;
	uint32_t c_view = (uint32_t)(uintptr_t)entry_here;

	check_begin(&c, "position");
	expect(&c, boot.st->here == c_view, "entry_here runs at 0x%x, the kernel's code expects 0x%x",
	       boot.st->here, c_view);
	check_note(&c, "image at 0x%x-0x%x%s", boot.image_start, boot.image_end,
		   boot.v->flags & V_RELOC ? " (relocatable)" : ", its link address");
	check_end(&c);
}
