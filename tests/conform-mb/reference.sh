#!/bin/bash
# Boots the Multiboot conformance kernels with reference loaders, to show
# the kernels themselves are right before longboot is judged by them:
#
#   QEMU's own -kernel loader (Multiboot 1: ELF32 and the a.out kludge)
#   GRUB 2 from an ISO made by grub-mkrescue (Multiboot 1 and 2)
#
#   tests/conform-mb/reference.sh [qemu|grub|NAME...]     default: every case
#
# B=DIR and CC=clang choose the build directory and the compiler, as with make.
#
# Not part of `make test`: GRUB is a developer-only dependency
# (apt-get install grub-pc-bin grub-common xorriso mtools). Prints one
# "PASS ref/NAME: N checks" or "FAIL ref/NAME: reason" per case, then
# "N passed, M failed". Logs: build/test/conform-mb/ref/NAME/.
#
# Where a reference loader legitimately differs from the defaults (QEMU
# passes no ELF sections, GRUB's selectors are 0x10/0x18, a CD boots as
# drive 0xE0), the case says so with an expect-* word: every check still
# runs and asserts what that loader must give.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/../.." || exit 1

QEMU=${QEMU:-qemu-system-x86_64}
BUILD=${B:-build}
K=$BUILD/test/conform-mb
OUT=$K/ref
EXIT_PASS=33
EXIT_FAIL=35
SECS=60
BOCHS_SECS=240

make -s B="$BUILD" conform-mb >&2 || exit 1
mkdir -p "$OUT"
"$K/mkmod" 100003 "$OUT/a.bin" && "$K/mkmod" 15 "$OUT/b.bin" && "$K/mkmod" 0 "$OUT/c.bin" || exit 1

passed=0
failed=0
pass() { echo "PASS ref/$1${2:+: $2}"; passed=$((passed + 1)); }
fail() { echo "FAIL ref/$1: $2"; failed=$((failed + 1)); }

