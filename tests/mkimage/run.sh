#!/bin/sh
# mkimage's tests. Bad input of every kind is refused with one line naming
# the file and the problem, exit status 1 (2 for usage errors), an existing
# image left byte for byte and no temporary file left behind. Good input
# gives a reproducible image with the layout of docs/image-format.md, and
# --inspect finds a flipped byte in every region the loader checks.
# Prints "PASS <name>" or "FAIL <name>: <reason>" per case.
# MKIMAGE=path tests another build of mkimage (e.g. one with sanitizers).
cd "$(dirname "$0")/../.." || exit 1

MKIMAGE=${MKIMAGE:-build/mkimage}
D=build/test/mkimage
T=$D/work
PATCHELF=$D/patchelf

mkdir -p "$D"
targets="$D/patchelf $D/limits $D/kernel.elf"
[ "$MKIMAGE" = build/mkimage ] && targets="build/mkimage $targets"
# shellcheck disable=SC2086
if ! MAKEFLAGS='' make -s --no-print-directory $targets >"$D/make.log" 2>&1; then
	echo "FAIL mkimage-inputs: make $targets failed (see $D/make.log)"
	exit 1
fi
eval "$("$D/limits")"

rm -rf "$T"
mkdir -p "$T/in" "$T/out"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# Little-endian unsigned integers of a file: u64 FILE OFFSET, and so on.
u64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' \n'; }
u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' \n'; }
u16() { od -An -tu2 -j "$2" -N2 "$1" | tr -d ' \n'; }
u8()  { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' \n'; }
hexbytes() { od -An -v -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }
size_of() { wc -c <"$1" | tr -d ' '; }
sectors() { echo $((($1 + SECTOR - 1) / SECTOR)); }

# Inverts the byte at OFFSET of FILE in place.
flip() {
	v=$(u8 "$1" "$2")
	# shellcheck disable=SC2059 # the format is the octal escape of the byte
	printf "\\$(printf %o $((v ^ 255)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# extract FILE OFFSET COUNT OUT: copies COUNT bytes of FILE from OFFSET, a
# whole number of sectors, to OUT.
extract() {
	dd if="$1" of="$4" bs="$SECTOR" skip=$(($2 / SECTOR)) count="$(sectors "$3")" status=none &&
		truncate -s "$3" "$4"
}

# --- inputs --------------------------------------------------------------
S1=$T/in/stage1.bin
S2=$T/in/stage2.bin
K=$D/kernel.elf
M1=$T/in/hello.txt
M2=$T/in/initrd.img
CMDLINE='console=ttyS0 qemu-exit "quoted" tail'

yes 'longboot stage1 test ' | head -c 510 >"$S1"
printf '\125\252' >>"$S1"
yes 'stage2 test bytes' | head -c 3000 >"$S2"
echo hello >"$M1"
yes 'module two' | head -c 5000 >"$M2"

OUTDIR=$T/out
OUT=$OUTDIR/disk.img
PREV=$T/prev.img

# build OUT [more options]: the good inputs, plus whatever follows.
build() {
	out=$1
	shift
	"$MKIMAGE" -o "$out" --stage1 "$S1" --stage2 "$S2" --kernel "$K" \
		--cmdline "$CMDLINE" --module "$M1" --module "$M2" "$@"
}

# --- refused input ---------------------------------------------------------

# refused NAME STATUS NAMED PATTERN ARGS...: runs mkimage ARGS while $OUT
# holds an earlier image; expects exit STATUS, one line on stderr starting
# "mkimage: NAMED: " and matching PATTERN (grep -Ei), nothing on stdout,
# $OUT unchanged and nothing else in its directory.
refused() {
	name=$1 want=$2 named=$3 pattern=$4
	shift 4
	rm -rf "$OUTDIR"
	mkdir "$OUTDIR"
	cp "$PREV" "$OUT"
	timeout 20 "$MKIMAGE" "$@" >"$T/stdout" 2>"$T/stderr"
	status=$?
	line=$(head -n 1 "$T/stderr")
	if [ "$status" -ne "$want" ]; then
		fail "$name" "exit status $status, expected $want: $line"
	elif [ "$(wc -l <"$T/stderr")" -ne 1 ]; then
		fail "$name" "expected one line on stderr, got: $(tr '\n' '|' <"$T/stderr")"
	elif [ -s "$T/stdout" ]; then
		fail "$name" "printed on stdout: $(head -n 1 "$T/stdout")"
	elif ! printf '%s\n' "$line" | grep -Eiq -- "$pattern"; then
		fail "$name" "message does not match /$pattern/: $line"
	elif ! cmp -s "$OUT" "$PREV"; then
		fail "$name" "the existing image was changed"
	elif [ "$(ls -A "$OUTDIR")" != disk.img ]; then
		fail "$name" "left in the output directory: $(ls -A "$OUTDIR" | tr '\n' ' ')"
	else
		case $line in
		"mkimage: ${named:+$named: }"*) pass "$name" ;;
		*) fail "$name" "message does not start with 'mkimage: ${named:+$named: }': $line" ;;
		esac
	fi
}

