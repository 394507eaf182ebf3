# How longboot builds EFI applications (docs/uefi.md, "Building an EFI
# application"). Included by the Makefile; other makefiles use efi_app.
#
# clang for a Windows x64 target compiles to COFF objects with the
# Microsoft x64 calling convention UEFI uses, and lld-link links them into
# a PE32+ image with the EFI application subsystem: no ELF-to-PE
# conversion and no hand-made relocations. LLP64: long is 32 bits there,
# so EFI code uses <stdint.h> types only (include/uefi.h).
#
#   $(call efi_app,OUT.efi,SOURCES)
#       links OUT.efi from SOURCES (.c and .asm files, any directory), each
#       compiled once for EFI to $(call efi_objs,SOURCE): core/X.c to
#       $(B)/efi/core/X.o, efi/X.c to $(B)/efi/X.o, DIR/X.c to
#       $(B)/efi/DIR/X.o; NASM sources with -f win64. It also links
#       OUT.debug.efi (the same image plus DWARF sections after it, for GDB:
#       docs/debugging.md) and writes OUT.map (lld-link's symbol map).
#       The entry point is efi_main. SOURCES must provide memcpy and memset
#       if the compiler calls them (it does for struct copies and large
#       initialisers; -ffreestanding does not stop that).
#
# The image is reproducible: /Brepro writes a hash of the contents where
# the COFF header's time stamp would be, so two builds of the same sources
# are the same bytes.

EFI_CC   ?= clang
EFI_LD   ?= lld-link
EFI_NASM ?= $(NASM)

# -mno-stack-arg-probe: on this target clang calls __chkstk (a Windows
#   runtime routine) in every function whose frame exceeds 4 KiB; UEFI
#   has no guard page to probe for.
# -fshort-wchar: L"..." literals are CHAR16 strings.
# -mno-red-zone: firmware interrupt handlers run on the same stack.
# -mgeneral-regs-only: no SSE in the loader; the firmware only promises
#   it is enabled, and nothing here needs it.
# -gdwarf: DWARF, not the target's default CodeView, so GDB can read the
#   .debug.efi image.
EFI_CFLAGS := --target=x86_64-unknown-windows -ffreestanding -fno-stack-protector \
	-fshort-wchar -mno-red-zone -mgeneral-regs-only -mno-stack-arg-probe \
	-fno-asynchronous-unwind-tables -O2 -gdwarf $(WARN) \
	-Iinclude -Icore -Iefi -MMD -MP
EFI_NASMFLAGS := -f win64 -Iefi/

# /nodefaultlib: no C runtime. /Brepro: no time stamp (above).
# /opt:ref /opt:icf spelled out: /debug would turn them off, and the
# .debug.efi image must hold the same code and data at the same addresses
# as the .efi (only the debug directory at the end of .rdata differs).
# The image base is lld-link's default (0x140000000); the firmware loads
# the image wherever it likes and applies the .reloc fix-ups lld-link
# writes. Sections are page-aligned (the default /align:4096), so
# firmware with memory protection can map code read-only and data
# no-execute; /filealign:512 is the default too.
EFI_LDFLAGS := /subsystem:efi_application /entry:efi_main /nodefaultlib /Brepro /opt:ref /opt:icf \
	/machine:x64

efi_obj  = $(patsubst $(B)/efi/efi/%,$(B)/efi/%,$(B)/efi/$(basename $(1)).o)
efi_objs = $(foreach s,$(1),$(call efi_obj,$(s)))

# efi/ first: $(B)/efi/X.o comes from efi/X.c, anything else from its own path.
$(B)/efi/%.o: efi/%.c
	@mkdir -p $(@D)
	$(EFI_CC) $(EFI_CFLAGS) -c -o $@ $<
$(B)/efi/%.o: efi/%.asm
	@mkdir -p $(@D)
	$(EFI_NASM) $(EFI_NASMFLAGS) -MD $(@:.o=.d) -MP -o $@ $<
$(B)/efi/%.o: %.c
	@mkdir -p $(@D)
	$(EFI_CC) $(EFI_CFLAGS) -c -o $@ $<
$(B)/efi/%.o: %.asm
	@mkdir -p $(@D)
	$(EFI_NASM) $(EFI_NASMFLAGS) -MD $(@:.o=.d) -MP -o $@ $<

define EFI_APP_RULES
$(1): $(call efi_objs,$(2))
	@mkdir -p $$(@D)
	$$(EFI_LD) $$(EFI_LDFLAGS) /map:$(1:.efi=.map) /out:$$@ $$(filter %.o,$$^)
$(1:.efi=.debug.efi): $(call efi_objs,$(2))
	@mkdir -p $$(@D)
	$$(EFI_LD) $$(EFI_LDFLAGS) /debug:dwarf /out:$$@ $$(filter %.o,$$^)
endef
efi_app = $(eval $(call EFI_APP_RULES,$(1),$(2)))
