# libFuzzer targets for the checks in core/ (clang only).
#   make fuzz [FUZZ_SECONDS=60]   builds both and runs each for FUZZ_SECONDS
FUZZ_B       := $(B)/test/fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 8192
FUZZ_TARGETS := elf image
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

$(FUZZ_B)/seeds.stamp: $(FUZZ_B)/seeds
	rm -rf $(FUZZ_B)/seed_elf $(FUZZ_B)/seed_image
	mkdir -p $(FUZZ_B)/seed_elf $(FUZZ_B)/seed_image
	$< $(FUZZ_B)/seed_elf $(FUZZ_B)/seed_image
	touch $@

# New inputs go to corpus_<target>, kept between runs; crashes to crash-<target>-*.
fuzz: $(FUZZ_BINS) $(FUZZ_B)/seeds.stamp
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_B)/corpus_$$t; \
		echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
		timeout $$(($(FUZZ_SECONDS) + 120)) $(FUZZ_B)/fuzz_$$t \
			-max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=10 \
			-print_final_stats=1 -artifact_prefix=$(FUZZ_B)/crash-$$t- \
			$(FUZZ_B)/corpus_$$t $(FUZZ_B)/seed_$$t || exit 1; \
	done

ifneq ($(shell command -v $(FUZZ_CC) 2>/dev/null),)
CHECK_DEPS += $(FUZZ_BINS)
endif
