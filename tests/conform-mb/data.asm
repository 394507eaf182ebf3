; Pattern arrays in .rodata and .data (pattern.h's xorshift32 sequence,
; computed here at assembly time): the kernel recomputes them and compares
; every byte, which catches a loader that loads the file wrongly. The .data
; array is also the symbol the ELF kernels look up through the ELF section
; headers the loader passes (elfsyms.c).

bits 32

%define RODATA_BYTES 4099
%define RODATA_SEED  0x524F4441
%define DATA_BYTES   5003
%define DATA_SEED    0x44415441

%macro PATTERN 2	; bytes, seed
%assign x %2
%rep %1
%assign x x ^ ((x << 13) & 0xFFFFFFFF)
%assign x x ^ (x >> 17)
%assign x x ^ ((x << 5) & 0xFFFFFFFF)
	db x & 0xFF
%endrep
%endmacro

section .rodata
global mbconf_pattern_table, mbconf_rodata_pattern
mbconf_pattern_table:
	dd RODATA_BYTES, RODATA_SEED, DATA_BYTES, DATA_SEED
mbconf_rodata_pattern:
	PATTERN RODATA_BYTES, RODATA_SEED

section .data
global mbconf_data_pattern:data DATA_BYTES
mbconf_data_pattern:
	PATTERN DATA_BYTES, DATA_SEED
