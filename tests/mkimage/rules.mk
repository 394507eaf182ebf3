# tests/mkimage: mkimage's input checks, image layout and --inspect
# (tests/mkimage/run.sh). Its inputs are built here from source: host
# helpers that patch ELF files and print the numbers the tests share with
# mkimage, and a small test kernel.

MKI_DIR := $(B)/test/mkimage
MKI_INPUTS := $(MKI_DIR)/patchelf $(MKI_DIR)/limits $(MKI_DIR)/kernel.elf

$(MKI_DIR)/patchelf: tests/mkimage/patchelf.c include/elf64.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

# mkimage's own flags (tools/mkimage/rules.mk): it reads mkimage's headers.
$(MKI_DIR)/limits: tests/mkimage/limits.c
	@mkdir -p $(@D)
	$(HOSTCC) $(MKIMAGE_CFLAGS) -o $@ $<

$(MKI_DIR)/kernel.o: tests/mkimage/kernel.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 -o $@ $<

$(MKI_DIR)/kernel.elf: $(MKI_DIR)/kernel.o tests/mkimage/kernel.ld
	$(LD) -m elf_x86_64 -nostdlib -static --build-id=none -z max-page-size=0x1000 \
		-z noexecstack -T tests/mkimage/kernel.ld -o $@ $<

CHECK_DEPS += $(B)/mkimage $(B)/stage1.bin $(B)/stage2.bin $(B)/kernel.elf $(MKI_INPUTS)

# Kernel files of each format mkimage detects, good and bad.
$(MKI_DIR)/fakekernels: tests/mkimage/fakekernels.c tests/mkimage/fakefile.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
MKI_INPUTS += $(MKI_DIR)/fakekernels
CHECK_DEPS += $(MKI_DIR)/fakekernels

# EFI applications for --efi, good and bad.
$(MKI_DIR)/fakeefi: tests/mkimage/fakeefi.c tests/mkimage/fakefile.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
MKI_INPUTS += $(MKI_DIR)/fakeefi
CHECK_DEPS += $(MKI_DIR)/fakeefi
