#!/bin/sh
# make bench: paired boot-time comparisons of longboot against reference
# MBRs under QEMU (docs/performance.md). Run from the repo root after the
# images in bench/rules.mk are built. Prints a table, writes it to
# build/bench/results.txt, and exits 1 when any boot failed (or, with
# BENCH_STRICT=1, when a target is missed).
#
# Each comparison boots image A and image B in turn, alternating which goes
# first, BENCH_RUNS times (fewer for 64 MiB loads); the figures are medians
# of those runs and the ratio is the median of the per-pair ratios, so load
# from other processes on the machine hits both sides alike. Wall time is
# the measure; the same ratio of QEMU's CPU time (user + system, all
# threads) is shown beside it, since it leaves out time spent waiting for a
# core.
cd "$(dirname "$0")/.." || exit 1

B=build/bench
W=$B/run
QEMU=${QEMU:-qemu-system-x86_64}
RUNS=${BENCH_RUNS:-31}
BIG_RUNS=${BENCH_BIG_RUNS:-9}
IDE_BIG_RUNS=${BENCH_IDE_BIG_RUNS:-5}
REPORT_RUNS=5  # boots that report the loader's own time (one for 64 MiB on ide)
SPAN_RUNS=3    # time-stamped traces of each 64 MiB read path
STRICT=${BENCH_STRICT:-0}
PAYLOAD_MIB=${PAYLOAD_MIB:-64}
DEBUG_MIB=${DEBUG_MIB:-100}
SHORT_TIMEOUT=20
LONG_TIMEOUT=120
QEMU_EXIT_SUCCESS=33  # isa-debug-exit, value 0x10
QEMU_EXIT_FAILURE=35  # value 0x11: the bench kernel found something wrong
TIMEOUT_STATUS=124
LARGE_READ=16384      # bytes: a read of the chunked 64 MiB load, not a single sector

# Targets (the speed issue): ratios, bytes.
T_TINY_IDE=1.10
T_BIG_AHCI=1.50
T_BIG_VIRTIO=1.50
T_BIG_IDE=1.10
T_DEBUG=1.05         # "as fast", when the two images differ at all
T_LINUX_AHCI=1.05    # Linux to init, against QEMU's own -kernel
T_INITRD_AHCI=1.50   # a 64 MiB initrd, against the raw reader
T_UEFI_TINY=1.10     # UEFI: the tiny kernel, against an EFI application that exits at once
T_UEFI_BIG=1.30      # UEFI: the 64 MiB kernel, against a raw Block I/O reader
UEFI_RUNS=${BENCH_UEFI_RUNS:-11}
UEFI_BIG_RUNS=${BENCH_UEFI_BIG_RUNS:-7}
LINUX_RUNS=${BENCH_LINUX_RUNS:-5}
LINUX_MEM=512M
# The stage2 area stage1 reads: its sectors after the header (include/layout.h).
T_STAGE2=$((($(sed -n 's/^%define LB_STAGE1_READ_SECTORS *//p' build/layout.inc) - 1) * 512))
T_TINY_READ=65536

rm -rf "$W"
mkdir -p "$W"
results=$B/results.txt
failures=0

say() { echo "$*" >&2; }

# qemu_args BUS IMAGE SERIAL_LOG: IMAGE "-" is no disk at all.
qemu_args() {
	drive=
	case $1 in
	ide)    machine=pc if=ide ;;
	# q35's "ide" interface is its ICH9 AHCI controller.
	ahci)   machine=q35 if=ide ;;
	virtio) machine=pc if=virtio ;;
	*)      say "bench: unknown bus $1"; return 1 ;;
	esac
	[ "$2" = - ] || drive="-drive format=raw,if=$if,file=$2"
	echo "-M $machine $drive"
	echo "-display none -nic none -serial file:$3 -device isa-debug-exit,iobase=0xf4,iosize=0x04"
}

