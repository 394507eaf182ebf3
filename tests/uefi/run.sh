#!/bin/bash
# The UEFI suite (tests/uefi/README.md): every case of tests/uefi/cases
# builds a hybrid image with build/mkimage (the EFI application in its ESP),
# boots it under OVMF (tests/uefi/lib.sh) and judges COM1, QEMU's status
# and, for the demo kernel, a screenshot.
#
#   tests/uefi/run.sh              every case, two at a time
#   tests/uefi/run.sh NAME...      just those
#   tests/uefi/run.sh --list       the case names
#
#   UEFI_JOBS   cases at a time (2)
#
# Prints "PLAN <n>", then one "PASS uefi/NAME" or "FAIL uefi/NAME: reason"
# per case in table order; exits 1 when any failed. Logs of a case:
# build/test/uefi/NAME/ (command, serial.log, qemu.log, mkimage.log, ...).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/uefi/lib.sh

OUT=build/test/uefi
JOBS=${UEFI_JOBS:-2}
CASES=tests/uefi/cases
CONFORM=build/test/conform
MBCONF=build/test/conform-mb
LINUX_OUT=build/test/linux
LINUX_CACHE=${LINUX_CACHE:-$LINUX_OUT/cache}
EFI_APP=build/efi/longboot.efi
PPMCHECK=build/test/graphics/ppmcheck
HELLO='Hello World!'
# SECTOR and REPORT_DONE from the loader's and the demo kernel's headers.
CONSTANTS=build/test/boot/constants
if [ -x "$CONSTANTS" ]; then
	eval "$("$CONSTANTS")"
else
	SECTOR=512 REPORT_DONE='longboot: boot report done'
fi
INIT_PREFIX='linux-init: '
POWER_DOWN='reboot: Power down'

case_rows() {
	grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$CASES"
}

case_names() {
	case_rows | cut -d'|' -f1 | while read -r n; do trim "$n"; echo; done
}

# Sets C_NAME, C_KIND, C_KERNEL, C_MACHINE, C_MEM, C_IMAGE, C_CMDLINE, C_SECS, C_EXPECT.
load_case() {
	local n k kn m mem img cl s e
	while IFS='|' read -r n k kn m mem img cl s e; do
		[ "$(trim "$n")" = "$1" ] || continue
		C_NAME=$(trim "$n") C_KIND=$(trim "$k") C_KERNEL=$(trim "$kn") C_MACHINE=$(trim "$m")
		C_MEM=$(trim "$mem") C_IMAGE=$(trim "$img") C_CMDLINE=$(trim "$cl") C_SECS=$(trim "$s")
		C_EXPECT=$(trim "$e")
		[ "$C_IMAGE" = - ] && C_IMAGE=
		[ "$C_CMDLINE" = - ] && C_CMDLINE=
		return 0
	done < <(case_rows)
	return 1
}

pass() { echo "PASS uefi/$C_NAME${1:+: $1}" > "$DIR/result"; }
fail() { echo "FAIL uefi/$C_NAME: $*" | tr '\n' ' ' | sed 's/ *$//' > "$DIR/result"; echo >> "$DIR/result"; }

kernel_file() {
	case $C_KIND in
	conform) echo "$CONFORM/$C_KERNEL.elf" ;;
	conform-mb) echo "$MBCONF/$C_KERNEL" ;;
	demo) echo "build/$C_KERNEL" ;;
	linux) echo "$LINUX_CACHE/$C_KERNEL" ;;
	esac
}

protocol_of() {
	case $C_KIND in
	conform | demo) echo longboot ;;
	linux) echo linux ;;
	conform-mb) case $C_KERNEL in mb1-*) echo multiboot1 ;; *) echo multiboot2 ;; esac ;;
	esac
}

# Cuts the image one sector before the kernel's end, as a copy that
# stopped early would: the partition table is left as mkimage wrote it
# (its one partition, the ESP, lies before the cut).
truncate_image() {
	local img=$1 end
	end=$((L_kernel_data_lba + (L_kernel_data_bytes + SECTOR - 1) / SECTOR - 1))
	truncate -s $((end * SECTOR)) "$img"
}

