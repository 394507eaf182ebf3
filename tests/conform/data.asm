; File-backed pattern arrays (genpattern output, pattern.h) in each kind
; of segment: the kernel recomputes them and compares every byte.

section .rodata
global rodata_pattern, rodata_pattern_end
rodata_pattern:
	incbin "rodata.pat"
rodata_pattern_end:

section .data
global data_pattern, data_pattern_end
data_pattern:
	incbin "data.pat"
data_pattern_end:

; The linker script puts this section last in the data segment, alone on
; its page, so the segment's file bytes end inside a page that .bss fills.
section .data_tail progbits alloc noexec write align=8
global tail_pattern, tail_pattern_end
tail_pattern:
	incbin "tail.pat"
tail_pattern_end:
