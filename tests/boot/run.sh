#!/bin/bash
# The boot tests (docs/testing.md): each case of tests/boot/cases.sh builds
# an image, boots it in QEMU or Bochs and judges what the machine printed.
#
#   tests/boot/run.sh              every case, two at a time
#   tests/boot/run.sh NAME...      just those
#   tests/boot/run.sh --list       the case names
#
# Prints "PLAN <n>", n the number of cases to run, then one
# "PASS boot/NAME" or "FAIL boot/NAME: reason" per case, in table order,
# then a timing line; exits 1 when a case failed (docs/testing.md).
# Logs of a case: build/test/boot/NAME/.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/../.." || exit 1

# What the cases share with the loader and the demo kernel (SECTOR,
# CMDLINE_MAX, READ_CHUNK_MAX, MIB, VGA_*, HELLO_ATTR, REPORT_DONE), from
# the headers.
CONSTANTS=build/test/boot/constants
CONSTANTS_ERROR=
if [ ! -x "$CONSTANTS" ]; then
	CONSTANTS_ERROR="harness: $CONSTANTS is missing (make $CONSTANTS)"
elif ! shared=$("$CONSTANTS") || printf '%s\n' "$shared" | grep -qvE "^[A-Z_]+=([0-9a-fx]+|'[^']*')\$"; then
	CONSTANTS_ERROR="harness: $CONSTANTS failed or printed something other than NAME=number and NAME='text' lines"
else
	eval "$shared"
fi
. tests/boot/lib.sh
. tests/boot/cases.sh

OUT=build/test/boot
JOBS=${BOOT_JOBS:-2}
SLOWEST_SHOWN=5
HEAVY_SECONDS=60        # a timeout this long marks a slow or big-memory case

# --- the table

# Sets C_NAME, C_KERNEL, C_CMDLINE, C_IMAGE, C_DISK, C_MACHINE, C_SECS and
# C_EXPECT from the case's row.
load_case() {
	local n k c i d m s e
	while IFS='|' read -r n k c i d m s e; do
		[ "$(trim "$n")" = "$1" ] || continue
		C_NAME=$(trim "$n")
		C_KERNEL=$(trim "$k")
		C_CMDLINE=$(trim "$c")
		C_IMAGE=$(trim "$i")
		C_DISK=$(trim "$d")
		C_MACHINE=$(trim "$m")
		C_SECS=$(trim "$s")
		C_EXPECT=$(trim "$e")
		[ "$C_CMDLINE" = - ] && C_CMDLINE=
		[ "$C_MACHINE" = - ] && C_MACHINE=
		C_CMDLINE=${C_CMDLINE//@MODULE_EXPECT@/$MODULE_EXPECT}
		C_CMDLINE=${C_CMDLINE//@CMDLINE_MAX@/${CMDLINE_MAX:-}}
		return 0
	done < <(case_rows)
	return 1
}

# --- results

pass() {
	echo "PASS boot/$C_NAME" > "$DIR/result"
}

# The reason goes on one line; fail_tail adds the serial log's last lines.
fail() {
	echo "FAIL boot/$C_NAME: $*" | tr '\n' ' ' | sed 's/ *$//' > "$DIR/result"
	echo >> "$DIR/result"
}

fail_tail() {
	fail "$*; $(serial_tail)"
}

# --- building the image

kernel_file() {
	case $1 in
	demo) echo "$DEMO_KERNEL" ;;
	*) echo "$CONFORM_DIR/conform-$1.elf" ;;
	esac
}

