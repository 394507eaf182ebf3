# The quirky-BIOS boot tests (tests/quirks/run.sh): quirkbios.asm assembled
# once per quirk, as a boot disk for the machine's first drive. The quirks
# are the second column of the case table in tests/quirks/cases.sh, the
# list run.sh runs.
QUIRKS_SHIM := $(B)/test/quirks/shim
QUIRKS_CASES := tests/quirks/cases.sh
QUIRKS := $(sort $(shell sh -c '. ./$(QUIRKS_CASES) && printf "%s\n" "$$CASES_TABLE"' | \
	grep -v -e '^[[:space:]]*\#' -e '^[[:space:]]*$$' | cut -d'|' -f2))
ifeq ($(QUIRKS),)
$(error $(QUIRKS_CASES) names no quirk)
endif

$(QUIRKS_SHIM)/%.bin: tests/quirks/quirkbios.asm
	@mkdir -p $(@D)
	$(NASM) -f bin -D$* -DQUIRK_NAME='"$*"' -l $(QUIRKS_SHIM)/$*.lst -o $@ $<

# SeaBIOS boots no disk smaller than one 16x63 cylinder on some controllers.
$(QUIRKS_SHIM)/%.img: $(QUIRKS_SHIM)/%.bin
	cp $< $@.tmp
	truncate -s 1M $@.tmp
	mv $@.tmp $@

# vgadump (the boot suite's) reads the screen of the cases that expect an
# error line.
CHECK_DEPS += $(QUIRKS:%=$(QUIRKS_SHIM)/%.bin) $(QUIRKS:%=$(QUIRKS_SHIM)/%.img) \
	$(B)/test/conform/conform-high.elf $(B)/test/conform/mkmodule $(B)/test/boot/vgadump \
	$(B)/test/boot/constants
