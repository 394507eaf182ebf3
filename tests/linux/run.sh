#!/bin/bash
# The linux suite (tests/linux/README.md): boots Debian's own Linux kernel
# with a busybox initramfs and judges what its /init printed on COM1.
#
#   tests/linux/run.sh              the "always" cases of tests/linux/cases.sh
#   tests/linux/run.sh NAME...      just those (any run column)
#   tests/linux/run.sh --list       every case name, with its run column
#
#   LINUX_EXTRA=1    also the "extra" cases      LINUX_JOBS   cases at a time (2)
#   LINUX_LATER=1    also the "later" cases      LINUX_TIMEOUT  seconds a boot (120)
#
# Prints "PLAN <n>", then "PASS linux/inputs" (the kernel was fetched and
# the initramfs built: `make` of what the cases use) and one PASS/FAIL line
# per case, in table order, then a timing line; exits 1 when anything
# failed. Logs of a case: build/test/linux/NAME/.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/boot/lib.sh
. tests/linux/cases.sh

JOBS=${LINUX_JOBS:-2}
OUT=$LINUX_OUT

# --- the table

# The table, read once: ROW[name] is the row's columns joined by '|',
# NAMES the names in table order.
declare -A ROW=()
NAMES=()
read_table() {
	local line n
	while IFS= read -r line; do
		n=${line%%|*}
		n=${n//[[:space:]]/}
		NAMES+=("$n")
		ROW[$n]=$line
	done < <(case_rows)
}
read_table

# Sets C_NAME, C_RUN, C_LOADER, C_MACHINE, C_MEM, C_KERNEL, C_INITRD,
# C_CMDLINE, C_MKIMAGE, C_QEMU and C_EXPECT from the case's row ('-' read
# as empty).
load_case() {
	local -a cols
	local v i=0
	[ -n "${ROW[$1]+set}" ] || return 1
	IFS='|' read -r -a cols <<< "${ROW[$1]}"
	for v in C_NAME C_RUN C_LOADER C_MACHINE C_MEM C_KERNEL C_INITRD C_CMDLINE C_MKIMAGE C_QEMU C_EXPECT; do
		local c=${cols[i]-}
		c=${c#"${c%%[![:space:]]*}"}
		c=${c%"${c##*[![:space:]]}"}
		[ "$c" = - ] && c=
		printf -v "$v" '%s' "$c"
		i=$((i + 1))
	done
	# The expectation may hold '|' (refuse=...:a|b): the rest of the row.
	if [ ${#cols[@]} -gt 11 ]; then
		local IFS='|'
		C_EXPECT="${cols[*]:10}"
		C_EXPECT=${C_EXPECT#"${C_EXPECT%%[![:space:]]*}"}
		C_EXPECT=${C_EXPECT%"${C_EXPECT##*[![:space:]]}"}
	fi
	[ ${#cols[@]} -ge 11 ] || { C_LOADER="bad row: ${#cols[@]} columns"; return 0; }
}

# The cases a plain run takes.
default_cases() {
	local n
	for n in "${NAMES[@]}"; do
		load_case "$n"
		case $C_RUN in
		always) echo "$n" ;;
		extra) [ "${LINUX_EXTRA:-0}" = 1 ] && echo "$n" ;;
		later) [ "${LINUX_LATER:-0}" = 1 ] && echo "$n" ;;
		esac
	done
	return 0
}

# --- results

pass() {
	echo "PASS linux/$C_NAME" > "$DIR/result"
}

fail() {
	echo "FAIL linux/$C_NAME: $*" | tr '\n' ' ' | sed 's/ *$//' > "$DIR/result"
	echo >> "$DIR/result"
}

fail_tail() {
	fail "$*; $(serial_tail)"
}

# --- the inputs

kernel_file() {
	case $1 in
	vmlinuz) echo "$LINUX_CACHE/vmlinuz" ;;
	vmlinuz-half | vmlinuz-setup) echo "$DIR/$1" ;;
	*) echo "$OUT/$1" ;;
	esac
}

initrd_file() {
	case $1 in
	missing) echo "$DIR/no-such-initrd.cpio" ;;
	*) echo "$OUT/$1" ;;
	esac
}

