/*
 * The kernel's own GDT and IDT (loaded once the loader's state has been
 * recorded), exception reports, and a machine reset.
 */
#include "conform.h"
#include "x86.h"

#define SEL_CODE 0x08
#define SEL_DATA 0x10
#define GDT_CODE64 0x00AF9A000000FFFFULL  /* P, DPL 0, execute/read, L, G */
#define GDT_DATA   0x00CF92000000FFFFULL  /* P, DPL 0, read/write, 4 GiB */
#define IDT_INTERRUPT_GATE 0x8E           /* P, DPL 0, 64-bit interrupt gate */
#define EXCEPTIONS 32

#define KBC_COMMAND    0x64
#define KBC_PULSE_RESET 0xFE
#define RESET_CONTROL  0xCF9
#define RESET_HARD     0x06  /* SYS_RST | RST_CPU */
#define RESET_WAIT     10000000

struct gate {
	uint16_t offset_lo, selector;
	uint8_t ist, type;
	uint16_t offset_mid;
	uint32_t offset_hi, reserved;
};

struct __attribute__((packed)) table_register {
	uint16_t limit;
	uint64_t base;
};

extern struct gate conform_idt[EXCEPTIONS];
extern uint64_t conform_gdt[3];
extern const uint64_t trap_stubs[EXCEPTIONS];

void cpu_take_over(void)
{
	conform_gdt[0] = 0;
	conform_gdt[1] = GDT_CODE64;
	conform_gdt[2] = GDT_DATA;
	struct table_register gdtr = { sizeof(conform_gdt) - 1, (uintptr_t)conform_gdt };
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %2, %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 : : "m"(gdtr), "i"(SEL_CODE), "i"(SEL_DATA) : "rax", "memory");

	for (int v = 0; v < EXCEPTIONS; v++) {
		uint64_t a = trap_stubs[v];
		conform_idt[v] = (struct gate){
			.offset_lo = (uint16_t)a,
			.selector = SEL_CODE,
			.type = IDT_INTERRUPT_GATE,
			.offset_mid = (uint16_t)(a >> 16),
			.offset_hi = (uint32_t)(a >> 32),
		};
	}
	struct table_register idtr = { sizeof(struct gate) * EXCEPTIONS - 1, (uintptr_t)conform_idt };
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

static const char *const exception_names[EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "coprocessor segment overrun", "#TS", "#NP", "#SS", "#GP", "#PF", "reserved",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "reserved", "reserved",
	"reserved", "reserved", "reserved", "reserved", "#HV", "#VC", "#SX", "reserved",
};

/* frame: vector, error code, then RIP, CS, RFLAGS, RSP, SS as the CPU pushed them. */
void conform_exception(const uint64_t *frame)
{
	char what[200];
	uint64_t v = frame[0];

	format(what, sizeof(what), "CPU exception %lu (%s) error 0x%lx at rip 0x%lx cr2 0x%lx",
	       v, v < EXCEPTIONS ? exception_names[v] : "?", frame[1], frame[2], read_cr2());
	report_fault(what);
	finish();
}

/*
 * A hard reset through the chipset's reset control register first: the
 * keyboard controller's reset is a soft one (INIT), which keeps MSRs such
 * as a locked IA32_FEATURE_CONTROL that the Bochs BIOS then faults on.
 */
void machine_reset(void)
{
	outb(RESET_CONTROL, RESET_HARD);
	for (volatile int i = 0; i < RESET_WAIT; i++)
		;
	outb(KBC_COMMAND, KBC_PULSE_RESET);
	for (volatile int i = 0; i < RESET_WAIT; i++)
		;
	/* A triple fault: no usable IDT, then an exception. */
	struct table_register none = { 0, 0 };
	__asm__ volatile("lidt %0\n\tint3" : : "m"(none));
	halt_forever();
}