# Builds DIR/disk.img; prints why on failure.
build_image() {
	local img=$DIR/disk.img kernel w name size out
	local -a args mods=() extra=()
	kernel=$(kernel_file)
	for f in build/mkimage build/stage1.bin build/stage2.bin "$EFI_APP" "$kernel"; do
		[ -f "$f" ] || { echo "$f is missing (make check builds it)"; return 1; }
	done
	for w in $C_IMAGE; do
		case $w in
		mod=*)
			IFS=: read -r name size <<< "${w#mod=}"
			if [ "$C_KIND" = conform ]; then
				"$CONFORM/mkmodule" "$size" "$DIR/$name" || { echo "mkmodule $size failed"; return 1; }
			else
				"$MBCONF/mkmod" "$size" "$DIR/$name" || { echo "mkmod $size failed"; return 1; }
			fi
			mods+=(--module "$DIR/$name") ;;
		video=*) extra+=(--video "${w#video=}") ;;
		initrd=*) extra+=(--initrd "$LINUX_OUT/${w#initrd=}") ;;
		corrupt-kernel | truncate | novga) ;;
		*) echo "harness: unknown image word '$w'"; return 1 ;;
		esac
	done
	args=(build/mkimage -o "$img" --stage1 build/stage1.bin --stage2 build/stage2.bin --efi "$EFI_APP"
		--kernel "$kernel" --protocol "$(protocol_of)" --cmdline "$C_CMDLINE" "${mods[@]}" "${extra[@]}")
	printf '%q ' "${args[@]}" > "$DIR/mkimage-command"
	echo >> "$DIR/mkimage-command"
	if ! "${args[@]}" > "$DIR/mkimage.log" 2>&1; then
		echo "mkimage failed: $(tail -n 1 "$DIR/mkimage.log")"
		return 1
	fi
	build/mkimage --inspect "$img" > "$DIR/inspect.txt" 2>&1
	case " $C_IMAGE " in *" corrupt-kernel "* | *" truncate "*) ;; *) return 0 ;; esac
	out=$("$PATCHIMG" info "$img" 2>&1) || { echo "patchimg info: $out"; return 1; }
	printf '%s\n' "$out" > "$DIR/layout.txt"
	eval "$(printf '%s\n' "$out" | grep '^[a-z0-9_]*=[0-9]*$' | sed 's/^/L_/')"
	for w in $C_IMAGE; do
		case $w in
		corrupt-kernel)
			out=$("$PATCHIMG" flip "$img" $((L_kernel_data_offset + L_kernel_data_bytes / 2)) 2>&1) ||
				{ echo "patchimg flip: $out"; return 1; } ;;
		truncate) out=$(truncate_image "$img" 2>&1) || { echo "truncate: $out"; return 1; } ;;
		esac
	done
	return 0
}

# Boots the case's image: foreground (ovmf_boot) unless $1 is "bg".
boot() {
	local -a vga=()
	case " $C_IMAGE " in *" novga "*) vga=(-vga none) ;; esac
	if [ "$C_MACHINE" = bios ]; then
		qemu_start "$DIR" "$C_SECS" -M pc -m "$C_MEM" -drive "format=raw,file=$DIR/disk.img"
		[ "$1" = bg ] || { qemu_wait ""; qemu_stop; }
	elif [ "$1" = bg ]; then
		ovmf_start "$DIR" "$C_SECS" "$C_MACHINE" "$C_MEM" "$DIR/disk.img" "${vga[@]}"
	else
		: > "$DIR/serial.log"
		ovmf_boot "$C_MACHINE" "$C_MEM" "$DIR/disk.img" "$DIR/serial.log" "$C_SECS" "${vga[@]}"
	fi
}

judge_conform() {
	local tag=$1 failures summary
	failures=$(serial_text | grep "^FAIL $tag/" | head -n 3 | tr '\n' ';')
	summary=$(serial_text | grep -Em 1 "^$tag: [0-9]+ passed, [0-9]+ failed")
	if [ "$RUN_STATUS" = "$QEMU_EXIT_PASS" ] && [ -z "$failures" ] &&
		serial_has "^$tag: [1-9][0-9]* passed, 0 failed"; then
		pass "${summary#"$tag: "}"
	else
		fail "$(describe_status "$RUN_STATUS"); ${failures:-${summary:-$(serial_tail)}}"
	fi
}

