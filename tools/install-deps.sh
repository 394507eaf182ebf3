#!/bin/sh
# Installs the Debian packages a make goal needs, when any is missing.
#
#   tools/install-deps.sh [GROUP...]     default: test (everything)
#
#   build   the image: nasm, a C compiler, binutils, make, console-data (a font),
#           clang and lld (the EFI loader in every image)
#   clang   CC=clang
#   run     QEMU (make run)
#   debug   QEMU and GDB (make debug)
#   uefi    QEMU and OVMF, its UEFI firmware (make run UEFI=1, the UEFI tests)
#   bochs   Bochs with its BIOS images and terminal display (make bochs)
#   bench   QEMU, OVMF and hyperfine (make bench)
#   fuzz    clang with libFuzzer (make fuzz)
#   test    all of the above, and mtools, dosfstools and fdisk (make test)
#
# As root it runs apt-get; otherwise it prints the apt-get line to run and
# exits 1, so make stops before compiling anything.
need=""
have() { command -v "$1" >/dev/null 2>&1; }
installed() { dpkg -s "$1" >/dev/null 2>&1; }
want() { case " $need " in *" $1 "*) ;; *) need="$need $1" ;; esac; }

group_build() {
	have nasm || want nasm
	have cc || want gcc
	have gcc || want gcc
	have ld || want binutils
	have make || want make
	# The demo kernel's framebuffer font (docs/kernel.md, "The font").
	[ -e /usr/share/consolefonts/default8x16.psf.gz ] || want console-data
	# Every image carries the EFI loader, a PE32+ application that clang
	# (for its x86_64-unknown-windows target) and lld-link build without
	# an ELF-to-PE step (docs/uefi.md): part of every build, not an option.
	have clang || want clang
	have lld-link || want lld
}
group_clang() { have clang || want clang; have ld.lld || want lld; }
group_run() { have qemu-system-x86_64 || want qemu-system-x86; }
group_debug() { group_run; have gdb || want gdb; }
# Debian 12's ovmf: OVMF_CODE_4M.fd and OVMF_VARS_4M.fd in /usr/share/OVMF
# (tools/ovmf.sh, docs/uefi.md).
group_uefi() { group_run; [ -e /usr/share/OVMF/OVMF_CODE_4M.fd ] || want ovmf; }
group_bochs() {
	have bochs || want bochs
	installed bochs-term || want bochs-term
	[ -e /usr/share/bochs/BIOS-bochs-latest ] || want bochsbios
	[ -e /usr/share/bochs/VGABIOS-lgpl-latest ] || want vgabios
}
group_bench() { group_run; group_uefi; have hyperfine || want hyperfine; }
group_fuzz() { group_clang; installed libclang-rt-14-dev || want libclang-rt-14-dev; }
group_test() {
	group_build; group_clang; group_run; group_uefi; group_bochs; group_fuzz
	have qemu-img || want qemu-utils
	# The independent FAT checkers of the mkimage tests (the EFI system partition).
	have fsck.fat || want dosfstools
	have mcopy || want mtools
	# The partition table's independent reader in the same tests.
	have sfdisk || want fdisk
}

[ $# -gt 0 ] || set -- test
for g in "$@"; do
	case $g in
	build|clang|run|debug|uefi|bochs|bench|fuzz|test) group_build; "group_$g" ;;
	*) echo "install-deps.sh: unknown group '$g'" >&2; exit 2 ;;
	esac
done
[ -z "$need" ] && exit 0
line="apt-get update && apt-get install -y --no-install-recommends$need"
if [ "$(id -u)" != 0 ]; then
	echo "longboot: missing packages:$need" >&2
	echo "Install them as root, then run make again:" >&2
	echo "  $line" >&2
	exit 1
fi
echo "longboot: installing:$need" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends $need >&2 || {
	echo "longboot: error: apt-get could not install:$need" >&2
	exit 1
}