# bad_input NAME NAMED PATTERN OPTION FILE: the good inputs with OPTION's
# file replaced by FILE.
bad_input() {
	name=$1 named=$2 pattern=$3 opt=$4 file=$5
	s1=$S1 s2=$S2 k=$K
	case $opt in
	--stage1) s1=$file ;;
	--stage2) s2=$file ;;
	--kernel) k=$file ;;
	esac
	if [ "$opt" = --module ]; then
		refused "$name" 1 "$named" "$pattern" -o "$OUT" --stage1 "$s1" --stage2 "$s2" \
			--kernel "$k" --cmdline "$CMDLINE" --module "$M1" --module "$file"
	else
		refused "$name" 1 "$named" "$pattern" -o "$OUT" --stage1 "$s1" --stage2 "$s2" \
			--kernel "$k" --cmdline "$CMDLINE" --module "$M1"
	fi
}

# bad_kernel NAME PATTERN FIELD=VALUE...: the test kernel with fields patched.
bad_kernel() {
	name=$1 pattern=$2
	shift 2
	if ! "$PATCHELF" set "$K" "$T/in/$name.elf" "$@"; then
		fail "$name" "patchelf $* failed"
		return
	fi
	bad_input "$name" "$T/in/$name.elf" "$pattern" --kernel "$T/in/$name.elf"
}

# usage NAME PATTERN ARGS...: a usage error, exit status 2, no file named.
usage() {
	name=$1 pattern=$2
	shift 2
	refused "$name" 2 "" "$pattern" "$@"
}

if ! build "$PREV" >"$T/stdout" 2>"$T/stderr" || [ ! -f "$PREV" ]; then
	fail build-good "$(cat "$T/stderr")"
	exit 1
fi

usage usage-no-arguments 'nothing to do|usage|--help'
usage usage-unknown-option "unknown option '--frobnicate'" --frobnicate
usage usage-stray-argument "unexpected argument 'stray'" -o "$OUT" stray
usage usage-missing-value 'needs a value' -o "$OUT" --stage1 "$S1" --kernel
usage usage-missing-kernel 'missing --kernel' -o "$OUT" --stage1 "$S1" --stage2 "$S2"
usage usage-twice 'given twice' -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" --kernel "$K"
usage usage-inspect-and-build 'inspect' --inspect "$PREV" -o "$OUT"

bad_input missing-stage1 "$T/in/nothing.bin" 'No such file' --stage1 "$T/in/nothing.bin"
bad_input missing-kernel "$T/in/nothing.elf" 'No such file' --kernel "$T/in/nothing.elf"
bad_input missing-module "$T/in/nothing.mod" 'No such file' --module "$T/in/nothing.mod"