make_modules() {
	local m name size
	[ -x "$MKMODULE" ] || return 0
	mkdir -p "$MODULE_DIR"
	for m in $MODULES; do
		name=${m%%:*}
		size=${m#*:}
		"$MKMODULE" "$size" "$MODULE_DIR/$name" || return 1
	done
}

module_args() {
	local m
	for m in $MODULES; do
		printf -- '--module\n%s\n' "$MODULE_DIR/${m%%:*}"
	done
}

# The command line made CMDLINE_MAX bytes long by a last word of filler.
long_cmdline() {
	local s="$1 " fill=0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ
	while [ ${#s} -lt $CMDLINE_MAX ]; do
		s=$s$fill
	done
	printf '%s' "${s:0:$CMDLINE_MAX}"
}

# L_* variables: the image's layout as patchimg reads it.
read_layout() {
	local layout
	layout=$("$PATCHIMG" info "$1" 2>&1) || { echo "$layout"; return 1; }
	printf '%s\n' "$layout" > "$DIR/layout.txt"
	if printf '%s\n' "$layout" | grep -qv '^[a-z0-9_]*=[0-9]*$'; then
		echo "patchimg info printed something unexpected"
		return 1
	fi
	eval "$(printf '%s\n' "$layout" | sed 's/^/L_/')"
}

# The last sector of the kernel's largest segment: the kernel fault most
# sure to be read by stage2, which reads the kernel, and not by stage1,
# which reads a fixed run of sectors from LBA 1 that may reach into it.
kernel_last_sector() {
	echo $((L_kernel_data_lba + (L_kernel_data_bytes + SECTOR - 1) / SECTOR - 1))
}

# Builds DIR/disk.img for the case; prints why on failure.
build_image() {
	local kernel cmdline=$C_CMDLINE img=$DIR/disk.img word out f
	local -a mods=() video=()
	kernel=$(kernel_file "$C_KERNEL")
	for f in build/mkimage build/stage1.bin build/stage2.bin build/efi/longboot.efi "$kernel" "$PATCHIMG" "$VGADUMP"; do
		[ -f "$f" ] || { echo "$f is missing (make all $f)"; return 1; }
	done
	for word in $C_IMAGE; do
		case $word in
		mods)
			[ -x "$MKMODULE" ] || { echo "$MKMODULE is missing: it writes the test modules"; return 1; }
			mapfile -t mods < <(module_args) ;;
		long)
			cmdline=$(long_cmdline "$cmdline") ;;
		video:*)
			video=(--video "${word#video:}") ;;
		esac
	done
	printf '%s' "$cmdline" > "$DIR/cmdline.txt"
	if ! build/mkimage -o "$img" --stage1 build/stage1.bin --stage2 build/stage2.bin --efi build/efi/longboot.efi \
		--kernel "$kernel" --cmdline "$cmdline" "${mods[@]}" "${video[@]}" > "$DIR/mkimage.log" 2>&1; then
		echo "mkimage failed: $(tail -n 1 "$DIR/mkimage.log")"
		return 1
	fi
	build/mkimage --inspect "$img" > "$DIR/inspect.txt" 2>&1
	read_layout "$img" || return 1

	for word in $C_IMAGE; do
		case $word in
		-|mods|long|video:*) ;;
		flip:stage2)
			out=$("$PATCHIMG" flip "$img" $(((L_stage2_lba + L_stage2_sectors / 2) * SECTOR + 100)) 2>&1) ||
				{ echo "$out"; return 1; } ;;
		flip:kernel)
			out=$("$PATCHIMG" flip "$img" $((L_kernel_data_offset + L_kernel_data_bytes / 2)) 2>&1) ||
				{ echo "$out"; return 1; } ;;
		flip:module)
			local last=$((L_module_count - 1)) lba bytes
			[ "$last" -ge 0 ] || { echo "flip:module on an image without modules"; return 1; }
			eval "lba=\$L_module${last}_lba bytes=\$L_module${last}_bytes"
			out=$("$PATCHIMG" flip "$img" $((lba * SECTOR + bytes / 2)) 2>&1) ||
				{ echo "$out"; return 1; } ;;
		trunc:kernel)
			truncate -s $(($(kernel_last_sector) * SECTOR)) "$img" ;;
		elf:*)
			out=$("$PATCHIMG" kernel "$img" "${word#elf:}" 2>&1) || { echo "$out"; return 1; }
			printf '%s\n' "$out" > "$DIR/elf-error.txt" ;;
		*)
			echo "harness: unknown image word '$word'"
			return 1 ;;
		esac
	done
}

# --- attaching the disk

