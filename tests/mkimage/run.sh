#!/bin/sh
# mkimage's tests. Bad input of every kind is refused with one line naming
# the file and the problem, exit status 1 (2 for usage errors), an existing
# image left byte for byte and no temporary file left behind; an output
# that is one of the inputs is refused and the input kept. Good input
# gives a reproducible image with the layout of docs/image-format.md, and
# --inspect finds a flipped byte in every region the loader checks.
#
# Prints "PLAN <n>", then n lines, "PASS mkimage/<name>" or
# "FAIL mkimage/<name>: <reason>", one per line of the case table below;
# exits 1 when any failed. Every number shared with mkimage comes from
# build/test/mkimage/limits (tests/mkimage/limits.c).
# MKIMAGE=path tests another build of mkimage (e.g. one with sanitizers).
cd "$(dirname "$0")/../.." || exit 1

MKIMAGE=${MKIMAGE:-build/mkimage}
D=build/test/mkimage
T=$D/work
PATCHELF=$D/patchelf

# Before the plan: a failure here is the suite's only result.
setup_failed() {
	echo "PLAN 1"
	echo "FAIL mkimage/$1: $2"
	exit 1
}

mkdir -p "$D"
targets="$D/patchelf $D/limits $D/kernel.elf $D/fakekernels $D/fakeefi"
[ "$MKIMAGE" = build/mkimage ] && targets="build/mkimage $targets"
# shellcheck disable=SC2086
MAKEFLAGS='' make -s --no-print-directory $targets >"$D/make.log" 2>&1 ||
	setup_failed inputs "make $targets failed (see $D/make.log)"
limits=$("$D/limits") && eval "$limits" && [ -n "$MAX_PHNUM" ] ||
	setup_failed inputs "$D/limits did not print the limits"

rm -rf "$T"
mkdir -p "$T/in" "$T/out"

# Little-endian unsigned integers of a file: u64 FILE OFFSET, and so on.
u64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' \n'; }
u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' \n'; }
u16() { od -An -tu2 -j "$2" -N2 "$1" | tr -d ' \n'; }
u8()  { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' \n'; }
hexbytes() { od -An -v -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }
size_of() { wc -c <"$1" | tr -d ' '; }
sectors() { echo $((($1 + SECTOR - 1) / SECTOR)); }
# The byte whose value is $1.
byte() {
	# shellcheck disable=SC2059 # the format is the octal escape of the byte
	printf "\\$(printf %o "$1")"
}

# Inverts the byte at OFFSET of FILE in place.
flip() {
	byte $(($(u8 "$1" "$2") ^ 255)) | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
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

{ yes 'longboot stage1 test ' | head -c "$MBR_BOOT_SIG"; byte "$BOOT_SIG_0"; byte "$BOOT_SIG_1"; } >"$S1"
yes 'stage2 test bytes' | head -c 3000 >"$S2"
echo hello >"$M1"
yes 'module two' | head -c 5000 >"$M2"

: >"$T/in/empty"
mkdir "$T/in/dir"
mkfifo "$T/in/fifo"
# A symbolic link to itself: open() fails with ELOOP for every user, root too.
ln -s loop.bin "$T/in/loop.bin"
head -c $((SECTOR - 1)) "$S1" >"$T/in/stage1-short"
{ cat "$S1"; printf x; } >"$T/in/stage1-long"
{ head -c "$MBR_BOOT_SIG" "$S1"; byte "$BOOT_SIG_0"; byte "$BOOT_SIG_0"; } >"$T/in/stage1-nosig"
stage2_max=$((STAGE2_MAX_SECTORS * SECTOR))
yes 'big stage2' | head -c $((stage2_max + 1)) >"$T/in/stage2-big"
yes 'big stage2' | head -c "$stage2_max" >"$T/in/stage2-max"
cmdline_max=$(yes x | head -n "$CMDLINE_MAX" | tr -d '\n')
head -c 100 "$K" >"$T/in/kernel-truncated.elf"
# Kernel files of the other formats (tests/mkimage/fakekernels.c).
FK=$T/in/formats
mkdir "$FK"
"$D/fakekernels" "$FK" || setup_failed inputs "fakekernels failed"
# EFI applications for --efi (tests/mkimage/fakeefi.c).
FE=$T/in/efi
mkdir "$FE"
"$D/fakeefi" "$FE" || setup_failed inputs "fakeefi failed"
# One byte more than FAT16 with 32 KiB clusters holds (a sparse file).
cp "$FE/good.efi" "$T/in/too-large.efi"
truncate -s 2146467841 "$T/in/too-large.efi"
printf 'first' >"$T/in/initrd-a"
printf 'second!' >"$T/in/initrd-b"

# Enough modules with 200-byte names to overflow the params block.
mkdir "$T/in/many"
long_name=$(yes m | head -n 200 | tr -d '\n')
n=0
while [ $n -le $((PARAMS_MAX / (DESC_BYTES + 200 + 1))) ]; do
	echo "$n" >"$T/in/many/$long_name.$n"
	n=$((n + 1))
done

OUTDIR=$T/out
OUT=$OUTDIR/disk.img

# build OUT [more options]: the good inputs, plus whatever follows.
build() {
	out=$1
	shift
	"$MKIMAGE" -o "$out" --stage1 "$S1" --stage2 "$S2" --kernel "$K" \
		--cmdline "$CMDLINE" --module "$M1" --module "$M2" "$@"
}

# The good image: what the refused cases must leave in place, and what the
# layout cases read.
IMG=$T/good.img
build "$IMG" >"$T/stdout" 2>"$T/stderr" && [ -f "$IMG" ] ||
	setup_failed build-good "the good inputs gave no image: $(tr '\n' '|' <"$T/stderr")"

# The good image's layout, read in a subshell so that a broken image fails
# the cases that use it, not the suite.
layout=$(
	H=$((HEADER_LBA * SECTOR))
	P=$(($(u64 "$IMG" $((H + HDR_PARAMS + EXT_LBA))) * SECTOR))
	kernel_lba=$(u64 "$IMG" $((H + HDR_KERNEL + EXT_LBA)))
	kernel_bytes=$(u64 "$IMG" $((H + HDR_KERNEL + EXT_BYTES)))
	extract "$IMG" $((kernel_lba * SECTOR)) "$kernel_bytes" "$T/packed.elf"
	data_end=$(($("$PATCHELF" get "$T/packed.elf" ph1.offset) + $("$PATCHELF" get "$T/packed.elf" ph1.filesz)))
	echo "H=$H P=$P kernel_lba=$kernel_lba kernel_bytes=$kernel_bytes"
	echo "cmdline_at=$((P + $(u32 "$IMG" $((H + HDR_CMDLINE_OFFSET)))))"
	echo "text_at=$((kernel_lba * SECTOR + $("$PATCHELF" get "$T/packed.elf" ph0.offset)))"
	echo "pad_at=$((kernel_lba * SECTOR + data_end + 1))"
	echo "m2_end=$(($(u64 "$IMG" $((P + DESC_BYTES + DESC_FILE + EXT_LBA))) * SECTOR + $(size_of "$M2") - 1))"
) 2>"$T/layout.stderr" || layout='false'

# --- what every case reports ----------------------------------------------
pass() { echo "PASS mkimage/$name"; }
fail() { echo "FAIL mkimage/$name: $1"; }

# uses_layout: the cases that read the good image's layout start with it.
uses_layout() {
	eval "$layout" || { fail "cannot read the good image's layout"; return 1; }
}

# --- refused input ---------------------------------------------------------

# refused STATUS NAMED PATTERN ARGS...: runs mkimage ARGS while $OUT holds
# the good image; expects exit STATUS, one line on stderr starting
# "mkimage: NAMED: " and matching PATTERN (grep -Ei), nothing on stdout,
# $OUT unchanged and nothing else in its directory.
refused() {
	want=$1 named=$2 pattern=$3
	shift 3
	rm -rf "$OUTDIR"
	mkdir "$OUTDIR"
	cp "$IMG" "$OUT"
	timeout 20 "$MKIMAGE" "$@" >"$T/stdout" 2>"$T/stderr"
	status=$?
	line=$(head -n 1 "$T/stderr")
	if [ "$status" -ne "$want" ]; then
		fail "exit status $status, expected $want: $line"
	elif [ "$(wc -l <"$T/stderr")" -ne 1 ]; then
		fail "expected one line on stderr, got: $(tr '\n' '|' <"$T/stderr")"
	elif [ -s "$T/stdout" ]; then
		fail "printed on stdout: $(head -n 1 "$T/stdout")"
	elif ! printf '%s\n' "$line" | grep -Eiq -- "$pattern"; then
		fail "message does not match /$pattern/: $line"
	elif ! cmp -s "$OUT" "$IMG"; then
		fail "the existing image was changed"
	elif [ "$(ls -A "$OUTDIR")" != disk.img ]; then
		fail "left in the output directory: $(ls -A "$OUTDIR" | tr '\n' ' ')"
	else
		case $line in
		"mkimage: ${named:+$named: }"*) pass ;;
		*) fail "message does not start with 'mkimage: ${named:+$named: }': $line" ;;
		esac
	fi
}

