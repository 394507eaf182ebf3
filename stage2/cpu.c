/* CPUID checks (Intel SDM vol. 2A, CPUID) and the stage2 IDT. */
#include <stdint.h>
#include "console.h"
#include "cpu.h"
#include "layout.h"

#define EFLAGS_ID          (1u << 21)
#define CPUID_EXT_BASE     0x80000000u
#define CPUID_EXT_FEATURES 0x80000001u
#define EXT_EDX_NX         (1u << 20)
#define EXT_EDX_LM         (1u << 29)
#define STD_EDX_PAE        (1u << 6)
#define STD_EDX_TSC        (1u << 4)
#define STD_EDX_FXSR       (1u << 24)
#define STD_EDX_SSE        (1u << 25)

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

/* CPUID exists when EFLAGS.ID can be toggled. */
static int have_cpuid(void)
{
	uint32_t before, after;

	__asm__ volatile("pushfl; pushfl; xorl %2, (%%esp); popfl; pushfl; popl %0; popl %1; pushl %1; popfl"
			 : "=&r"(after), "=&r"(before) : "ri"(EFLAGS_ID));
	return ((before ^ after) & EFLAGS_ID) != 0;
}

void cpu_check(struct cpu_features *f)
{
	uint32_t a, b, c, d, max_ext;

	if (!have_cpuid())
		panic("this CPU has no CPUID, so it cannot run 64-bit code; longboot needs an x86-64 processor");
	cpuid(CPUID_EXT_BASE, &max_ext, &b, &c, &d);
	if (max_ext < CPUID_EXT_FEATURES)
		panic("this CPU cannot run 64-bit code (no long mode); longboot needs an x86-64 processor");
	cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
	if (!(d & EXT_EDX_LM))
		panic("this CPU cannot run 64-bit code (no long mode); longboot needs an x86-64 processor");
	f->nx = (d & EXT_EDX_NX) != 0;
	cpuid(1, &a, &b, &c, &d);
	if ((d & (STD_EDX_PAE | STD_EDX_FXSR | STD_EDX_SSE)) != (STD_EDX_PAE | STD_EDX_FXSR | STD_EDX_SSE))
		panic("this CPU reports long mode but lacks PAE, FXSR or SSE; it cannot run an x86-64 kernel");
}

struct idt_gate {
	uint16_t offset_low, selector;
	uint8_t zero, type;
	uint16_t offset_high;
};

#define GATE_INTERRUPT32 0x8E /* present, ring 0, 32-bit interrupt gate */
#define EXCEPTIONS 32

extern const uint32_t exception_stubs[EXCEPTIONS];
static struct idt_gate idt[EXCEPTIONS];

void exceptions_init(void)
{
	struct { uint16_t limit; uint32_t base; } __attribute__((packed)) idtr;

	for (int i = 0; i < EXCEPTIONS; i++) {
		idt[i].offset_low = (uint16_t)exception_stubs[i];
		idt[i].selector = LB_SEL_CODE32;
		idt[i].zero = 0;
		idt[i].type = GATE_INTERRUPT32;
		idt[i].offset_high = (uint16_t)(exception_stubs[i] >> 16);
	}
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint32_t)idt;
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

__attribute__((noreturn))
void exception_report(uint32_t vector, uint32_t error, uint32_t eip);
void exception_report(uint32_t vector, uint32_t error, uint32_t eip)
{
	panic("CPU exception %u (error code 0x%x) at 0x%x in stage2; this is a loader bug, please report it",
	      vector, error, eip);
}