judge_error() {
	local ere=${C_EXPECT#error:} line
	line=$(serial_text | grep -m 1 -E -- "longboot: error: .*$ere")
	if [ -z "$line" ]; then
		line=$(serial_text | grep -m 1 'longboot: error: ')
		if [ -n "$line" ]; then
			fail "the error does not match /$ere/: \"$line\""
		else
			fail "no \"longboot: error: \" line ($(describe_status "${RUN_STATUS:-running}")); $(serial_tail)"
		fi
	elif [ "$RUN_ALIVE" != 0 ]; then
		fail "the machine did not stay halted after \"$line\" ($(describe_status "$RUN_STATUS"))"
	else
		pass "$(printf '%s' "${line##*longboot: error: }" | cut -c1-120)"
	fi
}

# The demo kernel: the report on COM1, then the screenshot (ovmf_screenshot).
run_demo() {
	local shot=$DIR/screen.ppm line w h bpp rs gs bs
	boot bg || { fail "could not start QEMU"; return; }
	if ! ovmf_screenshot "^$REPORT_DONE\$|kernel panic" "$shot"; then
		qemu_stop
		fail "no screenshot after the report ($(describe_status "$RUN_STATUS")); $(serial_tail)"
		return
	fi
	still_running 0
	RUN_ALIVE=$?
	qemu_stop
	if serial_has 'kernel panic'; then
		fail "kernel panic: $(serial_text | grep -m1 'kernel panic')"
		return
	fi
	serial_has '^Hello World!$' || { fail "no \"Hello World!\" line on COM1; $(serial_tail)"; return; }
	line=$(serial_text | grep -Em1 '^video: mode 2, framebuffer [0-9]+x[0-9]+x[0-9]+ at 0x[0-9a-f]+, pitch [0-9]+, red [0-9]+@[0-9]+ green [0-9]+@[0-9]+ blue [0-9]+@[0-9]+$')
	if [ -z "$line" ]; then
		fail "the report has no video_mode 2 line: \"$(serial_text | grep -m1 '^video:')\""
		return
	fi
	read -r w h bpp rs gs bs <<< "$(printf '%s\n' "$line" |
		sed -E 's/^video: mode 2, framebuffer ([0-9]+)x([0-9]+)x([0-9]+) .* red ([0-9]+)@[0-9]+ green ([0-9]+)@[0-9]+ blue ([0-9]+)@[0-9]+$/\1 \2 \3 \4 \5 \6/')"
	if [ ! -x "$PPMCHECK" ]; then
		fail "$PPMCHECK is missing (make check builds it)"
	elif "$PPMCHECK" "$shot" "$w" "$h" "$rs,$gs,$bs" "$HELLO" > "$DIR/ppmcheck.txt" 2>&1; then
		pass "${w}x${h}x${bpp}: $(tail -n 1 "$DIR/ppmcheck.txt")"
		rm -f "$shot"
	else
		fail "$(head -n 3 "$DIR/ppmcheck.txt" | tr '\n' ';') (screenshot $shot)"
	fi
}

init_value() {
	serial_text | sed -n "s/^$INIT_PREFIX$1=//p" | head -n 1
}

judge_linux() {
	local got mem_kib
	got=$(serial_text | grep -m 1 -E 'Kernel panic|BUG:|Oops|longboot: error: ' | sed 's/^\[[ 0-9.]*\] //' | cut -c1-160)
	[ -z "$got" ] || { fail "\"$got\"; $(serial_tail)"; return; }
	[ "$RUN_STATUS" = 0 ] || { fail "$(describe_status "$RUN_STATUS"); $(serial_tail)"; return; }
	serial_has "^${INIT_PREFIX}done\$" || { fail "QEMU ended without /init's \"${INIT_PREFIX}done\"; $(serial_tail)"; return; }
	serial_has "$POWER_DOWN" || { fail "QEMU ended without \"$POWER_DOWN\""; return; }
	got=$(init_value cmdline)
	[ "$got" = "$C_CMDLINE" ] || { fail "/proc/cmdline is \"$got\", wanted \"$C_CMDLINE\""; return; }
	case $C_MEM in
	*G) mem_kib=$((${C_MEM%G} * 1048576)) ;;
	*M) mem_kib=$((${C_MEM%M} * 1024)) ;;
	esac
	got=$(init_value MemTotal)
	if ! [[ "$got" =~ ^[0-9]+$ ]] || [ "$got" -gt "$mem_kib" ] || [ $((got * 10)) -lt $((mem_kib * 8)) ]; then
		fail "MemTotal is \"$got\" kB with -m $C_MEM, wanted 80-100 % of $mem_kib"
		return
	fi
	got=$(init_value efi)
	[ "$got" = 64 ] || { fail "/sys/firmware/efi/fw_platform_size is \"$got\", wanted 64 (the kernel did not boot as EFI)"; return; }
	serial_has '\] efi: EFI v[0-9]' || { fail "no \"efi: EFI v...\" in the kernel's log (no system table)"; return; }
	serial_has 'Registered efivars operations' ||
		{ fail "no \"Registered efivars operations\": the kernel did not enable EFI runtime services"; return; }
	[[ " $(init_value efi-sysfs) " == *" runtime "* ]] ||
		{ fail "/sys/firmware/efi has no runtime: \"$(init_value efi-sysfs)\""; return; }
	got=$(init_value fb)
	[ -n "$got" ] && [ "$got" != none ] || { fail "no fb0 (efifb): fb=\"$got\""; return; }
	serial_has 'fb0: EFI VGA frame buffer' || { fail "fb0 is not efifb: $(serial_text | grep -m1 'fb0:')"; return; }
	pass "MemTotal $(init_value MemTotal) kB, efi=64, $(init_value efi-systab | cut -c1-60), fb0 $got"
}