# bad_input OPTION FILE PATTERN: the good inputs with OPTION's file
# replaced by FILE; the message must name FILE.
bad_input() {
	opt=$1 file=$2 pattern=$3
	shift 3
	s1=$S1 s2=$S2 k=$K m=$M2
	case $opt in
	--stage1) s1=$file ;;
	--stage2) s2=$file ;;
	--kernel) k=$file ;;
	--module) m=$file ;;
	esac
	refused 1 "$file" "$pattern" -o "$OUT" --stage1 "$s1" --stage2 "$s2" \
		--kernel "$k" --cmdline "$CMDLINE" --module "$M1" --module "$m" "$@"
}

# bad_kernel PATTERN FIELD=VALUE...: the test kernel with fields patched.
bad_kernel() {
	pattern=$1
	shift
	if ! "$PATCHELF" set "$K" "$T/in/$name.elf" "$@"; then
		fail "patchelf $* failed"
		return
	fi
	bad_input --kernel "$T/in/$name.elf" "$pattern"
}

# detected KERNEL FORMAT PROTOCOL [ARGS...]: mkimage builds an image of
# KERNEL (no modules) and says, in its one line on stdout, FORMAT; --inspect
# reports PROTOCOL and verifies every checksum.
detected() {
	kernel=$1 format=$2 protocol=$3
	shift 3
	rm -rf "$OUTDIR"
	mkdir "$OUTDIR"
	if ! "$MKIMAGE" -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$kernel" "$@" \
		>"$T/stdout" 2>"$T/stderr"; then
		fail "refused: $(cat "$T/stderr")"
	elif [ "$(cat "$T/stdout")" != "mkimage: $OUT: $kernel, $format" ]; then
		fail "said: $(cat "$T/stdout"), expected the format '$format'"
	elif ! "$MKIMAGE" --inspect "$OUT" >"$T/inspect" 2>"$T/stderr"; then
		fail "--inspect: $(cat "$T/stderr")"
	elif ! grep -q "^protocol: $protocol\$" "$T/inspect" || ! grep -q 'all checksums match' "$T/inspect"; then
		fail "--inspect does not report protocol $protocol with every checksum matching"
	else
		pass
	fi
}

# module_string: the string after --module FILE is the module's, the
# next module without one is named by its file.
module_string() {
	rm -rf "$OUTDIR"
	mkdir "$OUTDIR"
	if ! "$MKIMAGE" -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$FK/mb2.elf" \
		--module "$M1" 'dom0 console=hvc0' --module "$M2" >/dev/null 2>"$T/stderr" ||
		! "$MKIMAGE" --inspect "$OUT" >"$T/inspect" 2>>"$T/stderr"; then
		fail "$(cat "$T/stderr")"
	elif grep -q '^module 0: "dom0 console=hvc0"$' "$T/inspect" &&
		grep -q "^module 1: \"$(basename "$M2")\"\$" "$T/inspect"; then
		pass
	else
		fail "the module strings in the image: $(grep '^module' "$T/inspect" | tr '\n' '|')"
	fi
}

# initrds_back_to_back: two --initrd files are stored as one region, the
# first padded with zeros to 4 bytes.
initrds_back_to_back() {
	rm -rf "$OUTDIR"
	mkdir "$OUTDIR"
	if ! "$MKIMAGE" -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$FK/bzimage" \
		--initrd "$T/in/initrd-a" --initrd "$T/in/initrd-b" >/dev/null 2>"$T/stderr"; then
		fail "refused: $(cat "$T/stderr")"
		return
	fi
	H=$((HEADER_LBA * SECTOR))
	lba=$(u64 "$OUT" $((H + HDR_INITRD + EXT_LBA)))
	bytes=$(u64 "$OUT" $((H + HDR_INITRD + EXT_BYTES)))
	got=$(hexbytes "$OUT" $((lba * SECTOR)) "$bytes")
	want=$({ printf 'first'; printf '\0\0\0'; printf 'second!'; } | od -An -v -tx1 | tr -d ' \n')
	if [ "$got" = "$want" ]; then
		pass
	else
		fail "initrd region holds $got, expected $want"
	fi
}

