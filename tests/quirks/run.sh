#!/bin/bash
# The quirky-BIOS boot tests (docs/quirks.md). Each case boots a two-disk
# machine: disk 0 holds quirkbios.asm assembled for one quirk, disk 1 a
# longboot image of the conformance kernel. A case passes when
#   - COM1 starts with the shim's line "quirkbios: <QUIRK>",
#   - the conformance kernel reports "conform: N passed, 0 failed",
#   - the shim's hooks did what the quirk needs (letters on port 0xE9,
#     counted against the case's `events` column),
#   - the KiB the shim took from conventional memory (BDA word 0x413) still
#     hold its code after the kernel wrote every USABLE byte: the memory
#     map kept them out of USABLE.
#
#   tests/quirks/run.sh              every case, two at a time
#   tests/quirks/run.sh NAME...      just those
#   tests/quirks/run.sh --list       the case names
#
# Prints one "PASS quirks/NAME" or "FAIL quirks/NAME: reason" per case, in
# table order, then a timing line. Logs of a case: build/test/quirks/NAME/.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/../.." || exit 1
if [ ! -f tests/boot/lib.sh ]; then
	echo "FAIL quirks/harness: tests/boot/lib.sh (the QEMU helpers) is missing"
	exit 1
fi
. tests/boot/lib.sh

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
LOW_MEMORY_BYTES=655360         # 0x00000-0x9FFFF: IVT, BDA, conventional memory
BDA_BASE_KIB=1043               # 0x413, conventional memory in KiB

# One case a line, columns between '|':
#   name     PASS/FAIL quirks/<name>; logs in build/test/quirks/<name>/
#   quirk    the shim build (tests/quirks/rules.mk): -D<quirk>
#   machine  more QEMU options; '-' for none
#   mem      expect-mem=<MiB> for the kernel: all RAM it is handed, within 10%
#   events   what the hooks must have done: L>=n or L=n for each letter L
#            (quirkbios.asm lists the letters)
#
# INT 15h AH=88h reports memory between 1 and 64 MiB only: with 128 MiB of
# RAM, no more than 64 MiB may be handed to the kernel.
CASES_TABLE='
# name           | quirk            | machine  | mem | events
plain            | PLAIN            | -        | 128 | R>=2 E>=2 W>=1
no-edd           | NO_EDD           | -        | 128 | L>=2 P>=2 R>=57 W>=1
no-edd-packet    | NO_EDD_PACKET    | -        | 128 | A>=2 L=0 P>=2 R>=57
small-geometry   | SMALL_GEOMETRY   | -        | 128 | L>=2 G>=2 P>=2 C>=57 T=0
max127           | MAX127           | -        | 128 | N>=1 M=0
boundary         | BOUNDARY         | -        | 128 | R>=2 B=0
clobber          | CLOBBER          | -        | 128 | K>=10 W>=1
clobber-chs      | CLOBBER_CHS      | -        | 128 | K>=60 L>=2 P>=2
zero-count       | ZERO_COUNT       | -        | 128 | Z=1
zero-count-first | ZERO_COUNT_FIRST | -        | 128 | Z=1
e820-20          | E820_20          | -        | 128 | E>=2 W>=1
no-e820          | NO_E820          | -        | 128 | e>=1 F>=1
no-e820-e801     | NO_E820_E801     | -m 128M  | 64  | e>=1 f>=1 H>=1
if-on            | IF_ON            | -        | 128 | I>=10
wrong-dl         | WRONG_DL         | -        | 128 | R>=2
bpb              | BPB              | -        | 128 | R>=2
seg-07c0         | SEG_07C0         | -        | 128 | R>=2
'

# Sets C_NAME, C_QUIRK, C_MACHINE, C_MEM and C_EVENTS from the case's row.
load_case() {
	local n q m e ev
	while IFS='|' read -r n q m e ev; do
		[ "$(trim "$n")" = "$1" ] || continue
		C_NAME=$(trim "$n")
		C_QUIRK=$(trim "$q")
		C_MACHINE=$(trim "$m")
		C_MEM=$(trim "$e")
		C_EVENTS=$(trim "$ev")
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

run_case() {
	local shim=$SHIMS/$C_QUIRK.img cmdline="$CMDLINE_COMMON expect-mem=$C_MEM" found why failures f
	local -a machine
	read -r -a machine <<< "$C_MACHINE"
	for f in build/mkimage build/stage1.bin build/stage2.bin "$KERNEL" "$shim" "$SHIMS/$C_QUIRK.bin" "$MODULE"; do
		[ -f "$f" ] || { fail "$f is missing (make check builds it)"; return; }
	done
	if ! build/mkimage -o "$DIR/longboot.img" --stage1 build/stage1.bin --stage2 build/stage2.bin \
		--kernel "$KERNEL" --cmdline "$cmdline" --module "$MODULE" > "$DIR/mkimage.log" 2>&1; then
		fail "mkimage failed: $(tail -n 1 "$DIR/mkimage.log")"
		return
	fi
	cp "$shim" "$DIR/shim.img"
	: > "$DIR/events.log"
	qemu_start "$DIR" "$SECS" \
		-drive "format=raw,file=$DIR/shim.img,if=ide,index=0" \
		-drive "format=raw,file=$DIR/longboot.img,if=ide,index=1" \
		-debugcon "file:$DIR/events.log" "${machine[@]}"
	qemu_wait "$CONFORM_SUMMARY|$LOADER_ERROR|$SHIM_ERROR"
	found=$?
	local dumped=1
	if [ $found -eq 0 ] && serial_has "$CONFORM_SUMMARY"; then
		dump_low_memory
		dumped=$?
	fi
	qemu_stop

	if [ "$(serial_text | head -n 1)" != "quirkbios: $C_QUIRK" ]; then
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

if [ "${1:-}" = --list ]; then
	case_names
	exit 0
fi

if [ $# -gt 0 ]; then
	names=("$@")
else
	mapfile -t names < <(case_names)
fi

start=$(date +%s.%N)
mkdir -p "${MODULE%/*}"
[ -x "$MKMODULE" ] && "$MKMODULE" "$MODULE_BYTES" "$MODULE"
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

for name in "${names[@]}"; do
	if [ -n "${unknown[$name]:-}" ]; then
		echo "FAIL quirks/$name: no such case (tests/quirks/run.sh --list)"
	elif [ -f "$OUT/$name/result" ]; then
		cat "$OUT/$name/result"
	else
		echo "FAIL quirks/$name: the harness wrote no result (build/test/quirks/$name/harness.log)"
	fi
done
echo "quirks: ${#names[@]} cases in $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s"