# Sets DISK_ARGS (QEMU options) and, for blkdebug, DIR/injected.
disk_args() {
	local img=$DIR/disk.img
	case $C_DISK in
	disk)
		DISK_ARGS=(-drive "format=raw,file=$img") ;;
	virtio)
		DISK_ARGS=(-drive "format=raw,file=$img,if=virtio") ;;
	ehci)
		DISK_ARGS=(-drive "if=none,id=stick,format=raw,file=$img" -device usb-ehci,id=ehci
			-device usb-storage,bus=ehci.0,drive=stick,bootindex=0) ;;
	xhci)
		DISK_ARGS=(-drive "if=none,id=stick,format=raw,file=$img" -device qemu-xhci,id=xhci
			-device usb-storage,bus=xhci.0,drive=stick,bootindex=0) ;;
	chain|garbage)
		local first=$CHAIN_DISK
		[ "$C_DISK" = garbage ] && first=$GARBAGE_DISK
		[ -f "$first" ] || { echo "$first is missing (make $first)"; return 1; }
		cp "$first" "$DIR/first.img"
		DISK_ARGS=(-drive "format=raw,file=$DIR/first.img,index=0,media=disk"
			-drive "format=raw,file=$img,index=1,media=disk") ;;
	blk:*)
		local where when sector
		IFS=: read -r _ where when <<< "$C_DISK"
		case $where in
		stage2) sector=$((L_stage2_lba + L_stage2_sectors / 2)) ;;
		kernel) sector=$(kernel_last_sector) ;;
		kernel-head) sector=$L_kernel_lba ;;
		*) echo "harness: blkdebug target '$where'"; return 1 ;;
		esac
		case $when in
		once) when=on ;;
		always) when=off ;;
		*) echo "harness: blkdebug repetition '$when'"; return 1 ;;
		esac
		echo "$sector" > "$DIR/injected"
		cat > "$DIR/blkdebug.conf" <<-EOF
		[inject-error]
		event = "read_aio"
		errno = "5"
		sector = "$sector"
		once = "$when"
		EOF
		DISK_ARGS=(-drive "file=blkdebug:$DIR/blkdebug.conf:$img,format=raw,if=ide") ;;
	*)
		echo "harness: unknown disk '$C_DISK'"
		return 1 ;;
	esac
}

# --- judging

boot() {
	local -a machine
	read -r -a machine <<< "$C_MACHINE"
	qemu_start "$DIR" "$C_SECS" "${DISK_ARGS[@]}" "${machine[@]}"
}

# conform lines saying FAIL, at most three, on one line
conform_failures() {
	serial_text | grep -E '^FAIL ' | head -n 3 | cut -c1-200 | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/ | /g'
}

judge_conform() {
	local failures
	failures=$(conform_failures)
	if [ -n "$failures" ]; then
		fail "$failures"
	elif ! serial_has "$CONFORM_ALL_PASSED"; then
		fail_tail "no \"conform: N passed, 0 failed\" line"
	else
		return 0
	fi
	return 1
}

expect_pass() {
	boot
	qemu_wait ""
	qemu_stop
	if [ "$RUN_STATUS" != "$QEMU_EXIT_PASS" ]; then
		local failures
		failures=$(conform_failures)
		[ -n "$failures" ] && failures="; $failures"
		fail_tail "$(describe_status "$RUN_STATUS")$failures"
		return
	fi
	judge_conform || return
	# Without this line the garbage case would test nothing.
	if [ "$C_DISK" = garbage ] && ! serial_has "$GARBAGE_FILLED"; then
		fail_tail "garbage.asm reported no RAM filled"
		return
	fi
	pass
}

expect_pass_halt() {
	if [ "$C_DISK" = bochs ]; then
		bochs_start "$DIR" "$C_SECS" "$DIR/disk.img"
		bochs_wait "$CONFORM_SUMMARY"
		local found=$?
		bochs_stop
	else
		boot
		qemu_wait "$CONFORM_SUMMARY"
		local found=$?
		qemu_stop
	fi
	if [ $found -ne 0 ]; then
		fail_tail "$(describe_status "$RUN_STATUS") before the conform summary line"
		return
	fi
	judge_conform || return
	if [ -n "$1" ] && ! serial_has "$1"; then
		fail_tail "no line on COM1 matches /$1/"
		return
	fi
	pass
}

