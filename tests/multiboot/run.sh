#!/bin/bash
# The Multiboot boot tests: each case of tests/multiboot/cases.txt builds an
# image of a Multiboot conformance kernel (tests/conform-mb/) with mkimage,
# boots it in QEMU or Bochs, and judges what the kernel printed on COM1.
#
#   tests/multiboot/run.sh              every case, two at a time
#   tests/multiboot/run.sh NAME...      just those
#   tests/multiboot/run.sh --list       the case names
#
# Prints "PLAN <n>", then one "PASS multiboot/NAME" or "FAIL
# multiboot/NAME: reason" per case in table order; exits 1 when any
# failed. Logs of a case: build/test/multiboot/NAME/.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/boot/lib.sh

OUT=build/test/multiboot
KERNELS=build/test/conform-mb
MKMOD=$KERNELS/mkmod
JOBS=${MULTIBOOT_JOBS:-2}
SUMMARY='^conform-mb: [0-9]+ passed, [0-9]+ failed'
ALL_PASSED='^conform-mb: [1-9][0-9]* passed, 0 failed'

case_rows() {
	grep -v '^#' tests/multiboot/cases.txt | grep '|'
}

case_names() {
	case_rows | cut -d'|' -f1 | while read -r n; do trim "$n"; echo; done
}

# Sets C_NAME, C_KERNEL, C_PROTOCOL, C_MODULES, C_CMDLINE, C_DISK, C_MACHINE, C_SECS, C_EXPECT.
load_case() {
	local n k p m c d mc s e
	while IFS='|' read -r n k p m c d mc s e; do
		[ "$(trim "$n")" = "$1" ] || continue
		C_NAME=$(trim "$n") C_KERNEL=$(trim "$k") C_PROTOCOL=$(trim "$p")
		C_MODULES=$(trim "$m") C_CMDLINE=$(trim "$c") C_DISK=$(trim "$d")
		C_MACHINE=$(trim "$mc") C_SECS=$(trim "$s") C_EXPECT=$(trim "$e")
		[ "$C_MODULES" = - ] && C_MODULES=
		[ "$C_MACHINE" = - ] && C_MACHINE=
		return 0
	done < <(case_rows)
	return 1
}

pass() { echo "PASS multiboot/$C_NAME" > "$DIR/result"; }
fail() { echo "FAIL multiboot/$C_NAME: $*" | tr '\n' ' ' | sed 's/ *$//' > "$DIR/result"; echo >> "$DIR/result"; }

# The command line with @LEN@ replaced by the line's own length.
cmdline() {
	local line=$C_CMDLINE len
	len=${#line}
	len=$((len - 5 + ${#len}))
	line=${line//@LEN@/$len}
	# The number may have grown by a digit when written in.
	[ ${#line} -eq "$len" ] || line=${C_CMDLINE//@LEN@/$((len + 1))}
	printf '%s' "$line"
}

# mkimage's --module arguments, one word each, after writing the modules:
# FILE:SIZE[:STRING] (the string's blanks are written as is).
module_args() {
	local item file size string
	MODULE_ARGS=()
	IFS=' ' read -r -a items <<< "$C_MODULES"
	# A string may hold a blank ("b.bin:15:x y"): glue words without ':' to the one before.
	local joined=() w
	for w in "${items[@]}"; do
		if [[ "$w" == *:* ]] || [ ${#joined[@]} -eq 0 ]; then
			joined+=("$w")
		else
			joined[-1]="${joined[-1]} $w"
		fi
	done
	for item in "${joined[@]}"; do
		IFS=: read -r file size string <<< "$item"
		"$MKMOD" "$size" "$DIR/$file" || return 1
		MODULE_ARGS+=(--module "$DIR/$file")
		[ -n "$string" ] && MODULE_ARGS+=("$string")
	done
	return 0
}

run_one() {
	load_case "$1" || return 1
	DIR=$OUT/$C_NAME
	rm -rf "$DIR"
	mkdir -p "$DIR"
	if ! module_args; then
		fail "could not write the test modules"
		return
	fi
	if ! build/mkimage -o "$DIR/disk.img" --stage1 build/stage1.bin --stage2 build/stage2.bin --efi build/efi/longboot.efi \
		--kernel "$KERNELS/$C_KERNEL" --protocol "$C_PROTOCOL" --cmdline "$(cmdline)" \
		"${MODULE_ARGS[@]}" > "$DIR/mkimage.log" 2>&1; then
		fail "mkimage: $(tail -n 1 "$DIR/mkimage.log")"
		return
	fi
	local machine=()
	read -r -a machine <<< "$C_MACHINE"
	case $C_DISK in
	disk)   qemu_start "$DIR" "$C_SECS" -drive "format=raw,file=$DIR/disk.img" "${machine[@]}" ;;
	virtio) qemu_start "$DIR" "$C_SECS" -drive "format=raw,if=virtio,file=$DIR/disk.img" "${machine[@]}" ;;
	bochs)  bochs_start "$DIR" "$C_SECS" "$DIR/disk.img" ;;
	*)      fail "harness: unknown disk '$C_DISK'"; return ;;
	esac
	if [ "$C_DISK" = bochs ]; then
		bochs_wait "$SUMMARY"
		bochs_stop
	else
		qemu_wait 'longboot: error: '
		qemu_stop
	fi
	local failures summary
	failures=$(serial_text | grep '^FAIL conform-mb/' | head -n 3 | tr '\n' ';')
	summary=$(serial_text | grep -Em 1 "$SUMMARY")
	case $C_EXPECT in
	pass)
		if [ "$RUN_STATUS" = "$QEMU_EXIT_PASS" ] && [ -z "$failures" ] && serial_has "$ALL_PASSED"; then
			pass
		else
			fail "$(describe_status "$RUN_STATUS"); ${failures:-${summary:-$(serial_tail)}}"
		fi ;;
	pass-halt)
		if [ -z "$failures" ] && serial_has "$ALL_PASSED"; then
			pass
		else
			fail "${failures:-${summary:-no summary line: $(serial_tail)}}"
		fi ;;
	fail:*)
		if [ "$RUN_STATUS" = "$QEMU_EXIT_FAIL" ] && serial_has "^FAIL conform-mb/${C_EXPECT#fail:}[:]"; then
			pass
		else
			fail "expected the kernel to fail conform-mb/${C_EXPECT#fail:}: $(describe_status "$RUN_STATUS"); ${failures:-$(serial_tail)}"
		fi ;;
	*)
		fail "harness: unknown expectation '$C_EXPECT'" ;;
	esac
}

main() {
	local names=() n status=0
	if [ "${1:-}" = --one ]; then
		run_one "$2"
		return
	fi
	if [ "${1:-}" = --list ]; then
		case_names
		return
	fi
	if [ $# -gt 0 ]; then names=("$@"); else mapfile -t names < <(case_names); fi
	echo "PLAN ${#names[@]}"
	mkdir -p "$OUT"
	for n in "${names[@]}"; do
		if load_case "$n"; then echo "$n"; fi
	done | run_cases tests/multiboot/run.sh "$JOBS"
	for n in "${names[@]}"; do
		if load_case "$n"; then
			print_results multiboot "$n" || status=1
		else
			echo "FAIL multiboot/$n: no such case (tests/multiboot/run.sh --list)"
			status=1
		fi
	done
	return $status
}

main "$@"
