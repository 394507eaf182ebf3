; Memory the kernel writes before its .bss check, or that must survive the
; dirty-reboot fill: the linker scripts place .scratch last in .bss and
; both leave it out (conform.h, __scratch_start/__scratch_end).

section .scratch nobits alloc write align=4096
global conform_dirty_tables, conform_idt, conform_gdt
conform_dirty_tables:	resb 8 * 4096	; dirty.c: PML4, 2 PDPTs, 5 PDs
conform_idt:		resq 2 * 32	; 32 gate descriptors of 16 bytes
conform_gdt:		resq 3		; null, 64-bit code, data
