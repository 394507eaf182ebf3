/* CPUID checks (Intel SDM vol. 2A, CPUID) and the stage2 IDT. */
#include <stdint.h>
#include "panic.h"
#include "cpu.h"
#include "layout.h"

#define EFLAGS_ID          (1u << 21)
#define CPUID_EXT_BASE     0x80000000u
#define CPUID_EXT_FEATURES 0x80000001u
#define EXT_EDX_NX         (1u << 20)
#define EXT_EDX_LM         (1u << 29)
#define STD_EDX_PAE        (1u << 6)
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

	d = 0;
	if (have_cpuid()) {
		cpuid(CPUID_EXT_BASE, &max_ext, &b, &c, &d);
		d = 0;
		if (max_ext >= CPUID_EXT_FEATURES)
			cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
	}
	if (!(d & EXT_EDX_LM))
		panic("this CPU cannot run 64-bit code (no long mode); longboot needs an x86-64 processor");
	f->nx = (d & EXT_EDX_NX) != 0;
	cpuid(1, &a, &b, &c, &d);
	if ((d & (STD_EDX_PAE | STD_EDX_FXSR | STD_EDX_SSE)) != (STD_EDX_PAE | STD_EDX_FXSR | STD_EDX_SSE))
		panic("this CPU has long mode but no PAE, FXSR or SSE");
}

struct idt_gate {
	uint16_t offset_low, selector;
	uint8_t zero, type;
	uint16_t offset_high;
};

#define GATE_INTERRUPT32 0x8E /* present, ring 0, 32-bit interrupt gate */
#define EXCEPTIONS 32

#define HAS_ERROR_CODE ((1u << 8) | (1u << 10) | (1u << 11) | (1u << 12) | \
			(1u << 13) | (1u << 14) | (1u << 17) | (1u << 21))

extern const uint8_t exception_stubs[];
static struct idt_gate idt[EXCEPTIONS];

void exceptions_init(void)
{
	struct { uint16_t limit; uint32_t base; } __attribute__((packed)) idtr;

	for (int i = 0; i < EXCEPTIONS; i++) {
		uint32_t stub = (uint32_t)exception_stubs + i * EXCEPTION_STUB_SIZE;
		idt[i].offset_low = (uint16_t)stub;
		idt[i].selector = LB_SEL_CODE32;
		idt[i].zero = 0;
		idt[i].type = GATE_INTERRUPT32;
		idt[i].offset_high = (uint16_t)(stub >> 16);
	}
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint32_t)idt;
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/* frame: the vector a stub pushed, then what the CPU pushed. */
__attribute__((noreturn)) void exception_report(const uint32_t *frame);
void exception_report(const uint32_t *frame)
{
	uint32_t vector = frame[0];
	int has_error = vector < 32 && (HAS_ERROR_CODE >> vector & 1);
	uint32_t error = has_error ? frame[1] : 0;
	uint32_t eip = frame[1 + has_error];

	panic("stage2 bug: CPU exception %u (error code 0x%x) at 0x%x; please report it",
	      vector, error, eip);
}
