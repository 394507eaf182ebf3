# libFuzzer targets for the checks in core/ (clang only), one per
# tests/fuzz/fuzz_<target>.c, run by tests/fuzz/run.sh:
#   make check                    each for 10 s over its seeds (a suite)
#   make fuzz [FUZZ_SECONDS=60]   each for FUZZ_SECONDS, keeping new inputs
FUZZ_B       := $(B)/test/fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)
FUZZ_HDRS    := $(wildcard tests/unit/*.h) $(CORE_HDRS)
FUZZ_CFLAGS  := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	$(WARN) -Iinclude -Icore

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c $(CORE_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRCS)

$(FUZZ_B)/seeds: tests/fuzz/seeds.c tests/unit/fixtures.c $(CORE_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) -O1 -g $(WARN) -Iinclude -Icore -Itests/unit -o $@ tests/fuzz/seeds.c tests/unit/fixtures.c $(CORE_SRCS)

# fuzz_kernel's seeds are the kernel files of every format the mkimage tests use.
$(FUZZ_B)/seeds.stamp: $(FUZZ_B)/seeds $(B)/test/mkimage/fakekernels
	rm -rf $(FUZZ_B)/seed_elf $(FUZZ_B)/seed_image $(FUZZ_B)/seed_kernel $(FUZZ_B)/seed_efimap
	mkdir -p $(FUZZ_B)/seed_elf $(FUZZ_B)/seed_image $(FUZZ_B)/seed_kernel $(FUZZ_B)/seed_efimap
	$< $(FUZZ_B)/seed_elf $(FUZZ_B)/seed_image $(FUZZ_B)/seed_efimap
	$(B)/test/mkimage/fakekernels $(FUZZ_B)/seed_kernel
	touch $@

# New inputs go to corpus_<target>, kept between runs; crashes to crash-<target>-*.
fuzz: $(FUZZ_BINS) $(FUZZ_B)/seeds.stamp
	@FUZZ_CC=$(FUZZ_CC) sh tests/fuzz/run.sh --seconds $(FUZZ_SECONDS) --keep

# Without clang the fuzz suite fails (tests/fuzz/run.sh says why) instead
# of make check stopping here; make test installs clang first.
CHECK_DEPS += $(FUZZ_B)/seeds.stamp
ifneq ($(shell command -v $(FUZZ_CC) 2>/dev/null),)
CHECK_DEPS += $(FUZZ_BINS)
endif
