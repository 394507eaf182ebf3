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
%include "segments.inc"

BIOS_REGS_SIZE  equ 36          ; sizeof(struct bios_regs)
CR0_PE          equ 1
EFLAGS_IF       equ 0x200

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
	; 64 KiB limits in every segment cache before real mode uses them.
	load_data_segments LB_SEL_DATA16
	mov eax, cr0
	and al, ~CR0_PE
	mov cr0, eax
	jmp 0:.real

.real:
	xor ax, ax
	mov ss, ax                      ; the stack stays where it was: below 64 KiB
	mov ds, ax
	mov fs, ax
	mov gs, ax
	mov es, [regs.es]
	mov eax, [regs.eflags]
	or ax, EFLAGS_IF
	push eax
	mov eax, [regs.eax]
	mov ebx, [regs.ebx]
	mov ecx, [regs.ecx]
	mov edx, [regs.edx]
	mov esi, [regs.esi]
	mov edi, [regs.edi]
	mov ebp, [regs.ebp]
	mov ds, [regs.ds]
	popfd
	pushf                           ; what INT does: FLAGS, IF off, far call
	cli
	call far [cs:handler]

	cli
	pushfd
	push ds
	push word 0
	pop ds
	mov [regs.eax], eax
	mov [regs.ebx], ebx
	mov [regs.ecx], ecx
	mov [regs.edx], edx
	mov [regs.esi], esi
	mov [regs.edi], edi
	mov [regs.ebp], ebp
	mov [regs.es], es
	pop word [regs.ds]
	pop dword [regs.eflags]

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

real_mode_ivt:
	dw 0x3FF                        ; 256 four-byte vectors at address 0
	dd 0

section .lowbss nobits alloc write
alignb 4
regs:
.eax:    resd 1
.ebx:    resd 1
.ecx:    resd 1
.edx:    resd 1
.esi:    resd 1
.edi:    resd 1
.ebp:    resd 1
.eflags: resd 1
.ds:     resw 1
.es:     resw 1
handler:   resd 1
out:       resd 1
saved_esp: resd 1
pm_gdt:    resw 1
           resd 1
pm_idt:    resw 1
           resd 1
