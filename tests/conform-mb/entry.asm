; _start: records the machine state the loader handed over before any of it
; changes, switches to the kernel's own stack and calls
; mbconf_main(&entry_state). Slot numbers match struct entry_state in
; mbconf.h. Assembled twice: as is (the kernel runs at its link address)
; and with -DPIC for the relocatable kernel, which finds itself with a
; call/pop and touches no absolute address.
;
; The Multiboot specifications leave ESP undefined: nothing here uses the
; loader's stack. The PIC entry needs two stack slots before it knows where
; it is; it parks registers in DR0-DR3 and uses the Multiboot2 information's
; reserved dword at [EBX + 4] as its stack, then puts that dword back.

bits 32

%define S_EAX 0
%define S_EBX 1
%define S_ECX 2
%define S_EDX 3
%define S_ESI 4
%define S_EDI 5
%define S_EBP 6
%define S_ESP 7
%define S_EFLAGS 8
%define S_CR0 9
%define S_CR3 10
%define S_CR4 11
%define S_CS 12
%define S_DS 13
%define S_ES 14
%define S_FS 15
%define S_GS 16
%define S_SS 17
%define S_GDTR 18
%define S_IDTR 20
%define S_HERE 22
%define S_MBI_RESERVED 23
%define SLOTS 24

%define STACK_SIZE (32 * 1024)

; Link-time constants from the linker script: distances from entry_here.
extern mbconf_state_offset, mbconf_stack_offset
extern mbconf_main, mbconf_exception

section .scratch nobits alloc write align=16
global entry_state
entry_state:	resd SLOTS
		alignb 16
stack:		resb STACK_SIZE
global stack_top
stack_top:

section .text.entry progbits alloc exec nowrite align=16
global _start, entry_here
_start:
%ifndef PIC
	mov [entry_state + S_EAX * 4], eax
	mov [entry_state + S_EBX * 4], ebx
	mov [entry_state + S_ECX * 4], ecx
	mov [entry_state + S_EDX * 4], edx
	mov [entry_state + S_ESI * 4], esi
	mov [entry_state + S_EDI * 4], edi
	mov [entry_state + S_EBP * 4], ebp
	mov [entry_state + S_ESP * 4], esp
	mov esp, stack_top		; MOV leaves EFLAGS alone
	pushfd
	pop dword [entry_state + S_EFLAGS * 4]
	call entry_here
entry_here:
	pop ecx				; ecx = where entry_here runs
%else
	; MOV to a debug register leaves the arithmetic flags undefined; IF,
	; DF and VM, which the checks read, are kept.
	mov dr0, esp
	mov dr1, ecx
	mov ecx, [ebx + 4]
	mov dr2, ecx
	lea esp, [ebx + 8]
	pushfd				; into [EBX + 4]
	pop ecx
	mov dr3, ecx
	call entry_here			; into [EBX + 4] again
entry_here:
	pop ecx				; ecx = where entry_here runs
	mov [ecx + mbconf_state_offset + S_EAX * 4], eax
	mov [ecx + mbconf_state_offset + S_EBX * 4], ebx
	mov [ecx + mbconf_state_offset + S_EDX * 4], edx
	mov [ecx + mbconf_state_offset + S_ESI * 4], esi
	mov [ecx + mbconf_state_offset + S_EDI * 4], edi
	mov [ecx + mbconf_state_offset + S_EBP * 4], ebp
	mov eax, dr0
	mov [ecx + mbconf_state_offset + S_ESP * 4], eax
	mov eax, dr1
	mov [ecx + mbconf_state_offset + S_ECX * 4], eax
	mov eax, dr2
	mov [ecx + mbconf_state_offset + S_MBI_RESERVED * 4], eax
	mov [ebx + 4], eax		; the reserved dword as it was
	mov eax, dr3
	mov [ecx + mbconf_state_offset + S_EFLAGS * 4], eax
	xor eax, eax
	mov dr0, eax
	mov dr1, eax
	mov dr2, eax
	mov dr3, eax
	lea esp, [ecx + mbconf_stack_offset]
%endif
	cli
	cld
	mov [ecx + mbconf_state_offset + S_HERE * 4], ecx
	mov eax, cr0
	mov [ecx + mbconf_state_offset + S_CR0 * 4], eax
	mov eax, cr3
	mov [ecx + mbconf_state_offset + S_CR3 * 4], eax
	mov eax, cr4
	mov [ecx + mbconf_state_offset + S_CR4 * 4], eax
	xor eax, eax
	mov ax, cs
	mov [ecx + mbconf_state_offset + S_CS * 4], eax
	mov ax, ds
	mov [ecx + mbconf_state_offset + S_DS * 4], eax
	mov ax, es
	mov [ecx + mbconf_state_offset + S_ES * 4], eax
	mov ax, fs
	mov [ecx + mbconf_state_offset + S_FS * 4], eax
	mov ax, gs
	mov [ecx + mbconf_state_offset + S_GS * 4], eax
	mov ax, ss
	mov [ecx + mbconf_state_offset + S_SS * 4], eax
	sgdt [ecx + mbconf_state_offset + S_GDTR * 4]
	sidt [ecx + mbconf_state_offset + S_IDTR * 4]

	lea eax, [ecx + mbconf_state_offset]
	xor ebp, ebp
	push ebp			; keeps the stack 16-byte aligned at the call
	push ebp
	push ebp
	push eax
	call mbconf_main
.hang:
	cli
	hlt
	jmp .hang

; The 32 exception vectors, 16 bytes apart (cpu.c builds the IDT from
; trap_stubs + 16 * vector). Each makes the frame uniform (vector, error
; code or 0, then EIP, CS, EFLAGS as the CPU pushed them) and calls
; mbconf_exception(frame), which reports and never returns.
%define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

section .text
	align 16
global trap_stubs
trap_stubs:
%assign v 0
%rep 32
	align 16
%if !HAS_ERROR(v)
	push 0
%endif
	push v
	jmp trap_common
%assign v v + 1
%endrep

trap_common:
	mov eax, esp
	and esp, -16
	sub esp, 12
	push eax
	cld
	call mbconf_exception
.hang:
	cli
	hlt
	jmp .hang
