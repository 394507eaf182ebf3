# longboot: one non-recursive make. Outputs go to build/.
#
#   make image  [KERNEL=file] [IMAGE=out.img] [CMDLINE='text'] [MODULES='a b']
#               [INITRD='x.cpio.gz y.cpio'] [PROTOCOL=longboot|multiboot2|multiboot1|linux|linux16]
#               [VIDEO=WIDTHxHEIGHT[xBPP]|text]
#   make run | debug [UEFI=1] | bochs | test | bench | fuzz | clean

.SUFFIXES:
.DELETE_ON_ERROR:
.SECONDARY:

B := build

# Every goal that builds first installs what it needs (as root) or prints
# the apt-get line and stops (tools/install-deps.sh), before any $(shell)
# below asks a tool something. Sub-makes trust their parent.
ifeq ($(MAKELEVEL),0)
GOALS := $(or $(MAKECMDGOALS),all)
ifneq ($(filter-out clean deps,$(GOALS)),)
DEP_GROUPS := build \
	$(if $(findstring clang,$(CC) $(HOSTCC)),clang) \
	$(if $(filter run,$(GOALS)),run) \
	$(if $(filter debug,$(GOALS)),debug) \
	$(if $(and $(UEFI),$(filter run debug,$(GOALS))),uefi) \
	$(if $(filter bochs,$(GOALS)),bochs) \
	$(if $(filter bench,$(GOALS)),bench) \
	$(if $(filter fuzz,$(GOALS)),fuzz) \
	$(if $(filter test check,$(GOALS)),test)
ifneq ($(shell sh tools/install-deps.sh $(DEP_GROUPS) >&2; echo $$?),0)
$(error some packages are missing: see the lines above)
endif
endif
endif

# An x86_64-elf- cross toolchain when one is on PATH, else the host's
# gcc/ld with explicit freestanding flags. CC=clang works for both.
CROSS ?= $(if $(shell command -v x86_64-elf-gcc 2>/dev/null),x86_64-elf-)
ifeq ($(origin CC),default)
TARGET_CC := $(if $(CROSS),$(CROSS)gcc,gcc)
else
TARGET_CC := $(CC)
endif
HOSTCC  ?= cc
LD      := $(CROSS)ld
OBJCOPY := $(CROSS)objcopy
NASM    ?= nasm
QEMU    ?= qemu-system-x86_64

KERNEL  ?= $(B)/kernel.elf
IMAGE   ?= $(B)/disk.img
CMDLINE ?=
MODULES ?=
INITRD  ?=
PROTOCOL ?=
VIDEO   ?=

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -std=c11

# Stage2: 32-bit protected mode, no libc, no libgcc, no SIMD.
STAGE2_CFLAGS := -m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
	-mgeneral-regs-only -fno-stack-protector -fno-asynchronous-unwind-tables \
	-mregparm=3 -fno-strict-aliasing -ffunction-sections -fdata-sections -Os -g \
	$(WARN) -Iinclude -Icore -Iloader -Istage2 -MMD -MP
NO_RWX_WARNING := $(shell $(LD) --help 2>/dev/null | grep -q no-warn-rwx-segments && echo --no-warn-rwx-segments)
STAGE2_LDFLAGS := $(NO_RWX_WARNING) --gc-sections -m elf_i386 -nostdlib -static --build-id=none -z noexecstack \
	-T $(B)/stage2.ld

# Kernel: a freestanding higher-half x86-64 target (docs/kernel.md says why).
KERNEL_CFLAGS := -m64 -ffreestanding -fno-pic -fno-pie -mno-red-zone \
	-mgeneral-regs-only -mcmodel=kernel -fno-stack-protector -nostdlib \
	-fno-asynchronous-unwind-tables -O2 -g $(WARN) -Iinclude -MMD -MP
KERNEL_LDFLAGS := -m elf_x86_64 -nostdlib -static --build-id=none \
	-z max-page-size=0x1000 -z noexecstack

HOST_CFLAGS := -O2 -g $(WARN) -Iinclude -Icore -MMD -MP

