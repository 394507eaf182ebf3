#!/bin/sh
# Fetches Debian's own Linux kernel and a static busybox for the linux
# suite (tests/linux/README.md), without installing either:
#
#   tests/linux/fetch.sh [CACHE]      default build/test/linux/cache
#
# leaves CACHE/vmlinuz (the bzImage of the package linux-image-amd64 depends
# on), CACHE/busybox (from busybox-static) and CACHE/versions.txt (what they
# came from). The packages come from the machine's apt sources with
# `apt-get download` into CACHE/deb/ and are unpacked with dpkg-deb. When
# both files are there already nothing is asked of apt at all; a .deb that is
# already in CACHE/deb/ is not downloaded again.
#
# Prints "FAIL linux/fetch: <reason>" and exits 1 when anything fails.
#
#   LINUX_META_PACKAGE   the package whose kernel is wanted (linux-image-amd64)
#   LINUX_IMAGE_PACKAGE  that kernel package itself, skipping the look-up
set -u
cd "$(dirname "$0")/../.." || exit 1
CACHE=${1:-build/test/linux/cache}
META=${LINUX_META_PACKAGE:-linux-image-amd64}
BUSYBOX_PACKAGE=busybox-static

fail() {
	echo "FAIL linux/fetch: $*"
	exit 1
}

mkdir -p "$CACHE/deb" || fail "cannot create $CACHE/deb"
CACHE=$(cd "$CACHE" && pwd) || fail "cannot enter $CACHE"
if [ -s "$CACHE/vmlinuz" ] && [ -s "$CACHE/busybox" ]; then
	echo "linux: using the cached kernel and busybox in $CACHE ($(sed -n 's/^kernel=//p' "$CACHE/versions.txt" 2>/dev/null))"
	exit 0
fi
for tool in apt-cache apt-get dpkg-deb tar; do
	command -v "$tool" > /dev/null 2>&1 || fail "$tool is missing: this suite fetches Debian packages with apt"
done

# The "Depends: linux-image-6.1.0-NN-amd64" of the meta package.
kernel_package() {
	apt-cache depends "$META" 2>/dev/null |
		sed -n 's/^[[:space:]]*|\{0,1\}Depends: \(linux-image-[^[:space:]<>]*\)$/\1/p' | head -n 1
}

# A package's .deb in CACHE/deb/, downloaded when it is not there yet.
# Prints the file's path.
deb_of() {
	local_deb=$(ls "$CACHE/deb/$1"_*.deb 2>/dev/null | head -n 1)
	if [ -z "$local_deb" ]; then
		echo "linux: apt-get download $1" >&2
		# apt-get download writes into the current directory.
		if ! (cd "$CACHE/deb" && apt-get download -q=2 "$1") > "$CACHE/apt.log" 2>&1; then
			echo "apt-get download $1 failed: $(grep -v '^[[:space:]]*$' "$CACHE/apt.log" | tail -n 1)"
			return 1
		fi
		local_deb=$(ls "$CACHE/deb/$1"_*.deb 2>/dev/null | head -n 1)
		[ -n "$local_deb" ] || { echo "apt-get download $1 left no $1_*.deb in $CACHE/deb"; return 1; }
	fi
	echo "$local_deb"
}

exec 9> "$CACHE/.lock" && flock 9 || fail "cannot lock $CACHE/.lock"

# A fresh Debian knows no package until apt-get update has run.
package=${LINUX_IMAGE_PACKAGE:-$(kernel_package)}
if [ -z "$package" ] || [ -z "$(apt-cache policy "$BUSYBOX_PACKAGE" 2>/dev/null | sed -n 's/^ *Candidate: \([^(].*\)/\1/p')" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "linux: apt-get update (apt knows no candidate for $META or $BUSYBOX_PACKAGE)" >&2
		apt-get update -qq > "$CACHE/apt.log" 2>&1 ||
			fail "apt-get update failed: $(tail -n 1 "$CACHE/apt.log")"
	else
		fail "apt knows no candidate for $META or $BUSYBOX_PACKAGE: run apt-get update as root"
	fi
	package=${LINUX_IMAGE_PACKAGE:-$(kernel_package)}
	[ -n "$package" ] || fail "apt-cache depends $META names no linux-image-* package"
fi

kernel_deb=$(deb_of "$package") || fail "$kernel_deb"
busybox_deb=$(deb_of "$BUSYBOX_PACKAGE") || fail "$busybox_deb"

# The kernel package unpacked is ~400 MB of modules: only ./boot/ is taken
# out of its data archive.
work=$CACHE/unpack.$$
rm -rf "$work"
mkdir -p "$work/kernel" "$work/busybox" || fail "cannot create $work"
trap 'rm -rf "$work"' EXIT
dpkg-deb --fsys-tarfile "$kernel_deb" | tar -x -C "$work/kernel" --wildcards './boot/vmlinuz-*' 2> "$CACHE/unpack.log" ||
	fail "cannot unpack ./boot/vmlinuz-* from $kernel_deb: $(tail -n 1 "$CACHE/unpack.log")"
dpkg-deb -x "$busybox_deb" "$work/busybox" 2> "$CACHE/unpack.log" ||
	fail "dpkg-deb -x $busybox_deb failed: $(tail -n 1 "$CACHE/unpack.log")"
vmlinuz=$(ls "$work"/kernel/boot/vmlinuz-* 2>/dev/null | head -n 1)
[ -s "$vmlinuz" ] || fail "$kernel_deb holds no boot/vmlinuz-*"
[ -s "$work/busybox/bin/busybox" ] || fail "$busybox_deb holds no bin/busybox"
# A bzImage has the setup header's "HdrS" at offset 0x202.
[ "$(dd if="$vmlinuz" bs=1 skip=514 count=4 status=none)" = HdrS ] ||
	fail "$vmlinuz is not a bzImage (no HdrS at 0x202)"

{
	echo "kernel=$package $(dpkg-deb -f "$kernel_deb" Version) ${vmlinuz##*/}"
	echo "kernel_deb=${kernel_deb##*/} $(stat -c %s "$kernel_deb") bytes"
	echo "busybox=$BUSYBOX_PACKAGE $(dpkg-deb -f "$busybox_deb" Version)"
	echo "busybox_deb=${busybox_deb##*/} $(stat -c %s "$busybox_deb") bytes"
	echo "vmlinuz_sha256=$(sha256sum < "$vmlinuz" | cut -d' ' -f1)"
} > "$work/versions.txt"
# Renamed into place last: an interrupted fetch leaves no half file.
cp "$work/busybox/bin/busybox" "$work/busybox.new" && chmod 755 "$work/busybox.new" &&
	mv "$work/versions.txt" "$CACHE/versions.txt" &&
	mv "$work/busybox.new" "$CACHE/busybox" &&
	mv "$vmlinuz" "$CACHE/vmlinuz" || fail "cannot move the files into $CACHE"
echo "linux: $(sed -n 's/^kernel=//p' "$CACHE/versions.txt"); busybox $(sed -n 's/^busybox=[^ ]* //p' "$CACHE/versions.txt")"
