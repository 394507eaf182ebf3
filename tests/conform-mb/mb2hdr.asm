; The Multiboot2 header (specification 2.0, section 3.1) and the variant
; descriptor (struct variant in mbconf.h), assembled once per kernel:
;
;   -DNAME='"mb2-elf32"'   the kernel's name
;   -DELF                  an ELF file: ELF sections are requested (required)
;   -DELF64                ... an ELF64 one linked VMA_OFFSET above its load address
;   -DAOUT                 a flat binary: address and entry address tags
;   -DRELOC                ... with the relocatable tag too
;   -DFBTAG                the framebuffer tag (optional, no preference: 0x0x0)
;   -DGFX                  ... asking for 1024x768x32 instead
;   -DEFIMMAP              the EFI memory map (tag 17) requested as required: the
;                          kernel boots under UEFI only (a BIOS loader must refuse it)
;   -DEFI32                the EFI i386 entry address tag (8), required: a loader on
;                          64-bit UEFI cannot honour it and must refuse the kernel
;   -DEFI64                the EFI amd64 entry address tag (9), optional: it counts
;                          only with the boot-services tag (7), so a loader that
;                          ends boot services enters through the 32-bit entry

bits 32

extern __image_start, __load_end, __image_end, _start

%define MB2_MAGIC 0xE85250D6
%define ARCH_I386 0
%define OPTIONAL  1

%define TAG_INFO_REQUEST 1
%define TAG_ADDRESS      2
%define TAG_ENTRY        3
%define TAG_CONSOLE      4
%define TAG_FRAMEBUFFER  5
%define TAG_MODULE_ALIGN 6
%define TAG_ENTRY_EFI32  8
%define TAG_ENTRY_EFI64  9
%define TAG_RELOCATABLE  10
%define CONSOLE_EGA_TEXT_SUPPORTED 2

%define RELOC_MIN   0x200000
%define RELOC_MAX   0xFFFFFFFF
%define RELOC_ALIGN 0x1000
%define RELOC_PREFER_HIGHEST 2

%define V_ELF   1
%define V_ELF64 2
%define V_AOUT  4
%define V_RELOC 8
%define V_FBTAG 32
%define V_GFX   64
%define V_EFIMMAP 128
%define V_EFI32 256
%define V_EFI64 512
%assign VFLAGS 0
%ifdef ELF
%assign VFLAGS VFLAGS | V_ELF
%endif
%ifdef ELF64
%assign VFLAGS VFLAGS | V_ELF64
%define VMA_HI 0xFFFFFFFF
%define VMA_LO 0x80000000
%else
%define VMA_HI 0
%define VMA_LO 0
%endif
%ifdef AOUT
%assign VFLAGS VFLAGS | V_AOUT
%endif
%ifdef RELOC
%assign VFLAGS VFLAGS | V_RELOC
%endif
%ifdef FBTAG
%assign VFLAGS VFLAGS | V_FBTAG
%endif
%ifdef EFIMMAP
%assign VFLAGS VFLAGS | V_EFIMMAP
%endif
%ifdef EFI32
%assign VFLAGS VFLAGS | V_EFI32
%endif
%ifdef EFI64
%assign VFLAGS VFLAGS | V_EFI64
%endif
%ifdef GFX
%assign VFLAGS VFLAGS | V_GFX
%define FB_MODE 1024, 768, 32
%else
%define FB_MODE 0, 0, 0
%endif

section .mbheader progbits alloc exec nowrite align=8
global mb2_header, mb2_header_end
mb2_header:
	dd MB2_MAGIC
	dd ARCH_I386
	dd mb2_header_end - mb2_header
	dd 0x100000000 - (MB2_MAGIC + ARCH_I386 + (mb2_header_end - mb2_header))

	; What the kernel cannot do without.
	align 8, db 0
.req:	dw TAG_INFO_REQUEST, 0
	dd .req_end - .req
	dd 1			; command line
	dd 3			; modules
	dd 4			; basic memory information
	dd 6			; memory map
%ifdef ELF
	dd 9			; ELF sections
%endif
%ifdef EFIMMAP
	dd 17			; EFI memory map
%endif
.req_end:

	; What it checks when given.
	align 8, db 0
.opt:	dw TAG_INFO_REQUEST, OPTIONAL
	dd .opt_end - .opt
	dd 2			; boot loader name
	dd 5			; BIOS boot device
	dd 8			; framebuffer
	dd 14			; ACPI old RSDP
	dd 15			; ACPI new RSDP
	dd 21			; load base address
.opt_end:

%ifdef AOUT
	align 8, db 0
.addr:	dw TAG_ADDRESS, 0
	dd .addr_end - .addr
	dd mb2_header		; header_addr
	dd __image_start	; load_addr
	dd __load_end		; load_end_addr
	dd __image_end		; bss_end_addr
.addr_end:

	align 8, db 0
.entry:	dw TAG_ENTRY, 0
	dd .entry_end - .entry
	dd _start
.entry_end:
%endif

%ifdef RELOC
	align 8, db 0
.reloc:	dw TAG_RELOCATABLE, 0
	dd .reloc_end - .reloc
	dd RELOC_MIN
	dd RELOC_MAX
	dd RELOC_ALIGN
	dd RELOC_PREFER_HIGHEST	; so that a loader that can move the kernel does
.reloc_end:
%endif

	align 8, db 0
.cons:	dw TAG_CONSOLE, 0
	dd .cons_end - .cons
	dd CONSOLE_EGA_TEXT_SUPPORTED
.cons_end:

%ifdef FBTAG
	align 8, db 0
.fb:	dw TAG_FRAMEBUFFER, OPTIONAL
	dd .fb_end - .fb
	dd FB_MODE		; width, height, depth (0x0x0: no preference)
.fb_end:
%endif

%ifdef EFI32
	; No 32-bit EFI entry exists (the kernel is entered in protected mode
	; with paging off either way): a 64-bit UEFI loader must not get here.
	align 8, db 0
.efi32:	dw TAG_ENTRY_EFI32, 0
	dd .efi32_end - .efi32
	dd _start
.efi32_end:
%endif

%ifdef EFI64
	; Optional, and without the boot-services tag (7) not taken into
	; account (spec 2.0, 3.1.12): the kernel must be entered at _start, as
	; the Multiboot2 machine state says. A loader that jumped here in long
	; mode would run 32-bit code in 64-bit mode and fault.
	align 8, db 0
.efi64:	dw TAG_ENTRY_EFI64, OPTIONAL
	dd .efi64_end - .efi64
	dd _start
.efi64_end:
%endif

	align 8, db 0
.malign: dw TAG_MODULE_ALIGN, 0
	dd .malign_end - .malign
.malign_end:

	align 8, db 0
	dw 0, 0			; end tag
	dd 8
mb2_header_end:

section .rodata
global mbconf_variant
mbconf_variant:
	db NAME
	times 16 - ($ - mbconf_variant) db 0
	dd 2			; protocol
	dd VFLAGS
	dd VMA_LO, VMA_HI
%ifdef RELOC
	dd RELOC_MIN, RELOC_MAX, RELOC_ALIGN
%else
	dd 0, 0, 0
%endif