# uefi_args BUS: the firmware arguments that make a boot() a UEFI boot:
# OVMF's single image with its variables in RAM, the same state every boot
# and the quickest (tools/ovmf.sh --rom; else a flash store per bus, kept
# across runs), and 512 MiB (OVMF cannot allocate 64 MiB in one piece from
# the default 128M). qemu_args already passes -nic none.
uefi_args() {
	sh tools/ovmf.sh --rom "$W/ovmf-vars-$1.fd" | tr '\n' ' '
	echo "-m 512M"
}

# boot NAME BUS IMAGE TIMEOUT [QEMU ARGS...]: one boot; sets $wall_ns and
# $cpu_ns and, when QEMU did not exit with status 33, $why. Returns 0 on
# success.
boot() {
	b_log=$W/$1.$2.serial b_err=$W/$1.$2.stderr b_bus=$2 b_img=$3 b_limit=$4
	shift 4
	rm -f "$W/time"
	# shellcheck disable=SC2046 # word splitting of the argument list is meant
	"$B/timeit" "$W/time" timeout -k 2 "$b_limit" \
		$QEMU $(qemu_args "$b_bus" "$b_img" "$b_log") "$@" >/dev/null 2>"$b_err"
	status=$?
	wall_ns=nan cpu_ns=nan
	[ -s "$W/time" ] && read -r status wall_ns cpu_ns < "$W/time"
	[ "$status" -eq "${OK_STATUS:-$QEMU_EXIT_SUCCESS}" ] && return 0
	case $status in
	"$TIMEOUT_STATUS") why="no exit within ${b_limit}s" ;;
	"$QEMU_EXIT_FAILURE") why="the bench kernel reported a bad boot" ;;
	*) why="QEMU exited with status $status: $(head -n 1 "$b_err")" ;;
	esac
	b_line=$(grep -a -m 1 'longboot: error: ' "$b_log" 2>/dev/null)
	[ -n "$b_line" ] && why="$why; serial: $b_line"
	return 1
}

fail() {
	say "bench: FAILED: $*"
	echo "$*" >> "$W/failures"
	failures=$((failures + 1))
}

median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) print "nan";
		else if (NR % 2) print v[(NR + 1) / 2];
		else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# paired ID BUS A_NAME A_IMAGE B_NAME B_IMAGE PAIRS TIMEOUT: alternating
# boots; writes $W/ID.a and $W/ID.b, one line "wall_ns cpu_ns" per run.
# $A_ARGS and $B_ARGS are more QEMU arguments for each side. Returns 1 on
# a failed boot.
paired() {
	id=$1 pbus=$2 an=$3 ai=$4 bn=$5 bi=$6 pairs=$7 plimit=$8
	: > "$W/$id.a"
	: > "$W/$id.b"
	say "bench: $pbus: $an vs $bn, $pairs pairs"
	for side in a b; do  # one untimed boot of each: warm caches, check it works
		if [ $side = a ]; then n=$an i=$ai x=${A_ARGS:-}; else n=$bn i=$bi x=${B_ARGS:-}; fi
		# shellcheck disable=SC2086 # the extra arguments are words
		if ! boot "$n" "$pbus" "$i" "$plimit" $x; then
			fail "$id: $n on $pbus: $why"
			return 1
		fi
	done
	k=0
	while [ $k -lt "$pairs" ]; do
		if [ $((k % 2)) -eq 0 ]; then order="a b"; else order="b a"; fi
		for side in $order; do
			if [ $side = a ]; then n=$an i=$ai x=${A_ARGS:-}; else n=$bn i=$bi x=${B_ARGS:-}; fi
			# shellcheck disable=SC2086 # the extra arguments are words
			if ! boot "$n" "$pbus" "$i" "$plimit" $x; then
				fail "$id: $n on $pbus: $why"
				return 1
			fi
			echo "$wall_ns $cpu_ns" >> "$W/$id.$side"
		done
		k=$((k + 1))
	done
}

