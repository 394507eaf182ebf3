#!/bin/bash
# The graphics tests (docs/testing.md): the demo kernel on a VBE linear
# framebuffer, judged from outside. Each case builds an image with
# `mkimage --video`, boots it in QEMU with a display adapter, waits for the
# boot report on COM1, takes a `screendump` through the monitor and checks
# with ppmcheck that the screenshot has the size the report gives and that
# its top-left cells show "Hello World!" in the demo kernel's font, light
# cyan (0x55FFFF) on black.
#
#   tests/graphics/run.sh              every case
#   tests/graphics/run.sh NAME...      just those
#
# Prints "PLAN <n>", then one "PASS graphics/NAME" or "FAIL graphics/NAME:
# reason" per case; exits 1 when one failed. Logs: build/test/graphics/NAME/.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/boot/lib.sh

OUT=build/test/graphics
PPMCHECK=$OUT/ppmcheck
FB2PPM=$OUT/fb2ppm
MKIMAGE=build/mkimage
KERNEL=build/kernel.elf
HELLO='Hello World!'
SECS=30                 # each QEMU run, whole

# name | adapter (QEMU -vga) | --video | expect
#   expect WxHxBPP: the report says video_mode 2 with that framebuffer,
#                   the screenshot is WxH and shows HELLO at the top left
#   expect none:    no display: the report comes with video_mode 0 (the
#                   loader knows: INT 10h does not answer), nothing
#                   panics, QEMU keeps running
CASES_TABLE='
std-1024x768x32        | std     | 1024x768x32 | 1024x768x32
virtio-1024x768x32     | virtio  | 1024x768x32 | 1024x768x32
# a size no adapter mode has: the largest mode not bigger (protocol section 5)
std-1000x700-fallback  | std     | 1000x700x32 | 800x600x32
# the Cirrus VGA BIOS has few VBE modes: 16 bits a pixel (5:6:5)
cirrus-800x600x16      | cirrus  | 800x600x16  | 800x600x16
# The VBE of Bochs: its framebuffer dumped by its debugger once the kernel has
# drawn (the kernel stops at a magic breakpoint: the magic-break word).
bochs-1024x768x32      | bochs   | 1024x768x32 | 1024x768x32
# No display adapter: video_mode 0, the report on the serial port only.
none                   | none    | 1024x768x32 | none
'

# The framebuffer line of the report: "video: mode 2, framebuffer WxHxBPP
# at ADDR, pitch P, red R@S green G@S blue B@S".
FB_LINE='^video: mode 2, framebuffer ([0-9]+)x([0-9]+)x([0-9]+) at 0x[0-9a-f]+, pitch [0-9]+, red ([0-9]+)@[0-9]+ green ([0-9]+)@[0-9]+ blue ([0-9]+)@[0-9]+$'

result() {
	echo "$1" | tr '\n' ' ' | sed 's/ *$//'
	echo
}

# Waits until FILE holds at least BYTES bytes (QEMU writes it when the
# monitor gets to the command); 1 when it does not come.
wait_file() {
	local tries
	tries=$(awk "BEGIN { print int($STOP_SECONDS / $POLL_SECONDS) }")
	while [ "$tries" -gt 0 ]; do
		[ -f "$1" ] && [ "$(stat -c %s "$1")" -ge "$2" ] && return 0
		sleep "$POLL_SECONDS"
		tries=$((tries - 1))
	done
	return 1
}

# Bochs: its LFB is at 0xE0000000 (VBE_DISPI_LFB_PHYSICAL_ADDRESS in its
# source); the debugger writes the framebuffer out when the kernel stops.
BOCHS_LFB=0xe0000000

run_bochs_case() {
	local name=$1 video=$2 expect=$3 dir=$OUT/$1 w h bpp pitch
	IFS=x read -r w h bpp <<< "$expect"
	pitch=$((w * bpp / 8))
	local img=$dir/disk.img dump=$dir/fb.bin shot=$dir/screen.ppm
	rm -f "$dump"
	if ! "$MKIMAGE" -o "$img" --stage1 build/stage1.bin --stage2 build/stage2.bin --efi build/efi/longboot.efi \
		--kernel "$KERNEL" --video "$video" --cmdline magic-break > "$dir/mkimage.log" 2>&1; then
		result "FAIL graphics/$name: mkimage --video $video failed: $(tail -n 1 "$dir/mkimage.log")"
		return
	fi
	printf 'continue\nwritemem "%s" %s %s\nquit\n' "$(absolute "$dump")" "$BOCHS_LFB" $((pitch * h)) > "$dir/bochs.rc"
	bochs_start "$dir" 120 "$img" "$dir/bochs.rc"
	bochs_wait "^$REPORT_DONE\$|kernel panic"
	wait_file "$dump" $((pitch * h)) || sleep 5
	bochs_stop
	local line
	line=$(serial_text | grep -Em1 "^video: mode 2, framebuffer ${expect} at $BOCHS_LFB, pitch $pitch, red 8@16 green 8@8 blue 8@0\$")
	if [ -z "$line" ]; then
		result "FAIL graphics/$name: the report does not say ${expect} at $BOCHS_LFB, pitch $pitch, 8:8:8 at 16/8/0: $(serial_text | grep -m1 '^video:')"
	elif [ "$(stat -c %s "$dump" 2>/dev/null)" != $((pitch * h)) ]; then
		result "FAIL graphics/$name: Bochs's debugger wrote no framebuffer dump ($dump)"
	elif ! "$FB2PPM" "$dump" "$w" "$h" "$pitch" "$shot" 2> "$dir/fb2ppm.txt"; then
		result "FAIL graphics/$name: $(cat "$dir/fb2ppm.txt")"
	elif "$PPMCHECK" "$shot" "$w" "$h" 8,8,8 "$HELLO" > "$dir/ppmcheck.txt" 2>&1; then
		result "PASS graphics/$name: $(tail -n 1 "$dir/ppmcheck.txt")"
	else
		result "FAIL graphics/$name: $(head -n 3 "$dir/ppmcheck.txt" | tr '\n' ';') (dump $dump)"
	fi
}

