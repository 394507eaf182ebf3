# Host unit tests of core/, with ASan and UBSan: one program per
# tests/unit/test_<name>.c.
UNIT_B      := $(B)/test/unit
UNIT_SUITES := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BINS   := $(UNIT_SUITES:%=$(UNIT_B)/test_%)
UNIT_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer $(WARN) -Iinclude -Icore
UNIT_COMMON := tests/unit/unit.c tests/unit/fixtures.c
UNIT_HDRS   := $(wildcard tests/unit/*.h) $(CORE_HDRS)

$(UNIT_B)/test_%: tests/unit/test_%.c $(UNIT_COMMON) $(CORE_SRCS) $(UNIT_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_COMMON) $(CORE_SRCS)

CHECK_DEPS += $(UNIT_BINS)
