#!/bin/bash
# The quirky-BIOS boot tests (docs/quirks.md). Each case boots a two-disk
# machine: disk 0 holds quirkbios.asm assembled for one quirk, disk 1 a
# longboot image of the conformance kernel. The cases are the table in
# tests/quirks/cases.sh. A case that expects a boot passes when
#   - COM1 starts with the shim's line "quirkbios: <QUIRK>",
#   - the conformance kernel reports "conform: N passed, 0 failed",
#   - the shim's hooks did what the quirk needs (letters on port 0xE9,
#     counted against the case's `events` column),
#   - the KiB the shim took from conventional memory (BDA word 0x413) still
#     hold its code after the kernel wrote every USABLE byte: the memory
#     map kept them out of USABLE.
# A case that expects an error passes when COM1 starts with the shim's
# line, the loader printed exactly one "longboot: error: " line, on COM1
# and on the screen, matching the case's pattern, the machine is still
# halted a second later, and the hooks did what the quirk needs.
#
#   tests/quirks/run.sh              every case, two at a time
#   tests/quirks/run.sh NAME...      just those
#   tests/quirks/run.sh --list       the case names
#
# Prints "PLAN <n>", n the number of cases it runs (every case, or those
# named), then one "PASS quirks/NAME" or "FAIL quirks/NAME: reason" line
# per case in that order, n lines in all, and exits 1 when any failed. A
# timing line goes to stderr. Logs of a case: build/test/quirks/NAME/.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/../.." || exit 1
for f in tests/boot/lib.sh tests/quirks/cases.sh; do
	if [ ! -f "$f" ]; then
		[ "${1:-}" = --list ] || echo "PLAN 1"
		echo "FAIL quirks/harness: $f is missing"
		exit 1
	fi
done
. tests/boot/lib.sh
# The screen's size, from the headers (tests/boot/constants.c).
if ! shared=$(build/test/boot/constants 2>/dev/null); then
	echo "PLAN 1"
	echo "FAIL quirks/harness: build/test/boot/constants is missing (make build/test/boot/constants)"
	exit 1
fi
eval "$(printf '%s\n' "$shared" | grep '^VGA_TEXT_BYTES=')"
. tests/quirks/cases.sh

OUT=build/test/quirks
SHIMS=$OUT/shim
KERNEL=build/test/conform/conform-high.elf
JOBS=${QUIRKS_JOBS:-2}
SECS=20
MKMODULE=build/test/conform/mkmodule
# One module, so that stage2 also makes reads of the largest size it uses.
MODULE=$OUT/_module/quirks.mod  # '_': never a case name
MODULE_BYTES=300001
CMDLINE_COMMON="expect-drive=0x80 expect-modules=1 expect-module-names=${MODULE##*/} expect-module-sizes=$MODULE_BYTES"
CONFORM_SUMMARY='^conform: [0-9]+ passed, [0-9]+ failed'
CONFORM_ALL_PASSED='^conform: [1-9][0-9]* passed, 0 failed'
LOADER_ERROR='longboot: error: '
SHIM_ERROR='quirkbios: error: '
ERROR_GRACE_SECONDS=1           # after an error line: no reboot, no second line
LOW_MEMORY_BYTES=655360         # 0x00000-0x9FFFF: IVT, BDA, conventional memory
BDA_BASE_KIB=1043               # 0x413, conventional memory in KiB

# Sets C_NAME, C_QUIRK, C_MACHINE, C_MEM, C_EVENTS and C_EXPECT from the
# case's row.
load_case() {
	local n q m e ev x
	while IFS='|' read -r n q m e ev x; do
		[ "$(trim "$n")" = "$1" ] || continue
		C_NAME=$(trim "$n")
		C_QUIRK=$(trim "$q")
		C_MACHINE=$(trim "$m")
		C_MEM=$(trim "$e")
		C_EVENTS=$(trim "$ev")
		C_EXPECT=$(trim "$x")
		[ "$C_MACHINE" = - ] && C_MACHINE=
		return 0
	done < <(case_rows)
	return 1
}

pass() {
	echo "PASS quirks/$C_NAME" > "$DIR/result"
}

fail() {
	echo "FAIL quirks/$C_NAME: $*" | tr '\n' ' ' | sed 's/ *$//' > "$DIR/result"
	echo >> "$DIR/result"
}

fail_tail() {
	fail "$*; $(serial_tail)"
}

# conform lines saying FAIL, at most three, on one line
conform_failures() {
	serial_text | grep -E '^FAIL ' | head -n 3 | cut -c1-200 | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/ | /g'
}