# chmod 000 does not keep root out; a path through a regular file cannot
# be opened by anyone.
cp "$S2" "$T/in/locked.bin"
chmod 000 "$T/in/locked.bin"
if cat "$T/in/locked.bin" >/dev/null 2>&1; then
	bad_input unreadable-stage2 "$S2/x" 'Not a directory' --stage2 "$S2/x"
else
	bad_input unreadable-stage2 "$T/in/locked.bin" 'Permission denied' --stage2 "$T/in/locked.bin"
fi
chmod 644 "$T/in/locked.bin"
bad_input path-through-file "$K/x" 'Not a directory' --kernel "$K/x"

: >"$T/in/empty"
bad_input empty-stage1 "$T/in/empty" 'empty' --stage1 "$T/in/empty"
bad_input empty-stage2 "$T/in/empty" 'empty' --stage2 "$T/in/empty"
bad_input empty-kernel "$T/in/empty" 'empty' --kernel "$T/in/empty"
bad_input empty-module "$T/in/empty" 'empty' --module "$T/in/empty"
mkdir "$T/in/dir"
bad_input kernel-is-directory "$T/in/dir" 'directory' --kernel "$T/in/dir"
bad_input module-is-directory "$T/in/dir" 'directory' --module "$T/in/dir"
mkfifo "$T/in/fifo"
bad_input kernel-is-fifo "$T/in/fifo" 'not a regular file' --kernel "$T/in/fifo"
bad_input module-is-device /dev/null 'not a regular file' --module /dev/null

head -c 511 "$S1" >"$T/in/stage1-511"
bad_input stage1-too-short "$T/in/stage1-511" 'is 511 bytes.*512' --stage1 "$T/in/stage1-511"
cat "$S1" "$M1" >"$T/in/stage1-518"
bad_input stage1-too-long "$T/in/stage1-518" 'is 518 bytes.*512' --stage1 "$T/in/stage1-518"
head -c 510 "$S1" >"$T/in/stage1-nosig"
printf '\125\125' >>"$T/in/stage1-nosig"
bad_input stage1-no-signature "$T/in/stage1-nosig" 'signature' --stage1 "$T/in/stage1-nosig"

stage2_max=$((STAGE2_MAX_SECTORS * SECTOR))
yes 'big stage2' | head -c $((stage2_max + 1)) >"$T/in/stage2-big"
bad_input stage2-too-big "$T/in/stage2-big" "is $((stage2_max + 1)) bytes.*at most $stage2_max" \
	--stage2 "$T/in/stage2-big"

long_cmdline=$(yes x | head -n $((CMDLINE_MAX + 1)) | tr -d '\n')
refused cmdline-too-long 1 --cmdline "is $((CMDLINE_MAX + 1)) bytes.*$CMDLINE_MAX" \
	-o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" --cmdline "$long_cmdline"

# Module names of 200 bytes: 232 bytes of params each, so enough of them
# overflow the params block.
mkdir "$T/in/many"
n=0
long_name=$(yes m | head -n 200 | tr -d '\n')
set --
while [ $n -lt $((PARAMS_MAX / 232 + 1)) ]; do
	echo "$n" >"$T/in/many/$long_name.$n"
	set -- "$@" --module "$T/in/many/$long_name.$n"
	n=$((n + 1))
done
refused params-too-big 1 "$OUT" "take [0-9]+ bytes.*room for $PARAMS_MAX" \
	-o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" "$@"
set --

refused output-dir-missing 1 "$T/nowhere/disk.img" 'nowhere.*No such file' \
	-o "$T/nowhere/disk.img" --stage1 "$S1" --stage2 "$S2" --kernel "$K"
refused output-dir-is-file 1 "$S1/disk.img" 'not a directory' \
	-o "$S1/disk.img" --stage1 "$S1" --stage2 "$S2" --kernel "$K"
refused output-is-directory 1 "$T/in/dir" 'is a directory' \
	-o "$T/in/dir" --stage1 "$S1" --stage2 "$S2" --kernel "$K"

