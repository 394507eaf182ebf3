# --- the host image builder (docs/mkimage.md): tools/mkimage/*.c with the
# firmware-independent core, so it accepts exactly what the loader accepts.
MKIMAGE_SRCS   := $(wildcard tools/mkimage/*.c)
MKIMAGE_OBJS   := $(MKIMAGE_SRCS:%.c=$(B)/%.o) $(CORE_SRCS:core/%.c=$(B)/host/core/%.o)
MKIMAGE_CFLAGS := $(HOST_CFLAGS) -Itools/mkimage -D_POSIX_C_SOURCE=200809L \
	-D_FILE_OFFSET_BITS=64

$(B)/tools/mkimage/%.o: tools/mkimage/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(MKIMAGE_CFLAGS) -c -o $@ $<
$(B)/host/core/%.o: core/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -c -o $@ $<
$(B)/mkimage: $(MKIMAGE_OBJS)
	$(HOSTCC) -o $@ $(MKIMAGE_OBJS)
