# The boot test cases and what each column means. Sourced by run.sh.
#
# One case a line, columns between '|':
#
#   name     PASS/FAIL boot/<name>; logs in build/test/boot/<name>/
#   kernel   demo (build/kernel.elf) or a conformance kernel: high, ident,
#            big (build/test/conform/conform-<kernel>.elf)
#   cmdline  the command line given to mkimage; '-' for none;
#            @MODULE_EXPECT@ stands for the words describing MODULES,
#            @CMDLINE_MAX@ for LONGBOOT_CMDLINE_MAX
#   image    what is done to the image after mkimage, words run in order:
#              -              nothing
#              mods           built with the two test modules (MODULES below)
#              long           command line padded to LONGBOOT_CMDLINE_MAX bytes
#              video:SPEC     built with mkimage --video SPEC (WIDTHxHEIGHT,
#                             WIDTHxHEIGHTxBPP or text)
#              flip:WHAT      one byte inverted in stage2, kernel (its file
#                             data) or module (the last one)
#              trunc:kernel   the file cut off before the kernel's last sector
#              elf:FAULT      kernel headers patched by patchimg (its list of
#                             faults); the expected error text comes from the
#                             loader's own elf_error_text()
#   disk     how the machine gets the image:
#              disk           -drive format=raw (IDE on pc, AHCI on q35)
#              virtio         virtio-blk
#              ehci, xhci     a USB stick on that controller
#              chain          as the second disk, behind chain.asm
#              garbage        as the second disk, behind garbage.asm
#              blk:WHERE:WHEN through QEMU's blkdebug, a read error at one
#                             sector: the middle of stage2, the kernel's last
#                             (kernel) or first (kernel-head); WHEN once (a
#                             retry succeeds) or always
#              bochs          Bochs 2.7 instead of QEMU (machine ignored)
#   machine  more QEMU options; '-' for none
#   secs     the timeout for the emulator
#   expect   hello        demo kernel: Hello World! in 0x0b at the top left,
#                         boot report on the screen and serial, then halts
#            hello-exit   demo kernel: boot report shows the command line,
#                         QEMU exits 33
#            pass         conformance kernel: "conform: N passed, 0 failed",
#                         no FAIL line, QEMU exits 33
#            pass-halt    the same without qemu-exit: judged from the serial
#                         log while the machine halts
#            pass-halt:ERE  and a line on COM1 matches ERE
#            error:ERE    the loader stops with one "longboot: error: " line
#                         on COM1 and on the screen that matches the extended
#                         regular expression ERE (case-insensitive; it may
#                         hold '|', being the last column), and the machine
#                         stays halted
#            elf          error: naming the kernel and patchimg's text
#            lba          error: "LBA <n>" with n at most the injected
#                         sector and less than LB_MAX_SECTORS_PER_READ
#                         (include/layout.h) sectors before it: the failed
#                         read starts there; and "status 0x"
#            distinct-elf no machine of its own: after the others, the
#                         error lines of this run's cases with an elf: image
#                         word must all differ (at least two of them)
#   A column that does not apply (a distinct-elf row's) holds '-'.
#
# Every case is one line here and nowhere else: run.sh's plan is the number
# of cases it runs (all of these, or those named on its command line).
# Results are printed in table order; run.sh picks the order they run in.
# Numbers shared with the loader (SECTOR, CMDLINE_MAX, READ_CHUNK_MAX, MIB,
# the screen's) and the demo kernel's REPORT_DONE line come from
# build/test/boot/constants (constants.c), which prints them from include/,
# kernel/vga.h and kernel/report.h.

