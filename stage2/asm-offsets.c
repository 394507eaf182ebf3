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
#include "linux_boot.h"

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
	OFFSET(H_CODE_SEL, struct handoff, code_sel);
	OFFSET(H_DATA_SEL, struct handoff, data_sel);
	OFFSET(H_INFO, struct handoff, info);
	OFFSET(H_ENTRY, struct handoff, entry);
	OFFSET(H_STACK_TOP, struct handoff, stack_top);
	OFFSET(H_TSC_ENTRY, struct handoff, tsc_entry);

	OFFSET(P_GDT, struct pm32_handoff, gdt_limit);
	OFFSET(P_CODE_SEL, struct pm32_handoff, code_sel);
	OFFSET(P_DATA_SEL, struct pm32_handoff, data_sel);
	OFFSET(P_EAX, struct pm32_handoff, eax);
	OFFSET(P_EBX, struct pm32_handoff, ebx);
	OFFSET(P_ESI, struct pm32_handoff, esi);
	OFFSET(P_ENTRY, struct pm32_handoff, entry);

	DEFINE(EXCEPTION_STUB_SIZE, EXCEPTION_STUB_SIZE);
	DEFINE(LINUX_REALMODE_ENTRY_SEG_OFFSET, LINUX_REALMODE_ENTRY_SEG_OFFSET);
}
