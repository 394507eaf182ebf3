# Running one machine for a boot test and reading what it left behind.
# Sourced by tests/boot/run.sh (bash). Every emulator runs under `timeout`.
#
# QEMU:  qemu_start DIR SECONDS ARGS...   boots; serial to DIR/serial.log
#        qemu_wait PATTERN                 until the serial log matches, or QEMU ends
#        qemu_vga                          DIR/vga.bin and DIR/vga.txt: the text screen
#        qemu_stop                         quits QEMU (kills it if it does not go)
# Bochs: bochs_start DIR SECONDS IMAGE [RC] boots IMAGE as ata0-master (RC: debugger commands)
#        bochs_wait PATTERN                until the serial log matches, or Bochs ends
#        bochs_stop
# Reading: serial_text, serial_has, serial_count, serial_tail

VGADUMP=build/test/boot/vgadump
PATCHIMG=build/test/boot/patchimg
QEMU=${QEMU:-qemu-system-x86_64}
BOCHS=${BOCHS:-bochs}

QEMU_EXIT_PASS=33       # isa-debug-exit: (0x10 << 1) | 1
QEMU_EXIT_FAIL=35       # (0x11 << 1) | 1
TIMEOUT_STATUS=124      # what `timeout` returns when it had to stop the command
POLL_SECONDS=0.1
STOP_SECONDS=5          # for QEMU to act on `quit`, or for a dump to appear
VGA_TEXT_ADDR=0xb8000   # the text screen's bytes: VGA_TEXT_BYTES, from tests/boot/constants

