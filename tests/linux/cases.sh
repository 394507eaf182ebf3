# shellcheck shell=bash
# The linux suite's cases and what each column means. Sourced by run.sh;
# tests/linux/README.md describes the suite.
#
# One case a line, columns between '|'; '-' for an empty column:
#
#   name     PASS/FAIL linux/<name>; logs in build/test/linux/<name>/
#   run      always  in every run of tests/linux/run.sh
#            extra   only when named, or with LINUX_EXTRA=1 (slower, or a
#                    second proof of something an always case shows)
#            later   needs what longboot cannot do yet (mkimage --protocol
#                    linux): only when named, or with LINUX_LATER=1. Whoever
#                    makes longboot boot Linux turns these into always/extra.
#   loader   qemu-kernel  QEMU's own -kernel/-initrd/-append: the reference
#                         loader that proves the harness, kernel and initrd
#            longboot     a disk image from build/mkimage (below), booted by
#                         SeaBIOS from -drive format=raw (IDE on pc, AHCI on q35)
#            longboot16   the same, entering Linux through its 16-bit setup
#                         code: mkimage gets LINUX_LONGBOOT16_ARGS as well
#            mkimage      no machine: build/mkimage must refuse the inputs
#   machine  pc or q35 (-M); '-' for mkimage
#   mem      -m for QEMU (512M, 6G); '-' for mkimage
#   kernel   vmlinuz        Debian's bzImage (build/test/linux/cache/vmlinuz)
#            vmlinuz-half   its first half, written to the case's directory
#            vmlinuz-setup  only its setup sectors ((setup_sects + 1) * 512
#                           bytes): a valid header with no kernel behind it
#            FILE           build/test/linux/FILE (initramfs.cpio: no bzImage)
#   initrd   files of build/test/linux/, loaded back to back in this order
#            (each one --initrd for mkimage; concatenated into one file for
#            QEMU's -initrd, which takes one); "missing" names a file that
#            does not exist. rules.mk builds them:
#              initramfs.cpio      /init, /bin/busybox, /dev/console, dirs
#              initramfs.cpio.gz   the same, gzip -n -9
#              fill-<N>m.cpio      a second archive: /fill, N MiB of
#                                  pseudo-random bytes (fill-<N>m.md5)
#   cmdline  the kernel command line; /proc/cmdline in the guest must equal
#            it. console=ttyS0 puts the kernel and /init on COM1; panic=-1
#            makes a panic end QEMU (-no-reboot) instead of hanging.
#   mkimage  more build/mkimage arguments for longboot rows (video mode
#            options and the like)
#   qemu     more QEMU options
#   expect   every boot case also checks: QEMU exited by itself (status 0)
#            within LINUX_TIMEOUT, after "reboot: Power down" (poweroff -f,
#            not a reset), with no "Kernel panic"; /init printed
#            "linux-init: done" and its cmdline line equals the cmdline column.
#            Words, all must hold:
#              mem=LO-HI     MemTotal (kB, /proc/meminfo) in LO..HI
#              fill=<N>m     /fill is there: N MiB, the md5 of fill-<N>m.cpio's file
#              fb=W,H        /sys/class/graphics/fb0/virtual_size is W,H
#              screen=N      a screenshot taken while /init holds (linux-hold=)
#                            has at least N pixel rows that are not black
#              error=ERE         (longboot rows) the loader refuses: one
#                                "longboot: error: " line on COM1 matching
#                                ERE, and the machine stays halted
#              refuse=WHAT:ERE   (mkimage rows; the rest of the column) mkimage
#                            exits non-zero, leaves no image, and its message
#                            names the kernel or initrd file (WHAT: kernel,
#                            initrd) and matches the extended regular
#                            expression ERE (any case)
#
# The image a longboot row boots is made by (run.sh, build_longboot):
#
#   build/mkimage -o build/test/linux/<name>/disk.img \
#       --stage1 build/stage1.bin --stage2 build/stage2.bin \
#       --protocol linux --kernel build/test/linux/cache/vmlinuz \
#       --initrd build/test/linux/initramfs.cpio --initrd build/test/linux/fill-1m.cpio \
#       --cmdline 'console=ttyS0 panic=-1 linux-test=q35-6g' [mkimage column]
#
# which is what `make image IMAGE=... KERNEL=build/test/linux/cache/vmlinuz
# INITRD='build/test/linux/initramfs.cpio build/test/linux/fill-1m.cpio'
# CMDLINE='...'` is to run once the Makefile passes INITRD on.
#
# Results are printed in table order, after linux/inputs (the downloads and
# the initramfs were made).

