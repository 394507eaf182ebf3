; The jumps to the kernel from UEFI, where the firmware left the CPU in
; long mode with its own GDT, IDT and identity-mapped page tables
; (UEFI 2.10, 2.3.4). Microsoft x64 calling convention: the first
; argument in RCX, the second in RDX.
;
;   void enter_long_mode(const struct handoff *h);
;       to a 64-bit kernel: the kernel's GDT and page tables, then the
;       state boot protocol section 2 requires, as stage2/longmode.asm.
;   void pm32_switch(const struct pm32_handoff *h, void *stack_top,
;                    uint64_t pml4, const void *trampoline);
;       to a 32-bit kernel with paging off, through pm32_trampoline,
;       which handoff.c copied to a page below 4 GiB (it is position
;       independent): the CPU leaves long mode from code and a stack it
;       can still reach with 32-bit addresses (Intel SDM vol. 3A, 9.8.5.4).
;       The firmware may map that page no-execute (its loader data), so
;       first the loader's own identity map goes in, where all is executable.

%include "layout.inc"
%include "asm-offsets.inc"
%include "segments.inc"
%include "kernel_entry.inc"

; Interrupts off, NMIs and every 8259 IRQ masked: until the kernel has an
; IDT of its own, any of them could only triple-fault.
%macro quiet_machine 0
	cli
	push RFLAGS_FIXED
	popfq
	mov al, NMI_MASKED
	out CMOS_INDEX, al
	mov al, 0xFF
	out PIC1_DATA, al
	out PIC2_DATA, al
%endmacro

; LGDT in 64-bit mode reads a 64-bit base: the handoff's 32-bit one is
; widened on the stack. %1 is the handoff's limit field.
%macro load_gdt_widened 1
	sub rsp, 16
	mov ax, [%1]
	mov [rsp], ax
	mov eax, [%1 + 2]
	mov [rsp + 2], rax
	lgdt [rsp]
	mov qword [rsp], 0
	mov qword [rsp + 8], 0
	lidt [rsp]                      ; no IDT: the firmware's handlers are gone with its services
	add rsp, 16
%endmacro

section .text
bits 64
global enter_long_mode
enter_long_mode:
	mov rbx, rcx
	quiet_machine
	load_gdt_widened rbx + H_GDT

	mov eax, CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT
	mov cr4, rax                    ; exactly these, as under BIOS (efi/main.c refused LA57)
	mov eax, [rbx + H_PML4]
	mov cr3, rax                    ; the kernel's tables map this code and stack where they are

	mov ecx, MSR_EFER
	rdmsr
	cmp dword [rbx + H_NXE], 0
	je .no_nx
	or eax, EFER_NXE
.no_nx:
	wrmsr

	mov eax, CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG
	mov cr0, rax                    ; EM and TS clear: x87 and SSE work
	mov eax, [rbx + H_CODE_SEL]     ; a far return into the kernel's code selector
	push rax
	lea rax, [rel .reloaded]
	push rax
	o64 retf
.reloaded:
	enter_kernel64 rbx

global pm32_switch
pm32_switch:
	cli
	mov cr3, r8
	mov rsp, rdx                    ; a stack below 4 GiB for what follows
	jmp r9

global pm32_trampoline, pm32_trampoline_end
pm32_trampoline:
	mov rbx, rcx
	quiet_machine
	load_gdt_widened rbx + P_GDT
	mov eax, [rbx + P_CODE_SEL]     ; the kernel's 32-bit code segment: compatibility mode
	push rax
	lea rax, [rel .compat]
	push rax
	o64 retf
bits 32
.compat:
	mov eax, cr0
	and eax, ~CR0_PG
	mov cr0, eax                    ; paging off leaves long mode (EFER.LMA clears)
	mov ecx, MSR_EFER
	rdmsr
	and eax, ~(EFER_LME | EFER_NXE)
	wrmsr
	mov eax, cr4
	and eax, ~CR4_PAE
	mov cr4, eax
	enter_kernel32
pm32_trampoline_end:
