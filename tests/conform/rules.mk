# The conformance kernel (tests/conform/README.md): three variants of one
# kernel, and mkmodule for the test modules the boot harness gives it.

CONFORM_DIR  := tests/conform
CONFORM_OUT  := $(B)/test/conform
CONFORM_HOST_TOOLS := genpattern mkmodule segcheck
CONFORM_SRCS := $(filter-out $(CONFORM_HOST_TOOLS:%=$(CONFORM_DIR)/%.c),$(wildcard $(CONFORM_DIR)/*.c))
# The C library and COM1 code it shares with tests/conform-mb.
CONFORM_LIB  := tests/conform-lib
CONFORM_LIB_SRCS := $(wildcard $(CONFORM_LIB)/*.c)
CONFORM_OBJS := $(CONFORM_SRCS:$(CONFORM_DIR)/%.c=$(CONFORM_OUT)/%.o) \
	$(CONFORM_LIB_SRCS:$(CONFORM_LIB)/%.c=$(CONFORM_OUT)/lib/%.o) \
	$(CONFORM_OUT)/entry.o $(CONFORM_OUT)/traps.o $(CONFORM_OUT)/scratch.o $(CONFORM_OUT)/data.o

# Pattern arrays: sizes chosen to end mid-page and mid-qword.
CONFORM_RODATA_BYTES := 5003
CONFORM_DATA_BYTES   := 13065
CONFORM_TAIL_BYTES   := 1000
CONFORM_BIG_BYTES    := 67113083

$(CONFORM_OUT)/%.o: $(CONFORM_DIR)/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(KERNEL_CFLAGS) -I$(CONFORM_LIB) -c -o $@ $<
$(CONFORM_OUT)/lib/%.o: $(CONFORM_LIB)/%.c
	@mkdir -p $(@D)
	$(TARGET_CC) $(KERNEL_CFLAGS) -I$(CONFORM_LIB) -c -o $@ $<
$(CONFORM_OUT)/%.o: $(CONFORM_DIR)/%.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 -g -F dwarf -i$(CONFORM_OUT)/ -o $@ $<

$(CONFORM_HOST_TOOLS:%=$(CONFORM_OUT)/%): $(CONFORM_OUT)/%: $(CONFORM_DIR)/%.c $(CONFORM_DIR)/pattern.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

$(CONFORM_OUT)/rodata.pat: $(CONFORM_OUT)/genpattern
	$< rodata $(CONFORM_RODATA_BYTES) $@
$(CONFORM_OUT)/data.pat: $(CONFORM_OUT)/genpattern
	$< data $(CONFORM_DATA_BYTES) $@
$(CONFORM_OUT)/tail.pat: $(CONFORM_OUT)/genpattern
	$< tail $(CONFORM_TAIL_BYTES) $@
$(CONFORM_OUT)/big.pat: $(CONFORM_OUT)/genpattern
	$< big $(CONFORM_BIG_BYTES) $@
$(CONFORM_OUT)/data.o: $(CONFORM_OUT)/rodata.pat $(CONFORM_OUT)/data.pat $(CONFORM_OUT)/tail.pat
$(CONFORM_OUT)/bigdata.o: $(CONFORM_OUT)/big.pat

# Each link is checked: the table the kernel reads its permissions from
# must list exactly the program headers (segcheck.c).
$(CONFORM_OUT)/conform-high.elf: $(CONFORM_OBJS) $(CONFORM_DIR)/high.ld $(CONFORM_OUT)/segcheck
	$(LD) $(KERNEL_LDFLAGS) -T $(CONFORM_DIR)/high.ld -Map=$(@:.elf=.map) -o $@ $(CONFORM_OBJS)
	$(CONFORM_OUT)/segcheck $@
$(CONFORM_OUT)/conform-ident.elf: $(CONFORM_OBJS) $(CONFORM_DIR)/ident.ld $(CONFORM_OUT)/segcheck
	$(LD) $(KERNEL_LDFLAGS) --no-warn-rwx-segments -T $(CONFORM_DIR)/ident.ld -Map=$(@:.elf=.map) \
		-o $@ $(CONFORM_OBJS)
	$(CONFORM_OUT)/segcheck $@
$(CONFORM_OUT)/conform-big.elf: $(CONFORM_OBJS) $(CONFORM_OUT)/bigdata.o $(CONFORM_DIR)/high.ld \
		$(CONFORM_OUT)/segcheck
	$(LD) $(KERNEL_LDFLAGS) -T $(CONFORM_DIR)/high.ld -Map=$(@:.elf=.map) -o $@ \
		$(CONFORM_OBJS) $(CONFORM_OUT)/bigdata.o
	$(CONFORM_OUT)/segcheck $@

# The same two kernels linked at 8 MiB, where OVMF keeps ACPI NVS
# (tests/uefi): the loader must move the higher-half one (expect-phys=moved)
# and refuse the identity-linked one. Their scripts are high.ld and ident.ld
# with KERNEL_PHYS changed.
CONFORM_8M_PHYS := 0x800000
$(CONFORM_OUT)/%-8m.ld: $(CONFORM_DIR)/%.ld
	@mkdir -p $(@D)
	sed 's/^KERNEL_PHYS = 0x[0-9a-fA-F]*;$$/KERNEL_PHYS = $(CONFORM_8M_PHYS);/' $< > $@.tmp
	@grep -q '^KERNEL_PHYS = $(CONFORM_8M_PHYS);$$' $@.tmp || { echo "$<: no KERNEL_PHYS line to change" >&2; exit 1; }
	mv $@.tmp $@
$(CONFORM_OUT)/conform-high-8m.elf: $(CONFORM_OBJS) $(CONFORM_OUT)/high-8m.ld $(CONFORM_OUT)/segcheck
	$(LD) $(KERNEL_LDFLAGS) -T $(CONFORM_OUT)/high-8m.ld -Map=$(@:.elf=.map) -o $@ $(CONFORM_OBJS)
	$(CONFORM_OUT)/segcheck $@
$(CONFORM_OUT)/conform-ident-8m.elf: $(CONFORM_OBJS) $(CONFORM_OUT)/ident-8m.ld $(CONFORM_OUT)/segcheck
	$(LD) $(KERNEL_LDFLAGS) --no-warn-rwx-segments -T $(CONFORM_OUT)/ident-8m.ld -Map=$(@:.elf=.map) \
		-o $@ $(CONFORM_OBJS)
	$(CONFORM_OUT)/segcheck $@

CONFORM_KERNELS := $(CONFORM_OUT)/conform-high.elf $(CONFORM_OUT)/conform-ident.elf \
	$(CONFORM_OUT)/conform-big.elf $(CONFORM_OUT)/conform-high-8m.elf $(CONFORM_OUT)/conform-ident-8m.elf
.PHONY: conform
conform: $(CONFORM_KERNELS) $(CONFORM_OUT)/mkmodule
CHECK_DEPS += $(CONFORM_KERNELS) $(CONFORM_OUT)/mkmodule
