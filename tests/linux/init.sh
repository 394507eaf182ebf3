#!/bin/busybox sh
# /init of the linux suite's initramfs (tests/linux/README.md). It reports
# what the kernel was handed on the console, one "linux-init: " line each,
# then powers the machine off, which ends QEMU. No applet links are
# installed: every command goes through /bin/busybox.
bb=/bin/busybox
$bb mount -t proc proc /proc
$bb mount -t sysfs sys /sys
echo "linux-init: uname=$($bb uname -r)"
echo "linux-init: cmdline=$($bb cat /proc/cmdline)"
echo "linux-init: MemTotal=$($bb awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
# A second archive's file (fill-*.cpio), when the initrd had one.
if [ -f /fill ]; then
	echo "linux-init: fill=$($bb stat -c %s /fill) $($bb md5sum /fill | $bb cut -d' ' -f1)"
fi
# The framebuffer a vga= or VIDEO setting gave the kernel, if any.
fb=$($bb cat /sys/class/graphics/fb0/virtual_size 2>/dev/null)
echo "linux-init: fb=${fb:-none}"
# Whether the kernel came up on EFI (the UEFI suite checks these; the BIOS
# cases see efi=none): /sys/firmware/efi's platform size, its entries, and
# whether the runtime services are on (efi=... "runtime" in the kernel's
# list of EFI features, /sys/firmware/efi/runtime when it has one).
if [ -d /sys/firmware/efi ]; then
	echo "linux-init: efi=$($bb cat /sys/firmware/efi/fw_platform_size 2>/dev/null || echo yes)"
	echo "linux-init: efi-sysfs=$($bb ls /sys/firmware/efi | $bb tr '\n' ' ')"
	echo "linux-init: efi-systab=$($bb cat /sys/firmware/efi/systab 2>/dev/null | $bb tr '\n' ' ')"
else
	echo "linux-init: efi=none"
fi
# linux-hold=N: the screen stays N seconds, for the harness's screenshot.
for word in $($bb cat /proc/cmdline); do
	case $word in linux-hold=*) echo "linux-init: holding"; $bb sleep "${word#linux-hold=}" ;; esac
done
echo "linux-init: done"
$bb poweroff -f
