# longboot: one non-recursive make. Outputs go to build/.
#
#   make image  [KERNEL=elf] [IMAGE=out.img] [CMDLINE='text'] [MODULES='a b']
#   make run | debug | bochs | test | bench | fuzz | clean

.SUFFIXES:
.DELETE_ON_ERROR:
.SECONDARY:

B := build

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

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -std=c11

# Stage2: 32-bit protected mode, no libc, no libgcc, no SIMD.
STAGE2_CFLAGS := -m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
	-mgeneral-regs-only -fno-stack-protector -fno-asynchronous-unwind-tables \
	-mregparm=3 -fno-strict-aliasing -ffunction-sections -fdata-sections -Os -g \
	$(WARN) -Iinclude -Istage2 -MMD -MP
NO_RWX_WARNING := $(shell $(LD) --help 2>/dev/null | grep -q no-warn-rwx-segments && echo --no-warn-rwx-segments)
STAGE2_LDFLAGS := $(NO_RWX_WARNING) --gc-sections -m elf_i386 -nostdlib -static --build-id=none -z noexecstack \
	-T $(B)/stage2.ld

# Kernel: a freestanding higher-half x86-64 target (docs/kernel.md says why).
KERNEL_CFLAGS := -m64 -ffreestanding -fno-pic -fno-pie -mno-red-zone \
	-mgeneral-regs-only -mcmodel=kernel -fno-stack-protector -nostdlib \
	-fno-asynchronous-unwind-tables -O2 -g $(WARN) -Iinclude -MMD -MP
KERNEL_LDFLAGS := -m elf_x86_64 -nostdlib -static --build-id=none \
	-z max-page-size=0x1000 -z noexecstack

HOST_CFLAGS := -O2 -g $(WARN) -Iinclude -Istage2 -MMD -MP

PURE_SRCS    := stage2/checksum.c stage2/elf.c stage2/image_check.c stage2/memmap.c stage2/paging.c
STAGE2_ASM   := stage2/entry.asm stage2/realmode.asm stage2/longmode.asm
STAGE2_SRCS  := $(filter-out $(PURE_SRCS),$(wildcard stage2/*.c)) $(PURE_SRCS)
STAGE2_OBJS  := $(STAGE2_ASM:%.asm=$(B)/%.o) $(STAGE2_SRCS:%.c=$(B)/%.o)
KERNEL_SRCS  := $(wildcard kernel/*.c)
KERNEL_OBJS  := $(KERNEL_SRCS:%.c=$(B)/%.o)

.PHONY: all image run debug bochs test check bench fuzz clean deps FORCE
all: $(B)/stage1.bin $(B)/stage2.bin $(B)/kernel.elf $(B)/mkimage $(IMAGE)

# --- NASM constants generated from include/layout.h and include/image.h
$(B)/gen-layout-inc: tools/gen-layout-inc.c include/layout.h include/image.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
$(B)/layout.inc: $(B)/gen-layout-inc
	$< > $@

# --- stage1
$(B)/stage1.bin: stage1/mbr.asm $(B)/layout.inc
	$(NASM) -f bin -I$(B)/ -l $(B)/stage1.lst -o $@ $<

# --- stage2
$(B)/stage2/%.o: stage2/%.asm $(B)/layout.inc stage2/segments.inc
	@mkdir -p $(@D)
	$(NASM) -f elf32 -g -F dwarf -I$(B)/ -Istage2/ -l $(B)/stage2/$*.lst -o $@ $<
$(B)/stage2/%.o: stage2/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(STAGE2_CFLAGS) -c -o $@ $<
# The copy-and-checksum loop runs over every byte loaded: speed over size.
$(B)/stage2/checksum.o: STAGE2_CFLAGS += -O2
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
$(B)/kernel.elf: $(KERNEL_OBJS) linker/kernel.ld
	$(LD) $(KERNEL_LDFLAGS) -T linker/kernel.ld -Map=$(B)/kernel.map -o $@ $(KERNEL_OBJS)

# --- the host image builder
$(B)/mkimage: tools/mkimage.c $(PURE_SRCS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ tools/mkimage.c $(PURE_SRCS)

# --- the image
MKIMAGE_ARGS = -o $(IMAGE) --stage1 $(B)/stage1.bin --stage2 $(B)/stage2.bin \
	--kernel $(KERNEL) --cmdline '$(CMDLINE)' $(foreach m,$(MODULES),--module $(m))
# Always rebuilt (it takes milliseconds): the command line is not a file
# make can watch.
$(IMAGE): $(B)/mkimage $(B)/stage1.bin $(B)/stage2.bin $(KERNEL) $(MODULES) FORCE
	$(B)/mkimage $(MKIMAGE_ARGS)
image: $(IMAGE)
FORCE:

# --- running it
# A window when there is a display, the text screen in the terminal when
# there is one, else the serial port on stdout.
QEMU_DEVICES := -device isa-debug-exit,iobase=0xf4,iosize=0x04
run: image
	@if [ -n "$$DISPLAY" ]; then \
		set -x; $(QEMU) -drive format=raw,file=$(IMAGE) -serial stdio $(QEMU_DEVICES); \
	elif [ -t 1 ]; then \
		set -x; $(QEMU) -drive format=raw,file=$(IMAGE) -display curses -serial file:$(B)/serial.log $(QEMU_DEVICES); \
	else \
		set -x; $(QEMU) -drive format=raw,file=$(IMAGE) -display none -serial stdio $(QEMU_DEVICES); \
	fi; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 33 ]

debug: image $(B)/stage2.elf
	$(QEMU) -drive format=raw,file=$(IMAGE) -display none -serial file:$(B)/serial.log \
		-s -S $(QEMU_DEVICES) & \
	qemu=$$!; gdb -q -x tools/longboot.gdb; kill $$qemu 2>/dev/null; true

bochs: image
	LONGBOOT_IMAGE=$(IMAGE) bochs -q -f tools/bochsrc -rc tools/bochs.rc

# --- dependencies, tests, benchmarks
deps:
	@sh tools/install-deps.sh

test: deps
	@$(MAKE) --no-print-directory check

# Each test suite brings tests/<suite>/rules.mk (what it builds, added to
# CHECK_DEPS) and tests/<suite>/run.sh (prints PASS/FAIL lines);
# tests/run.sh runs them all and ends with "N passed, M failed".
CHECK_DEPS :=
-include $(wildcard tests/*/rules.mk)
-include bench/rules.mk

check: all $(CHECK_DEPS)
	@sh tests/run.sh

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