expect_hello() {
	local missing
	boot
	if ! qemu_wait "^$REPORT_DONE\$"; then
		qemu_stop
		fail_tail "$(describe_status "$RUN_STATUS") before \"$REPORT_DONE\""
		return
	fi
	if ! qemu_vga; then
		qemu_stop
		fail "QEMU wrote no screen dump (build/test/boot/$C_NAME/monitor.log)"
		return
	fi
	qemu_stop
	if ! serial_has '^Hello World!$'; then
		fail_tail "no \"Hello World!\" line on COM1"
		return
	fi
	if [ "$(serial_text | grep -v '^[[:space:]]*$' | tail -n 1)" != "$REPORT_DONE" ]; then
		fail_tail "COM1 goes on after \"$REPORT_DONE\""
		return
	fi
	if ! missing=$("$VGADUMP" "$DIR/vga.bin" --expect 0 0 "$HELLO_ATTR" "Hello World!"); then
		fail "screen: $missing"
		return
	fi
	# Every report line after Hello World! that fits a row is a row on the screen.
	missing=$(serial_text | sed -n '/^Hello World!$/,$p' | sed 's/[[:space:]]*$//' |
		awk -v cols="$VGA_COLS" 'length($0) > 0 && length($0) <= cols' |
		grep -vxF -f "$DIR/vga.txt" | head -n 1)
	if [ -n "$missing" ]; then
		fail "screen lacks the report line \"$missing\" (vga.txt)"
		return
	fi
	pass
}

expect_hello_exit() {
	boot
	qemu_wait ""
	qemu_stop
	if [ "$RUN_STATUS" != "$QEMU_EXIT_PASS" ]; then
		fail_tail "$(describe_status "$RUN_STATUS")"
	elif ! serial_has "^$REPORT_DONE\$"; then
		fail_tail "no \"$REPORT_DONE\" line"
	elif ! serial_text | grep -qF "command line: \"$C_CMDLINE\""; then
		fail_tail "the report does not show the command line \"$C_CMDLINE\""
	else
		pass
	fi
}

# Boots a machine the loader must refuse; on return ERROR_LINE holds the
# error line (trailing blanks dropped) and 0 means it was printed once, on
# the screen too, with the machine halted afterwards.
refused() {
	local count flat
	ERROR_LINE=
	boot
	if ! qemu_wait "$ERROR_PREFIX"; then
		qemu_stop
		fail_tail "$(describe_status "$RUN_STATUS") without a \"$ERROR_PREFIX\" line"
		return 1
	fi
	if ! still_running "$ERROR_GRACE_SECONDS"; then
		qemu_wait ""
		qemu_stop
		fail_tail "after the error line, $(describe_status "$RUN_STATUS")"
		return 1
	fi
	qemu_vga
	local dumped=$?
	qemu_stop
	count=$(serial_count "$ERROR_PREFIX")
	ERROR_LINE=$(serial_text | grep -F "$ERROR_PREFIX" | head -n 1 | sed 's/[[:space:]]*$//')
	printf '%s\n' "$ERROR_LINE" > "$DIR/error-line.txt"
	if [ "$count" -ne 1 ]; then
		fail_tail "$count error lines, wanted one"
		return 1
	fi
	if [ $dumped -ne 0 ]; then
		fail "QEMU wrote no screen dump (build/test/boot/$C_NAME/monitor.log)"
		return 1
	fi
	flat=$("$VGADUMP" "$DIR/vga.bin" --flat)
	# The flat screen reads a line wrapped at the last column as one string.
	if [[ "$flat" != *"$ERROR_LINE"* ]]; then
		fail "\"$ERROR_LINE\" is on COM1 but not on the screen (vga.txt)"
		return 1
	fi
	return 0
}

# Whether ERROR_LINE matches the extended regular expression (any case).
error_says() {
	printf '%s\n' "$ERROR_LINE" | grep -qiE -- "$1"
}

expect_error() {
	refused || return
	if error_says "$1"; then
		pass
	else
		fail "\"$ERROR_LINE\" does not match /$1/"
	fi
}

expect_elf() {
	local text
	refused || return
	text=$(cat "$DIR/elf-error.txt")
	if ! error_says "kernel"; then
		fail "\"$ERROR_LINE\" does not name the kernel"
	elif ! printf '%s\n' "$ERROR_LINE" | grep -qF -- "$text"; then
		fail "\"$ERROR_LINE\" lacks the ELF check's \"$text\""
	else
		pass
	fi
}