# usage PATTERN ARGS...: a usage error, exit status 2, no file named.
usage() {
	pattern=$1
	shift
	refused 2 "" "$pattern" "$@"
}

params_too_big() {
	set --
	for f in "$T/in/many/"*; do
		set -- "$@" --module "$f"
	done
	refused 1 "$OUT" "take [0-9]+ bytes.*room for $PARAMS_MAX" \
		-o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" "$@"
}

# A file-size limit below the image's size makes the writes fail part way
# (RLIMIT_FSIZE binds root too: raising it is what privilege allows).
write_fails() {
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
	MKIMAGE=$T/limited
	refused 1 "$OUT" 'File too large' -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K"
}

# same_file KIND WAY: -o names the KIND input (stage1, stage2, kernel or
# module) by its own path (WAY path), through a symbolic link (symlink) or
# a hard link (hardlink) to it, or names the file the input option reaches
# through a symbolic link (input-symlink). mkimage must exit 1 with the one
# line naming both, print nothing on stdout, and leave the input, the link
# and the directory as they were.
same_file() {
	kind=$1 way=$2
	dir=$T/same/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$S1" "$dir/stage1.bin"
	cp "$S2" "$dir/stage2.bin"
	cp "$K" "$dir/kernel.elf"
	cp "$M2" "$dir/initrd.img"
	s1=$dir/stage1.bin s2=$dir/stage2.bin k=$dir/kernel.elf m=$dir/initrd.img
	case $kind in
	stage1) file=$s1 what=stage1 ;;
	stage2) file=$s2 what=stage2 ;;
	kernel) file=$k what='the kernel' ;;
	module) file=$m what='the module' ;;
	esac
	given=$file out=$file
	case $way in
	symlink) out=$dir/disk.img; ln -s "$(basename "$file")" "$out" ;;
	hardlink) out=$dir/disk.img; ln "$file" "$out" ;;
	input-symlink) given=$dir/link; ln -s "$(basename "$file")" "$given" ;;
	esac
	case $kind in
	stage1) s1=$given ;;
	stage2) s2=$given ;;
	kernel) k=$given ;;
	module) m=$given ;;
	esac
	cp "$file" "$T/same/$name.before"
	before=$(ls -lA --time-style=+ "$dir")
	timeout 20 "$MKIMAGE" -o "$out" --stage1 "$s1" --stage2 "$s2" --kernel "$k" \
		--cmdline "$CMDLINE" --module "$M1" --module "$m" >"$T/stdout" 2>"$T/stderr"
	status=$?
	want="mkimage: $out: is the same file as $what $given; refusing to overwrite an input"
	if [ "$status" -ne 1 ]; then
		fail "exit status $status, expected 1: $(head -n 1 "$T/stderr")"
	elif [ "$(cat "$T/stderr")" != "$want" ]; then
		fail "expected '$want', got: $(tr '\n' '|' <"$T/stderr")"
	elif [ -s "$T/stdout" ]; then
		fail "printed on stdout: $(head -n 1 "$T/stdout")"
	elif ! cmp -s "$file" "$T/same/$name.before"; then
		fail "$file was changed"
	elif [ "$way" = symlink ] && [ ! -L "$out" ]; then
		fail "the symbolic link $out was replaced"
	elif [ "$(ls -lA --time-style=+ "$dir")" != "$before" ]; then
		fail "the directory changed: $(ls -A "$dir" | tr '\n' ' ')"
	else
		pass
	fi
}

# --- good input ------------------------------------------------------------

build_good() {
	rm -rf "$OUTDIR"
	mkdir "$OUTDIR"
	# One line on stdout: the image, the kernel and the format found in it.
	if ! build "$OUT" >"$T/stdout" 2>"$T/stderr" || [ -s "$T/stderr" ] ||
		[ "$(cat "$T/stdout")" != "mkimage: $OUT: $K, longboot ELF64 kernel" ]; then
		fail "$(cat "$T/stdout" "$T/stderr" | tr '\n' '|')"
	elif [ "$(ls -A "$OUTDIR")" != disk.img ]; then
		fail "left in the output directory: $(ls -A "$OUTDIR" | tr '\n' ' ')"
	else
		pass
	fi
}

reproducible() {
	mkdir -p "$T/again"
	build "$T/again/other-name.img" >/dev/null 2>&1
	if cmp -s "$IMG" "$T/again/other-name.img"; then
		pass
	else
		fail "two builds from the same inputs differ: $(cmp "$IMG" "$T/again/other-name.img" 2>&1)"
	fi
}

size_whole_mib() {
	size=$(size_of "$IMG")
	total=$(u64 "$IMG" $((HEADER_LBA * SECTOR + HDR_TOTAL_SECTORS)))
	if [ $((size % IMAGE_ALIGN)) -ne 0 ]; then
		fail "$size bytes"
	elif [ "$((total * SECTOR))" -ne "$size" ]; then
		fail "total_sectors $total does not match $size bytes"
	else
		pass
	fi
}

# The header: fixed fields, and the sector after the header is zero.
header_fields() {
	H=$((HEADER_LBA * SECTOR))
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
	if [ -z "$problem" ]; then pass; else fail "wrong:$problem"; fi
}

# CHS of an LBA as a partition entry stores it: head, sector | cylinder
# bits 8-9 << 6, cylinder bits 0-7.
chs() {
	c=$(($1 / (CHS_HEADS * CHS_SECTORS))) h=$(($1 / CHS_SECTORS % CHS_HEADS)) s=$(($1 % CHS_SECTORS + 1))
	printf '%02x%02x%02x' "$h" $((s | (c >> 8) << 6)) $((c & 255))
}