# run_case NAME ADAPTER VIDEO EXPECT: one result line.
run_case() {
	local name=$1 adapter=$2 video=$3 expect=$4
	local dir=$OUT/$name img shot why
	mkdir -p "$dir"
	rm -f "$dir"/screen.ppm "$dir"/ppmcheck.txt
	img=$dir/disk.img
	shot=$dir/screen.ppm
	for f in "$MKIMAGE" "$KERNEL" build/stage1.bin build/stage2.bin "$PPMCHECK" "$FB2PPM"; do
		[ -e "$f" ] || { result "FAIL graphics/$name: harness: $f is missing (make check builds it)"; return; }
	done
	if [ "$adapter" = bochs ]; then
		run_bochs_case "$name" "$video" "$expect"
		return
	fi
	if ! "$MKIMAGE" -o "$img" --stage1 build/stage1.bin --stage2 build/stage2.bin --efi build/efi/longboot.efi \
		--kernel "$KERNEL" --video "$video" > "$dir/mkimage.log" 2>&1; then
		result "FAIL graphics/$name: mkimage --video $video failed: $(tail -n 1 "$dir/mkimage.log")"
		return
	fi

	# The kernel halts after its report (no qemu-exit): the screen stays.
	qemu_start "$dir" "$SECS" -drive "format=raw,file=$img" -vga "$adapter"
	if ! qemu_wait "^$REPORT_DONE\$|kernel panic"; then
		qemu_stop
		result "FAIL graphics/$name: no boot report: $(describe_status "$RUN_STATUS"); $(serial_tail)"
		return
	fi
	if serial_has 'kernel panic'; then
		qemu_stop
		result "FAIL graphics/$name: $(serial_text | grep -m1 'kernel panic')"
		return
	fi

	if [ "$expect" = none ]; then
		local mode
		mode=$(serial_text | sed -n 's/^video: mode \([0-9]\).*/\1/p' | head -n 1)
		if ! still_running 1; then
			qemu_stop
			result "FAIL graphics/$name: QEMU ended after the report: $(describe_status "$RUN_STATUS")"
		elif [ "$mode" = 0 ]; then
			qemu_stop
			result "PASS graphics/$name: video_mode 0, serial only"
		else
			qemu_stop
			result "FAIL graphics/$name: the report's video line says mode ${mode:-nothing}, not 0; $(serial_tail)"
		fi
		return
	fi

	local line w h bpp rb gb bb
	line=$(serial_text | grep -E "$FB_LINE" | head -n 1)
	if [ -z "$line" ]; then
		qemu_stop
		result "FAIL graphics/$name: the report has no video_mode 2 line: $(serial_text | grep -m1 '^video:')"
		return
	fi
	read -r w h bpp rb gb bb < <(printf '%s\n' "$line" | sed -E "s/$FB_LINE/\\1 \\2 \\3 \\4 \\5 \\6/")
	if [ "${w}x${h}x${bpp}" != "$expect" ]; then
		qemu_stop
		result "FAIL graphics/$name: got a ${w}x${h}x${bpp} framebuffer, expected $expect"
		return
	fi
	qemu_monitor "screendump \"$(absolute "$shot")\""
	if ! wait_file "$shot" $((w * h * 3)); then
		qemu_stop
		result "FAIL graphics/$name: no screendump in $shot"
		return
	fi
	qemu_stop
	if "$PPMCHECK" "$shot" "$w" "$h" "$rb,$gb,$bb" "$HELLO" > "$dir/ppmcheck.txt" 2>&1; then
		result "PASS graphics/$name: $(tail -n 1 "$dir/ppmcheck.txt")"
	else
		why=$(head -n 3 "$dir/ppmcheck.txt" | tr '\n' ';')
		result "FAIL graphics/$name: $why (screenshot $shot)"
	fi
}

# REPORT_DONE, from the demo kernel's header through the boot suite's helper.
CONSTANTS=build/test/boot/constants
REPORT_DONE='longboot: boot report done'
if [ -x "$CONSTANTS" ]; then
	eval "$("$CONSTANTS" | grep '^REPORT_DONE=')"
fi

mapfile -t ALL < <(case_names)
if [ $# -gt 0 ]; then
	NAMES=("$@")
else
	NAMES=("${ALL[@]}")
fi
echo "PLAN ${#NAMES[@]}"
mkdir -p "$OUT"
failed=0
start=$(date +%s)
for name in "${NAMES[@]}"; do
	row=$(case_rows | while IFS='|' read -r n a v e; do
		[ "$(trim "$n")" = "$name" ] && printf '%s|%s|%s\n' "$(trim "$a")" "$(trim "$v")" "$(trim "$e")"
	done)
	if [ -z "$row" ]; then
		line="FAIL graphics/$name: no such case"
	else
		IFS='|' read -r adapter video expect <<< "$row"
		line=$(run_case "$name" "$adapter" "$video" "$expect")
	fi
	echo "$line"
	case $line in FAIL*) failed=1 ;; esac
done
echo "graphics: ${#NAMES[@]} cases in $(($(date +%s) - start)) s"
exit $failed
