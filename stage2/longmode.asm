; enter_long_mode(): protected mode -> long mode -> a 64-bit kernel (longboot, Linux).
;
;   void enter_long_mode(const struct handoff *h);   (h in EAX: -mregparm=3)
;
; Paging is off on entry. Each control-register bit is set as boot protocol
; section 2 requires (Intel SDM vol. 3A, 9.8.5 "Initializing IA-32e Mode").

%include "layout.inc"
%include "asm-offsets.inc"
%include "segments.inc"
%include "kernel_entry.inc"

section .text
bits 32
global enter_long_mode
enter_long_mode:
	cli
	mov ebx, eax
	push RFLAGS_FIXED               ; nothing a BIOS left in the flags survives
	popfd

	; Until the kernel has an IDT of its own, an NMI could only triple-fault.
	mov al, NMI_MASKED
	out CMOS_INDEX, al
	mov al, 0xFF                    ; mask every IRQ on both 8259s
	out PIC1_DATA, al
	out PIC2_DATA, al

	lgdt [ebx + H_GDT]
	lidt [no_idt]                   ; stage2's 32-bit gates mean nothing in long mode

	mov eax, CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT
	mov cr4, eax
	mov eax, [ebx + H_PML4]
	mov cr3, eax

	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME
	cmp dword [ebx + H_NXE], 0
	je .no_nx
	or eax, EFER_NXE
.no_nx:
	wrmsr

	mov eax, CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG
	mov cr0, eax                    ; now in compatibility mode
	push dword [ebx + H_CODE_SEL]   ; a far return into the kernel's code selector
	push dword .long_mode
	retf

bits 64
.long_mode:
	mov ebx, ebx                    ; upper halves are undefined after the switch
	mov esp, esp
	enter_kernel64 rbx

section .rodata
no_idt:
	dw 0                            ; limit 0: any vector is out of bounds
	dd 0