# The MBR: stage1's code kept up to the partition table, one active
# partition from LBA 1 to the end, the other entries zero.
mbr_partition_table() {
	total=$(u64 "$IMG" $((HEADER_LBA * SECTOR + HDR_TOTAL_SECTORS)))
	last=$((total - 1))
	e=$MBR_PARTITIONS
	problem=
	head -c "$MBR_PARTITIONS" "$IMG" >"$T/mbr-code"
	head -c "$MBR_PARTITIONS" "$S1" | cmp -s - "$T/mbr-code" || problem="$problem code-changed"
	[ "$(u8 "$IMG" $((e + PART_STATUS)))" = "$PART_ACTIVE" ] || problem="$problem status"
	[ "$(hexbytes "$IMG" $((e + PART_CHS_FIRST)) 3)" = "$(chs "$HEADER_LBA")" ] ||
		problem="$problem chs-first:$(hexbytes "$IMG" $((e + PART_CHS_FIRST)) 3)"
	[ "$(u8 "$IMG" $((e + PART_TYPE)))" = "$PART_TYPE_LONGBOOT" ] || problem="$problem type"
	[ "$(hexbytes "$IMG" $((e + PART_CHS_LAST)) 3)" = "$(chs "$last")" ] ||
		problem="$problem chs-last:$(hexbytes "$IMG" $((e + PART_CHS_LAST)) 3)"
	[ "$(u32 "$IMG" $((e + PART_FIRST_LBA)))" = "$HEADER_LBA" ] || problem="$problem first-lba"
	[ "$(u32 "$IMG" $((e + PART_SECTORS)))" = "$last" ] || problem="$problem sector-count"
	[ -z "$(hexbytes "$IMG" $((e + MBR_PART_BYTES)) $(((MBR_PART_COUNT - 1) * MBR_PART_BYTES)) | tr -d 0)" ] ||
		problem="$problem other-entries"
	[ "$(hexbytes "$IMG" "$MBR_BOOT_SIG" 2)" = "$(printf %02x%02x "$BOOT_SIG_0" "$BOOT_SIG_1")" ] ||
		problem="$problem boot-signature"
	if [ -z "$problem" ]; then pass; else fail "wrong:$problem"; fi
}

# Params: module descriptors, the command line, the module names.
# shellcheck disable=SC2154 # cmdline_at and P come from uses_layout
params_and_modules() {
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
	if [ -z "$problem" ]; then pass; else fail "wrong:$problem"; fi
}

# The packed kernel: ELF header and program headers, then each loaded
# segment's file bytes from a sector boundary; nothing else.
kernel_packed() {
	phnum=$("$PATCHELF" get "$K" phnum)
	head_bytes=$((EHDR_BYTES + phnum * PHDR_BYTES))
	problem=
	[ "$("$PATCHELF" get "$T/packed.elf" phoff)" = "$EHDR_BYTES" ] || problem="$problem e_phoff"
	[ "$("$PATCHELF" get "$T/packed.elf" shoff)" = 0 ] || problem="$problem e_shoff"
	[ "$("$PATCHELF" get "$T/packed.elf" shnum)" = 0 ] || problem="$problem e_shnum"
	[ "$(u32 "$IMG" $((H + HDR_KERNEL_HEAD_BYTES)))" = "$head_bytes" ] ||
		problem="$problem kernel_head_bytes"
	end=$(($(sectors "$head_bytes") * SECTOR))
	i=0
	while [ $i -lt "$phnum" ]; do
		type=$("$PATCHELF" get "$T/packed.elf" ph$i.type)
		memsz=$("$PATCHELF" get "$T/packed.elf" ph$i.memsz)
		offset=$("$PATCHELF" get "$T/packed.elf" ph$i.offset)
		filesz=$("$PATCHELF" get "$T/packed.elf" ph$i.filesz)
		if [ "$type" = "$PT_LOAD" ] && [ "$memsz" != 0 ]; then
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
	if [ -z "$problem" ]; then pass; else fail "wrong:$problem"; fi
}

# A kernel with more than an image's padding of sections the loader never
# reads still gives the smallest image.
kernel_sections_left_out() {
	yes junk | head -c $((IMAGE_ALIGN + 1)) >"$T/in/junk"
	if objcopy --add-section .junk="$T/in/junk" "$K" "$T/in/big.elf" &&
		"$MKIMAGE" -o "$T/big.img" --stage1 "$S1" --stage2 "$S2" --kernel "$T/in/big.elf" >/dev/null 2>"$T/stderr" &&
		"$MKIMAGE" --inspect "$T/big.img" >/dev/null 2>>"$T/stderr"; then
		if [ "$(size_of "$T/in/big.elf")" -gt "$IMAGE_ALIGN" ] &&
			[ "$(size_of "$T/big.img")" = "$IMAGE_ALIGN" ]; then
			pass
		else
			fail "kernel $(size_of "$T/in/big.elf") bytes gave a $(size_of "$T/big.img")-byte image"
		fi
	else
		fail "$(cat "$T/stderr")"
	fi
}

# Program headers at the end of the file instead of after the ELF header.
kernel_phdrs_anywhere() {
	phnum=$("$PATCHELF" get "$K" phnum)
	cp "$K" "$T/in/phdrs-at-end.elf"
	dd if="$K" bs=1 skip="$EHDR_BYTES" count=$((phnum * PHDR_BYTES)) status=none >>"$T/in/phdrs-at-end.elf"
	if ! "$PATCHELF" set "$T/in/phdrs-at-end.elf" "$T/in/phdrs-at-end.elf" phoff="$(size_of "$K")"; then
		fail "patchelf phoff failed"
	elif "$MKIMAGE" -o "$T/phdrs.img" --stage1 "$S1" --stage2 "$S2" --kernel "$T/in/phdrs-at-end.elf" \
		--cmdline "$CMDLINE" --module "$M1" --module "$M2" >/dev/null 2>"$T/stderr"; then
		if cmp -s "$T/phdrs.img" "$IMG"; then
			pass
		else
			fail "image differs from the one with program headers at $EHDR_BYTES"
		fi
	else
		fail "$(cat "$T/stderr")"
	fi
}

# Limits are inclusive.
limits_inclusive() {
	if "$MKIMAGE" -o "$T/limits.img" --stage1 "$S1" --stage2 "$T/in/stage2-max" --kernel "$K" \
		--cmdline "$cmdline_max" >/dev/null 2>"$T/stderr" &&
		"$MKIMAGE" --inspect "$T/limits.img" >"$T/stdout" 2>>"$T/stderr"; then
		if grep -q "^command line: \"$cmdline_max\"\$" "$T/stdout" &&
			[ "$(u32 "$T/limits.img" $((HEADER_LBA * SECTOR + HDR_STAGE2_SECTORS)))" = "$STAGE2_MAX_SECTORS" ]; then
			pass
		else
			fail "inspect does not show the command line or stage2 size"
		fi
	else
		fail "$(cat "$T/stderr")"
	fi
}

