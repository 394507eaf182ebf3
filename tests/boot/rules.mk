# The boot tests' helpers (tests/boot/run.sh runs the cases).
BOOT_TEST := $(B)/test/boot

# Both read the demo kernel's screen size from kernel/vga.h.
$(BOOT_TEST)/vgadump: tests/boot/vgadump.c kernel/vga.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -iquote kernel -o $@ $<

# Prints the numbers run.sh shares with include/ and the demo kernel
# (kernel/vga.h, kernel/report.h).
$(BOOT_TEST)/constants: tests/boot/constants.c include/arch.h include/layout.h include/longboot.h \
		kernel/report.h kernel/vga.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -iquote kernel -o $@ $<

$(BOOT_TEST)/patchimg: tests/boot/patchimg.c core/checksum.c core/elf.c $(CORE_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)

# One-sector MBRs that run before the loader, as disk 0 of a two-disk machine.
$(BOOT_TEST)/%.bin: tests/boot/%.asm tests/boot/chainload.inc
	@mkdir -p $(@D)
	$(NASM) -f bin -Itests/boot/ -l $(BOOT_TEST)/$*.lst -o $@ $<

# SeaBIOS boots no disk smaller than one 16x63 cylinder on some controllers.
$(BOOT_TEST)/%.img: $(BOOT_TEST)/%.bin
	cp $< $@.tmp
	truncate -s 1M $@.tmp
	mv $@.tmp $@

CHECK_DEPS += $(BOOT_TEST)/vgadump $(BOOT_TEST)/patchimg $(BOOT_TEST)/constants \
	$(BOOT_TEST)/chain.img $(BOOT_TEST)/garbage.img
