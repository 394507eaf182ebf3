# The Multiboot conformance kernels (tests/conform-mb/README.md): 32-bit
# freestanding kernels sharing no code with the loader, and mkmod for the
# test modules. reference.sh (not part of make test) boots them with
# QEMU's -kernel and with GRUB.

MBCONF_DIR := tests/conform-mb
MBCONF_OUT := $(B)/test/conform-mb

MBCONF_CFLAGS_COMMON := -m32 -march=i686 -ffreestanding -mgeneral-regs-only \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-O2 -g $(WARN) -MMD -MP
MBCONF_CFLAGS := $(MBCONF_CFLAGS_COMMON) -fno-pic -fno-pie
# The relocatable kernel: position-independent code reaching everything
# relative to EIP (mbconf.h makes every symbol hidden).
MBCONF_PIC_CFLAGS := $(MBCONF_CFLAGS_COMMON) -fpie -fvisibility=hidden
MBCONF_LDFLAGS := -m elf_i386 -nostdlib -static --build-id=none \
	-z max-page-size=0x1000 -z noexecstack -T $(MBCONF_DIR)/kernel.ld

MBCONF_C := $(filter-out $(MBCONF_DIR)/mkmod.c,$(wildcard $(MBCONF_DIR)/*.c))
# The C library and COM1 code shared with tests/conform (tests/conform-lib).
MBCONF_LIB := tests/conform-lib
MBCONF_LIB_C := $(wildcard $(MBCONF_LIB)/*.c)
MBCONF_OBJS := $(MBCONF_C:$(MBCONF_DIR)/%.c=$(MBCONF_OUT)/obj/%.o) \
	$(MBCONF_LIB_C:$(MBCONF_LIB)/%.c=$(MBCONF_OUT)/obj/lib/%.o) \
	$(MBCONF_OUT)/obj/entry.o $(MBCONF_OUT)/obj/data.o
MBCONF_PIC_OBJS := $(MBCONF_C:$(MBCONF_DIR)/%.c=$(MBCONF_OUT)/pic/%.o) \
	$(MBCONF_LIB_C:$(MBCONF_LIB)/%.c=$(MBCONF_OUT)/pic/lib/%.o) \
	$(MBCONF_OUT)/pic/entry.o $(MBCONF_OUT)/obj/data.o

$(MBCONF_OUT)/obj/%.o: $(MBCONF_DIR)/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(MBCONF_CFLAGS) -I$(MBCONF_LIB) -c -o $@ $<
$(MBCONF_OUT)/pic/%.o: $(MBCONF_DIR)/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(MBCONF_PIC_CFLAGS) -I$(MBCONF_LIB) -c -o $@ $<
$(MBCONF_OUT)/obj/lib/%.o: $(MBCONF_LIB)/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(MBCONF_CFLAGS) -I$(MBCONF_LIB) -c -o $@ $<
$(MBCONF_OUT)/pic/lib/%.o: $(MBCONF_LIB)/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(MBCONF_PIC_CFLAGS) -I$(MBCONF_LIB) -c -o $@ $<
$(MBCONF_OUT)/obj/%.o: $(MBCONF_DIR)/%.asm
	@mkdir -p $(@D)
	$(NASM) -f elf32 -g -F dwarf -o $@ $<
$(MBCONF_OUT)/pic/entry.o: $(MBCONF_DIR)/entry.asm
	@mkdir -p $(@D)
	$(NASM) -f elf32 -g -F dwarf -DPIC -o $@ $<

# One header object per kernel: which protocol, which tags or flags.
MBCONF_HDR_mb2-elf32 := mb2hdr -DELF -DFBTAG
MBCONF_HDR_mb2-elf64 := mb2hdr -DELF -DELF64 -DFBTAG
MBCONF_HDR_mb2-fb    := mb2hdr -DELF -DFBTAG -DGFX
MBCONF_HDR_mb2-efimmap := mb2hdr -DELF -DFBTAG -DEFIMMAP
MBCONF_HDR_mb2-efi32 := mb2hdr -DELF -DFBTAG -DEFI32
MBCONF_HDR_mb2-efi64 := mb2hdr -DELF -DFBTAG -DEFI64
MBCONF_HDR_mb2-aout  := mb2hdr -DAOUT
MBCONF_HDR_mb2-reloc := mb2hdr -DAOUT -DRELOC
MBCONF_HDR_mb1-elf   := mb1hdr -DELF
MBCONF_HDR_mb1-video := mb1hdr -DELF -DVIDEO
MBCONF_HDR_mb1-fb    := mb1hdr -DELF -DVIDEO -DGFX
MBCONF_HDR_mb1-aout  := mb1hdr -DAOUT
$(MBCONF_OUT)/hdr-%.o: $(MBCONF_DIR)/mb1hdr.asm $(MBCONF_DIR)/mb2hdr.asm
	@mkdir -p $(@D)
	$(NASM) -f elf32 -DNAME='"$*"' $(wordlist 2,9,$(MBCONF_HDR_$*)) -o $@ \
		$(MBCONF_DIR)/$(firstword $(MBCONF_HDR_$*)).asm

# Link addresses: 1 MiB, 2 MiB (the ELF64 kernel's physical), 3 and 4 MiB
# for the flat ones; the relocatable one is linked at 2 MiB and at 6 MiB.
MBCONF_LINK = $(LD) $(MBCONF_LDFLAGS) --defsym=KERNEL_BASE=$(1) -Map=$(@:=.map) -o $@ $(2)
$(MBCONF_OUT)/%.elf: $(MBCONF_OUT)/hdr-%.o $(MBCONF_OBJS) $(MBCONF_DIR)/kernel.ld
	$(call MBCONF_LINK,0x100000,$< $(MBCONF_OBJS))
$(MBCONF_OUT)/mb1-aout.elf32: $(MBCONF_OUT)/hdr-mb1-aout.o $(MBCONF_OBJS) $(MBCONF_DIR)/kernel.ld
	$(call MBCONF_LINK,0x300000,$< $(MBCONF_OBJS))
$(MBCONF_OUT)/mb2-aout.elf32: $(MBCONF_OUT)/hdr-mb2-aout.o $(MBCONF_OBJS) $(MBCONF_DIR)/kernel.ld
	$(call MBCONF_LINK,0x400000,$< $(MBCONF_OBJS))
$(MBCONF_OUT)/mb2-elf64.elf32: $(MBCONF_OUT)/hdr-mb2-elf64.o $(MBCONF_OBJS) $(MBCONF_DIR)/kernel.ld
	$(call MBCONF_LINK,0x200000,$< $(MBCONF_OBJS))
$(MBCONF_OUT)/mb2-reloc.elf32: $(MBCONF_OUT)/hdr-mb2-reloc.o $(MBCONF_PIC_OBJS) $(MBCONF_DIR)/kernel.ld
	$(call MBCONF_LINK,0x200000,$< $(MBCONF_PIC_OBJS))
$(MBCONF_OUT)/mb2-reloc-6m.elf32: $(MBCONF_OUT)/hdr-mb2-reloc.o $(MBCONF_PIC_OBJS) $(MBCONF_DIR)/kernel.ld
	$(call MBCONF_LINK,0x600000,$< $(MBCONF_PIC_OBJS))

# The ELF64 kernel: the same 32-bit code, its sections moved up to
# 0xFFFFFFFF80000000 + their load address in the headers only (p_vaddr,
# sh_addr, symbols, e_entry: all virtual; p_paddr stays physical).
MBCONF_VMA := 0xFFFFFFFF80000000
$(MBCONF_OUT)/mb2-elf64.elf: $(MBCONF_OUT)/mb2-elf64.elf32
	$(OBJCOPY) -O elf64-x86-64 $(foreach s,.text .rodata .data .bss,--change-section-vma $(s)+$(MBCONF_VMA)) \
		--change-start $(MBCONF_VMA) $< $@

# Flat binaries: only the header's address fields or tags place them.
$(MBCONF_OUT)/%.bin: $(MBCONF_OUT)/%.elf32
	$(OBJCOPY) -O binary $< $@
# The relocatable kernel must not depend on where it was linked: two links
# give the same bytes but for the header's address and entry tags.
$(MBCONF_OUT)/mb2-reloc.bin: $(MBCONF_OUT)/mb2-reloc.elf32 $(MBCONF_OUT)/mb2-reloc-6m.elf32
	$(OBJCOPY) -O binary $< $@.tmp
	$(OBJCOPY) -O binary $(MBCONF_OUT)/mb2-reloc-6m.elf32 $@.6m
	@hdr=$$(( $$($(CROSS)nm $< | sed -n 's/ [Tt] mb2_header_end$$//p' | sed 's/^/0x/') - $$($(CROSS)nm $< | sed -n 's/ [Tt] mb2_header$$//p' | sed 's/^/0x/') )); \
	cmp -i $$hdr $@.tmp $@.6m || { echo "mb2-reloc: the image depends on its link address (see above)" >&2; exit 1; }
	rm -f $@.6m
	mv $@.tmp $@

$(MBCONF_OUT)/mkmod: $(MBCONF_DIR)/mkmod.c $(MBCONF_DIR)/pattern.h
	@mkdir -p $(@D)
	$(HOSTCC) -O2 -g $(WARN) -o $@ $<

MBCONF_KERNELS := $(MBCONF_OUT)/mb2-elf32.elf $(MBCONF_OUT)/mb2-elf64.elf $(MBCONF_OUT)/mb2-aout.bin \
	$(MBCONF_OUT)/mb2-reloc.bin $(MBCONF_OUT)/mb1-elf.elf $(MBCONF_OUT)/mb1-video.elf $(MBCONF_OUT)/mb1-aout.bin \
	$(MBCONF_OUT)/mb2-fb.elf $(MBCONF_OUT)/mb1-fb.elf $(MBCONF_OUT)/mb2-efimmap.elf \
	$(MBCONF_OUT)/mb2-efi32.elf $(MBCONF_OUT)/mb2-efi64.elf
.PHONY: conform-mb
conform-mb: $(MBCONF_KERNELS) $(MBCONF_OUT)/mkmod
CHECK_DEPS += $(MBCONF_KERNELS) $(MBCONF_OUT)/mkmod
