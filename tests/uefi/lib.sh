# Booting a machine under OVMF (UEFI) for the UEFI tests. Sourced by bash
# from the top of the tree (tests/uefi/run.sh); builds on tests/boot/lib.sh,
# which it sources, so qemu_wait, qemu_screendump, qemu_stop, serial_has,
# serial_tail, describe_status and the rest work on these runs too. Every
# QEMU runs under `timeout`.
#
#   ovmf_boot MACHINE MEM IMAGE SERIAL_LOG SECONDS [QEMU ARGS...]
#       boots IMAGE and waits for QEMU to end; returns its status (33: the
#       guest wrote 0x10 to isa-debug-exit, 35: 0x11, 124: the timeout)
#   ovmf_start DIR SECONDS MACHINE MEM IMAGE [QEMU ARGS...]
#       the same in the background with the monitor, as qemu_start does
#       (DIR/serial.log, DIR/command, ...): then qemu_wait, ovmf_screenshot,
#       qemu_stop
#   serial_text
#       the serial log without OVMF's ANSI escapes (replaces tests/boot/lib.sh's)
#   ovmf_screenshot PATTERN FILE
#       waits until COM1 shows PATTERN, then saves the screen to FILE (PPM)
#       with qemu_screendump; returns 1 when QEMU ended first or wrote none
#
# MACHINE is a QEMU machine with the disk on its own controller, "pc" (IDE)
# or "q35" (AHCI), "virtio" (pc with the disk on virtio-blk), or "usb"
# (q35 with the disk as a USB stick on xHCI); MEM is
# QEMU's -m (512M, 6G). Each boot starts from the same firmware state, so
# no boot sees what an earlier one left: tools/ovmf.sh --rom, OVMF's
# single image with its variables kept in RAM (the quickest way, 0.25 s
# under a persistent flash store and over a second under a fresh one),
# else a fresh copy of the flash store (ovmf-vars.fd beside the serial
# log). There is no network card (OVMF would start its network stack,
# and try PXE and HTTP boot when the disk fails).

# shellcheck source=tests/boot/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../boot/lib.sh"

OVMF_SH=${OVMF_SH:-tools/ovmf.sh}

# ovmf_args MACHINE MEM IMAGE VARS: sets the array OVMF_ARGS to the
# machine, memory, firmware and disk arguments. Returns 1 (with a
# message) when there is no OVMF or MACHINE is unknown.
ovmf_args() {
	local machine=$1 mem=$2 image=$3 vars=$4 iface fw
	case $machine in
	pc|ide) machine=pc iface=ide ;;
	q35|ahci) machine=q35 iface=ide ;;  # q35's "ide" interface is its AHCI controller
	virtio) machine=pc iface=virtio ;;
	usb) machine=q35 iface=usb ;;       # a USB stick on an xHCI controller
	*) echo "ovmf_args: unknown machine '$machine' (pc, q35, virtio or usb)" >&2; return 1 ;;
	esac
	fw=$(sh "$OVMF_SH" --rom "$vars") || return 1
	OVMF_ARGS=(-M "$machine" -m "$mem" -nic none)
	mapfile -t -O "${#OVMF_ARGS[@]}" OVMF_ARGS <<< "$fw"
	if [ "$iface" = usb ]; then
		OVMF_ARGS+=(-device qemu-xhci -drive "if=none,id=stick,format=raw,file=$image"
			-device usb-storage,drive=stick)
	else
		OVMF_ARGS+=(-drive "format=raw,if=$iface,file=$image")
	fi
}

ovmf_boot() {
	local machine=$1 mem=$2 image=$3 log=$4 secs=$5 dir
	shift 5
	dir=$(dirname "$log")
	ovmf_args "$machine" "$mem" "$image" "$dir/ovmf-vars.fd" || return 1
	# shellcheck disable=SC2054 # the commas are QEMU's
	local cmd=(timeout -k "$STOP_SECONDS" "$secs" "$QEMU" -display none -no-reboot
		-serial "file:$log" -device isa-debug-exit,iobase=0xf4,iosize=0x04
		-d cpu_reset,guest_errors -D "$dir/qemu-debug.log"
		"${OVMF_ARGS[@]}" "$@")
	printf '%q ' "${cmd[@]}" > "$dir/command"
	echo >> "$dir/command"
	# For tests/boot/lib.sh's readers (serial_has, emulator_message, ...).
	# shellcheck disable=SC2034
	RUN_DIR=$dir RUN_LOG=$dir/qemu.log
	"${cmd[@]}" > "$RUN_LOG" 2>&1 < /dev/null
	RUN_STATUS=$?
	return "$RUN_STATUS"
}

ovmf_start() {
	local dir=$1 secs=$2 machine=$3 mem=$4 image=$5
	shift 5
	ovmf_args "$machine" "$mem" "$image" "$dir/ovmf-vars.fd" || return 1
	qemu_start "$dir" "$secs" "${OVMF_ARGS[@]}" "$@"
}

ovmf_screenshot() {
	qemu_wait "$1" || return 1
	qemu_screendump "$2"
}

# OVMF's console is on COM1 too, with ANSI escapes (ESC[=3h, colours, cursor
# moves): the serial log as text without them, for serial_has and the rest
# of tests/boot/lib.sh's readers, which call this.
serial_text() {
	sed 's/\x1b\[[0-9;?=]*[A-Za-z]//g' < "$RUN_DIR/serial.log" | tr -d '\r' | tr -c '\n\t -~' '?'
}
