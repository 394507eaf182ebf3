; The 32 exception vectors. Each stub makes the frame uniform (vector,
; error code or 0, then what the CPU pushed) and calls
; conform_exception(frame), which reports and never returns.

bits 64
default rel

extern conform_exception

; Vectors for which the CPU pushes an error code (SDM vol. 3A, table 6-1).
%define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

section .text
%assign v 0
%rep 32
trap_%+ v:
%if !HAS_ERROR(v)
	push 0
%endif
	push v
	jmp trap_common
%assign v v + 1
%endrep

trap_common:
	mov rdi, rsp
	and rsp, -16
	call conform_exception
.hang:
	cli
	hlt
	jmp .hang

section .rodata
global trap_stubs
trap_stubs:
%assign v 0
%rep 32
	dq trap_%+ v
%assign v v + 1
%endrep