# No command line, no modules.
bare_image() {
	if "$MKIMAGE" -o "$T/bare.img" --stage1 "$S1" --stage2 "$S2" --kernel "$K" >/dev/null 2>"$T/stderr" &&
		"$MKIMAGE" --inspect "$T/bare.img" >"$T/stdout" 2>>"$T/stderr"; then
		if grep -q '^command line: ""$' "$T/stdout" && ! grep -q '^module' "$T/stdout" &&
			[ "$(u32 "$T/bare.img" $((HEADER_LBA * SECTOR + HDR_MODULE_COUNT)))" = 0 ]; then
			pass
		else
			fail "inspect shows a command line or modules"
		fi
	else
		fail "$(cat "$T/stderr")"
	fi
}

help_page() {
	if "$MKIMAGE" --help >"$T/stdout" 2>"$T/stderr" && grep -q '^usage: mkimage' "$T/stdout" &&
		grep -q -- '--inspect' "$T/stdout" && [ ! -s "$T/stderr" ]; then
		pass
	else
		fail "--help did not print the usage on stdout with status 0"
	fi
}

# --- --inspect ---------------------------------------------------------------

inspect_good() {
	if "$MKIMAGE" --inspect "$IMG" >"$T/stdout" 2>"$T/stderr"; then
		if grep -q 'all checksums match' "$T/stdout" &&
			grep -qF "command line: \"$(printf '%s' "$CMDLINE" | sed 's/"/\\"/g')\"" "$T/stdout" &&
			grep -q "^module 1: \"$(basename "$M2")\"\$" "$T/stdout" && [ ! -s "$T/stderr" ]; then
			pass
		else
			fail "output lacks the command line, a module or the verdict"
		fi
	else
		fail "$(cat "$T/stderr")"
	fi
}

# inspect_bad PATTERN OFFSET: --inspect of the good image with the byte at
# OFFSET inverted must fail naming the region.
inspect_bad() {
	pattern=$1 at=$2
	cp "$IMG" "$T/flipped.img"
	flip "$T/flipped.img" "$at"
	timeout 20 "$MKIMAGE" --inspect "$T/flipped.img" >"$T/stdout" 2>"$T/stderr"
	status=$?
	line=$(head -n 1 "$T/stderr")
	if [ "$status" -ne 1 ]; then
		fail "exit status $status, expected 1: $line"
	elif [ "$(wc -l <"$T/stderr")" -ne 1 ]; then
		fail "expected one line on stderr, got: $(tr '\n' '|' <"$T/stderr")"
	else
		case $line in
		"mkimage: $T/flipped.img: "*)
			if printf '%s\n' "$line" | grep -Eq -- "$pattern"; then
				pass
			else
				fail "message does not match /$pattern/: $line"
			fi ;;
		*) fail "message does not name the image: $line" ;;
		esac
	fi
}

inspect_truncated() {
	head -c $(($(size_of "$IMG") - SECTOR)) "$IMG" >"$T/short.img"
	refused 1 "$T/short.img" 'truncated' --inspect "$T/short.img"
}

# --- the EFI system partition (--efi) ------------------------------------------

# efi_image OUT EFI: the good inputs with --efi EFI.
efi_image() {
	build "$1" --efi "$2" >/dev/null 2>"$T/stderr"
}

# esp_of IMG: sets esp_lba and esp_sectors from IMG's header.
esp_of() {
	esp_lba=$(u64 "$1" $((HEADER_LBA * SECTOR + HDR_ESP + EXT_LBA)))
	esp_sectors=$(($(u64 "$1" $((HEADER_LBA * SECTOR + HDR_ESP + EXT_BYTES))) / SECTOR))
}

# needs TOOL PACKAGE: the independent checkers must be there to be asked.
needs() {
	command -v "$1" >/dev/null 2>&1 && return 0
	fail "$1 is not installed (package $2: tools/install-deps.sh test)"
	return 1
}

# efi_inspect EFI FATTYPE: --inspect of an image with EFI passes, names
# BOOTX64.EFI with its size and the FAT type.
efi_inspect() {
	efi=$1 fat=$2
	if ! efi_image "$T/efi.img" "$efi" || ! "$MKIMAGE" --inspect "$T/efi.img" >"$T/stdout" 2>>"$T/stderr"; then
		fail "$(tr '\n' '|' <"$T/stderr")"
	elif ! grep -q '^EFI application: \\EFI\\BOOT\\BOOTX64.EFI, '"$(size_of "$efi")"' bytes' "$T/stdout" ||
		! grep -q "^EFI system partition: $fat, " "$T/stdout" || ! grep -q 'all checksums match' "$T/stdout"; then
		fail "--inspect does not show a $fat ESP with BOOTX64.EFI of $(size_of "$efi") bytes: $(grep EFI "$T/stdout" | tr '\n' '|')"
	else
		pass
	fi
}

# efi_fsck EFI: fsck.fat -n finds nothing wrong in the ESP, extracted.
efi_fsck() {
	needs fsck.fat dosfstools || return
	if ! efi_image "$T/efi.img" "$1"; then
		fail "$(tr '\n' '|' <"$T/stderr")"
		return
	fi
	esp_of "$T/efi.img"
	dd if="$T/efi.img" of="$T/esp.img" bs="$SECTOR" skip="$esp_lba" count="$esp_sectors" status=none
	if fsck.fat -n "$T/esp.img" >"$T/fsck.out" 2>&1; then
		pass
	else
		fail "fsck.fat -n: $(tr '\n' '|' <"$T/fsck.out")"
	fi
}

# efi_mcopy EFI: mtools reads back \EFI\BOOT\BOOTX64.EFI byte for byte.
efi_mcopy() {
	needs mcopy mtools || return
	if ! efi_image "$T/efi.img" "$1"; then
		fail "$(tr '\n' '|' <"$T/stderr")"
		return
	fi
	esp_of "$T/efi.img"
	rm -f "$T/copied.efi"
	if ! MTOOLS_SKIP_CHECK=1 mcopy -n -i "$T/efi.img@@$((esp_lba * SECTOR))" ::/EFI/BOOT/BOOTX64.EFI \
		"$T/copied.efi" 2>"$T/mcopy.err"; then
		fail "mcopy: $(tr '\n' '|' <"$T/mcopy.err")"
	elif ! cmp -s "$1" "$T/copied.efi"; then
		fail "the file mcopy read differs from $1"
	else
		pass
	fi
}

