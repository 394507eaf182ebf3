# make bench: boot-time and load-time comparisons under QEMU (bench/run.sh,
# docs/performance.md). Everything it boots is built here, under build/bench/.

BENCH_B           := $(B)/bench
BENCH_PAYLOAD_MIB := 64
BENCH_DEBUG_MIB   := 100

BENCH_IMAGES := $(addprefix $(BENCH_B)/,floor.img reader.img tiny.img tiny-report.img \
	big.img big-verify.img stripped.img unstripped.img initrd.img linux.img tiny-video.img)

# Linux to its init: Debian's kernel and the test initramfs (tests/linux/),
# from disk and through QEMU's own -kernel, with one command line.
BENCH_LINUX_CMDLINE := panic=-1
BENCH_LINUX_INITRD  := $(LINUX_TEST)/initramfs.cpio.gz

bench: $(BENCH_IMAGES) $(BENCH_B)/tsc-hz $(BENCH_B)/timeit $(B)/stage2.bin
	@QEMU='$(QEMU)' PAYLOAD_MIB=$(BENCH_PAYLOAD_MIB) DEBUG_MIB=$(BENCH_DEBUG_MIB) \
		LINUX_KERNEL='$(LINUX_VMLINUZ)' LINUX_INITRD='$(BENCH_LINUX_INITRD)' \
		LINUX_CMDLINE='$(BENCH_LINUX_CMDLINE)' sh bench/run.sh

# --- host helpers
$(BENCH_B)/gen-data: bench/gen-data.c bench/pattern.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
$(BENCH_B)/tsc-hz: bench/tsc-hz.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
$(BENCH_B)/timeit: bench/timeit.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
# Named by size, so changing a size above makes a new file.
BENCH_PAYLOAD := $(BENCH_B)/payload-$(BENCH_PAYLOAD_MIB)m.bin
BENCH_DEBUG   := $(BENCH_B)/debug-$(BENCH_DEBUG_MIB)m.bin
$(BENCH_PAYLOAD): $(BENCH_B)/gen-data
	$< $(BENCH_PAYLOAD_MIB) $@
$(BENCH_DEBUG): $(BENCH_B)/gen-data
	$< $(BENCH_DEBUG_MIB) $@

# --- reference MBRs, padded to whole MiB (SeaBIOS boots nothing smaller
# than 504 KiB from AHCI or virtio)
$(BENCH_B)/floor.bin: bench/floor.asm
	@mkdir -p $(@D)
	$(NASM) -f bin -o $@ $<
$(BENCH_B)/reader.bin: bench/reader.asm
	@mkdir -p $(@D)
	$(NASM) -f bin -DDATA_MIB=$(BENCH_PAYLOAD_MIB) -o $@ $<
$(BENCH_B)/floor.img: $(BENCH_B)/floor.bin
	cp $< $@
	truncate -s %1M $@
$(BENCH_B)/reader.img: $(BENCH_B)/reader.bin $(BENCH_PAYLOAD)
	cat $^ > $@
	truncate -s %1M $@

# --- bench kernels: tiny (no payload) and big (BENCH_PAYLOAD_MIB of it)
$(BENCH_B)/kernel.o: bench/kernel.c bench/pattern.h kernel/io.h kernel/cpu.h
	@mkdir -p $(@D)
	$(TARGET_CC) $(KERNEL_CFLAGS) -Ibench -c -o $@ $<
$(BENCH_B)/payload-none.o: bench/payload.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 -o $@ $<
$(BENCH_B)/payload-big.o: bench/payload.asm $(BENCH_PAYLOAD)
	$(NASM) -f elf64 -DPAYLOAD='"$(BENCH_PAYLOAD)"' -o $@ $<
$(BENCH_B)/tiny.elf: $(BENCH_B)/kernel.o $(BENCH_B)/payload-none.o bench/kernel.ld
	$(LD) $(KERNEL_LDFLAGS) -T bench/kernel.ld -o $@ $(filter %.o,$^)
$(BENCH_B)/big.elf: $(BENCH_B)/kernel.o $(BENCH_B)/payload-big.o bench/kernel.ld
	$(LD) $(KERNEL_LDFLAGS) -T bench/kernel.ld -o $@ $(filter %.o,$^)