# ms ID SIDE: median wall time of one side in ms; ratio ID [COLUMN]:
# median of the per-pair ratios B/A of wall (or, with column 2, CPU) time;
# extra ID: median of the per-pair differences B - A in ms.
ms() { awk '{ print $1 }' "$W/$1.$2" | median | awk '{ printf "%.1f", $1 / 1e6 }'; }
ratio() {
	paste "$W/$1.a" "$W/$1.b" | awk -v c="${2:-1}" '{ print $(c + 2) / $c }' |
		median | awk '{ printf "%.2f", $1 }'
}
extra() {
	paste "$W/$1.a" "$W/$1.b" | awk '{ print $3 - $1 }' | median | awk '{ printf "%.1f", $1 / 1e6 }'
}

# traced NAME BUS IMAGE TIMEOUT [RUNS]: boots with QEMU tracing every block
# read, time-stamped ("PID@SECONDS:blk_co_preadv ... bytes N ..."); sets
# $reads and $bytes, and $span: how long the guest takes per PAYLOAD_MIB
# from one large BIOS read (a multi-sector chunk) to the next, BIOS call
# included. A virtio call reaches the disk as two requests of 32 KiB, so
# there a step spans two requests. It is the median over every step of
# RUNS boots (default 1): a pause of the whole QEMU process moves it little,
# and QEMU's start-up is not in it.
traced() {
	reads=nan bytes=nan span=nan span10=nan
	trace=$W/$1.$2.trace
	: > "$W/$1.$2.rates"
	r=0
	while [ $r -lt "${5:-1}" ]; do
		if ! boot "$1" "$2" "$3" "$4" -msg timestamp=on -trace blk_co_preadv -D "$trace"; then
			fail "bytes read: $1 on $2: $why"
			return 1
		fi
		awk -v large=$LARGE_READ -v rates="$W/$1.$2.rates" '
			/blk_co_preadv/ {
				for (i = 1; i < NF; i++) if ($i == "bytes") by = $(i + 1)
				n++; b += by
				if (by < large) next
				split($1, at, "@"); k++; t[k] = at[2] + 0; s[k] = by
				if (by <= 2 * large) half++
			}
			END {
				step = half * 2 > k ? 2 : 1
				for (i = 1; i + step <= k; i += step) {
					got = 0
					for (j = i; j < i + step; j++) got += s[j]
					print (t[i + step] - t[i]) / got >> rates
				}
				print n + 0, b + 0
			}' "$trace" > "$W/trace.sum"
		read -r reads bytes < "$W/trace.sum"
		r=$((r + 1))
	done
	span=$(median < "$W/$1.$2.rates" |
		awk -v p=$((PAYLOAD_MIB * 1048576)) '{ printf($1 == "nan" ? "nan" : "%.1f", $1 * p * 1000) }')
	span10=$(sort -g "$W/$1.$2.rates" | awk -v p=$((PAYLOAD_MIB * 1048576)) '{ v[NR] = $1 }
		END { if (NR) printf "%.1f", v[int(NR / 10) + 1] * p * 1000; else print "nan" }')
}

# reported NAME BUS IMAGE TIMEOUT RUNS: boots a "report" image RUNS times
# ($R_ARGS: more QEMU arguments); sets $loader_ms, the median of the
# loader's TSC span from its start (stage2 entry, or the EFI application's)
# to kernel entry. Returns 1 on a failed boot.
reported() {
	loader_ms=nan
	: > "$W/$1.$2.tsc"
	r=0
	while [ $r -lt "$5" ]; do
		# shellcheck disable=SC2086 # the extra arguments are words
		if ! boot "$1" "$2" "$3" "$4" ${R_ARGS:-}; then
			fail "$1 on $2: $why"
			return 1
		fi
		tsc=$(grep -a -m 1 '^bench: loader-tsc ' "$W/$1.$2.serial" | awk '{ print $3 }')
		if [ -z "$tsc" ]; then
			fail "$1 on $2: no loader-tsc line on COM1"
			return 1
		fi
		echo "$tsc" >> "$W/$1.$2.tsc"
		r=$((r + 1))
	done
	if [ "$tsc_hz" -gt 0 ]; then
		loader_ms=$(median < "$W/$1.$2.tsc" | awk -v hz="$tsc_hz" '{ printf "%.1f", $1 * 1000 / hz }')
	fi
}

# meets VALUE LIMIT: "met" or "MISSED" (or "n/a" when not measured)
meets() {
	awk -v v="$1" -v l="$2" 'BEGIN {
		if (v == "nan" || v == "") print "n/a"; else print (v + 0 <= l + 0) ? "met" : "MISSED" }'
}

