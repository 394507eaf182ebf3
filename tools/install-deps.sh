#!/bin/sh
# Installs the Debian packages longboot builds and tests with, when missing.
# Used by .ci/run and by `make test`.
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
have nasm || need="$need nasm"
have gcc || need="$need gcc"
have clang || need="$need clang"
have ld || need="$need binutils"
have make || need="$need make"
have qemu-system-x86_64 || need="$need qemu-system-x86"
have qemu-img || need="$need qemu-utils"
have bochs || need="$need bochs bochsbios vgabios"
dpkg -s bochs-term >/dev/null 2>&1 || need="$need bochs-term"
[ -e /usr/share/bochs/BIOS-bochs-latest ] || need="$need bochsbios"
[ -e /usr/share/bochs/VGABIOS-lgpl-latest ] || need="$need vgabios"
have hyperfine || need="$need hyperfine"
dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || need="$need libclang-rt-14-dev"
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "longboot: missing packages:$need (run as root, or: sudo apt-get install$need)" >&2
	exit 1
fi
echo "installing:$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $need >/dev/null
