# The quirky-BIOS boot tests (tests/quirks/run.sh): quirkbios.asm assembled
# once per quirk, as a boot disk for the machine's first drive.
QUIRKS_SHIM := $(B)/test/quirks/shim
QUIRKS := PLAIN NO_EDD NO_EDD_PACKET SMALL_GEOMETRY MAX127 BOUNDARY CLOBBER CLOBBER_CHS ZERO_COUNT ZERO_COUNT_FIRST \
	E820_20 NO_E820 NO_E820_E801 IF_ON WRONG_DL BPB SEG_07C0

$(QUIRKS_SHIM)/%.bin: tests/quirks/quirkbios.asm
	@mkdir -p $(@D)
	$(NASM) -f bin -D$* -DQUIRK_NAME='"$*"' -l $(QUIRKS_SHIM)/$*.lst -o $@ $<

# SeaBIOS boots no disk smaller than one 16x63 cylinder on some controllers.
$(QUIRKS_SHIM)/%.img: $(QUIRKS_SHIM)/%.bin
	cp $< $@.tmp
	truncate -s 1M $@.tmp
	mv $@.tmp $@

CHECK_DEPS += $(QUIRKS:%=$(QUIRKS_SHIM)/%.bin) $(QUIRKS:%=$(QUIRKS_SHIM)/%.img) \
	$(B)/test/conform/conform-high.elf
