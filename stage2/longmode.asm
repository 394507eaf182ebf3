; enter_long_mode(): protected mode -> long mode -> the kernel.
;
;   void enter_long_mode(const struct handoff *h);   (h in EAX: -mregparm=3)
;
; Paging is off on entry. Each control-register bit is set as boot protocol
; section 2 requires (Intel SDM vol. 3A, 9.8.5 "Initializing IA-32e Mode").

%include "layout.inc"
%include "segments.inc"

CR0_PE          equ 1 << 0
CR0_MP          equ 1 << 1      ; WAIT/FWAIT honour TS (EM and TS stay clear for SSE)
CR0_ET          equ 1 << 4      ; hardwired to 1 since the i486
CR0_NE          equ 1 << 5      ; x87 errors as #MF, not through the PIC
CR0_WP          equ 1 << 16     ; ring 0 honours read-only pages
CR0_PG          equ 1 << 31
CR4_PAE         equ 1 << 5
CR4_OSFXSR      equ 1 << 9      ; SSE enabled, FXSAVE saves XMM
CR4_OSXMMEXCPT  equ 1 << 10     ; SIMD exceptions raise #XM
MSR_EFER        equ 0xC0000080
EFER_LME        equ 1 << 8
EFER_NXE        equ 1 << 11
MXCSR_DEFAULT   equ 0x1F80      ; all exceptions masked, round to nearest
PIC1_DATA       equ 0x21
PIC2_DATA       equ 0xA1
CMOS_INDEX      equ 0x70
NMI_MASKED      equ 0x80        ; bit 7 of the CMOS index port
RFLAGS_FIXED    equ 0x2         ; bit 1 always reads 1; IF, DF, NT, AC and the rest clear

; struct handoff (stage2/boot.h)
H_PML4          equ 0
H_GDT           equ 4           ; 6-byte GDT descriptor: limit, base
H_NXE           equ 12
H_INFO          equ 16
H_ENTRY         equ 24          ; u64
H_STACK_TOP     equ 32          ; u64: stack_base + stack_size, 16-byte aligned
H_TSC_ENTRY     equ 40          ; u64 *: where to store the TSC at the jump

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
	jmp LB_SEL_CODE64:.long_mode

bits 64
.long_mode:
	load_data_segments LB_SEL_DATA
	mov ebx, ebx                    ; upper halves are undefined after the switch
	mov esp, esp
	fninit                          ; FCW = 0x037F
	push MXCSR_DEFAULT
	ldmxcsr [rsp]
	mov rsp, [rbx + H_STACK_TOP]
	sub rsp, 8                      ; as after a CALL: RSP % 16 == 8
	mov qword [rsp], 0              ; a return address _start must never use
	mov rdi, [rbx + H_INFO]
	mov rsi, [rbx + H_ENTRY]
	mov r8, [rbx + H_TSC_ENTRY]
	xor ebp, ebp
	cld
	rdtsc
	shl rdx, 32
	or rax, rdx
	mov [r8], rax
	jmp rsi

section .rodata
no_idt:
	dw 0                            ; limit 0: any vector is out of bounds
	dd 0