# efi_partitions: sfdisk reads one partition, the active ESP (type ef),
# where the header puts it; the payload after it is in no partition, so
# a truncated copy keeps a partition table UEFI firmware accepts.
efi_partitions() {
	needs sfdisk fdisk || return
	if ! efi_image "$T/efi.img" "$FE/good.efi" || ! sfdisk -d "$T/efi.img" >"$T/sfdisk.out" 2>"$T/stderr"; then
		fail "$(tr '\n' '|' <"$T/stderr")"
		return
	fi
	esp_of "$T/efi.img"
	total=$(u64 "$T/efi.img" $((HEADER_LBA * SECTOR + HDR_TOTAL_SECTORS)))
	payload=$(u64 "$T/efi.img" $((HEADER_LBA * SECTOR + HDR_PARAMS + EXT_LBA)))
	want_payload=$(((esp_lba + esp_sectors + PAYLOAD_ALIGN_SECTORS - 1) / PAYLOAD_ALIGN_SECTORS * PAYLOAD_ALIGN_SECTORS))
	got=$(sed -n 's/^[^:]*img\([0-9]\) *: *start= *\([0-9]*\), *size= *\([0-9]*\), *type=\([0-9a-f]*\)\(, bootable\)\{0,1\}$/\1 \2 \3 \4\5/p' "$T/sfdisk.out" | tr '\n' '|')
	want="1 $esp_lba $esp_sectors $(printf %x "$PART_TYPE_EFI_SYSTEM"), bootable|"
	if [ "$esp_lba" != "$PAYLOAD_LBA" ] || [ "$payload" != "$want_payload" ]; then
		fail "ESP at $esp_lba ($esp_sectors sectors), payload at $payload; expected $PAYLOAD_LBA and $want_payload"
	elif [ "$got" != "$want" ]; then
		fail "sfdisk -d shows '$got', expected '$want'"
	elif [ $((esp_lba + esp_sectors)) -gt "$payload" ] || [ "$payload" -ge "$total" ]; then
		fail "the ESP overlaps the payload, or the payload lies outside the image"
	else
		pass
	fi
}

efi_reproducible() {
	if efi_image "$T/efi-1.img" "$FE/good.efi" && efi_image "$T/efi-2.img" "$FE/good.efi" &&
		cmp -s "$T/efi-1.img" "$T/efi-2.img"; then
		pass
	else
		fail "two builds with --efi differ: $(cmp "$T/efi-1.img" "$T/efi-2.img" 2>&1)"
	fi
}

# bad_efi FILE PATTERN: the good inputs and --efi FILE are refused naming FILE.
bad_efi() {
	refused 1 "$1" "$2" -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" --efi "$1"
}

# efi_inspect_bad PATTERN OFFSET-IN-ESP: like inspect_bad, for an image with an ESP.
efi_inspect_bad() {
	if ! efi_image "$T/efi.img" "$FE/good.efi"; then
		fail "$(tr '\n' '|' <"$T/stderr")"
		return
	fi
	esp_of "$T/efi.img"
	# The file's first byte, from the boot sector: after the reserved
	# sectors, two FATs, the root directory and the two directory clusters.
	bs=$((esp_lba * SECTOR))
	spc=$(u8 "$T/efi.img" $((bs + 13)))
	meta=$(($(u16 "$T/efi.img" $((bs + 14))) + 2 * $(u16 "$T/efi.img" $((bs + 22))) +
		$(u16 "$T/efi.img" $((bs + 17))) * 32 / SECTOR))
	file_at=$((bs + (meta + 2 * spc) * SECTOR))
	if [ "$(hexbytes "$T/efi.img" "$file_at" 2)" != 4d5a ]; then
		fail "no MZ where the boot sector puts BOOTX64.EFI ($file_at)"
		return
	fi
	IMG=$T/efi.img inspect_bad "$1" $(($2))
}

# Without --efi: no ESP in the header, --inspect says so.
no_efi() {
	esp=$(hexbytes "$IMG" $((HEADER_LBA * SECTOR + HDR_ESP)) 24 | tr -d 0)
	if ! "$MKIMAGE" --inspect "$IMG" >"$T/stdout" 2>"$T/stderr"; then
		fail "$(cat "$T/stderr")"
	elif [ -n "$esp" ]; then
		fail "the header's esp extent is not zero"
	elif ! grep -q '^EFI system partition: none' "$T/stdout"; then
		fail "--inspect does not say there is no ESP"
	else
		pass
	fi
}

# --- the project's own loader and kernel -------------------------------------
real_image() {
	for f in build/stage1.bin build/stage2.bin build/kernel.elf; do
		[ -f "$f" ] || { fail "$f is not built (run make all)"; return; }
	done
	if "$MKIMAGE" -o "$T/real.img" --stage1 build/stage1.bin --stage2 build/stage2.bin \
		--kernel build/kernel.elf --cmdline 'qemu-exit' --module "$M2" >/dev/null 2>"$T/stderr" &&
		"$MKIMAGE" --inspect "$T/real.img" >/dev/null 2>>"$T/stderr"; then
		pass
	else
		fail "$(cat "$T/stderr")"
	fi
}

