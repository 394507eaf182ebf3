; The Multiboot header (specification 0.6.96, section 3.1) and the variant
; descriptor (struct variant in mbconf.h), assembled once per kernel:
;
;   -DNAME='"mb1-elf"'     the kernel's name
;   -DELF                  an ELF file (ELF section headers expected)
;   -DAOUT                 a flat binary: flags bit 16 and the address fields
;   -DVIDEO                flags bit 2: EGA text mode, 80x25
;   -DGFX                  ... a linear graphics mode instead: mode_type 0, 1024x768x32

bits 32

extern __image_start, __load_end, __image_end, _start

%define MB1_MAGIC        0x1BADB002
%define F_PAGE_ALIGN     (1 << 0)   ; modules on 4 KiB boundaries
%define F_MEMORY_INFO    (1 << 1)   ; mem_* fields (and a memory map if there is one)
%define F_VIDEO_MODE     (1 << 2)   ; the video fields below
%define F_ADDRESS_FIELDS (1 << 16)  ; the address fields below
%define MODE_EGA_TEXT    1
%define MODE_LINEAR      0

%define V_ELF   1
%define V_AOUT  4
%define V_VIDEO 16
%define V_GFX   64
%assign VFLAGS 0
%assign FLAGS F_PAGE_ALIGN | F_MEMORY_INFO
%ifdef ELF
%assign VFLAGS VFLAGS | V_ELF
%endif
%ifdef AOUT
%assign VFLAGS VFLAGS | V_AOUT
%assign FLAGS FLAGS | F_ADDRESS_FIELDS
%endif
%ifdef VIDEO
%assign VFLAGS VFLAGS | V_VIDEO
%assign FLAGS FLAGS | F_VIDEO_MODE
%endif
%ifdef GFX
%assign VFLAGS VFLAGS | V_GFX
%endif

section .mbheader progbits alloc exec nowrite align=4
global mb1_header
mb1_header:
	dd MB1_MAGIC
	dd FLAGS
	dd -(MB1_MAGIC + FLAGS)
%ifdef AOUT
	dd mb1_header		; header_addr
	dd __image_start	; load_addr
	dd __load_end		; load_end_addr
	dd __image_end		; bss_end_addr
	dd _start		; entry_addr
%else
	dd 0, 0, 0, 0, 0
%endif
%ifdef GFX
	dd MODE_LINEAR		; mode_type
	dd 1024			; width (pixels)
	dd 768			; height (pixels)
	dd 32			; depth (bits a pixel)
%else
	dd MODE_EGA_TEXT	; mode_type
	dd 80			; width (columns)
	dd 25			; height (rows)
	dd 0			; depth: 0 in text mode
%endif

section .rodata
global mbconf_variant
mbconf_variant:
	db NAME
	times 16 - ($ - mbconf_variant) db 0
	dd 1			; protocol
	dd VFLAGS
	dd 0, 0			; vma offset
	dd 0, 0, 0		; no relocation
