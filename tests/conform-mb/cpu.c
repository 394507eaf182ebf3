/*
 * The kernel's own GDT and IDT, loaded once the loader's state has been
 * recorded, and the exception report. Loading a GDT does not change the
 * segment registers (their hidden descriptors stay the loader's): the
 * kernel never reloads one, as the specifications ask until it has its own
 * GDT. The IDT's gates name this GDT's code selector.
 */
#include "mbconf.h"

#define SEL_CODE        0x08
#define GDT_CODE32      0x00CF9A000000FFFFULL  /* P, DPL 0, execute/read, D, G, base 0, 4 GiB */
#define GDT_DATA32      0x00CF92000000FFFFULL  /* P, DPL 0, read/write, B, G, base 0, 4 GiB */
#define GATE_INTERRUPT32 0x8E00u               /* P, DPL 0, 32-bit interrupt gate */
#define EXCEPTIONS      32
#define STUB_SIZE       16                     /* entry.asm aligns each stub to 16 bytes */

struct __attribute__((packed)) table_register {
	uint16_t limit;
	uint32_t base;
};

static uint64_t gdt[3] = { 0, GDT_CODE32, GDT_DATA32 };
static uint64_t idt[EXCEPTIONS];

/*
 * An address computed now, from EIP: a compiler building position-
 * independent code may otherwise fold a descriptor holding an address into
 * constant data with a load-time relocation, which nobody applies here.
 */
static uint32_t runtime_address(const void *p)
{
	uint32_t a = (uint32_t)(uintptr_t)p;
	__asm__("" : "+r"(a));
	return a;
}

void cpu_take_over(void)
{
	struct table_register gdtr = { sizeof(gdt) - 1, runtime_address(gdt) };
	__asm__ volatile("lgdt %0" : : "m"(gdtr) : "memory");

	for (unsigned v = 0; v < EXCEPTIONS; v++) {
		uint32_t a = runtime_address(trap_stubs) + v * STUB_SIZE;
		idt[v] = (uint64_t)(a & 0xFFFF) | (uint64_t)SEL_CODE << 16 |
			 (uint64_t)GATE_INTERRUPT32 << 32 | (uint64_t)(a >> 16) << 48;
	}
	struct table_register idtr = { sizeof(idt) - 1, runtime_address(idt) };
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

static const char exception_names[EXCEPTIONS][4] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "#MF", "#TS", "#NP", "#SS", "#GP", "#PF", "?",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "?", "?",
	"?", "?", "?", "?", "#HV", "#VC", "#SX", "?",
};

void mbconf_exception(const uint32_t *frame);

/* frame: vector, error code, then EIP, CS, EFLAGS as the CPU pushed them. */
void mbconf_exception(const uint32_t *frame)
{
	char what[160];
	uint32_t v = frame[0];
	format(what, sizeof(what), "CPU exception %u (%s) error 0x%x at eip 0x%x", v,
	       v < EXCEPTIONS ? exception_names[v] : "?", frame[1], frame[2]);
	report_fault(what);
	finish();
}