# A file-size limit below the image's size makes the writes fail part way.
case $MKIMAGE in
/*) mkimage_path=$MKIMAGE ;;
*) mkimage_path=$PWD/$MKIMAGE ;;
esac
cat >"$T/limited" <<EOF
#!/bin/sh
ulimit -f 256 || exit 99
exec "$mkimage_path" "\$@"
EOF
chmod +x "$T/limited"
saved=$MKIMAGE
MKIMAGE=$T/limited
refused write-fails 1 "$OUT" 'File too large' \
	-o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K"
MKIMAGE=$saved

# Kernels that break protocol section 1. The test kernel's program headers:
# 0 LOAD text at 1 MiB (identity), 1 LOAD data at 0xffffffff80200000 ->
# 2 MiB, 2 LOAD .bss only at 0xffffffff80300000 -> 3 MiB, 3 NOTE, 4 GNU_STACK.
bad_kernel kernel-elf32 '64-bit|class' class=1
bad_kernel kernel-wrong-machine 'x86-64|machine' machine=3
bad_kernel kernel-et-dyn 'ET_EXEC|executable' type=3
bad_kernel kernel-paddr-low 'program header 2: .*(p_paddr|1 MiB)' ph2.paddr=0x80000
bad_kernel kernel-phys-overlap 'program header 2: .*overlap.*phys' ph2.paddr=0x200000
bad_kernel kernel-virt-overlap 'program header 2: .*overlap.*virt' ph2.vaddr=0xffffffff80200000
bad_kernel kernel-filesz-over-memsz 'program header 1: .*p_filesz.*p_memsz' ph1.memsz=16
bad_kernel kernel-file-range 'program header 1: .*(past|beyond|outside)' ph1.offset=0x7fffff000
bad_kernel kernel-noncanonical 'program header 1: .*canonical' ph1.vaddr=0x0000800000000000
bad_kernel kernel-low-not-identity 'program header 1: .*(neither|identity|higher)' ph1.vaddr=0x400000
bad_kernel kernel-above-4g 'program header 2: .*4 ?GiB' ph2.paddr=0xfffff000
bad_kernel kernel-page-offset 'program header 1: .*page' ph1.paddr=0x200800
bad_kernel kernel-entry-outside 'entry' entry=0x5000000
bad_kernel kernel-no-load 'PT_LOAD|segment' ph0.type=4 ph1.type=4 ph2.type=4
bad_kernel kernel-phentsize 'phentsize' phentsize=32
bad_kernel kernel-too-many-phdrs 'program headers' phnum=1000
bad_kernel kernel-phdrs-past-end 'cut short|truncated|past the end' phoff=0x7ffffff0
head -c 100 "$K" >"$T/in/kernel-truncated.elf"
bad_input kernel-truncated "$T/in/kernel-truncated.elf" 'cut short|truncated|past the end' \
	--kernel "$T/in/kernel-truncated.elf"
bad_input kernel-not-elf "$M2" 'not an ELF' --kernel "$M2"

# --- good input ------------------------------------------------------------
rm -f "$OUT"
if build "$OUT" >"$T/stdout" 2>"$T/stderr" && [ ! -s "$T/stdout" ] && [ ! -s "$T/stderr" ]; then
	if [ "$(ls -A "$OUTDIR")" = disk.img ]; then
		pass build-good
	else
		fail build-good "left in the output directory: $(ls -A "$OUTDIR" | tr '\n' ' ')"
	fi
else
	fail build-good "$(cat "$T/stdout" "$T/stderr" | tr '\n' '|')"
fi
IMG=$OUT
[ -f "$IMG" ] || exit 1

mkdir -p "$T/again"
build "$T/again/other-name.img" >/dev/null 2>&1
if cmp -s "$IMG" "$T/again/other-name.img"; then
	pass reproducible
else
	fail reproducible "two builds from the same inputs differ: $(cmp "$IMG" "$T/again/other-name.img" 2>&1)"
fi

H=$((HEADER_LBA * SECTOR))
size=$(size_of "$IMG")
total=$(u64 "$IMG" $((H + HDR_TOTAL_SECTORS)))
if [ $((size % 1048576)) -ne 0 ]; then
	fail size-whole-mib "$size bytes"
elif [ "$((total * SECTOR))" -ne "$size" ]; then
	fail size-whole-mib "total_sectors $total does not match $size bytes"
else
	pass size-whole-mib
fi

# The header: fixed fields, and the sector after the header is zero.
problem=
[ "$(u64 "$IMG" $((H + HDR_MAGIC)))" = "$IMAGE_MAGIC" ] || problem="$problem magic"
[ "$(u32 "$IMG" $((H + HDR_VERSION)))" = "$IMAGE_VERSION" ] || problem="$problem version"
[ "$(u32 "$IMG" $((H + HDR_HEADER_BYTES)))" = "$HEADER_BYTES" ] || problem="$problem header_bytes"
[ "$(u32 "$IMG" $((H + HDR_STAGE2_SECTORS)))" = "$(sectors "$(size_of "$S2")")" ] ||
	problem="$problem stage2_sectors"
[ "$(u32 "$IMG" $((H + HDR_MODULE_COUNT)))" = 2 ] || problem="$problem module_count"
[ -z "$(hexbytes "$IMG" $((H + HEADER_BYTES)) $((SECTOR - HEADER_BYTES)) | tr -d 0)" ] ||
	problem="$problem tail-not-zero"
extract "$IMG" $((STAGE2_LBA * SECTOR)) "$(size_of "$S2")" "$T/stage2.out"
cmp -s "$S2" "$T/stage2.out" || problem="$problem stage2-bytes"
if [ -z "$problem" ]; then pass header-fields; else fail header-fields "wrong:$problem"; fi

# The MBR: stage1's code kept up to the partition table, one active
# partition from LBA 1 to the end, CHS for 255 heads and 63 sectors a track.
chs() {
	c=$(($1 / (255 * 63))) h=$(($1 / 63 % 255)) s=$(($1 % 63 + 1))
	printf '%02x%02x%02x' "$h" $((s | (c >> 8) << 6)) $((c & 255))
}
last=$((total - 1))
sum=$(u64 "$IMG" $((H + HDR_HEADER_SUM)))
problem=
head -c 446 "$IMG" >"$T/mbr-code"
head -c 446 "$S1" | cmp -s - "$T/mbr-code" || problem="$problem code-changed"
[ "$(hexbytes "$IMG" 446 8)" = "80$(chs 1)7f$(chs $last)" ] ||
	problem="$problem entry:$(hexbytes "$IMG" 446 8)"
[ "$(u32 "$IMG" 454)" = 1 ] || problem="$problem first-lba"
[ "$(u32 "$IMG" 458)" = "$last" ] || problem="$problem sector-count"
[ -z "$(hexbytes "$IMG" 462 48 | tr -d 0)" ] || problem="$problem other-entries"
[ "$(hexbytes "$IMG" 510 2)" = 55aa ] || problem="$problem boot-signature"
if [ -z "$problem" ]; then pass mbr-partition-table; else fail mbr-partition-table "wrong:$problem (header sum $sum)"; fi

# Params: module descriptors, the command line, the module names.
P=$(($(u64 "$IMG" $((H + HDR_PARAMS + EXT_LBA))) * SECTOR))
cmdline_at=$((P + $(u32 "$IMG" $((H + HDR_CMDLINE_OFFSET)))))
problem=
[ "$(u32 "$IMG" $((H + HDR_CMDLINE_OFFSET)))" = $((2 * DESC_BYTES)) ] || problem="$problem cmdline_offset"
[ "$(dd if="$IMG" bs=1 skip="$cmdline_at" count=${#CMDLINE} status=none)" = "$CMDLINE" ] ||
	problem="$problem cmdline"
[ "$(u8 "$IMG" $((cmdline_at + ${#CMDLINE})))" = 0 ] || problem="$problem cmdline-nul"
i=0
for m in "$M1" "$M2"; do
	d=$((P + i * DESC_BYTES))
	lba=$(u64 "$IMG" $((d + DESC_FILE + EXT_LBA)))
	bytes=$(u64 "$IMG" $((d + DESC_FILE + EXT_BYTES)))
	name_at=$((P + $(u32 "$IMG" $((d + DESC_NAME_OFFSET)))))
	want=$(basename "$m")
	[ "$bytes" = "$(size_of "$m")" ] || problem="$problem module$i-bytes"
	extract "$IMG" $((lba * SECTOR)) "$bytes" "$T/module.out"
	cmp -s "$m" "$T/module.out" || problem="$problem module$i-content"
	[ "$(dd if="$IMG" bs=1 skip="$name_at" count=${#want} status=none)" = "$want" ] ||
		problem="$problem module$i-name"
	i=$((i + 1))
done
if [ -z "$problem" ]; then pass params-and-modules; else fail params-and-modules "wrong:$problem"; fi

# The packed kernel: ELF header and program headers, then each loaded
# segment's file bytes from a sector boundary; nothing else.
kernel_lba=$(u64 "$IMG" $((H + HDR_KERNEL + EXT_LBA)))
kernel_bytes=$(u64 "$IMG" $((H + HDR_KERNEL + EXT_BYTES)))
extract "$IMG" $((kernel_lba * SECTOR)) "$kernel_bytes" "$T/packed.elf"
phnum=$("$PATCHELF" get "$K" phnum)
problem=
[ "$("$PATCHELF" get "$T/packed.elf" phoff)" = 64 ] || problem="$problem e_phoff"
[ "$("$PATCHELF" get "$T/packed.elf" shoff)" = 0 ] || problem="$problem e_shoff"
[ "$("$PATCHELF" get "$T/packed.elf" shnum)" = 0 ] || problem="$problem e_shnum"
[ "$(u32 "$IMG" $((H + HDR_KERNEL_HEAD_BYTES)))" = $((64 + phnum * 56)) ] ||
	problem="$problem kernel_head_bytes"
end=$(($(sectors $((64 + phnum * 56))) * SECTOR))
i=0
while [ $i -lt "$phnum" ]; do
	type=$("$PATCHELF" get "$T/packed.elf" ph$i.type)
	memsz=$("$PATCHELF" get "$T/packed.elf" ph$i.memsz)
	offset=$("$PATCHELF" get "$T/packed.elf" ph$i.offset)
	filesz=$("$PATCHELF" get "$T/packed.elf" ph$i.filesz)
	if [ "$type" = 1 ] && [ "$memsz" != 0 ]; then
		[ "$offset" = "$end" ] || problem="$problem ph$i-offset($offset!=$end)"
		[ "$filesz" = "$("$PATCHELF" get "$K" ph$i.filesz)" ] || problem="$problem ph$i-filesz"
		"$PATCHELF" dump "$K" $i >"$T/seg.want"
		"$PATCHELF" dump "$T/packed.elf" $i >"$T/seg.got"
		cmp -s "$T/seg.want" "$T/seg.got" || problem="$problem ph$i-bytes"
		end=$((end + $(sectors "$filesz") * SECTOR))
	elif [ "$offset" != 0 ] || [ "$filesz" != 0 ]; then
		problem="$problem ph$i-not-loaded-but-kept"
	fi
	i=$((i + 1))
done
[ "$kernel_bytes" = "$end" ] || problem="$problem kernel.bytes($kernel_bytes!=$end)"
if [ -z "$problem" ]; then pass kernel-packed; else fail kernel-packed "wrong:$problem"; fi

# A kernel with 1 MiB of non-loaded section still fits a 1 MiB image.
yes junk | head -c 1048577 >"$T/in/junk"
if objcopy --add-section .junk="$T/in/junk" "$K" "$T/in/big.elf" &&
	"$MKIMAGE" -o "$T/big.img" --stage1 "$S1" --stage2 "$S2" --kernel "$T/in/big.elf" 2>"$T/stderr" &&
	"$MKIMAGE" --inspect "$T/big.img" >/dev/null 2>>"$T/stderr"; then
	if [ "$(size_of "$T/in/big.elf")" -gt 1048576 ] && [ "$(size_of "$T/big.img")" = 1048576 ]; then
		pass kernel-sections-left-out
	else
		fail kernel-sections-left-out "kernel $(size_of "$T/in/big.elf") bytes gave a $(size_of "$T/big.img")-byte image"
	fi
else
	fail kernel-sections-left-out "$(cat "$T/stderr")"
fi

# Program headers at the end of the file instead of after the ELF header.
cp "$K" "$T/in/phdrs-at-end.elf"
ksize=$(size_of "$K")
dd if="$K" bs=1 skip=64 count=$((phnum * 56)) status=none >>"$T/in/phdrs-at-end.elf"
"$PATCHELF" set "$T/in/phdrs-at-end.elf" "$T/in/phdrs-at-end.elf" phoff="$ksize"
if "$MKIMAGE" -o "$T/phdrs.img" --stage1 "$S1" --stage2 "$S2" --kernel "$T/in/phdrs-at-end.elf" \
	--cmdline "$CMDLINE" --module "$M1" --module "$M2" 2>"$T/stderr"; then
	if cmp -s "$T/phdrs.img" "$IMG"; then
		pass kernel-phdrs-anywhere
	else
		fail kernel-phdrs-anywhere "image differs from the one with program headers at 64"
	fi
else
	fail kernel-phdrs-anywhere "$(cat "$T/stderr")"
fi

# Limits are inclusive.
yes 'big stage2' | head -c "$stage2_max" >"$T/in/stage2-max"
long_cmdline=$(yes x | head -n "$CMDLINE_MAX" | tr -d '\n')
if "$MKIMAGE" -o "$T/limits.img" --stage1 "$S1" --stage2 "$T/in/stage2-max" --kernel "$K" \
	--cmdline "$long_cmdline" 2>"$T/stderr" &&
	"$MKIMAGE" --inspect "$T/limits.img" >"$T/stdout" 2>>"$T/stderr"; then
	if grep -q "^command line: \"$long_cmdline\"\$" "$T/stdout" &&
		[ "$(u32 "$T/limits.img" $((H + HDR_STAGE2_SECTORS)))" = "$STAGE2_MAX_SECTORS" ]; then
		pass limits-inclusive
	else
		fail limits-inclusive "inspect does not show the command line or stage2 size"
	fi
else
	fail limits-inclusive "$(cat "$T/stderr")"
fi

# No command line, no modules.
if "$MKIMAGE" -o "$T/bare.img" --stage1 "$S1" --stage2 "$S2" --kernel "$K" 2>"$T/stderr" &&
	"$MKIMAGE" --inspect "$T/bare.img" >"$T/stdout" 2>>"$T/stderr"; then
	if grep -q '^command line: ""$' "$T/stdout" && ! grep -q '^module' "$T/stdout" &&
		[ "$(u32 "$T/bare.img" $((H + HDR_MODULE_COUNT)))" = 0 ]; then
		pass bare-image
	else
		fail bare-image "inspect shows a command line or modules"
	fi
else
	fail bare-image "$(cat "$T/stderr")"
fi

if "$MKIMAGE" --help >"$T/stdout" 2>"$T/stderr" && grep -q '^usage: mkimage' "$T/stdout" &&
	grep -q -- '--inspect' "$T/stdout" && [ ! -s "$T/stderr" ]; then
	pass help
else
	fail help "--help did not print the usage on stdout with status 0"
fi

# --- --inspect ---------------------------------------------------------------
if "$MKIMAGE" --inspect "$IMG" >"$T/stdout" 2>"$T/stderr"; then
	if grep -q 'all checksums match' "$T/stdout" &&
		grep -qF "command line: \"$(printf '%s' "$CMDLINE" | sed 's/"/\\"/g')\"" "$T/stdout" &&
		grep -q '^module 1: "initrd.img"$' "$T/stdout" && [ ! -s "$T/stderr" ]; then
		pass inspect-good
	else
		fail inspect-good "output lacks the command line, a module or the verdict"
	fi
else
	fail inspect-good "$(cat "$T/stderr")"
fi

# inspect_bad NAME PATTERN OFFSET: --inspect of the image with the byte at
# OFFSET inverted must fail naming the region.
inspect_bad() {
	name=$1 pattern=$2 at=$3
	cp "$IMG" "$T/flipped.img"
	flip "$T/flipped.img" "$at"
	timeout 20 "$MKIMAGE" --inspect "$T/flipped.img" >"$T/stdout" 2>"$T/stderr"
	status=$?
	line=$(head -n 1 "$T/stderr")
	if [ "$status" -ne 1 ]; then
		fail "$name" "exit status $status, expected 1: $line"
	elif [ "$(wc -l <"$T/stderr")" -ne 1 ]; then
		fail "$name" "expected one line on stderr, got: $(tr '\n' '|' <"$T/stderr")"
	else
		case $line in
		"mkimage: $T/flipped.img: "*)
			if printf '%s\n' "$line" | grep -Eq -- "$pattern"; then
				pass "$name"
			else
				fail "$name" "message does not match /$pattern/: $line"
			fi ;;
		*) fail "$name" "message does not name the image: $line" ;;
		esac
	fi
}

stage2_at=$((STAGE2_LBA * SECTOR + 100))
head_at=$((kernel_lba * SECTOR + 70))
text_at=$(((kernel_lba * SECTOR) + $("$PATCHELF" get "$T/packed.elf" ph0.offset)))
data_end=$(($("$PATCHELF" get "$T/packed.elf" ph1.offset) + $("$PATCHELF" get "$T/packed.elf" ph1.filesz)))
pad_at=$((kernel_lba * SECTOR + data_end + 1))
m2_at=$(($(u64 "$IMG" $((P + DESC_BYTES + DESC_FILE + EXT_LBA))) * SECTOR + 4999))

inspect_bad inspect-flip-header 'header' $((H + HDR_TOTAL_SECTORS))
inspect_bad inspect-flip-stage2 'stage2: checksum' "$stage2_at"
inspect_bad inspect-flip-params 'params: checksum' "$cmdline_at"
inspect_bad inspect-flip-kernel-head 'kernel head: checksum' "$head_at"
inspect_bad inspect-flip-kernel-data 'kernel data: checksum' "$text_at"
inspect_bad inspect-flip-segment-padding 'kernel data: checksum' "$pad_at"
inspect_bad inspect-flip-module 'module 1: checksum' "$m2_at"
inspect_bad inspect-flip-boot-signature 'signature' 511

head -c $((size - SECTOR)) "$IMG" >"$T/short.img"
refused inspect-truncated 1 "$T/short.img" 'truncated' --inspect "$T/short.img"
refused inspect-not-an-image 1 "$K" 'header: .*(magic|not a longboot)' --inspect "$K"
refused inspect-missing 1 "$T/nothing.img" 'No such file' --inspect "$T/nothing.img"

# --- the project's own loader and kernel -------------------------------------
real_ok=1
for f in build/stage1.bin build/stage2.bin build/kernel.elf; do
	[ -f "$f" ] || { fail real-image "$f is not built (run make all)"; real_ok=0; break; }
done
if [ $real_ok = 1 ]; then
	if "$MKIMAGE" -o "$T/real.img" --stage1 build/stage1.bin --stage2 build/stage2.bin \
		--kernel build/kernel.elf --cmdline 'qemu-exit' --module "$M2" 2>"$T/stderr" &&
		"$MKIMAGE" --inspect "$T/real.img" >/dev/null 2>>"$T/stderr"; then
		pass real-image
	else
		fail real-image "$(cat "$T/stderr")"
	fi
fi
