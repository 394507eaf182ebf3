; enter_pm32(): a 32-bit kernel's entry with paging off (Multiboot, Linux's
; 32-bit protocol).
;
;   void enter_pm32(const struct pm32_handoff *h);   (h in EAX: -mregparm=3)
;
; stage2 already runs in 32-bit protected mode without paging; only the
; GDT, the selectors and the registers change (Multiboot 0.6.96 section
; 3.2 and Multiboot 2.0 section 3.3; boot.rst, "32-bit boot protocol").

%include "layout.inc"
%include "asm-offsets.inc"
%include "segments.inc"
%include "kernel_entry.inc"

section .text
bits 32
global enter_pm32
enter_pm32:
	cli
	mov ebx, eax
	push RFLAGS_FIXED
	popfd
	lgdt [ebx + P_GDT]
	push dword [ebx + P_CODE_SEL]   ; a far return into the kernel's code selector
	push dword .flat
	retf
.flat:
	lidt [no_idt]                   ; stage2's gates are gone with its GDT
	enter_kernel32

section .rodata
no_idt:
	dw 0
	dd 0
