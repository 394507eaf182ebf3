; A kernel as far as mkimage can tell: code at 1 MiB, higher-half data and
; .bss, and a note. It never runs.
bits 64

section .text
global _start
_start:
	hlt
	jmp _start

section .note.longboot note
	dd 9, 4, 0x100      ; namesz, descsz, a type that asks nothing of the loader
	db "longboot", 0, 0, 0, 0
	dd 1

section .data
	db "longboot mkimage test data"
	times 1500 db 0x5A  ; the last sector is partly padding
	db "end"

section .bss
	resb 0x3000
