; stage2 entry: 16-bit real mode -> 32-bit protected mode -> stage2_main().
;
; stage1 jumps here (0000:8000) with DL = the boot drive. Everything that
; real mode must do first is here; the rest of the boot is C.

%include "layout.inc"
%include "asm-offsets.inc"
%include "segments.inc"

; Segment descriptor access bytes and flags (Intel SDM vol. 3A, 3.4.5).
ACCESS_CODE     equ 0x9A        ; present, ring 0, code, execute/read
ACCESS_DATA     equ 0x92        ; present, ring 0, data, read/write
FLAGS_CODE64    equ 0xA         ; G=1, L=1 (64-bit), D=0
FLAGS_FLAT32    equ 0xC         ; G=1, D/B=1 (32-bit), limit in pages
FLAGS_16        equ 0x0         ; byte-granular 64 KiB segment, 16-bit

%macro descriptor 3             ; limit, access, flags; base 0
	dw (%1) & 0xFFFF
	dw 0
	db 0
	db %2
	db ((%3) << 4) | (((%1) >> 16) & 0xF)
	db 0
%endmacro

section .entry progbits alloc exec write
bits 16
global stage2_entry
stage2_entry:
	jmp short .start
	; What mkimage reads of this file (struct lb_stage2_id, include/image.h).
%if $ - stage2_entry != LB_STAGE2_ID_OFFSET
%error "the stage2 id must follow the first jump"
%endif
	extern __stage2_head_sectors, __stage2_tail_sectors
	dd LB_STAGE2_ID_MAGIC
	dw __stage2_head_sectors
	dw __stage2_tail_sectors
.start:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, LB_STACK_TOP
	cld
	mov [boot_drive], dl
	rdtsc
	mov [tsc_loader_start], eax
	mov [tsc_loader_start + 4], edx

	lgdt [gdt_descriptor]
	mov eax, cr0
	or al, CR0_PE
	mov cr0, eax
	jmp dword LB_SEL_CODE32:protected_mode

bits 32
protected_mode:
	load_data_segments LB_SEL_DATA
	mov esp, LB_STACK_TOP

	; RAM is not zero on a real PC: clear .bss before C runs.
	extern __bss_start, __bss_end
	mov edi, __bss_start
	mov ecx, __bss_end
	sub ecx, edi
	xor eax, eax
	rep stosb

	extern stage2_main
	call stage2_main
.halt:
	cli
	hlt
	jmp .halt

; Protected-mode exception stubs, EXCEPTION_STUB_SIZE bytes each: push the
; vector and report it instead of triple-faulting into a reboot loop.
extern exception_report
align EXCEPTION_STUB_SIZE
global exception_stubs
exception_stubs:
%assign vector 0
%rep 32
	push byte vector
	jmp exception_common
	align EXCEPTION_STUB_SIZE, int3
%assign vector vector + 1
%endrep
exception_common:
	mov eax, esp                    ; the frame: vector, [error code,] EIP, ...
	call exception_report           ; (-mregparm=3) never returns

align 8
global gdt, gdt_end
gdt:
	dq 0
	descriptor 0xFFFFF, ACCESS_CODE, FLAGS_CODE64   ; LB_SEL_CODE64
	descriptor 0xFFFFF, ACCESS_DATA, FLAGS_FLAT32   ; LB_SEL_DATA
	descriptor 0xFFFFF, ACCESS_CODE, FLAGS_FLAT32   ; LB_SEL_CODE32
	descriptor 0x0FFFF, ACCESS_CODE, FLAGS_16       ; LB_SEL_CODE16
	descriptor 0x0FFFF, ACCESS_DATA, FLAGS_16       ; LB_SEL_DATA16
gdt_end:
global gdt_descriptor
gdt_descriptor:
	dw gdt_end - gdt - 1
	dd gdt

global tsc_loader_start, boot_drive
align 8
tsc_loader_start: dq 0
boot_drive:       db 0