# --- the cases ---------------------------------------------------------------
# One case a line: its name, then the command that checks it, expanded
# when it runs. The plan is the number of these lines.
cases() {
	cat <<'EOF'
usage-no-arguments            usage 'nothing to do|usage|--help'
usage-unknown-option          usage "unknown option '--frobnicate'" --frobnicate
usage-stray-argument          usage "unexpected argument 'stray'" -o "$OUT" stray
usage-missing-value           usage 'needs a value' -o "$OUT" --stage1 "$S1" --kernel
usage-missing-kernel          usage 'missing --kernel' -o "$OUT" --stage1 "$S1" --stage2 "$S2"
usage-twice                   usage 'given twice' -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" --kernel "$K"
usage-inspect-and-build       usage 'inspect' --inspect "$IMG" -o "$OUT"

missing-stage1                bad_input --stage1 "$T/in/nothing.bin" 'No such file'
missing-kernel                bad_input --kernel "$T/in/nothing.elf" 'No such file'
missing-module                bad_input --module "$T/in/nothing.mod" 'No such file'
# Inputs no user can open, root included: the system's words, the file named.
stage2-symlink-loop           bad_input --stage2 "$T/in/loop.bin" 'Too many levels of symbolic links'
path-through-file             bad_input --kernel "$K/x" 'Not a directory'
empty-stage1                  bad_input --stage1 "$T/in/empty" 'empty'
empty-stage2                  bad_input --stage2 "$T/in/empty" 'empty'
empty-kernel                  bad_input --kernel "$T/in/empty" 'empty'
empty-module                  bad_input --module "$T/in/empty" 'empty'
kernel-is-directory           bad_input --kernel "$T/in/dir" 'directory'
module-is-directory           bad_input --module "$T/in/dir" 'directory'
kernel-is-fifo                bad_input --kernel "$T/in/fifo" 'not a regular file'
module-is-device              bad_input --module /dev/null 'not a regular file'

stage1-too-short              bad_input --stage1 "$T/in/stage1-short" "is $((SECTOR - 1)) bytes.*$SECTOR"
stage1-too-long               bad_input --stage1 "$T/in/stage1-long" "is $((SECTOR + 1)) bytes.*$SECTOR"
stage1-no-signature           bad_input --stage1 "$T/in/stage1-nosig" 'signature'
stage2-too-big                bad_input --stage2 "$T/in/stage2-big" "is $((stage2_max + 1)) bytes.*at most $stage2_max"
cmdline-too-long              refused 1 --cmdline "is $((CMDLINE_MAX + 1)) bytes.*$CMDLINE_MAX" -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" --cmdline "${cmdline_max}x"
params-too-big                params_too_big

output-dir-missing            refused 1 "$T/nowhere/disk.img" 'nowhere.*No such file' -o "$T/nowhere/disk.img" --stage1 "$S1" --stage2 "$S2" --kernel "$K"
output-dir-is-file            refused 1 "$S1/disk.img" 'not a directory' -o "$S1/disk.img" --stage1 "$S1" --stage2 "$S2" --kernel "$K"
output-is-directory           refused 1 "$T/in/dir" 'is a directory' -o "$T/in/dir" --stage1 "$S1" --stage2 "$S2" --kernel "$K"
write-fails                   write_fails

# The output is an input: refused, the input kept.
output-is-stage1              same_file stage1 path
output-is-stage1-symlink      same_file stage1 symlink
output-is-stage1-hardlink     same_file stage1 hardlink
output-is-stage2              same_file stage2 path
output-is-stage2-symlink      same_file stage2 symlink
output-is-stage2-hardlink     same_file stage2 hardlink
output-is-kernel              same_file kernel path
output-is-kernel-symlink      same_file kernel symlink
output-is-kernel-hardlink     same_file kernel hardlink
output-is-kernel-via-symlink  same_file kernel input-symlink
output-is-module              same_file module path
output-is-module-symlink      same_file module symlink
output-is-module-hardlink     same_file module hardlink

# Kernels that break protocol section 1. The test kernel's program headers:
# 0 LOAD text at 1 MiB (identity), 1 LOAD data at 0xffffffff80200000 ->
# 2 MiB, 2 LOAD .bss only at 0xffffffff80300000 -> 3 MiB, 3 NOTE, 4 GNU_STACK.
kernel-elf32                  bad_kernel '64-bit|class' class=1
kernel-wrong-machine          bad_kernel 'x86-64|machine' machine=3
kernel-et-dyn                 bad_kernel 'ET_EXEC|executable' type=3
kernel-paddr-low              bad_kernel 'program header 2: .*(p_paddr|1 MiB)' ph2.paddr=0x80000
kernel-phys-overlap           bad_kernel 'program header 2: .*overlap.*phys' ph2.paddr=0x200000
kernel-virt-overlap           bad_kernel 'program header 2: .*overlap.*virt' ph2.vaddr=0xffffffff80200000
kernel-filesz-over-memsz      bad_kernel 'program header 1: .*p_filesz.*p_memsz' ph1.memsz=16
kernel-file-range             bad_kernel 'program header 1: .*(past|beyond|outside)' ph1.offset=0x7fffff000
kernel-noncanonical           bad_kernel 'program header 1: .*canonical' ph1.vaddr=0x0000800000000000
kernel-low-not-identity       bad_kernel 'program header 1: .*(neither|identity|higher)' ph1.vaddr=0x400000
kernel-above-4g               bad_kernel 'program header 2: .*4 ?GiB' ph2.paddr=0xfffff000
kernel-page-offset            bad_kernel 'program header 1: .*page' ph1.paddr=0x200800
kernel-entry-outside          bad_kernel 'entry' entry=0x5000000
kernel-no-load                bad_kernel 'PT_LOAD|segment' ph0.type=4 ph1.type=4 ph2.type=4
kernel-phentsize              bad_kernel 'phentsize' phentsize=32
kernel-too-many-phdrs         bad_kernel "has 1000 program headers; the image holds at most $MAX_PHNUM" phnum=1000
kernel-phdrs-past-end         bad_kernel 'cut short|truncated|past the end' phoff=0x7ffffff0
kernel-truncated              bad_input --kernel "$T/in/kernel-truncated.elf" 'cut short|truncated|past the end'
kernel-not-elf                bad_input --kernel "$M2" 'not an ELF'

# Kernel formats: what is found, what --protocol overrides, what is refused.
detect-multiboot2             detected "$FK/mb2.elf" 'Multiboot 2 kernel, ELF32' multiboot2
detect-multiboot2-address     detected "$FK/mb2-aout.bin" 'Multiboot 2 kernel, loaded by its address tag' multiboot2
detect-multiboot1             detected "$FK/mb1.elf" 'Multiboot 1 kernel, ELF32' multiboot1
detect-multiboot1-address     detected "$FK/mb1-aout.bin" 'Multiboot 1 kernel, loaded by its address fields' multiboot1
detect-multiboot2-over-1      detected "$FK/mb-both.elf" 'Multiboot 2 kernel, ELF32' multiboot2
protocol-multiboot1           detected "$FK/mb-both.elf" 'Multiboot 1 kernel, ELF32' multiboot1 --protocol multiboot1
detect-linux                  detected "$FK/bzimage" 'Linux bzImage, 64-bit entry' linux
protocol-linux16              detected "$FK/bzimage" 'Linux bzImage, its own 16-bit setup entry (linux16)' linux16 --protocol linux16
module-string                 module_string
initrd-back-to-back           initrds_back_to_back
usage-unknown-protocol        usage "unknown protocol 'multiboot3'" -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" --protocol multiboot3
multiboot2-bad-checksum       bad_input --kernel "$FK/mb2-bad-checksum.elf" 'Multiboot 2 header at offset [0-9]+: bad checksum'
multiboot1-bad-checksum       bad_input --kernel "$FK/mb1-bad-checksum.elf" 'Multiboot header at offset [0-9]+: bad checksum'
multiboot1-unknown-flag       bad_input --kernel "$FK/mb1-unknown-flag.elf" 'does not support.*bit 5'
multiboot2-unknown-tag        bad_input --kernel "$FK/mb2-unknown-tag.elf" 'required tag longboot does not know \(tag type 291\)'
multiboot2-unsupported-info   bad_input --kernel "$FK/mb2-requires-apm.elf" 'requires information type 10'
multiboot2-address-no-entry   bad_input --kernel "$FK/mb2-aout-no-entry.bin" 'address tag but no entry address tag'
multiboot-address-past-end    bad_input --kernel "$FK/mb1-aout-past-end.bin" 'load_end_addr lies past the end of the file'
multiboot-address-bss         bad_input --kernel "$FK/mb1-aout-bss-before-end.bin" 'bss_end_addr is below load_end_addr'
protocol-multiboot2-no-header bad_input --kernel "$K" 'no Multiboot 2 header in its first 32 KiB' --protocol multiboot2
linux-protocol-too-old        bad_input --kernel "$FK/bzimage-2.05" 'older than 2.06 \(boot protocol 2.05\)'
linux-truncated               bad_input --kernel "$FK/bzimage-truncated" 'truncated bzImage'
initrd-not-linux              refused 1 "$T/in/initrd-a" 'initrd, but the kernel is not Linux' -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$K" --initrd "$T/in/initrd-a"
module-with-linux             refused 1 "$M1" 'Linux takes no modules' -o "$OUT" --stage1 "$S1" --stage2 "$S2" --kernel "$FK/bzimage" --module "$M1"

build-good                    build_good
reproducible                  reproducible
size-whole-mib                size_whole_mib
header-fields                 header_fields
mbr-partition-table           mbr_partition_table
params-and-modules            uses_layout && params_and_modules
kernel-packed                 uses_layout && kernel_packed
kernel-sections-left-out      kernel_sections_left_out
kernel-phdrs-anywhere         kernel_phdrs_anywhere
limits-inclusive              limits_inclusive
bare-image                    bare_image
help                          help_page

inspect-good                  inspect_good
inspect-flip-header           inspect_bad 'header' $((HEADER_LBA * SECTOR + HDR_TOTAL_SECTORS))
inspect-flip-stage2           inspect_bad 'stage2: checksum' $((STAGE2_LBA * SECTOR + 100))
inspect-flip-params           uses_layout && inspect_bad 'params: checksum' "$cmdline_at"
inspect-flip-kernel-head      uses_layout && inspect_bad 'kernel head: checksum' $((kernel_lba * SECTOR + 70))
inspect-flip-kernel-data      uses_layout && inspect_bad 'kernel data: checksum' "$text_at"
inspect-flip-segment-padding  uses_layout && inspect_bad 'kernel data: checksum' "$pad_at"
inspect-flip-module           uses_layout && inspect_bad 'module 1: checksum' "$m2_end"
inspect-flip-boot-signature   inspect_bad 'signature' $((MBR_BOOT_SIG + 1))
inspect-truncated             inspect_truncated
inspect-not-an-image          refused 1 "$K" 'header: .*(magic|not a longboot)' --inspect "$K"
inspect-missing               refused 1 "$T/nothing.img" 'No such file' --inspect "$T/nothing.img"

efi-inspect                   efi_inspect "$FE/good.efi" FAT12
efi-inspect-fat16             efi_inspect "$FE/fat16.efi" FAT16
efi-fsck                      efi_fsck "$FE/good.efi"
efi-fsck-fat16                efi_fsck "$FE/fat16.efi"
efi-mcopy                     efi_mcopy "$FE/good.efi"
efi-mcopy-fat16               efi_mcopy "$FE/fat16.efi"
efi-partitions                efi_partitions
efi-reproducible              efi_reproducible
efi-missing                   bad_efi "$T/in/nothing.efi" 'No such file'
efi-empty                     bad_efi "$T/in/empty" 'empty'
efi-not-mz                    bad_efi "$FE/not-mz.efi" 'not a PE image.*MZ'
efi-pe32                      bad_efi "$FE/pe32.efi" 'PE32 .*not PE32\+'
efi-wrong-machine             bad_efi "$FE/wrong-machine.efi" 'machine 0x014c, not x86-64'
efi-not-application           bad_efi "$FE/driver.efi" 'subsystem 11, not an EFI application'
efi-bad-lfanew                bad_efi "$FE/bad-lfanew.efi" 'e_lfanew .*past its end'
efi-truncated                 bad_efi "$FE/truncated.efi" 'truncated'
efi-too-large                 bad_efi "$T/in/too-large.efi" 'is 2146467841 bytes; .* at most 2146467840'
efi-output-is-input           refused 1 "$FE/good.efi" 'same file as the EFI application' -o "$FE/good.efi" --stage1 "$S1" --stage2 "$S2" --kernel "$K" --efi "$FE/good.efi"
usage-inspect-and-efi         usage 'inspect' --inspect "$IMG" --efi "$FE/good.efi"
efi-inspect-flip-esp-boot     efi_inspect_bad 'ESP: checksum' 'esp_lba * SECTOR + 40'
efi-inspect-flip-esp-file     efi_inspect_bad 'ESP: checksum' 'file_at + 600'
efi-inspect-flip-partition    efi_inspect_bad 'partition 1: .*type 0x10.*expected.*type 0xef' 'MBR_PARTITIONS + PART_TYPE'
no-efi                        no_efi

real-image                    real_image
EOF
}

# Each case runs in a subshell, so one that stops early cannot stop the
# suite; it must print exactly one line for its name, or that is its FAIL.
cases | grep '^[a-z]' >"$T/cases"
echo "PLAN $(wc -l <"$T/cases" | tr -d ' ')"
failed=0
while read -r name cmd; do
	(eval "$cmd") </dev/null >"$T/result" 2>>"$T/cases.stderr"
	lines=$(grep -c '' "$T/result")
	line=$(head -n 1 "$T/result")
	case $lines:$line in
	"1:PASS mkimage/$name" | "1:FAIL mkimage/$name: "*) ;;
	*) line="FAIL mkimage/$name: expected one result line for the case, got $lines: $(tr '\n' '|' <"$T/result")" ;;
	esac
	echo "$line"
	case $line in FAIL*) failed=1 ;; esac
done <"$T/cases"
exit $failed