expect_lba() {
	local injected lba
	refused || return
	injected=$(cat "$DIR/injected")
	lba=$(printf '%s\n' "$ERROR_LINE" | sed -n 's/.*LBA \([0-9][0-9]*\).*/\1/p')
	if [ -z "$lba" ]; then
		fail "\"$ERROR_LINE\" has no \"LBA <n>\""
		return
	fi
	lba=$((10#$lba)) # stage1 prints two digits: 01 is 1, 09 is 9
	if ! printf '%s\n' "$ERROR_LINE" | grep -qE 'status 0x[0-9a-fA-F]{2}'; then
		fail "\"$ERROR_LINE\" has no \"status 0x<hh>\""
	elif [ "$lba" -gt "$injected" ] || [ $((injected - lba)) -ge $READ_CHUNK_MAX ]; then
		fail "\"$ERROR_LINE\": the read that failed holds sector $injected, so it starts in $((injected - READ_CHUNK_MAX + 1))..$injected"
	else
		pass
	fi
}

# --- one case

run_one() {
	local start
	load_case "$1" || return 1
	DIR=$OUT/$C_NAME
	rm -rf "$DIR"
	mkdir -p "$DIR"
	# A guest with gigabytes of RAM that the kernel touches page by page
	# costs as much host memory: one such guest at a time.
	if [[ " $C_MACHINE " =~ \ -m\ [0-9]+G\  ]]; then
		exec {BIG_LOCK}> "$OUT/_big-memory.lock"
		flock "$BIG_LOCK"
	fi
	start=$(date +%s%N)
	# Not in $(...): the layout variables they set are needed afterwards.
	if [ "$C_DISK" = bochs ] && [ "${C_EXPECT%%:*}" != pass-halt ]; then
		fail "harness: a Bochs case can only expect pass-halt"
	elif ! build_image > "$DIR/harness.log" 2>&1; then
		fail "$(tail -n 1 "$DIR/harness.log")"
	elif [ "$C_DISK" != bochs ] && ! disk_args > "$DIR/harness.log" 2>&1; then
		fail "$(tail -n 1 "$DIR/harness.log")"
	else
		case $C_EXPECT in
		hello) expect_hello ;;
		hello-exit) expect_hello_exit ;;
		pass) expect_pass ;;
		pass-halt) expect_pass_halt "" ;;
		pass-halt:*) expect_pass_halt "${C_EXPECT#pass-halt:}" ;;
		error:*) expect_error "${C_EXPECT#error:}" ;;
		elf) expect_elf ;;
		lba) expect_lba ;;
		*) fail "harness: unknown expectation '$C_EXPECT'" ;;
		esac
	fi
	echo $((($(date +%s%N) - start) / 1000000)) > "$DIR/ms"
	# A passing case's disks are not needed for debugging.
	grep -q '^PASS' "$DIR/result" 2>/dev/null && rm -f "$DIR"/*.img
}

# Of the cases named, those whose image column has an elf: word.
elf_cases() {
	local n
	for n in "$@"; do
		load_case "$n" && [[ " $C_IMAGE " == *" elf:"* ]] && echo "$n"
	done
}

# distinct-elf: the loader must tell the broken kernels of this run (the
# cases named) apart, one error line each.
expect_distinct_elf() {
	local n dups compared=() missing=()
	if [ $# -lt 2 ]; then
		fail "harness: it compares the error lines of two or more cases with an elf: image word run with it (e.g. tests/boot/run.sh elf-class32 elf-machine $C_NAME)"
		return
	fi
	for n in "$@"; do
		if [ -s "$OUT/$n/error-line.txt" ]; then
			compared+=("$n")
		else
			missing+=("$n")
		fi
	done
	dups=$(for n in "${compared[@]}"; do cat "$OUT/$n/error-line.txt"; done | sort | uniq -d | head -n 1)
	if [ -n "$dups" ]; then
		fail "two bad kernels get the same line \"$dups\""
	elif [ ${#compared[@]} -lt 2 ]; then
		fail "nothing to compare: ${missing[*]} left no error line"
	elif [ ${#missing[@]} -gt 0 ]; then
		echo "PASS boot/$C_NAME: ${#compared[@]} lines differ (${missing[*]} left none)" > "$DIR/result"
	else
		pass
	fi
}

# The cases with the longest timeouts (the slow and the big-memory ones)
# first, each followed by an equal share of the others, so the runners end
# together and two heavy machines seldom run at once.
run_order() {
	local heavy=() light=() n i j share
	for n in "$@"; do
		load_case "$n"
		if [ "$C_SECS" -ge "$HEAVY_SECONDS" ]; then
			heavy+=("$n")
		else
			light+=("$n")
		fi
	done
	share=$(( ${#light[@]} / (${#heavy[@]} > 0 ? ${#heavy[@]} : 1) ))
	j=0
	for ((i = 0; i < ${#heavy[@]}; i++)); do
		echo "${heavy[i]}"
		for n in "${light[@]:j:share}"; do
			echo "$n"
		done
		j=$((j + share))
	done
	for n in "${light[@]:j}"; do
		echo "$n"
	done
}

main() {
	local args=() names=() machines=() after=() elves=() n start status=0
	declare -A seen=() early=()
	if [ "${1:-}" = --one ]; then
		run_one "$2"
		return
	fi
	if [ "${1:-}" = --list ]; then
		case_names
		return
	fi
	if [ $# -gt 0 ]; then
		args=("$@")
	else
		mapfile -t args < <(case_names)
	fi
	for n in "${args[@]}"; do
		[ -n "${seen[$n]:-}" ] || names+=("$n")
		seen[$n]=1
	done
	echo "PLAN ${#names[@]}"
	# Case directories are removed and remade: a name must not reach
	# anything else under build/test/boot.
	for n in "${names[@]}"; do
		if ! [[ "$n" =~ ^[a-z0-9][a-z0-9-]*$ ]] || { [ -e "$OUT/$n" ] && [ ! -d "$OUT/$n" ]; }; then
			early[$n]="FAIL boot/$n: harness: case names are lower-case letters, digits and '-', and name no file in $OUT"
		elif ! load_case "$n"; then
			early[$n]="FAIL boot/$n: no such case (tests/boot/run.sh --list)"
		elif [ -n "$CONSTANTS_ERROR" ]; then
			early[$n]="FAIL boot/$n: $CONSTANTS_ERROR"
		elif [ "$C_EXPECT" = distinct-elf ]; then
			after+=("$n")
		else
			machines+=("$n")
		fi
	done
	mkdir -p "$OUT"
	[ ${#machines[@]} -eq 0 ] || make_modules || echo "boot: could not write the test modules"
	start=$(date +%s)
	if [ ${#machines[@]} -gt 0 ]; then
		run_order "${machines[@]}" | xargs -P "$JOBS" -I{} bash tests/boot/run.sh --one {}
	fi
	# The cases that judge other cases' results, once those are in.
	mapfile -t elves < <(elf_cases "${machines[@]}")
	for n in "${after[@]}"; do
		load_case "$n"
		DIR=$OUT/$n
		rm -rf "$DIR"
		mkdir -p "$DIR"
		expect_distinct_elf "${elves[@]}"
	done
	for n in "${names[@]}"; do
		if [ -n "${early[$n]:-}" ]; then
			echo "${early[$n]}"
		elif [ -f "$OUT/$n/result" ]; then
			cat "$OUT/$n/result"
		else
			echo "FAIL boot/$n: harness: no result (see build/test/boot/$n/)"
		fi
	done | tee "$OUT/results.txt"
	grep -q '^FAIL ' "$OUT/results.txt" && status=1
	for n in "${machines[@]}"; do
		echo "$(cat "$OUT/$n/ms" 2>/dev/null || echo 0) $n"
	done | sort -rn > "$OUT/times.txt"
	echo "boot: ${#names[@]} cases in $(($(date +%s) - start)) s with $JOBS runners$(head -n "$SLOWEST_SHOWN" "$OUT/times.txt" |
		awk '{ printf "%s%s %.1f s", sep, $2, $1 / 1000; sep = ", " }' | sed 's/^./; slowest: &/')"
	return $status
}

main "$@"