CASES_TABLE='
# name            | run    | loader      | machine | mem  | kernel        | initrd                        | cmdline                                      | mkimage | qemu | expect
ref-pc-512m       | always | qemu-kernel | pc      | 512M | vmlinuz       | initramfs.cpio.gz             | console=ttyS0 panic=-1 linux-test=pc-512m    | -       | -    | mem=400000-524288
ref-q35-6g        | extra  | qemu-kernel | q35     | 6G   | vmlinuz       | initramfs.cpio fill-1m.cpio   | console=ttyS0 panic=-1 linux-test=q35-6g     | -       | -    | mem=4718593-6291456 fill=1m
ref-pc-vga        | extra  | qemu-kernel | pc      | 512M | vmlinuz       | initramfs.cpio                | console=ttyS0 panic=-1 vga=0x318             | -       | -    | mem=400000-524288 fb=1024,768
ref-q35-64m       | extra  | qemu-kernel | q35     | 1G   | vmlinuz       | initramfs.cpio fill-64m.cpio  | console=ttyS0 panic=-1 linux-test=q35-64m    | -       | -    | mem=900000-1048576 fill=64m
#
# longboot: the same machines from a disk image. The vga= row wants the
# loader to set VESA mode 0x318 and hand the kernel its framebuffer
# (screen_info); if longboot takes the mode from mkimage instead (a VIDEO
# setting), its option goes in the mkimage column.
lb-pc-512m        | always | longboot    | pc      | 512M | vmlinuz       | initramfs.cpio.gz             | console=ttyS0 panic=-1 linux-test=pc-512m    | -       | -    | mem=400000-524288
lb-q35-6g         | always | longboot    | q35     | 6G   | vmlinuz       | initramfs.cpio fill-1m.cpio   | console=ttyS0 panic=-1 linux-test=q35-6g     | -       | -    | mem=4718593-6291456 fill=1m
lb-q35-512m       | always | longboot    | q35     | 512M | vmlinuz       | initramfs.cpio                | console=ttyS0 panic=-1 linux-test=q35-512m   | -       | -    | mem=400000-524288
lb-pc-6g          | always | longboot    | pc      | 6G   | vmlinuz       | initramfs.cpio.gz fill-1m.cpio | console=ttyS0 panic=-1 linux-test=pc-6g      | -       | -    | mem=4718593-6291456 fill=1m
lb16-pc-512m      | always | longboot16  | pc      | 512M | vmlinuz       | initramfs.cpio.gz             | console=ttyS0 panic=-1 linux-test=pc-512m    | -       | -    | mem=400000-524288
lb-pc-24m-refused | always | longboot    | pc      | 24M  | vmlinuz       | initramfs.cpio                | console=ttyS0 panic=-1                       | -       | -    | error=Linux needs [0-9]+ KiB \(init_size\) of free RAM
lb-pc-vga         | always | longboot    | pc      | 512M | vmlinuz       | initramfs.cpio                | console=tty0 console=ttyS0 panic=-1 linux-hold=2 | --video 1024x768x32 | -    | mem=400000-524288 fb=1024,768 screen=100
lb-q35-64m        | extra  | longboot    | q35     | 1G   | vmlinuz       | initramfs.cpio fill-64m.cpio  | console=ttyS0 panic=-1 linux-test=q35-64m    | -       | -    | mem=900000-1048576 fill=64m
#
# mkimage must refuse these, naming the file, before any machine runs.
err-kernel-half   | always | mkimage     | -       | -    | vmlinuz-half  | initramfs.cpio                | console=ttyS0                                | -       | -    | refuse=kernel:truncat|short|size|end of file
err-setup-only    | always | mkimage     | -       | -    | vmlinuz-setup | initramfs.cpio                | console=ttyS0                                | -       | -    | refuse=kernel:truncat|short|size|end of file
err-not-bzimage   | always | mkimage     | -       | -    | initramfs.cpio| initramfs.cpio                | console=ttyS0                                | -       | -    | refuse=kernel:bzImage|setup header|HdrS|not a Linux|Linux kernel
err-no-initrd     | always | mkimage     | -       | -    | vmlinuz       | initramfs.cpio missing        | console=ttyS0                                | -       | -    | refuse=initrd:No such file
'

# What mkimage gets besides for a longboot16 row: the 16-bit setup entry.
# A placeholder: the option's real name is mkimage's to choose.
LINUX_LONGBOOT16_ARGS=${LINUX_LONGBOOT16_ARGS:---linux-entry 16}

LINUX_OUT=build/test/linux
LINUX_CACHE=${LINUX_CACHE:-$LINUX_OUT/cache}    # rules.mk takes the same variable
LINUX_TIMEOUT=${LINUX_TIMEOUT:-120}     # seconds per boot; a TCG boot takes 5-6
POWER_DOWN='reboot: Power down'
INIT_PREFIX='linux-init: '