sub() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan") print "nan"; else printf "%.1f", a - b }'; }

# compare ID BUS A_NAME A_IMAGE B_NAME B_IMAGE PAIRS TIMEOUT: a paired
# comparison; sets ID_a, ID_b (median wall ms), ID_r (ratio), ID_cr (CPU
# time ratio), ID_x (extra ms), all "nan" when a boot failed.
compare() {
	c_id=$(echo "$1" | tr - _)
	if paired "$@"; then
		eval "${c_id}_a=$(ms "$1" a) ${c_id}_b=$(ms "$1" b) ${c_id}_x=$(extra "$1")"
		eval "${c_id}_r=$(ratio "$1") ${c_id}_cr=$(ratio "$1" 2)"
	else
		eval "${c_id}_a=nan ${c_id}_b=nan ${c_id}_x=nan ${c_id}_r=nan ${c_id}_cr=nan"
	fi
}

tsc_hz=$("$B/tsc-hz")
for bus in ide ahci virtio; do
	compare "tiny-$bus" $bus floor $B/floor.img longboot $B/tiny.img "$RUNS" $SHORT_TIMEOUT

	# The payload must arrive whole before its load time means anything.
	say "bench: $bus: verifying the $PAYLOAD_MIB MiB payload"
	if [ $bus = ide ]; then n=1; else n=$REPORT_RUNS; fi
	if reported big-verify $bus $B/big-verify.img $LONG_TIMEOUT $n; then
		grep -aq '^bench: payload intact' "$W/big-verify.$bus.serial" ||
			fail "big-verify on $bus: the kernel did not confirm its payload"
	fi
	eval "big_loader_ms_$bus=$loader_ms"
	if [ $bus = ide ]; then pairs=$IDE_BIG_RUNS; else pairs=$BIG_RUNS; fi
	compare "big-$bus" $bus reader $B/reader.img longboot $B/big.img "$pairs" $LONG_TIMEOUT

	reported tiny-report $bus $B/tiny-report.img $SHORT_TIMEOUT $REPORT_RUNS
	eval "tiny_loader_ms_$bus=$loader_ms"
	for img in floor tiny; do
		traced $img $bus $B/$img.img $SHORT_TIMEOUT
		eval "${img}_reads_$bus=$reads ${img}_bytes_$bus=$bytes"
	done
done

# Linux to its init (which powers the machine off: QEMU exits 0), from disk
# against QEMU's own -kernel/-initrd with the same kernel, initramfs and
# command line, on q35/AHCI and on pc/IDE, where the BIOS's PIO reads bound
# what any loader can do.
if [ -f "${LINUX_KERNEL:-}" ]; then
	for bus in ahci ide; do
		OK_STATUS=0 A_ARGS="-m $LINUX_MEM -kernel $LINUX_KERNEL -initrd $LINUX_INITRD -append $LINUX_CMDLINE" \
			B_ARGS="-m $LINUX_MEM" compare "linux-$bus" $bus qemu-kernel - longboot \
			$B/linux.img "$LINUX_RUNS" $LONG_TIMEOUT
	done
	linux_bytes=$(($(wc -c < "$LINUX_KERNEL") + $(wc -c < "$LINUX_INITRD")))
else
	fail "linux: no kernel at '${LINUX_KERNEL:-}' (make linux-inputs)"
fi
compare "initrd-ahci" ahci reader $B/reader.img longboot $B/initrd.img "$BIG_RUNS" $LONG_TIMEOUT

