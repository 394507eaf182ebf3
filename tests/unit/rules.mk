# Host unit tests of the pure stage2 logic, with ASan and UBSan.
UNIT_B      := $(B)/test/unit
UNIT_SUITES := checksum elf memmap paging image
UNIT_BINS   := $(UNIT_SUITES:%=$(UNIT_B)/test_%)
UNIT_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer $(WARN) -Iinclude -Istage2
UNIT_COMMON := tests/unit/unit.c tests/unit/fixtures.c
UNIT_HDRS   := $(wildcard tests/unit/*.h include/*.h stage2/*.h)

$(UNIT_B)/test_%: tests/unit/test_%.c $(UNIT_COMMON) $(PURE_SRCS) $(UNIT_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_COMMON) $(PURE_SRCS)

CHECK_DEPS += $(UNIT_BINS)