CASES_TABLE='
# name                | kernel | cmdline                                    | image             | disk                   | machine              | secs | expect
demo                  | demo   | -                                          | -                 | disk                   | -                    | 30   | hello
demo-cmdline          | demo   | hello qemu-exit                            | -                 | disk                   | -                    | 30   | hello-exit
conform-high          | high   | qemu-exit                                  | -                 | disk                   | -                    | 30   | pass
conform-ident         | ident  | qemu-exit                                  | -                 | disk                   | -                    | 30   | pass
conform-big           | big    | qemu-exit                                  | -                 | virtio                 | -                    | 120  | pass
modules               | high   | qemu-exit @MODULE_EXPECT@                  | mods              | disk                   | -                    | 30   | pass
cmdline-long          | high   | qemu-exit expect-cmdline-len=@CMDLINE_MAX@ | long              | disk                   | -                    | 30   | pass
cmdline-empty         | high   | -                                          | -                 | disk                   | -                    | 30   | pass-halt:^PASS conform/cmdline: 0 bytes
q35-ahci              | high   | qemu-exit                                  | -                 | disk                   | -M q35               | 30   | pass
virtio                | high   | qemu-exit                                  | -                 | virtio                 | -                    | 30   | pass
usb-ehci              | high   | qemu-exit                                  | -                 | ehci                   | -                    | 30   | pass
usb-xhci              | high   | qemu-exit                                  | -                 | xhci                   | -                    | 30   | pass
chain-disk2           | high   | qemu-exit expect-drive=0x81                | -                 | chain                  | -                    | 30   | pass
isapc                 | high   | qemu-exit                                  | -                 | disk                   | -M isapc -cpu qemu64 | 30   | pass
mem-32m               | high   | qemu-exit expect-mem=32                    | -                 | disk                   | -m 32M               | 30   | pass
mem-3g                | high   | qemu-exit expect-mem=3072                  | -                 | disk                   | -m 3G                | 120  | pass
mem-6g                | high   | qemu-exit expect-mem=6144                  | -                 | disk                   | -m 6G                | 120  | pass
mem-8g                | high   | qemu-exit expect-mem=8192                  | -                 | disk                   | -m 8G                | 120  | pass
smp-4                 | high   | qemu-exit                                  | -                 | disk                   | -smp 4               | 30   | pass
cpu-nonx              | high   | qemu-exit                                  | -                 | disk                   | -cpu qemu64,-nx      | 30   | pass
cpu-core2duo          | high   | qemu-exit                                  | -                 | disk                   | -cpu core2duo        | 30   | pass
cpu-opteron-g1        | high   | qemu-exit                                  | -                 | disk                   | -cpu Opteron_G1      | 30   | pass
cpu-max               | high   | qemu-exit                                  | -                 | disk                   | -cpu max             | 30   | pass
q35-no-i8042          | high   | qemu-exit                                  | -                 | disk                   | -M q35,i8042=off     | 30   | pass
bochs                 | high   | -                                          | -                 | bochs                  | -                    | 120  | pass-halt
video-std             | high   | qemu-exit expect-video=1024x768x32         | video:1024x768x32 | disk                   | -vga std             | 30   | pass
video-virtio          | high   | qemu-exit expect-video=1024x768x32         | video:1024x768x32 | disk                   | -vga virtio          | 30   | pass
video-fallback        | high   | qemu-exit expect-video=800x600x32          | video:1000x700x32 | disk                   | -vga std             | 30   | pass
video-cirrus          | high   | qemu-exit expect-video=1024x768            | video:1024x768    | disk                   | -vga cirrus          | 30   | pass
video-none            | high   | qemu-exit expect-video=none                | video:1024x768x32 | disk                   | -vga none            | 30   | pass
video-text            | high   | qemu-exit expect-video=text                | video:text        | disk                   | -vga std             | 30   | pass
video-bochs           | high   | expect-video=1024x768x32                   | video:1024x768x32 | bochs                  | -                    | 120  | pass-halt
garbage-ram           | high   | qemu-exit expect-drive=0x81                | -                 | garbage                | -m 128M              | 30   | pass
no-long-mode          | demo   | qemu-exit                                  | -                 | disk                   | -cpu qemu32          | 20   | error:64-bit|long mode
stage2-read-once      | high   | qemu-exit                                  | -                 | blk:stage2:once        | -                    | 30   | pass
kernel-read-once      | high   | qemu-exit                                  | -                 | blk:kernel:once        | -                    | 30   | pass
stage2-read-fail      | high   | qemu-exit                                  | -                 | blk:stage2:always      | -                    | 30   | lba
kernel-read-fail      | high   | qemu-exit                                  | -                 | blk:kernel:always      | -                    | 30   | lba
kernel-head-read-fail | high   | qemu-exit                                  | -                 | blk:kernel-head:always | -                    | 30   | lba
corrupt-stage2        | high   | qemu-exit                                  | flip:stage2       | disk                   | -                    | 20   | error:stage2 corrupt
corrupt-kernel        | high   | qemu-exit                                  | flip:kernel       | disk                   | -                    | 20   | error:kernel.*(checksum|corrupt)
corrupt-module        | high   | qemu-exit @MODULE_EXPECT@                  | mods flip:module  | disk                   | -                    | 20   | error:module.*(checksum|corrupt)
truncated-kernel      | high   | qemu-exit                                  | trunc:kernel      | disk                   | -                    | 20   | error:kernel.*(truncated|LBA)
elf-class32           | demo   | -                                          | elf:class32       | disk                   | -                    | 20   | elf
elf-machine           | demo   | -                                          | elf:machine       | disk                   | -                    | 20   | elf
elf-paddr-low         | demo   | -                                          | elf:paddr-low     | disk                   | -                    | 20   | elf
elf-overlap           | demo   | -                                          | elf:overlap       | disk                   | -                    | 20   | elf
elf-filesz            | demo   | -                                          | elf:filesz        | disk                   | -                    | 20   | elf
elf-outside-ram       | demo   | -                                          | elf:outside-ram   | disk                   | -m 128M              | 20   | error:kernel: .*not usable RAM
elf-noncanonical      | demo   | -                                          | elf:noncanonical  | disk                   | -                    | 20   | elf
elf-vaddr-low         | demo   | -                                          | elf:vaddr-low     | disk                   | -                    | 20   | elf
elf-file-range        | demo   | -                                          | elf:file-range    | disk                   | -                    | 20   | elf
elf-errors-distinct   | -      | -                                          | -                 | -                      | -                    | -    | distinct-elf
'

