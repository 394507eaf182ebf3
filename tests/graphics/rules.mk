# The graphics tests' helper (tests/graphics/run.sh): screenshots against
# the demo kernel's font, from the same generated font.c.
GRAPHICS_TEST := $(B)/test/graphics

$(GRAPHICS_TEST)/ppmcheck: tests/graphics/ppmcheck.c $(B)/kernel/font.c kernel/font.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -iquote kernel -o $@ tests/graphics/ppmcheck.c $(B)/kernel/font.c

CHECK_DEPS += $(GRAPHICS_TEST)/ppmcheck

$(GRAPHICS_TEST)/fb2ppm: tests/graphics/fb2ppm.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

CHECK_DEPS += $(GRAPHICS_TEST)/fb2ppm