# A VBE mode set: the tiny kernel in text mode against the same kernel in
# a 1024x768x32 framebuffer (stage2 then also reads its tail).
compare "video-ide" ide text $B/tiny.img 1024x768x32 $B/tiny-video.img "$RUNS" $SHORT_TIMEOUT

# UEFI under OVMF: the tiny kernel against floor.efi, which ends QEMU the
# moment the firmware starts it from the same ESP, and the 64 MiB kernel
# against reader.efi, which reads and sums the same extent through the
# disk's Block I/O in 1 MiB calls; and the loader's own time inside.
for bus in ahci ide; do
	uargs=$(uefi_args $bus)
	A_ARGS=$uargs B_ARGS=$uargs compare "uefi-tiny-$bus" $bus floor.efi $B/uefi-floor.img longboot \
		$B/tiny.img "$UEFI_RUNS" $LONG_TIMEOUT
	R_ARGS=$uargs reported uefi-tiny-report $bus $B/tiny-report.img $LONG_TIMEOUT $REPORT_RUNS
	eval "uefi_tiny_loader_ms_$bus=$loader_ms"
done
for bus in ahci virtio; do
	uargs=$(uefi_args $bus)
	A_ARGS=$uargs B_ARGS=$uargs compare "uefi-big-$bus" $bus reader.efi $B/uefi-reader.img longboot \
		$B/big.img "$UEFI_BIG_RUNS" $LONG_TIMEOUT
done

# When mkimage leaves the debug sections out, the two images are the same
# bytes and this comparison measures nothing but the noise of the method.
compare debug ide stripped $B/stripped.img unstripped $B/unstripped.img "$RUNS" $SHORT_TIMEOUT
if cmp -s $B/stripped.img $B/unstripped.img; then debug_same=identical; else debug_same=different; fi
for img in stripped unstripped; do
	traced $img ide $B/$img.img $SHORT_TIMEOUT
	eval "${img}_reads=$reads ${img}_bytes=$bytes"
done
for bus in ahci virtio; do
	for img in reader big; do
		traced $img $bus $B/$img.img $LONG_TIMEOUT $SPAN_RUNS
		eval "${img}_reads_$bus=$reads ${img}_bytes_$bus=$bytes"
		eval "${img}_span_$bus=$span ${img}_span10_$bus=$span10"
	done
done

stage2_bytes=$(wc -c < build/stage2.bin)
# The head stage1 reads: the stage2 id's head_sectors (struct lb_stage2_id at byte 2).
stage2_head_bytes=$(($(od -An -tu2 -j6 -N2 build/stage2.bin | tr -d ' ') * 512))
tiny_read_max=$(printf '%s\n' "$tiny_bytes_ide" "$tiny_bytes_ahci" "$tiny_bytes_virtio" |
	awk '$1 == "nan" { bad = 1 } $1 > m { m = $1 } END { print bad ? "nan" : m }')