# The test modules, NAME:BYTES each (mkmodule writes a header and a pattern
# the conformance kernel checks byte by byte): one that ends mid-sector, one
# of many reads. MODULE_EXPECT: the command line words that tell the
# conformance kernel to expect them.
MODULES="mod-small.bin:5000 mod-large.bin:$((3 * ${MIB:-0}))"
MODULE_EXPECT=$(
	set -- $MODULES
	names=$(printf '%s\n' "$@" | cut -d: -f1 | paste -sd,)
	sizes=$(printf '%s\n' "$@" | cut -d: -f2 | paste -sd,)
	echo "expect-modules=$# expect-module-names=$names expect-module-sizes=$sizes"
)
MKMODULE=build/test/conform/mkmodule
MODULE_DIR=build/test/boot/_modules      # '_': never a case name

CONFORM_DIR=build/test/conform
DEMO_KERNEL=build/kernel.elf
CHAIN_DISK=build/test/boot/chain.img
GARBAGE_DISK=build/test/boot/garbage.img

ERROR_PREFIX='longboot: error: '
CONFORM_SUMMARY='conform: [0-9]+ passed, [0-9]+ failed'
CONFORM_ALL_PASSED='conform: [1-9][0-9]* passed, 0 failed'
GARBAGE_FILLED='^test mbr: filled 0x0*[1-9a-f][0-9a-f]* bytes$'
ERROR_GRACE_SECONDS=1                 # after the error line: no reboot, no second line