# The same kernel with BENCH_DEBUG_MIB of non-allocated debug data, and stripped.
$(BENCH_B)/unstripped.elf: $(BENCH_B)/tiny.elf $(BENCH_DEBUG)
	$(OBJCOPY) --add-section .debug_bench=$(BENCH_DEBUG) \
		--set-section-flags .debug_bench=contents,readonly,debug $< $@
$(BENCH_B)/stripped.elf: $(BENCH_B)/unstripped.elf
	$(OBJCOPY) --strip-debug $< $@

# --- longboot images
# Every image is the hybrid make image writes: the EFI loader in its ESP.
BENCH_MKIMAGE_DEPS := $(B)/mkimage $(B)/stage1.bin $(B)/stage2.bin $(EFI_LOADER)
bench_mkimage = $(B)/mkimage -o $@ --stage1 $(B)/stage1.bin --stage2 $(B)/stage2.bin \
	--efi $(or $(3),$(EFI_LOADER)) --kernel $(1) $(if $(2),--cmdline '$(2)')

$(BENCH_B)/tiny.img: $(BENCH_B)/tiny.elf $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<)
# The same kernel in a 1024x768x32 framebuffer: what a mode set costs.
$(BENCH_B)/tiny-video.img: $(BENCH_B)/tiny.elf $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<) --video 1024x768x32
$(BENCH_B)/tiny-report.img: $(BENCH_B)/tiny.elf $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<,report)
$(BENCH_B)/big.img: $(BENCH_B)/big.elf $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<)
$(BENCH_B)/big-verify.img: $(BENCH_B)/big.elf $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<,verify report)
$(BENCH_B)/stripped.img: $(BENCH_B)/stripped.elf $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<)
$(BENCH_B)/unstripped.img: $(BENCH_B)/unstripped.elf $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<)

# A bzImage that ends QEMU at its entry, with the payload as its initrd:
# loading an initrd against the raw reader.
$(BENCH_B)/linux-stub.bz: bench/linux-stub.asm
	@mkdir -p $(@D)
	$(NASM) -f bin -o $@ $<
$(BENCH_B)/initrd.img: $(BENCH_B)/linux-stub.bz $(BENCH_PAYLOAD) $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<) --initrd $(BENCH_PAYLOAD)
$(BENCH_B)/linux.img: $(LINUX_VMLINUZ) $(BENCH_LINUX_INITRD) $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<,$(BENCH_LINUX_CMDLINE)) --initrd $(BENCH_LINUX_INITRD)

# --- UEFI: EFI applications booted from an ESP under OVMF (docs/uefi.md)
# floor.efi ends QEMU the moment the firmware starts it; reader.efi reads
# an image's kernel extent through the disk's raw Block I/O and checks it.
BENCH_EFI := $(BENCH_B)/efi
$(call efi_app,$(BENCH_EFI)/floor.efi,bench/efi/floor.c)
# READER_CHUNK: bytes a ReadBlocks call; 1 MiB measured fastest under OVMF
# (docs/performance.md, "UEFI").
BENCH_EFI_CHUNK := 1048576
$(call efi_app,$(BENCH_EFI)/reader.efi,bench/efi/reader.c efi/whole_disk.c core/checksum.c)
$(B)/efi/bench/efi/reader.o: EFI_CFLAGS += -DREADER_CHUNK=$(BENCH_EFI_CHUNK)
# The UEFI references: the same kernels, with floor.efi or reader.efi as
# the ESP's BOOTX64.EFI instead of the loader.
$(BENCH_B)/uefi-floor.img: $(BENCH_B)/tiny.elf $(BENCH_EFI)/floor.efi $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<,,$(BENCH_EFI)/floor.efi)
$(BENCH_B)/uefi-reader.img: $(BENCH_B)/big.elf $(BENCH_EFI)/reader.efi $(BENCH_MKIMAGE_DEPS)
	$(call bench_mkimage,$<,,$(BENCH_EFI)/reader.efi)
bench: $(BENCH_B)/uefi-floor.img $(BENCH_B)/uefi-reader.img