# The make targets the cases NAME... need.
input_targets() {
	local n w
	for n in "$@"; do
		load_case "$n"
		case $C_KERNEL in
		vmlinuz*) echo "$LINUX_CACHE/vmlinuz" ;;
		*) echo "$OUT/$C_KERNEL" ;;
		esac
		for w in $C_INITRD; do
			[ "$w" = missing ] || echo "$OUT/$w"
			case $w in fill-*m.cpio) echo "$OUT/${w%.cpio}.md5" ;; esac
		done
		case $C_EXPECT in *fill=*) echo "$OUT/fill-$(expect_value fill).md5" ;; esac
	done | sort -u
}

# Fetches and builds what the cases need; prints the reason on failure.
make_inputs() {
	local -a targets
	mapfile -t targets < <(input_targets "$@")
	if ! make --no-print-directory "${targets[@]}" > "$OUT/inputs.log" 2>&1; then
		# fetch.sh's own FAIL line says best what went wrong.
		local why
		why=$(grep -m 1 '^FAIL linux/fetch: ' "$OUT/inputs.log" | sed 's/^FAIL linux\/fetch: //')
		[ -n "$why" ] || why=$(grep -v '^[[:space:]]*$' "$OUT/inputs.log" | tail -n 1)
		echo "$why (make of the inputs: build/test/linux/inputs.log)"
		return 1
	fi
}

# The value of an expectation word, e.g. expect_value mem -> 400000-524288.
expect_value() {
	local w
	for w in $C_EXPECT; do
		case $w in "$1="*) printf '%s\n' "${w#*=}"; return 0 ;; esac
	done
	return 1
}

# The damaged kernels of the mkimage rows, made from vmlinuz.
make_kernel() {
	local src=$LINUX_CACHE/vmlinuz size sects
	size=$(stat -c %s "$src") || return 1
	case $C_KERNEL in
	vmlinuz-half)
		head -c $((size / 2)) "$src" > "$DIR/$C_KERNEL" ;;
	vmlinuz-setup)
		# setup_sects at 0x1f1; 0 means 4 (boot.rst).
		sects=$(od -An -tu1 -j $((0x1f1)) -N1 "$src" | tr -d ' ')
		[ "$sects" -eq 0 ] && sects=4
		head -c $(((sects + 1) * 512)) "$src" > "$DIR/$C_KERNEL" ;;
	esac
}

# --- the loaders

# QEMU's own Linux loader. It takes one initrd: several are concatenated.
boot_qemu_kernel() {
	local initrd w
	local -a files=() qemu
	for w in $C_INITRD; do
		files+=("$(initrd_file "$w")")
	done
	if [ ${#files[@]} -eq 1 ]; then
		initrd=${files[0]}
	else
		initrd=$DIR/initrd.img
		cat "${files[@]}" > "$initrd" || { fail "cannot write $initrd"; return 1; }
	fi
	read -r -a qemu <<< "$C_QEMU"
	qemu_start "$DIR" "$LINUX_TIMEOUT" -M "$C_MACHINE" -m "$C_MEM" \
		-kernel "$(kernel_file "$C_KERNEL")" -initrd "$initrd" -append "$C_CMDLINE" "${qemu[@]}"
}

# The mkimage command of a longboot row, one argument a line, in
# DIR/mkimage-command as a shell line too.
mkimage_args() {
	local w
	local -a args=(build/mkimage -o "$DIR/disk.img" --stage1 build/stage1.bin --stage2 build/stage2.bin --efi build/efi/longboot.efi
		--protocol "$([ "$C_LOADER" = longboot16 ] && echo linux16 || echo linux)"
		--kernel "$(kernel_file "$C_KERNEL")")
	for w in $C_INITRD; do
		args+=(--initrd "$(initrd_file "$w")")
	done
	args+=(--cmdline "$C_CMDLINE")
	# shellcheck disable=SC2206 # words on purpose
	args+=($C_MKIMAGE)
	printf '%q ' "${args[@]}" > "$DIR/mkimage-command"
	echo >> "$DIR/mkimage-command"
	printf '%s\n' "${args[@]}"
}

# Runs the row's mkimage command; its messages go to DIR/mkimage.log.
# Returns mkimage's status, or fails the case and returns 255 when the
# loader is not built.
run_mkimage() {
	local -a args
	local f
	for f in build/mkimage build/stage1.bin build/stage2.bin; do
		[ -f "$f" ] || { fail "$f is missing (make all)"; return 255; }
	done
	mapfile -t args < <(mkimage_args)
	"${args[@]}" > "$DIR/mkimage.log" 2>&1
}

boot_longboot() {
	local -a qemu
	run_mkimage
	case $? in
	0) ;;
	255) return 1 ;;
	*) fail "mkimage failed: $(grep -v '^[[:space:]]*$' "$DIR/mkimage.log" | tail -n 1 | cut -c1-200)"; return 1 ;;
	esac
	build/mkimage --inspect "$DIR/disk.img" > "$DIR/inspect.txt" 2>&1
	read -r -a qemu <<< "$C_QEMU"
	qemu_start "$DIR" "$LINUX_TIMEOUT" -M "$C_MACHINE" -m "$C_MEM" \
		-drive "format=raw,file=$DIR/disk.img" "${qemu[@]}"
}

