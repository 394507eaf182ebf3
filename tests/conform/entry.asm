; _start: records the machine state the loader handed over before any of it
; changes, then switches to the kernel's own stack and calls
; conform_main(&entry_state). Slot numbers match struct entry_state in
; conform.h.

bits 64
default rel

%define SLOT(n) entry_state + (n) * 8
%define S_RAX 0
%define S_RBX 1
%define S_RCX 2
%define S_RDX 3
%define S_RSI 4
%define S_RDI 5
%define S_RBP 6
%define S_RSP 7
%define S_R8 8
%define S_RFLAGS 16
%define S_CR0 17
%define S_CR3 18
%define S_CR4 19
%define S_EFER 20
%define S_FS_BASE 21
%define S_GS_BASE 22
%define S_TSC 23
%define S_CS 24
%define S_DS 25
%define S_ES 26
%define S_SS 27
%define S_FS 28
%define S_GS 29
%define S_GDT_LIMIT 30
%define S_GDT_BASE 31
%define S_FCW 32
%define S_MXCSR 33
%define S_FPU_READ 34
%define SLOTS 35

%define READ_FCW   1
%define READ_MXCSR 2

%define CR0_EM (1 << 2)
%define CR0_TS (1 << 3)
%define CR4_OSFXSR (1 << 9)
%define MSR_EFER    0xC0000080
%define MSR_FS_BASE 0xC0000100
%define MSR_GS_BASE 0xC0000101

%define STACK_SIZE (64 * 1024)

section .scratch nobits alloc write align=16
global entry_state
entry_state:	resq SLOTS
		alignb 16
stack:		resb STACK_SIZE
stack_top:

section .text.entry progbits alloc exec nowrite align=16
global _start
extern conform_main
_start:
	mov [SLOT(S_RAX)], rax
	mov [SLOT(S_RDX)], rdx
	rdtsc
	shl rdx, 32
	or rax, rdx
	mov [SLOT(S_TSC)], rax
	mov [SLOT(S_RBX)], rbx
	mov [SLOT(S_RCX)], rcx
	mov [SLOT(S_RSI)], rsi
	mov [SLOT(S_RDI)], rdi
	mov [SLOT(S_RBP)], rbp
	mov [SLOT(S_RSP)], rsp
	mov [SLOT(S_R8 + 0)], r8
	mov [SLOT(S_R8 + 1)], r9
	mov [SLOT(S_R8 + 2)], r10
	mov [SLOT(S_R8 + 3)], r11
	mov [SLOT(S_R8 + 4)], r12
	mov [SLOT(S_R8 + 5)], r13
	mov [SLOT(S_R8 + 6)], r14
	mov [SLOT(S_R8 + 7)], r15

	; The loader's stack is left untouched from here on: the C code reads
	; its top word later.
	lea rsp, [stack_top]
	pushfq
	pop qword [SLOT(S_RFLAGS)]

	mov rax, cr0
	mov [SLOT(S_CR0)], rax
	mov rax, cr3
	mov [SLOT(S_CR3)], rax
	mov rax, cr4
	mov [SLOT(S_CR4)], rax

	mov ecx, MSR_EFER
	call read_msr
	mov [SLOT(S_EFER)], rax
	mov ecx, MSR_FS_BASE
	call read_msr
	mov [SLOT(S_FS_BASE)], rax
	mov ecx, MSR_GS_BASE
	call read_msr
	mov [SLOT(S_GS_BASE)], rax

	xor eax, eax
	mov ax, cs
	mov [SLOT(S_CS)], rax
	mov ax, ds
	mov [SLOT(S_DS)], rax
	mov ax, es
	mov [SLOT(S_ES)], rax
	mov ax, ss
	mov [SLOT(S_SS)], rax
	mov ax, fs
	mov [SLOT(S_FS)], rax
	mov ax, gs
	mov [SLOT(S_GS)], rax

	; SGDT stores a 2-byte limit and an 8-byte base: put the base in its
	; slot and the limit in the top of the slot before, then widen it.
	sgdt [SLOT(S_GDT_BASE) - 2]
	movzx eax, word [SLOT(S_GDT_BASE) - 2]
	mov [SLOT(S_GDT_LIMIT)], rax

	; FNSTCW faults (#NM) with CR0.EM or CR0.TS set, STMXCSR (#UD) also
	; without CR4.OSFXSR (SDM vol. 2, FSTCW and STMXCSR exceptions): read
	; them only when they cannot fault, and say which were read.
	xor ebx, ebx
	mov rax, [SLOT(S_CR0)]
	test eax, CR0_EM | CR0_TS
	jnz .fpu_done
	fnstcw [SLOT(S_FCW)]
	or ebx, READ_FCW
	mov rax, [SLOT(S_CR4)]
	test eax, CR4_OSFXSR
	jz .fpu_done
	stmxcsr [SLOT(S_MXCSR)]
	or ebx, READ_MXCSR
.fpu_done:
	mov [SLOT(S_FPU_READ)], rbx

	lea rdi, [entry_state]
	xor ebp, ebp
	call conform_main
.hang:
	cli
	hlt
	jmp .hang

; rax = MSR ecx
read_msr:
	rdmsr
	shl rdx, 32
	or rax, rdx
	ret