# Saves physical [0, LOW_MEMORY_BYTES) to DIR/low.bin; 1 when QEMU wrote none.
dump_low_memory() {
	qemu_pmemsave 0 "$LOW_MEMORY_BYTES" "$DIR/low.bin"
}

# How often the hooks wrote the letter $1 to port 0xE9.
event_count() {
	tr -cd "$1" < "$DIR/events.log" | wc -c
}

# Checks C_EVENTS against DIR/events.log; prints the first miss.
check_events() {
	local want letter op n got
	for want in $C_EVENTS; do
		if [[ $want =~ ^([A-Za-z])(>=|=)([0-9]+)$ ]]; then
			letter=${BASH_REMATCH[1]} op=${BASH_REMATCH[2]} n=${BASH_REMATCH[3]}
		else
			echo "harness: bad events word '$want'"
			return 1
		fi
		got=$(event_count "$letter")
		if { [ "$op" = '>=' ] && [ "$got" -lt "$n" ]; } || { [ "$op" = '=' ] && [ "$got" -ne "$n" ]; }; then
			echo "the hooks wrote '$letter' $got times, expected $op $n (port 0xE9 log: $(head -c 80 "$DIR/events.log"))"
			return 1
		fi
	done
}

# The shim's code must still be where BDA word 0x413 now ends conventional
# memory; prints what is wrong.
check_stolen_memory() {
	local dump=$DIR/low.bin shim=$SHIMS/$C_QUIRK.bin kib base size
	kib=$(od -An -tu2 -j "$BDA_BASE_KIB" -N 2 "$dump" | tr -d ' ')
	base=$((kib * 1024))
	size=$(stat -c %s "$shim")
	if [ "$base" -lt 4096 ] || [ $((base + size)) -gt "$LOW_MEMORY_BYTES" ]; then
		echo "BDA 0x413 says $kib KiB of conventional memory: not what the shim left there"
		return 1
	fi
	if ! tail -c +$((base + 1)) "$dump" | head -c "$size" | cmp -s - "$shim"; then
		printf 'the shim code at 0x%x (%s bytes, above the %u KiB BDA 0x413 now reports) was overwritten: the memory map must not call it USABLE\n' \
			"$base" "$size" "$kib"
		return 1
	fi
}

# Builds the case's longboot image and boots the two-disk machine; 1 (with
# the case failed) when something it needs is missing.
boot_machine() {
	local shim=$SHIMS/$C_QUIRK.img cmdline=$CMDLINE_COMMON f
	[ "$C_MEM" = - ] || cmdline="$cmdline expect-mem=$C_MEM"
	local -a machine
	read -r -a machine <<< "$C_MACHINE"
	for f in build/mkimage build/stage1.bin build/stage2.bin "$KERNEL" "$shim" "$SHIMS/$C_QUIRK.bin" "$MODULE" "$@"; do
		[ -f "$f" ] || { fail "$f is missing (make check builds it)"; return 1; }
	done
	if ! build/mkimage -o "$DIR/longboot.img" --stage1 build/stage1.bin --stage2 build/stage2.bin --efi build/efi/longboot.efi \
		--kernel "$KERNEL" --cmdline "$cmdline" --module "$MODULE" > "$DIR/mkimage.log" 2>&1; then
		fail "mkimage failed: $(tail -n 1 "$DIR/mkimage.log")"
		return 1
	fi
	cp "$shim" "$DIR/shim.img"
	: > "$DIR/events.log"
	qemu_start "$DIR" "$SECS" \
		-drive "format=raw,file=$DIR/shim.img,if=ide,index=0" \
		-drive "format=raw,file=$DIR/longboot.img,if=ide,index=1" \
		-debugcon "file:$DIR/events.log" "${machine[@]}"
}

shim_ran() {
	[ "$(serial_text | head -n 1)" = "quirkbios: $C_QUIRK" ]
}

# expect: boot
run_boot_case() {
	local found why failures
	boot_machine || return
	qemu_wait "$CONFORM_SUMMARY|$LOADER_ERROR|$SHIM_ERROR"
	found=$?
	local dumped=1
	if [ $found -eq 0 ] && serial_has "$CONFORM_SUMMARY"; then
		dump_low_memory
		dumped=$?
	fi
	qemu_stop

	if ! shim_ran; then
		fail_tail "COM1 does not start with \"quirkbios: $C_QUIRK\": the shim did not run"
	elif serial_has "$SHIM_ERROR|$LOADER_ERROR"; then
		fail "$(serial_text | grep -E "$SHIM_ERROR|$LOADER_ERROR" | head -n 1 | cut -c1-200)"
	elif [ $found -ne 0 ]; then
		fail_tail "$(describe_status "$RUN_STATUS") before the conform summary line"
	elif failures=$(conform_failures) && [ -n "$failures" ]; then
		fail "$failures"
	elif ! serial_has "$CONFORM_ALL_PASSED"; then
		fail_tail "no \"conform: N passed, 0 failed\" line"
	elif ! why=$(check_events); then
		fail "$why"
	elif [ $dumped -ne 0 ]; then
		fail "QEMU wrote no memory dump (build/test/quirks/$C_NAME/monitor.log)"
	elif ! why=$(check_stolen_memory); then
		fail "$why"
	else
		pass
	fi
}

