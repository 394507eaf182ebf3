# tests/linux: booting Debian's own Linux kernel (tests/linux/README.md).
#
#   make linux-inputs         the kernel (downloaded once), the initramfs in
#                             plain and gzip form, a 1 MiB second archive
#   make linux-bench-inputs   a LINUX_FILL_MIB (64) MiB second archive, and
#                             initramfs-64m.cpio: the initramfs with it appended
#
# tests/linux/run.sh makes the files its cases use itself, so that a failed
# download is a FAIL line of the suite (linux/inputs) rather than a make
# check that stops before any suite ran; make check builds only the host
# tool. LINUX_CACHE (also read by run.sh) may point the downloads elsewhere,
# e.g. somewhere make clean does not reach.
LINUX_TEST    := $(B)/test/linux
LINUX_CACHE   ?= $(LINUX_TEST)/cache
LINUX_VMLINUZ := $(LINUX_CACHE)/vmlinuz
LINUX_BUSYBOX := $(LINUX_CACHE)/busybox
MKCPIO        := $(LINUX_TEST)/mkcpio
LINUX_FILL_MIB ?= 64
LINUX_FILL_SEED := 0x6c6f6e67626f6f74
# mtime of every archive entry: the archives depend on their contents only.
LINUX_CPIO_MTIME := 0

$(LINUX_TEST)/ppmrows: tests/linux/ppmrows.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
CHECK_DEPS += $(LINUX_TEST)/ppmrows

$(MKCPIO): tests/linux/mkcpio.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

# No prerequisites: downloaded once, then kept (fetch.sh reuses the cache).
$(LINUX_VMLINUZ) $(LINUX_BUSYBOX) &:
	sh tests/linux/fetch.sh $(LINUX_CACHE)

$(LINUX_TEST)/initramfs.cpio: tests/linux/initramfs.list $(MKCPIO) tests/linux/init.sh $(LINUX_BUSYBOX)
	sed -e 's|@INIT@|tests/linux/init.sh|' -e 's|@BUSYBOX@|$(LINUX_BUSYBOX)|' $< | \
		$(MKCPIO) --mtime $(LINUX_CPIO_MTIME) -o $@ -

# -n: no name or time stamp in the gzip header.
$(LINUX_TEST)/initramfs.cpio.gz: $(LINUX_TEST)/initramfs.cpio
	gzip -n -9 -c $< > $@.tmp
	mv $@.tmp $@

# fill-<N>m.cpio: an archive of one file, /fill, of N MiB of pseudo-random
# bytes, to go after the initramfs as a second archive; fill-<N>m.md5 the
# md5sum of those bytes, which the guest's /init prints.
$(LINUX_TEST)/fill-%m.cpio $(LINUX_TEST)/fill-%m.md5 &: $(MKCPIO)
	@mkdir -p $(@D)
	echo "fill /fill $$(($* * 1048576)) 0644 $(LINUX_FILL_SEED)" | \
		$(MKCPIO) --mtime $(LINUX_CPIO_MTIME) -o $(LINUX_TEST)/fill-$*m.cpio -
	# The file's bytes follow the 110-byte header and "fill\0" padded to 116.
	tail -c +117 $(LINUX_TEST)/fill-$*m.cpio | head -c $$(($* * 1048576)) | md5sum | \
		cut -d' ' -f1 > $(LINUX_TEST)/fill-$*m.md5

# One file for a loader that takes a single initrd (QEMU's -initrd).
$(LINUX_TEST)/initramfs-%m.cpio: $(LINUX_TEST)/initramfs.cpio $(LINUX_TEST)/fill-%m.cpio
	cat $^ > $@.tmp
	mv $@.tmp $@

LINUX_INPUTS := $(LINUX_VMLINUZ) $(LINUX_TEST)/initramfs.cpio $(LINUX_TEST)/initramfs.cpio.gz \
	$(LINUX_TEST)/fill-1m.cpio $(LINUX_TEST)/fill-1m.md5 $(LINUX_TEST)/initramfs-1m.cpio
LINUX_BENCH_INPUTS := $(LINUX_TEST)/fill-$(LINUX_FILL_MIB)m.cpio \
	$(LINUX_TEST)/initramfs-$(LINUX_FILL_MIB)m.cpio

.PHONY: linux-inputs linux-bench-inputs
linux-inputs: $(LINUX_INPUTS)
linux-bench-inputs: $(LINUX_INPUTS) $(LINUX_BENCH_INPUTS)

CHECK_DEPS += $(MKCPIO)