row() { printf '  %-7s %10s %12s %7s %9s %9s\n' "$@"; }
# target TEXT VALUE LIMIT [UNIT]
target() { printf '  %-46s %8s  %s\n' "$1" "$2$4" "$(meets "$2" "$3")"; }
{
	echo "longboot bench: $($QEMU --version | head -n 1), TCG"
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "medians of paired runs in alternating order; ratio = median of per-pair ratios"
	echo "(wall time; cpu = the same ratio of QEMU's user + system time)"
	echo
	echo "Boot to kernel: tiny kernel vs floor MBR ($RUNS pairs)"
	row bus "floor ms" "longboot ms" ratio "cpu" "extra ms"
	for bus in ide ahci virtio; do
		eval "row $bus \$tiny_${bus}_a \$tiny_${bus}_b \${tiny_${bus}_r}x \${tiny_${bus}_cr}x \$tiny_${bus}_x"
	done
	echo
	echo "$PAYLOAD_MIB MiB kernel vs raw INT 13h reader, 128 sectors a call ($BIG_RUNS pairs, ide $IDE_BIG_RUNS)"
	row bus "reader ms" "longboot ms" ratio "cpu" "extra ms"
	for bus in ide ahci virtio; do
		eval "row $bus \$big_${bus}_a \$big_${bus}_b \${big_${bus}_r}x \${big_${bus}_cr}x \$big_${bus}_x"
	done
	echo
	echo "Tiny kernel with $DEBUG_MIB MiB of debug sections vs stripped, ide ($RUNS pairs; disk images $debug_same)"
	row "" "stripped ms" "unstripped" ratio "cpu" "extra ms"
	row "" "$debug_a" "$debug_b" "${debug_r}x" "${debug_cr}x" "$debug_x"
	echo
	echo "Read from disk (QEMU trace event blk_co_preadv; QEMU itself reads sector 0 once)"
	printf '  %-11s %-7s %7s %10s\n' image bus reads bytes
	for bus in ide ahci virtio; do
		for img in floor tiny; do
			eval "printf '  %-11s %-7s %7s %10s\n' $img $bus \$${img}_reads_$bus \$${img}_bytes_$bus"
		done
	done
	printf '  %-11s %-7s %7s %10s\n' stripped ide "$stripped_reads" "$stripped_bytes" \
		unstripped ide "$unstripped_reads" "$unstripped_bytes" \
		reader ahci "$reader_reads_ahci" "$reader_bytes_ahci" big ahci "$big_reads_ahci" "$big_bytes_ahci"
	echo
	echo "Read path: ms per $PAYLOAD_MIB MiB at the pace from one BIOS read call to the next, median"
	echo "and 10th percentile (time-stamped block trace over $SPAN_RUNS boots; no QEMU or BIOS start-up)"
	printf '  %-7s %10s %10s %8s %12s %12s %8s\n' bus "reader" longboot extra "reader p10" "longboot p10" extra
	for bus in ahci virtio; do
		eval "printf '  %-7s %10s %10s %8s %12s %12s %8s\n' $bus \$reader_span_$bus \$big_span_$bus \
			\$(sub \$big_span_$bus \$reader_span_$bus) \$reader_span10_$bus \$big_span10_$bus \
			\$(sub \$big_span10_$bus \$reader_span10_$bus)"
	done
	echo
	echo "Inside the loader, stage2 entry to kernel entry (guest TSC at $tsc_hz Hz)"
	echo "medians of $REPORT_RUNS boots (64 MiB on ide: one); last column from the paired runs above"
	printf '  %-7s %9s %13s %19s\n' bus "tiny ms" "$PAYLOAD_MIB MiB ms" "reader-floor ms"
	for bus in ide ahci virtio; do
		eval "printf '  %-7s %9s %13s %19s\n' $bus \$tiny_loader_ms_$bus \$big_loader_ms_$bus \
			\$(sub \$big_${bus}_a \$tiny_${bus}_a)"
	done
	echo
	echo "stage2: $stage2_bytes bytes, of which stage1 reads the head, $stage2_head_bytes"
	echo
	echo "Linux to its init, $LINUX_MEM (Debian's kernel and the test initramfs, $linux_bytes bytes, command line '$LINUX_CMDLINE'),"
	echo "median wall ms of $LINUX_RUNS pairs; and a $PAYLOAD_MIB MiB initrd behind a stub kernel against the reader"
	row bus "QEMU -kernel" longboot ratio "cpu ratio" "extra ms"
	for bus in ahci ide; do
		eval "row $bus \$linux_${bus}_a \$linux_${bus}_b \$linux_${bus}_r \$linux_${bus}_cr \$linux_${bus}_x"
	done
	row initrd "$initrd_ahci_a" "$initrd_ahci_b" "$initrd_ahci_r" "$initrd_ahci_cr" "$initrd_ahci_x"
	echo "  (on ide the BIOS reads by port I/O, about 5 MiB/s here: reading the $linux_bytes bytes bounds longboot's extra time)"
	echo
	echo "A mode set: the tiny kernel in text mode and in 1024x768x32, ide ($RUNS pairs)"
	row "" text 1024x768x32 ratio "cpu ratio" "extra ms"
	row ide "$video_ide_a" "$video_ide_b" "$video_ide_r" "$video_ide_cr" "$video_ide_x"
	echo
	echo "UEFI (OVMF, -m 512M): tiny kernel vs floor.efi ($UEFI_RUNS pairs); $PAYLOAD_MIB MiB kernel vs reader.efi ($UEFI_BIG_RUNS pairs)"
	row bus "floor ms" "longboot ms" ratio "cpu" "extra ms"
	for bus in ahci ide; do
		eval "row $bus \$uefi_tiny_${bus}_a \$uefi_tiny_${bus}_b \${uefi_tiny_${bus}_r}x \${uefi_tiny_${bus}_cr}x \$uefi_tiny_${bus}_x"
	done
	row bus "reader ms" "longboot ms" ratio "cpu" "extra ms"
	for bus in ahci virtio; do
		eval "row $bus \$uefi_big_${bus}_a \$uefi_big_${bus}_b \${uefi_big_${bus}_r}x \${uefi_big_${bus}_cr}x \$uefi_big_${bus}_x"
	done
	echo "  the EFI loader's own time, efi_main to kernel entry (median of $REPORT_RUNS): ahci ${uefi_tiny_loader_ms_ahci} ms, ide ${uefi_tiny_loader_ms_ide} ms"
	echo
	echo "Targets"
	target "tiny kernel <= ${T_TINY_IDE}x the floor on ide" "$tiny_ide_r" $T_TINY_IDE x
	target "$PAYLOAD_MIB MiB kernel <= ${T_BIG_AHCI}x the reader on ahci" "$big_ahci_r" $T_BIG_AHCI x
	target "$PAYLOAD_MIB MiB kernel <= ${T_BIG_VIRTIO}x the reader on virtio" "$big_virtio_r" $T_BIG_VIRTIO x
	target "$PAYLOAD_MIB MiB kernel <= ${T_BIG_IDE}x the reader on ide" "$big_ide_r" $T_BIG_IDE x
	if [ "$debug_same" = identical ]; then
		printf '  %-46s %8s  %s\n' "unstripped boots as fast as stripped" "same img" met
	else
		target "unstripped <= ${T_DEBUG}x stripped" "$debug_r" $T_DEBUG x
	fi
	target "Linux to init <= ${T_LINUX_AHCI}x QEMU's -kernel on ahci" "$linux_ahci_r" $T_LINUX_AHCI x
	target "$PAYLOAD_MIB MiB initrd <= ${T_INITRD_AHCI}x the reader on ahci" "$initrd_ahci_r" $T_INITRD_AHCI x
	target "UEFI: tiny kernel <= ${T_UEFI_TINY}x floor.efi on ahci" "$uefi_tiny_ahci_r" $T_UEFI_TINY x
	target "UEFI: tiny kernel <= ${T_UEFI_TINY}x floor.efi on ide" "$uefi_tiny_ide_r" $T_UEFI_TINY x
	target "UEFI: $PAYLOAD_MIB MiB kernel <= ${T_UEFI_BIG}x reader.efi on ahci" "$uefi_big_ahci_r" $T_UEFI_BIG x
	target "UEFI: $PAYLOAD_MIB MiB kernel <= ${T_UEFI_BIG}x reader.efi on virtio" "$uefi_big_virtio_r" $T_UEFI_BIG x
	target "stage2's head <= $T_STAGE2 bytes (the stage2 area)" "$stage2_head_bytes" $T_STAGE2
	target "tiny kernel reads < $T_TINY_READ bytes, worst bus" "$tiny_read_max" $((T_TINY_READ - 1))
	if [ -s "$W/failures" ]; then
		echo
		echo "Failed boots"
		sed 's/^/  /' "$W/failures"
	fi
} > "$results"

cat "$results"
[ "$failures" -eq 0 ] || exit 1
if [ "$STRICT" = 1 ] && grep -Eq '(MISSED|n/a)$' "$results"; then
	exit 1
fi
exit 0