# expect: error:ERE
run_error_case() {
	local pattern=${C_EXPECT#error:} found line why
	local halted=1 dumped=1
	boot_machine "$VGADUMP" || return
	qemu_wait "$LOADER_ERROR|$SHIM_ERROR|$CONFORM_SUMMARY"
	found=$?
	if [ $found -eq 0 ] && serial_has "$LOADER_ERROR" && still_running "$ERROR_GRACE_SECONDS"; then
		halted=0
		qemu_vga
		dumped=$?
	fi
	qemu_stop
	line=$(serial_text | grep -F "$LOADER_ERROR" | head -n 1 | sed 's/[[:space:]]*$//')

	if ! shim_ran; then
		fail_tail "COM1 does not start with \"quirkbios: $C_QUIRK\": the shim did not run"
	elif serial_has "$SHIM_ERROR"; then
		fail "$(serial_text | grep -E "$SHIM_ERROR" | head -n 1 | cut -c1-200)"
	elif [ -z "$line" ]; then
		if [ $found -eq 0 ]; then
			fail_tail "no \"$LOADER_ERROR\" line: the boot went on"
		else
			fail_tail "$(describe_status "$RUN_STATUS") without a \"$LOADER_ERROR\" line"
		fi
	elif [ $halted -ne 0 ]; then
		fail_tail "after the error line, $(describe_status "$RUN_STATUS")"
	elif [ "$(serial_count "$LOADER_ERROR")" -ne 1 ]; then
		fail_tail "$(serial_count "$LOADER_ERROR") error lines, wanted one"
	elif ! printf '%s\n' "$line" | grep -qiE -- "$pattern"; then
		fail "\"$line\" does not match /$pattern/"
	elif ! why=$(check_events); then
		fail "$why"
	elif [ $dumped -ne 0 ]; then
		fail "QEMU wrote no screen dump (build/test/quirks/$C_NAME/monitor.log)"
	elif [[ "$("$VGADUMP" "$DIR/vga.bin" --flat)" != *"$line"* ]]; then
		fail "\"$line\" is on COM1 but not on the screen (vga.txt)"
	else
		pass
	fi
}

run_case() {
	case $C_EXPECT in
	boot) run_boot_case ;;
	error:?*) run_error_case ;;
	*) fail "harness: bad expect column '$C_EXPECT' (tests/quirks/cases.sh)" ;;
	esac
}

if [ "${1:-}" = --list ]; then
	case_names
	exit 0
fi

if [ $# -gt 0 ]; then
	names=("$@")
else
	mapfile -t names < <(case_names)
fi
echo "PLAN ${#names[@]}"

start=$(date +%s.%N)
mkdir -p "${MODULE%/*}"
[ -x "$MKMODULE" ] && "$MKMODULE" "$MODULE_BYTES" "$MODULE" > /dev/null
running=0
declare -A unknown=()
for name in "${names[@]}"; do
	if ! load_case "$name"; then
		unknown[$name]=1
		continue
	fi
	DIR=$OUT/$name
	rm -rf "$DIR"
	mkdir -p "$DIR"
	( run_case ) > "$DIR/harness.log" 2>&1 &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

# Exactly one line a case, whatever its result file holds.
status=0
for name in "${names[@]}"; do
	result=
	if [ -n "${unknown[$name]:-}" ]; then
		result="FAIL quirks/$name: no such case (tests/quirks/run.sh --list)"
	elif [ -f "$OUT/$name/result" ]; then
		result=$(head -n 1 "$OUT/$name/result")
	fi
	case $result in
	"PASS quirks/$name") ;;
	"FAIL quirks/$name"*) status=1 ;;
	*)
		result="FAIL quirks/$name: the harness wrote no result (build/test/quirks/$name/harness.log)"
		status=1
		;;
	esac
	printf '%s\n' "$result"
done
echo "quirks: ${#names[@]} cases in $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s" >&2
exit $status