# The firmware-independent core (core/): built into stage2 here, into
# mkimage, the unit tests and the fuzzers from the same sources.
CORE_SRCS    := $(wildcard core/*.c)
CORE_HDRS    := $(wildcard core/*.h include/*.h)
# What only the UEFI loader needs (and only a 64-bit build can compile: include/uefi.h).
CORE_UEFI_ONLY := core/efi_memmap.c
STAGE2_ASM   := $(wildcard stage2/*.asm)
STAGE2_SRCS  := $(filter-out stage2/asm-offsets.c,$(wildcard stage2/*.c))
LOADER_SRCS  := $(wildcard loader/*.c)
STAGE2_OBJS  := $(STAGE2_ASM:%.asm=$(B)/%.o) $(STAGE2_SRCS:%.c=$(B)/%.o) \
	$(LOADER_SRCS:loader/%.c=$(B)/stage2/loader/%.o) \
	$(patsubst core/%.c,$(B)/stage2/core/%.o,$(filter-out $(CORE_UEFI_ONLY),$(CORE_SRCS)))
KERNEL_SRCS  := $(wildcard kernel/*.c)
KERNEL_OBJS  := $(KERNEL_SRCS:%.c=$(B)/%.o) $(B)/kernel/font.o

.PHONY: all image run debug bochs test check bench fuzz clean deps FORCE
all: $(B)/stage1.bin $(B)/stage2.bin $(EFI_LOADER) $(B)/kernel.elf $(B)/mkimage $(IMAGE)

# --- NASM constants generated from include/layout.h, arch.h and image.h
$(B)/gen-layout-inc: tools/gen-layout-inc.c include/layout.h include/arch.h include/image.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
$(B)/layout.inc: $(B)/gen-layout-inc
	$< > $@

# --- stage1
$(B)/stage1.bin: stage1/mbr.asm $(B)/layout.inc
	$(NASM) -f bin -I$(B)/ -l $(B)/stage1.lst -o $@ $<

# --- stage2
# Struct offsets for the assembly, from the target compiler's own layout.
$(B)/stage2/asm-offsets.inc: stage2/asm-offsets.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(STAGE2_CFLAGS) -S -o $(@:.inc=.s) $<
	{ echo '; generated from stage2/asm-offsets.c'; \
	  sed -n 's/.*->\([A-Z0-9_]*\) \$$\{0,1\}\([0-9]*\).*/%define \1 \2/p' $(@:.inc=.s); } > $@
$(B)/stage2/%.o: stage2/%.asm $(B)/layout.inc $(B)/stage2/asm-offsets.inc stage2/segments.inc loader/kernel_entry.inc
	@mkdir -p $(@D)
	$(NASM) -f elf32 -g -F dwarf -I$(B)/ -I$(B)/stage2/ -Istage2/ -Iloader/ -l $(B)/stage2/$*.lst -o $@ $<
$(B)/stage2/%.o: stage2/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(STAGE2_CFLAGS) -c -o $@ $<
$(B)/stage2/core/%.o: core/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(STAGE2_CFLAGS) -c -o $@ $<
$(B)/stage2/loader/%.o: loader/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(STAGE2_CFLAGS) -c -o $@ $<
# The copy-and-checksum loop runs over every byte loaded: speed over size.
$(B)/stage2/core/checksum.o: STAGE2_CFLAGS += -O2
$(B)/stage2.ld: linker/stage2.ld include/layout.h
	@mkdir -p $(@D)
	$(TARGET_CC) -E -P -x c -Iinclude -o $@ $<
$(B)/stage2.elf: $(STAGE2_OBJS) $(B)/stage2.ld
	$(LD) $(STAGE2_LDFLAGS) -Map=$(B)/stage2.map -o $@ $(STAGE2_OBJS)
$(B)/stage2.bin: $(B)/stage2.elf
	$(OBJCOPY) -O binary $< $@

# --- the demo kernel
$(B)/kernel/%.o: kernel/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(KERNEL_CFLAGS) -c -o $@ $<
# The framebuffer console's 8x16 font, from Debian's console-data package
# (tools/install-deps.sh, build group), turned into C at build time:
# docs/kernel.md, "The font".
FONT_PSF ?= /usr/share/consolefonts/default8x16.psf.gz
$(B)/psf2c: kernel/host/psf2c.c kernel/font.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -iquote kernel -o $@ $<
$(B)/kernel/font.c: $(B)/psf2c $(FONT_PSF)
	@mkdir -p $(@D)
	gzip -dc $(FONT_PSF) > $(B)/kernel/font.psf
	$(B)/psf2c $(B)/kernel/font.psf > $@
$(B)/kernel/font.o: $(B)/kernel/font.c kernel/font.h
	$(TARGET_CC) $(KERNEL_CFLAGS) -iquote kernel -c -o $@ $<
$(B)/kernel.elf: $(KERNEL_OBJS) linker/kernel.ld
	$(LD) $(KERNEL_LDFLAGS) -T linker/kernel.ld -Map=$(B)/kernel.map -o $@ $(KERNEL_OBJS)

# --- the host image builder
-include tools/mkimage/rules.mk

# --- EFI applications: the toolchain and $(call efi_app,OUT.efi,SOURCES)
include efi/rules.mk

# --- the UEFI loader: efi/ (the UEFI backend), loader/ and core/, for x86-64
EFI_LOADER := $(B)/efi/longboot.efi
EFI_LOADER_SRCS := $(wildcard efi/*.c efi/*.asm) $(LOADER_SRCS) $(CORE_SRCS)
$(call efi_app,$(EFI_LOADER),$(EFI_LOADER_SRCS))
# The assembly reads the handoff structs' offsets, which are the same packed layout as stage2's.
$(call efi_objs,$(wildcard efi/*.asm)): $(B)/layout.inc $(B)/stage2/asm-offsets.inc stage2/segments.inc loader/kernel_entry.inc
$(call efi_objs,$(EFI_LOADER_SRCS)): EFI_CFLAGS += -Iloader
$(call efi_objs,$(wildcard efi/*.asm)): EFI_NASMFLAGS += -I$(B)/ -I$(B)/stage2/ -Istage2/ -Iloader/

# --- the image
MKIMAGE_ARGS = -o $(IMAGE) --stage1 $(B)/stage1.bin --stage2 $(B)/stage2.bin --efi $(EFI_LOADER) \
	--kernel $(KERNEL) --cmdline '$(CMDLINE)' $(foreach m,$(MODULES),--module $(m)) \
	$(foreach i,$(INITRD),--initrd $(i)) $(if $(PROTOCOL),--protocol $(PROTOCOL)) \
	$(if $(VIDEO),--video $(VIDEO))
# Always rebuilt (it takes milliseconds): the command line is not a file
# make can watch.
$(IMAGE): $(B)/mkimage $(B)/stage1.bin $(B)/stage2.bin $(EFI_LOADER) $(KERNEL) $(MODULES) $(INITRD) FORCE
	$(B)/mkimage $(MKIMAGE_ARGS)
image: $(IMAGE)
FORCE:

# --- running it
# A window when there is a display, the text screen in the terminal when
# there is one, else the serial port on stdout. UEFI=1 boots the same image
# under OVMF instead of SeaBIOS (docs/uefi.md): tools/ovmf.sh finds the
# firmware and keeps its variable store in OVMF_VARS_COPY; no network card,
# so that a disk OVMF cannot boot ends in its shell or boot menu rather than
# in minutes of PXE and HTTP boot attempts.
UEFI ?=
OVMF_VARS_COPY ?= $(B)/ovmf-vars.fd
QEMU_DEVICES := -device isa-debug-exit,iobase=0xf4,iosize=0x04
# A shell fragment that sets $$fw to the firmware's arguments (none for SeaBIOS).
QEMU_FIRMWARE := $(if $(UEFI),fw="$$(sh tools/ovmf.sh $(OVMF_VARS_COPY)) -nic none" || exit 1,fw=)
run: image
	@$(QEMU_FIRMWARE); if [ -n "$$DISPLAY" ]; then \
		set -x; $(QEMU) $$fw -drive format=raw,file=$(IMAGE) -serial stdio $(QEMU_DEVICES); \
	elif [ -t 1 ]; then \
		set -x; $(QEMU) $$fw -drive format=raw,file=$(IMAGE) -display curses -serial file:$(B)/serial.log $(QEMU_DEVICES); \
	else \
		set -x; $(QEMU) $$fw -drive format=raw,file=$(IMAGE) -display none -serial stdio $(QEMU_DEVICES); \
	fi; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 33 ]

# Under SeaBIOS GDB starts with stage2's symbols (tools/longboot.gdb); under
# UEFI with the demo kernel's, since the firmware chooses where the EFI
# loader lands (docs/debugging.md, "UEFI", adds the loader's, from its
# .debug.efi, built here).
DEBUG_GDB := $(if $(UEFI),-ex 'set confirm off' -ex 'set pagination off' \
	-ex 'target remote localhost:1234' -ex 'set architecture i386:x86-64' \
	-ex 'symbol-file $(B)/kernel.elf' \
	-ex 'echo \n longboot: UEFI: the kernel'"'"'s symbols are loaded: `hbreak _start` and `continue`.\n\n',-x tools/longboot.gdb)
debug: image $(B)/stage2.elf $(if $(and $(UEFI),$(EFI_LOADER)),$(EFI_LOADER:.efi=.debug.efi))
	@$(QEMU_FIRMWARE); set -x; $(QEMU) $$fw -drive format=raw,file=$(IMAGE) -display none \
		-serial file:$(B)/serial.log -s -S $(QEMU_DEVICES) & \
	qemu=$$!; gdb -q $(DEBUG_GDB); kill $$qemu 2>/dev/null; true

bochs: image
	LONGBOOT_IMAGE=$(IMAGE) bochs -q -f tools/bochsrc -rc tools/bochs.rc

# --- dependencies, tests, benchmarks
deps:
	@sh tools/install-deps.sh

test: check

# Each test suite brings tests/<suite>/rules.mk (what it builds, added to
# CHECK_DEPS) and tests/<suite>/run.sh (prints PLAN <n>, then n PASS/FAIL
# lines: docs/testing.md); tests/run.sh runs every one it finds, checks
# each kept its plan and exited cleanly, and ends with "N passed, M failed".
CHECK_DEPS :=
-include $(wildcard tests/*/rules.mk)
-include bench/rules.mk

check: all $(CHECK_DEPS)
	@sh tests/run.sh

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