# The command line's own length, for expect-cmdline-len (the word counts itself).
# cmdline_len PREFIX WORDS: PREFIX is what the loader puts first (QEMU: the
# kernel's path and a blank).
with_len() {
	local prefix=$1 words=$2 word=' expect-cmdline-len=' n=0 len
	while :; do
		len=$(( ${#prefix} + ${#words} + ${#word} + ${#n} ))
		[ "$len" = "$n" ] && break
		n=$len
	done
	printf '%s expect-cmdline-len=%s' "$words" "$n"
}

# judge NAME DIR STATUS WANT [FAILPATTERN]: WANT pass (status 33, "0 failed",
# no FAIL line) or fail (status 35 and a FAIL line matching FAILPATTERN).
judge() {
	local name=$1 dir=$2 status=$3 want=$4 pattern=${5:-} log=$2/serial.log summary
	summary=$(tr -d '\r' < "$log" | grep -a '^conform-mb: [0-9]* passed, [0-9]* failed' | tail -1)
	if [ "$want" = pass ]; then
		if [ "$status" = "$EXIT_PASS" ] && [[ $summary == *" 0 failed" ]] && ! grep -aq '^FAIL' "$log"; then
			pass "$name" "$(sed 's/conform-mb: \([0-9]*\) passed.*/\1 checks passed/' <<< "$summary")"
		else
			fail "$name" "status $status, ${summary:-no summary}; $(grep -a -m1 '^FAIL' "$log")"
		fi
	else
		if [ "$status" = "$EXIT_FAIL" ] && grep -aEq "^FAIL conform-mb/$pattern" "$log"; then
			pass "$name" "fails as it must: $(grep -aE -m1 "^FAIL conform-mb/$pattern" "$log" | cut -c1-100)"
		else
			fail "$name" "expected status 35 and FAIL conform-mb/$pattern; status $status, ${summary:-no summary}"
		fi
	fi
}

run_qemu() { # DIR QEMU-ARGS...
	local dir=$1
	shift
	: > "$dir/serial.log"
	printf '%q ' "$QEMU" "$@" > "$dir/command"
	timeout -k 5 "$SECS" "$QEMU" -display none -no-reboot -serial "file:$dir/serial.log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@" > "$dir/qemu.log" 2>&1 < /dev/null
}

# ---- QEMU -kernel: Multiboot 1 only. It puts the kernel's path first on
# the command line, passes the whole -initrd item (file name and arguments)
# as a module's string, gives boot_device 0x8000FFFF (partition 0) and no
# ELF sections, and ignores the video request.

# qemu_case NAME KERNEL WANT FAILPATTERN MEM EXTRA-WORDS [QEMU-ARGS...]
qemu_case() {
	local name=qemu-$1 kernel=$K/$2 want=$3 pattern=$4 mem=$5 extra=$6 dir
	shift 6
	selected "$name" qemu || return 0
	dir=$OUT/$name
	mkdir -p "$dir"
	local mods="$OUT/a.bin x y,$OUT/b.bin"
	local words="qemu-exit expect-loader=qemu expect-drive=0x80 expect-part=0 expect-elf-sections=0"
	words+=" expect-selectors=0x08,0x10 expect-mem-mib=$mem expect-modules=2"
	words+=" expect-module-strings='$OUT/a.bin x y',$OUT/b.bin expect-module-sizes=100003,15${extra:+ $extra}"
	words=$(with_len "$kernel " "$words")
	run_qemu "$dir" -m "$mem" -kernel "$kernel" -append "$words" -initrd "$mods" "$@"
	judge "$name" "$dir" $? "$want" "$pattern"
}

# ---- GRUB 2 (Debian's grub-pc-bin) from a grub-mkrescue ISO on a CD
# (BIOS drive 0xE0, no partition), gfxpayload=text so that a framebuffer
# request gets EGA text (set after the multiboot command: GRUB sets it to
# "auto" when it loads a kernel with a framebuffer tag). Its command lines hold the arguments only, and it
# escapes quotes in them: the module string "x y" is written x%20y.

# grub_case NAME KERNEL PROTO MEDIA WANT FAILPATTERN MEM EXTRA-WORDS [QEMU-ARGS...]
# MEDIA: cd (the ISO as a CD: drive 0xE0), hd (the same hybrid ISO as the
# first hard disk: drive 0x80, GRUB's root the whole disk) or bochs (that
# disk in Bochs 2.7, tests/boot/bochsrc.test: judged from COM1, no exit).
grub_case() {
	local name=grub-$1 kernel=$2 proto=$3 media=$4 want=$5 pattern=$6 mem=$7 extra=$8 dir drive=0xe0
	shift 8
	[ "$media" = cd ] || drive=0x80
	selected "$name" grub || return 0
	dir=$OUT/$name
	rm -rf "$dir"
	mkdir -p "$dir/iso/boot/grub"
	cp "$K/$kernel" "$OUT/a.bin" "$OUT/b.bin" "$OUT/c.bin" "$dir/iso/"
	local kcmd=multiboot2 mcmd=module2
	[ "$proto" = 1 ] && kcmd=multiboot mcmd=module
	local words="qemu-exit expect-loader=GRUB expect-drive=$drive expect-selectors=0x10,0x18"
	words+=" expect-mem-mib=$mem expect-modules=3 expect-module-strings=x%20y,b,empty"
	words+=" expect-module-sizes=100003,15,0${extra:+ $extra}"
	words=$(with_len "" "$words")
	cat > "$dir/iso/boot/grub/grub.cfg" <<-EOF
	set timeout=0
	set default=0
	menuentry "$name" {
		$kcmd /$kernel $words
		$mcmd /a.bin x y
		$mcmd /b.bin b
		$mcmd /c.bin empty
		set gfxpayload=text
	}
	EOF
	if ! grub-mkrescue -o "$dir/grub.iso" "$dir/iso" > "$dir/mkrescue.log" 2>&1; then
		fail "$name" "grub-mkrescue failed (see $dir/mkrescue.log)"
		return
	fi
	if [ "$media" = bochs ]; then
		run_bochs "$dir" "$dir/grub.iso"
	elif [ "$media" = hd ]; then
		run_qemu "$dir" -m "$mem" -drive "format=raw,file=$dir/grub.iso" "$@"
	else
		run_qemu "$dir" -m "$mem" -cdrom "$dir/grub.iso" "$@"
	fi
	judge "$name" "$dir" $? "$want" "$pattern"
}

absolute() {
	case $1 in
	/*) printf '%s' "$1" ;;
	*) printf '%s' "$PWD/$1" ;;
	esac
}

# run_bochs DIR DISK: Bochs has no isa-debug-exit: it runs until the
# summary line appears (status 33 or 35 made up from it) or time runs out.
run_bochs() {
	local dir=$1 disk=$dir/bochs-disk.img pid i summary
	cp "$2" "$disk"
	truncate -s 16M "$disk"   # whole cylinders for Bochs's geometry
	: > "$dir/serial.log"
	sed -e "s|@IMAGE@|$(absolute "$disk")|" -e "s|@SERIAL@|$(absolute "$dir/serial.log")|" \
		-e "s|@LOG@|$(absolute "$dir/bochs.log")|" \
		tests/boot/bochsrc.test > "$dir/bochsrc"
	# Debian's Bochs has no headless display: its term display gets a pseudo-terminal.
	TERM=${TERM:-xterm} timeout -k 5 "$BOCHS_SECS" script -qec \
		"bochs -q -unlock -f $dir/bochsrc -rc tests/boot/bochs-test.rc" /dev/null \
		> "$dir/bochs-screen.log" 2>&1 < /dev/null &
	pid=$!
	for ((i = 0; i < BOCHS_SECS * 2; i++)); do
		summary=$(tr -d '\r' < "$dir/serial.log" | grep -a '^conform-mb: [0-9]* passed, [0-9]* failed')
		[ -n "$summary" ] && break
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.5
	done
	kill "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	case $summary in
	*" 0 failed") return $EXIT_PASS ;;
	?*) return $EXIT_FAIL ;;
	*) return 124 ;;
	esac
}

selected() { # NAME GROUP
	[ $# -gt 0 ] && [ ${#ONLY[@]} -eq 0 ] && return 0
	local w
	for w in "${ONLY[@]}"; do
		[ "$w" = "$1" ] || [ "$w" = "$2" ] && return 0
	done
	return 1
}
ONLY=("$@")

if selected qemu qemu; then
	qemu_case mb1-elf    mb1-elf.elf   pass '' 128 ''
	qemu_case mb1-video  mb1-video.elf pass '' 128 'expect-fb=none'
	qemu_case mb1-aout   mb1-aout.bin  pass '' 128 ''
	qemu_case mb1-32m    mb1-elf.elf   pass '' 32 ''
	qemu_case mb1-6g     mb1-aout.bin  pass '' 6144 ''
	qemu_case mb1-q35    mb1-elf.elf   pass '' 512 '' -M q35
	# Negative controls: a wrong expectation must fail its check.
	qemu_case mb1-wrong-drive mb1-elf.elf fail 'bootdev: the boot drive is 0x80' 128 'expect-drive=0x81'
	qemu_case mb1-wrong-elf   mb1-elf.elf fail 'elf-sections: no ELF sections' 128 'expect-elf-sections=1'
fi

if command -v grub-mkrescue > /dev/null && [ -d /usr/lib/grub/i386-pc ]; then
	grub_case mb2-elf32 mb2-elf32.elf 2 cd pass '' 128 'expect-fb=text expect-acpi=old'
	grub_case mb2-elf64 mb2-elf64.elf 2 cd pass '' 128 'expect-fb=text expect-acpi=old'
	grub_case mb2-aout  mb2-aout.bin  2 cd pass '' 128 'expect-acpi=old'
	grub_case mb2-reloc mb2-reloc.bin 2 cd pass '' 128 'expect-acpi=old'
	grub_case mb2-hdd   mb2-elf32.elf 2 hd pass '' 128 'expect-fb=text expect-part=none'
	grub_case mb2-32m   mb2-reloc.bin 2 cd pass '' 32 ''
	grub_case mb2-6g    mb2-elf64.elf 2 cd pass '' 6144 'expect-fb=text'
	grub_case mb2-q35   mb2-reloc.bin 2 cd pass '' 512 '' -M q35
	grub_case mb1-elf   mb1-elf.elf   1 cd pass '' 128 ''
	grub_case mb1-video mb1-video.elf 1 cd pass '' 128 'expect-fb=text'
	grub_case mb1-aout  mb1-aout.bin  1 cd pass '' 128 ''
	grub_case mb1-hdd   mb1-aout.bin  1 hd pass '' 128 ''
	if command -v bochs > /dev/null; then
		grub_case mb2-bochs mb2-elf32.elf 2 bochs pass '' 128 'expect-fb=text'
		grub_case mb1-bochs mb1-aout.bin  1 bochs pass '' 128 ''
	fi
	# Negative controls.
	grub_case mb2-wrong-loader mb2-elf32.elf 2 cd fail 'loader-name' 128 'expect-loader=longboot'
	grub_case mb2-wrong-fb     mb2-elf32.elf 2 cd fail 'framebuffer' 128 'expect-fb=rgb'
elif selected grub grub; then
	fail grub "grub-mkrescue or /usr/lib/grub/i386-pc missing: apt-get install grub-pc-bin grub-common xorriso mtools"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