run_one() {
	local why
	load_case "$1" || return 1
	DIR=$OUT/$C_NAME
	RUN_DIR=$DIR
	rm -rf "$DIR"
	mkdir -p "$DIR"
	if ! why=$(build_image); then
		fail "$why"
		return
	fi
	case $C_EXPECT in
	error:*)
		boot bg || { fail "could not start QEMU"; return; }
		qemu_wait 'longboot: error: '
		still_running 1
		RUN_ALIVE=$?
		qemu_stop
		judge_error ;;
	screen) run_demo ;;
	init)
		boot fg
		judge_linux ;;
	pass)
		boot fg
		case $C_KIND in
		conform) judge_conform conform ;;
		conform-mb) judge_conform conform-mb ;;
		*) fail "harness: expect pass is for conform kinds" ;;
		esac ;;
	*) fail "harness: unknown expectation '$C_EXPECT'" ;;
	esac
	grep -q '^PASS' "$DIR/result" 2>/dev/null && rm -f "$DIR"/*.img "$DIR"/*.bin "$DIR"/ovmf-vars.fd
}

main() {
	local names=() n status=0 start
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
	start=$(date +%s)
	# The Linux cases' inputs: fetched and built once, before the machines.
	for n in "${names[@]}"; do
		load_case "$n" && [ "$C_KIND" = linux ] || continue
		make --no-print-directory "$LINUX_CACHE/vmlinuz" "$LINUX_OUT/initramfs.cpio" \
			"$LINUX_OUT/initramfs.cpio.gz" > "$OUT/linux-inputs.log" 2>&1 ||
			echo "uefi: the Linux inputs could not be made (build/test/uefi/linux-inputs.log)"
		break
	done
	for n in "${names[@]}"; do
		if load_case "$n"; then echo "$n"; fi
	done | run_cases tests/uefi/run.sh "$JOBS"
	for n in "${names[@]}"; do
		if load_case "$n"; then
			print_results uefi "$n" || status=1
		else
			echo "FAIL uefi/$n: no such case (tests/uefi/run.sh --list)"
			status=1
		fi
	done
	echo "uefi: ${#names[@]} cases in $(($(date +%s) - start)) s with $JOBS runners"
	return $status
}

main "$@"