# --- judging

# The text after "linux-init: KEY=" on COM1 (the first such line).
init_value() {
	serial_text | sed -n "s/^$INIT_PREFIX$1=//p" | head -n 1
}

judge_boot() {
	local got want lo hi size md5
	if [ "$RUN_STATUS" = "$TIMEOUT_STATUS" ]; then
		fail_tail "no poweroff within $LINUX_TIMEOUT s"
		return
	fi
	got=$(serial_text | grep -m 1 -E 'Kernel panic|BUG:|Oops' | sed 's/^\[[ 0-9.]*\] //' | cut -c1-160)
	if [ -n "$got" ]; then
		fail "kernel: \"$got\"; $(serial_tail)"
		return
	fi
	if [ "$RUN_STATUS" != 0 ]; then
		fail_tail "$(describe_status "$RUN_STATUS")"
		return
	fi
	if ! serial_has "^${INIT_PREFIX}done\$"; then
		fail_tail "QEMU ended without /init's \"${INIT_PREFIX}done\""
		return
	fi
	if ! serial_has "$POWER_DOWN"; then
		fail_tail "QEMU ended without \"$POWER_DOWN\" (a reset, not poweroff)"
		return
	fi
	got=$(init_value cmdline)
	if [ "$got" != "$C_CMDLINE" ]; then
		fail "/proc/cmdline is \"$got\", wanted \"$C_CMDLINE\""
		return
	fi
	if want=$(expect_value mem); then
		got=$(init_value MemTotal)
		lo=${want%-*} hi=${want#*-}
		if ! [[ "$got" =~ ^[0-9]+$ ]] || [ "$got" -lt "$lo" ] || [ "$got" -gt "$hi" ]; then
			fail "MemTotal is \"$got\" kB with -m $C_MEM, wanted $lo..$hi kB"
			return
		fi
	fi
	if want=$(expect_value fill); then
		size=$((${want%m} * 1048576))
		md5=$(cat "$OUT/fill-$want.md5" 2>/dev/null)
		got=$(init_value fill)
		if [ "$got" != "$size $md5" ]; then
			fail "/fill is \"${got:-missing}\" (bytes md5), wanted \"$size $md5\": the second archive did not arrive whole"
			return
		fi
	fi
	if want=$(expect_value screen); then
		got=$(build/test/linux/ppmrows "$DIR/screen.ppm" 2>&1)
		if ! [[ "$got" =~ ^[0-9]+$ ]] || [ "$got" -lt "$want" ]; then
			fail "the screen shows ${got:-nothing} non-black pixel rows, wanted at least $want (the console on the framebuffer)"
			return
		fi
	fi
	if want=$(expect_value fb); then
		got=$(init_value fb)
		if [ "$got" != "$want" ]; then
			fail "framebuffer is \"$got\", wanted \"$want\" (fb0 virtual_size)"
			return
		fi
	fi
	pass
}

# A row the loader must refuse: one "longboot: error: " line matching the
# expectation, and the machine still halted a second later.
judge_loader_error() {
	local ere=${C_EXPECT#error=} line
	line=$(serial_text | grep -m 1 'longboot: error: ')
	if [ -z "$line" ]; then
		fail_tail "no \"longboot: error: \" line"
	elif [ "$(serial_count 'longboot: error: ')" -ne 1 ]; then
		fail "more than one error line: $(serial_tail)"
	elif ! printf '%s\n' "$line" | grep -qiE -- "$ere"; then
		fail "the error does not match /$ere/: \"$line\""
	elif [ "$RUN_ALIVE" != 0 ]; then
		fail "the machine did not stay halted after \"$line\""
	else
		pass
	fi
}

# A mkimage row: refused, with no image left, naming the file.
judge_refused() {
	local spec=${C_EXPECT#refuse=} what ere named msg w
	what=${spec%%:*}
	ere=${spec#*:}
	make_kernel || { fail "harness: cannot make $C_KERNEL"; return; }
	run_mkimage
	case $? in
	0) fail "mkimage accepted it (exit 0)"; return ;;
	255) return ;;
	esac
	msg=$(grep -v '^[[:space:]]*$' "$DIR/mkimage.log" | tr '\n' ' ' | cut -c1-300)
	case $what in
	kernel) named=$(kernel_file "$C_KERNEL") ;;
	initrd)
		named=
		for w in $C_INITRD; do
			[ -e "$(initrd_file "$w")" ] || { named=$(initrd_file "$w"); break; }
		done ;;
	*) fail "harness: refuse=$what: kernel or initrd"; return ;;
	esac
	if [ -e "$DIR/disk.img" ]; then
		fail "mkimage failed but left $DIR/disk.img"
	elif [[ "$msg" != *"$named"* ]]; then
		fail "mkimage's message does not name $named: \"$msg\""
	elif ! printf '%s\n' "$msg" | grep -qiE -- "$ere"; then
		fail "mkimage's message does not match /$ere/: \"$msg\""
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
	start=$(date +%s%N)
	RUN_DIR=$DIR
	case $C_LOADER in
	qemu-kernel | longboot | longboot16)
		if [ "$C_LOADER" = qemu-kernel ]; then
			boot_qemu_kernel
		else
			boot_longboot
		fi && case $C_EXPECT in
		error=*)
			qemu_wait 'longboot: error: '
			still_running 1
			RUN_ALIVE=$?
			qemu_stop
			judge_loader_error ;;
		*screen=*)
			# The console on the framebuffer, photographed while /init holds.
			qemu_wait "^${INIT_PREFIX}holding" && qemu_screendump "$DIR/screen.ppm"
			qemu_wait ""
			qemu_stop
			judge_boot ;;
		*)
			qemu_wait ""
			qemu_stop
			judge_boot ;;
		esac ;;
	mkimage)
		judge_refused ;;
	*)
		fail "harness: unknown loader '$C_LOADER'" ;;
	esac
	echo $((($(date +%s%N) - start) / 1000000)) > "$DIR/ms"
	# The kernel's own clock when it powered down.
	serial_text 2>/dev/null | sed -n "s/^\[ *\([0-9.]*\)\] $POWER_DOWN.*/\1/p" | head -n 1 > "$DIR/kernel-s"
	# A passing case's images are not needed for debugging.
	grep -q '^PASS' "$DIR/result" 2>/dev/null && rm -f "$DIR"/*.img "$DIR"/vmlinuz-*
}

main() {
	local names=() n start ms why failed
	if [ "${1:-}" = --one ]; then
		run_one "$2"
		return
	fi
	if [ "${1:-}" = --list ]; then
		for n in "${NAMES[@]}"; do
			load_case "$n"
			echo "$n $C_RUN"
		done
		return
	fi
	if [ $# -gt 0 ]; then
		names=("$@")
	else
		mapfile -t names < <(default_cases)
	fi
	for n in "${names[@]}"; do
		if ! [[ "$n" =~ ^[a-z0-9][a-z0-9-]*$ ]] || ! load_case "$n"; then
			echo "PLAN 1"
			echo "FAIL linux/$n: no such case (tests/linux/run.sh --list)"
			return 1
		fi
	done
	echo "PLAN $((${#names[@]} + 1))"
	mkdir -p "$OUT"
	start=$(date +%s)
	if ! why=$(make_inputs "${names[@]}"); then
		echo "FAIL linux/inputs: $why"
		for n in "${names[@]}"; do
			echo "FAIL linux/$n: no inputs (see linux/inputs)"
		done
		return 1
	fi
	echo "PASS linux/inputs"
	printf '%s\n' "${names[@]}" | run_cases tests/linux/run.sh "$JOBS"
	failed=0
	print_results linux "${names[@]}" || failed=1
	for n in "${names[@]}"; do
		ms=$(cat "$OUT/$n/ms" 2>/dev/null || echo 0)
		echo "$ms $n $(cat "$OUT/$n/kernel-s" 2>/dev/null)"
	done > "$OUT/times.txt"
	echo "linux: ${#names[@]} cases in $(($(date +%s) - start)) s with $JOBS runners:" \
		"$(awk '{ printf "%s%s %.1f s", sep, $2, $1 / 1000; if ($3 != "") printf " (guest clock %.1f s)", $3; sep = ", " }' "$OUT/times.txt")"
	return $failed
}

main "$@"
