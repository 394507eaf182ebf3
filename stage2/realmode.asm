; bios_call(): the one way stage2 reaches the BIOS.
;
;   void bios_call(uint8_t vector, const struct bios_regs *in, struct bios_regs *out);
;
; stage2 is built with -mregparm=3: vector in AL, in in EDX, out in ECX.
; From 32-bit protected mode it drops to real mode through a 16-bit
; protected-mode segment, loads the registers from *in, issues INT vector
; with interrupts enabled, stores the registers and flags in *out, and
; returns to protected mode with interrupts off. Its code (.entry) and data
; (.lowbss) lie below 64 KiB, where real mode can reach them. The data has a
; page of its own and the INT is made by a far call through the vector
; rather than by patching an INT instruction: QEMU's TCG slows every write
; to a page that holds code.

%include "layout.inc"
%include "asm-offsets.inc"
%include "segments.inc"


; From a 16-bit protected-mode segment to real mode at label %1 (CS = 0).
%macro to_real_mode 1
	; 64 KiB limits in every segment cache before real mode uses them.
	load_data_segments LB_SEL_DATA16
	mov eax, cr0
	and al, ~CR0_PE
	mov cr0, eax
	jmp 0:%1
%endmacro

section .entry
bits 32
global bios_call
bios_call:
	pushad
	movzx eax, al
	mov eax, [eax * 4]              ; the vector's real-mode IVT entry, segment:offset
	mov [handler], eax
	mov [out], ecx
	mov esi, edx
	mov edi, regs
	mov ecx, BIOS_REGS_SIZE / 4
	rep movsd
	mov [saved_esp], esp
	sgdt [pm_gdt]                   ; a BIOS may load a GDT of its own
	sidt [pm_idt]
	lidt [real_mode_ivt]
	jmp LB_SEL_CODE16:.pm16

bits 16
.pm16:
	to_real_mode .real

.real:
	xor ax, ax
	mov ss, ax                      ; the stack stays where it was: below 64 KiB
	mov ds, ax
	mov fs, ax
	mov gs, ax
	mov es, [regs + BIOS_REGS_ES]
	mov eax, [regs + BIOS_REGS_EFLAGS]
	or ax, EFLAGS_IF
	push eax
	mov eax, [regs + BIOS_REGS_EAX]
	mov ebx, [regs + BIOS_REGS_EBX]
	mov ecx, [regs + BIOS_REGS_ECX]
	mov edx, [regs + BIOS_REGS_EDX]
	mov esi, [regs + BIOS_REGS_ESI]
	mov edi, [regs + BIOS_REGS_EDI]
	mov ebp, [regs + BIOS_REGS_EBP]
	mov ds, [regs + BIOS_REGS_DS]
	popfd
	pushf                           ; what INT does: FLAGS, IF off, far call
	cli
	call far [cs:handler]

	cli
	pushfd
	push ds
	push word 0
	pop ds
	mov [regs + BIOS_REGS_EAX], eax
	mov [regs + BIOS_REGS_EBX], ebx
	mov [regs + BIOS_REGS_ECX], ecx
	mov [regs + BIOS_REGS_EDX], edx
	mov [regs + BIOS_REGS_ESI], esi
	mov [regs + BIOS_REGS_EDI], edi
	mov [regs + BIOS_REGS_EBP], ebp
	mov [regs + BIOS_REGS_ES], es
	pop word [regs + BIOS_REGS_DS]
	pop dword [regs + BIOS_REGS_EFLAGS]

	lgdt [pm_gdt]
	lidt [pm_idt]
	mov eax, cr0
	or al, CR0_PE
	mov cr0, eax
	jmp dword LB_SEL_CODE32:.pm32

bits 32
.pm32:
	load_data_segments LB_SEL_DATA
	mov esp, [saved_esp]
	cld                             ; a BIOS may return with DF set; C assumes it clear
	mov edi, [out]
	test edi, edi
	jz .done
	mov esi, regs
	mov ecx, BIOS_REGS_SIZE / 4
	rep movsd
.done:
	popad
	ret

; enter_real_mode_kernel(): a kernel's own 16-bit entry (Linux's real-mode
; setup, boot.rst "Running the kernel"): CS = segment + 0x20, IP = 0,
; DS = ES = FS = GS = SS = segment, SP = stack, the BIOS's IVT and
; interrupts on, as a real-mode loader would leave them.
;
;   void enter_real_mode_kernel(uint32_t segment, uint32_t stack);  (EAX, EDX)
bits 32
global enter_real_mode_kernel
enter_real_mode_kernel:
	cli
	mov [kernel_segment], ax
	add ax, LINUX_REALMODE_ENTRY_SEG_OFFSET
	mov word [kernel_entry], 0
	mov [kernel_entry + 2], ax
	mov [kernel_stack], dx
	lidt [real_mode_ivt]
	jmp LB_SEL_CODE16:.pm16
bits 16
.pm16:
	to_real_mode .real
.real:
	xor ax, ax
	mov ds, ax
	mov dx, [kernel_stack]
	mov ax, [kernel_segment]
	mov ss, ax
	mov sp, dx
	mov ds, ax
	mov es, ax
	mov fs, ax
	mov gs, ax
	sti
	jmp far [cs:kernel_entry]

real_mode_ivt:
	dw 0x3FF                        ; 256 four-byte vectors at address 0
	dd 0

section .lowbss nobits alloc write
alignb 4
regs:      resb BIOS_REGS_SIZE     ; struct bios_regs
handler:   resd 1
out:       resd 1
saved_esp: resd 1
pm_gdt:    resw 1
           resd 1
pm_idt:    resw 1
           resd 1
kernel_segment: resw 1
kernel_stack:   resw 1
kernel_entry:   resw 2          ; offset 0, segment