absolute() {
	case $1 in
	/*) printf '%s' "$1" ;;
	*) printf '%s' "$PWD/$1" ;;
	esac
}

# --- QEMU

# Starts QEMU in the background with no display, no reboot (a triple fault
# ends it instead of looping), the isa-debug-exit port, the serial port in
# DIR/serial.log and the monitor on the pipes DIR/monitor.in and .out.
# DIR/command holds the command line, for running the case by hand.
qemu_start() {
	local secs=$2
	RUN_DIR=$1
	shift 2
	rm -f "$RUN_DIR/monitor.in" "$RUN_DIR/monitor.out" "$RUN_DIR/vga.bin"
	mkfifo "$RUN_DIR/monitor.in" "$RUN_DIR/monitor.out"
	: > "$RUN_DIR/serial.log"
	local cmd=(timeout -k "$STOP_SECONDS" "$secs" "$QEMU" -display none -no-reboot
		-serial "file:$RUN_DIR/serial.log"
		-monitor "pipe:$RUN_DIR/monitor"
		-device isa-debug-exit,iobase=0xf4,iosize=0x04
		-d cpu_reset,guest_errors -D "$RUN_DIR/qemu-debug.log"
		"$@")
	printf '%q ' "${cmd[@]}" > "$RUN_DIR/command"
	echo >> "$RUN_DIR/command"
	RUN_LOG=$RUN_DIR/qemu.log
	"${cmd[@]}" > "$RUN_LOG" 2>&1 < /dev/null &
	RUN_PID=$!
	RUN_STATUS=
	# Read-write opens of a FIFO never block, whichever side comes first.
	exec {MON_IN}<> "$RUN_DIR/monitor.in" {MON_OUT}<> "$RUN_DIR/monitor.out"
}

# Returns 0 once the serial log has a line matching the extended regular
# expression PATTERN (an empty one never matches), 1 when the emulator ended
# first; then RUN_STATUS is its exit status (124: stopped at the timeout).
run_wait() {
	local pattern=$1
	while :; do
		if [ -n "$pattern" ] && serial_has "$pattern"; then
			return 0
		fi
		if ! kill -0 "$RUN_PID" 2>/dev/null; then
			wait "$RUN_PID"
			RUN_STATUS=$?
			[ -n "$pattern" ] && serial_has "$pattern" && return 0
			return 1
		fi
		sleep "$POLL_SECONDS"
	done
}
qemu_wait() { run_wait "$@"; }

# Whether the emulator is still running after SECONDS more.
still_running() {
	sleep "$1"
	kill -0 "$RUN_PID" 2>/dev/null
}

qemu_monitor() {
	printf '%s\n' "$1" >&"$MON_IN"
}

# qemu_pmemsave ADDR BYTES FILE: stops the guest and saves BYTES of
# physical memory at ADDR to FILE; returns 1 when QEMU wrote no whole dump.
qemu_pmemsave() {
	local tries
	qemu_monitor stop
	# Quoted: the monitor would read "4000 /path" as a division.
	qemu_monitor "pmemsave $1 $2 \"$(absolute "$3")\""
	tries=$(awk "BEGIN { print int($STOP_SECONDS / $POLL_SECONDS) }")
	while [ "$tries" -gt 0 ]; do
		[ -f "$3" ] && [ "$(stat -c %s "$3")" -eq "$2" ] && return 0
		kill -0 "$RUN_PID" 2>/dev/null || break
		sleep "$POLL_SECONDS"
		tries=$((tries - 1))
	done
	return 1
}

# qemu_screendump FILE: the screen as QEMU shows it, a binary PPM; returns 1
# when QEMU wrote none. The guest runs on.
qemu_screendump() {
	local tries size=-1
	qemu_monitor "screendump \"$(absolute "$1")\""
	tries=$(awk "BEGIN { print int($STOP_SECONDS / $POLL_SECONDS) }")
	while [ "$tries" -gt 0 ]; do
		# Done when its size stops changing.
		if [ -f "$1" ] && [ "$(stat -c %s "$1")" -eq "$size" ] && [ "$size" -gt 0 ]; then
			return 0
		fi
		[ -f "$1" ] && size=$(stat -c %s "$1")
		kill -0 "$RUN_PID" 2>/dev/null || break
		sleep "$POLL_SECONDS"
		tries=$((tries - 1))
	done
	return 1
}

# Stops the guest and saves the VGA text buffer (VGA_TEXT_BYTES long: the
# caller sets it, tests/boot/run.sh from tests/boot/constants); the screen
# as text goes to DIR/vga.txt. Returns 1 when QEMU wrote no dump.
qemu_vga() {
	qemu_pmemsave "$VGA_TEXT_ADDR" "${VGA_TEXT_BYTES:?}" "$RUN_DIR/vga.bin" || return 1
	"$VGADUMP" "$RUN_DIR/vga.bin" > "$RUN_DIR/vga.txt"
}

# Quits QEMU through the monitor, or kills it (the `timeout` process we
# started, which passes the signal on) when it does not go.
qemu_stop() {
	local tries
	if kill -0 "$RUN_PID" 2>/dev/null; then
		qemu_monitor quit
		tries=$(awk "BEGIN { print int($STOP_SECONDS / $POLL_SECONDS) }")
		while [ "$tries" -gt 0 ] && kill -0 "$RUN_PID" 2>/dev/null; do
			sleep "$POLL_SECONDS"
			tries=$((tries - 1))
		done
		kill "$RUN_PID" 2>/dev/null
	fi
	wait "$RUN_PID" 2>/dev/null
	local status=$?
	[ -n "$RUN_STATUS" ] || RUN_STATUS=$status
	# The monitor echoes keystrokes with cursor moves: keep each line's last form.
	dd if="$RUN_DIR/monitor.out" iflag=nonblock status=none 2>/dev/null |
		sed -e 's/.*\x1b\[D//' -e 's/\x1b\[K//g' > "$RUN_DIR/monitor.log"
	exec {MON_IN}>&- {MON_OUT}>&-
	rm -f "$RUN_DIR/monitor.in" "$RUN_DIR/monitor.out"
}

# --- Bochs

# Bochs 2.7 as Debian builds it has no `nogui` display and has its debugger
# compiled in: it runs with the `term` display on a pseudo-terminal that
# `script` provides, and tests/boot/bochs-test.rc tells the debugger to go.
# Its serial port writes DIR/serial.log; its own log is DIR/bochs.log.
bochs_start() {
	local secs=$2 image=$3 rc=${4:-tests/boot/bochs-test.rc}
	RUN_DIR=$1
	: > "$RUN_DIR/serial.log"
	sed -e "s|@IMAGE@|$(absolute "$image")|" -e "s|@SERIAL@|$(absolute "$RUN_DIR/serial.log")|" \
		-e "s|@LOG@|$(absolute "$RUN_DIR/bochs.log")|" tests/boot/bochsrc.test > "$RUN_DIR/bochsrc"
	local cmd=(timeout -k "$STOP_SECONDS" "$secs" script -qec
		"$BOCHS -q -unlock -f $RUN_DIR/bochsrc -rc $rc" /dev/null)
	printf '%q ' "${cmd[@]}" > "$RUN_DIR/command"
	echo >> "$RUN_DIR/command"
	RUN_LOG=$RUN_DIR/bochs-screen.log
	TERM=${TERM:-xterm} "${cmd[@]}" > "$RUN_LOG" 2>&1 < /dev/null &
	RUN_PID=$!
	RUN_STATUS=
}

bochs_wait() { run_wait "$@"; }

# Kills PID and every process below it, children first.
kill_tree() {
	local child
	for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		kill_tree "$child"
	done
	kill -KILL "$1" 2>/dev/null
}

# bochs-bin runs in a session of its own under `script` and ignores
# SIGTERM: everything under the timeout that started it is killed.
bochs_stop() {
	kill_tree "$RUN_PID"
	wait "$RUN_PID" 2>/dev/null
	local status=$?
	[ -n "$RUN_STATUS" ] || RUN_STATUS=$status
}

# --- the serial log

# The serial log without carriage returns and with anything unprintable
# shown as '?', so it greps as text.
serial_text() {
	tr -d '\r' < "$RUN_DIR/serial.log" | tr -c '\n\t -~' '?'
}

serial_has() {
	serial_text | grep -Eq -- "$1"
}

serial_count() {
	serial_text | grep -Ec -- "$1"
}

# The last N non-blank lines of the serial log on one line, " | " between.
serial_tail() {
	local n=${1:-3} text
	text=$(serial_text | grep -v '^[[:space:]]*$' | tail -n "$n" | cut -c1-160 |
		sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/ | /g')
	if [ -z "$text" ]; then
		echo "serial log empty"
	else
		echo "serial ends: $text"
	fi
}

# The emulator's last word: QEMU's last line, or why Bochs gave up.
emulator_message() {
	local why
	why=$(tr -d '\r' < "$RUN_LOG" 2>/dev/null | grep -A1 'exiting with the following message' | tail -n 1)
	[ -n "$why" ] || why=$(tr -d '\r' < "$RUN_LOG" 2>/dev/null | grep -v '^[[:space:]]*$' | tail -n 1)
	printf '%s' "$why" | tr -c '\n -~' '?' | cut -c1-200
}

# How the emulator ended, in words.
describe_status() {
	case $1 in
	"$TIMEOUT_STATUS") echo "no result within the timeout" ;;
	"$QEMU_EXIT_PASS") echo "QEMU exited $1 (kernel reported success)" ;;
	"$QEMU_EXIT_FAIL") echo "QEMU exited $1 (kernel reported failure)" ;;
	0) echo "the machine shut down or reset (exit 0 with -no-reboot)" ;;
	*) echo "emulator exited $1 ($(emulator_message))" ;;
	esac
}

# --- case tables: one case a line, columns between '|', '#' comments

trim() {
	local s=$1
	s=${s#"${s%%[![:space:]]*}"}
	printf '%s' "${s%"${s##*[![:space:]]}"}"
}

case_rows() {
	printf '%s\n' "$CASES_TABLE" | grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$'
}

case_names() {
	local name rest
	case_rows | while IFS='|' read -r name rest; do
		trim "$name"
		echo
	done
}

# --- running a suite's cases

# run_cases SCRIPT JOBS: runs `bash SCRIPT --one NAME` for each name on
# stdin, JOBS at a time; each writes its result line to $OUT/NAME/result.
run_cases() {
	xargs -r -P "$2" -I{} bash "$1" --one {}
}

# print_results SUITE NAME...: each case's result line, in the order
# given ("FAIL SUITE/NAME" when its run wrote none); returns 1 unless
# every one is a PASS.
print_results() {
	local suite=$1 n status=0
	shift
	for n in "$@"; do
		if [ -s "$OUT/$n/result" ]; then
			cat "$OUT/$n/result"
			grep -q '^PASS' "$OUT/$n/result" || status=1
		else
			echo "FAIL $suite/$n: the harness wrote no result (see $OUT/$n/)"
			status=1
		fi
	done
	return $status
}
