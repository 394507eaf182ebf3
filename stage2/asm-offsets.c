/*
 * The offsets and sizes stage2's assembly reads from C structs. The build
 * compiles this file to assembly with stage2's own flags and turns each
 * "->NAME value" marker into a NASM %define (build/stage2/asm-offsets.inc),
 * so the numbers are the target compiler's, never copies.
 */
#include <stddef.h>
#include "bios.h"
#include "boot.h"
#include "cpu.h"

#define DEFINE(name, value) __asm__ volatile("\n.ascii \"->" #name " %c0\"" : : "i"(value))
#define OFFSET(name, type, field) DEFINE(name, offsetof(type, field))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(BIOS_REGS_SIZE, sizeof(struct bios_regs));
	OFFSET(BIOS_REGS_EAX, struct bios_regs, eax);
	OFFSET(BIOS_REGS_EBX, struct bios_regs, ebx);
	OFFSET(BIOS_REGS_ECX, struct bios_regs, ecx);
	OFFSET(BIOS_REGS_EDX, struct bios_regs, edx);
	OFFSET(BIOS_REGS_ESI, struct bios_regs, esi);
	OFFSET(BIOS_REGS_EDI, struct bios_regs, edi);
	OFFSET(BIOS_REGS_EBP, struct bios_regs, ebp);
	OFFSET(BIOS_REGS_EFLAGS, struct bios_regs, eflags);
	OFFSET(BIOS_REGS_DS, struct bios_regs, ds);
	OFFSET(BIOS_REGS_ES, struct bios_regs, es);

	OFFSET(H_PML4, struct handoff, pml4);
	OFFSET(H_GDT, struct handoff, gdt_limit);
	OFFSET(H_NXE, struct handoff, nxe);
	OFFSET(H_INFO, struct handoff, info);
	OFFSET(H_ENTRY, struct handoff, entry);
	OFFSET(H_STACK_TOP, struct handoff, stack_top);
	OFFSET(H_TSC_ENTRY, struct handoff, tsc_entry);

	DEFINE(EXCEPTION_STUB_SIZE, EXCEPTION_STUB_SIZE);
}
