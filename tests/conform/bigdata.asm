; The big variant's 64 MiB+ file-backed array (genpattern output); the
; linker script brackets it with __bigdata_start and __bigdata_end.
section .bigdata progbits alloc noexec nowrite align=4096
	incbin "big.pat"
