#!/bin/sh
# The libFuzzer targets: each tests/fuzz/fuzz_<target>.c, built by
# tests/fuzz/rules.mk as build/test/fuzz/fuzz_<target>, runs for a bounded
# time over its seeds (build/test/fuzz/seed_<target>), all targets at once.
# A crash, a sanitizer report, a leak, a slow or an out-of-memory input
# fails the target, naming the input libFuzzer saved for it.
#
#   tests/fuzz/run.sh                    FUZZ_CHECK_SECONDS (10) s each;
#                                        new inputs are thrown away (make check)
#   tests/fuzz/run.sh --seconds N --keep N s each; new inputs stay in
#                                        build/test/fuzz/corpus_<target> (make fuzz)
#
# Prints "PLAN <n>" (one result per target), then "PASS fuzz/<target>: ..."
# or "FAIL fuzz/<target>: reason"; exits 1 when one failed. Without clang
# (FUZZ_CC) every target fails: make test installs it.
#   FUZZ_MAX_LEN   the longest input tried (8192 bytes)
cd "$(dirname "$0")/../.." || exit 1
OUT=build/test/fuzz
FUZZ_CC=${FUZZ_CC:-clang}
MAX_LEN=${FUZZ_MAX_LEN:-8192}
INPUT_SECONDS=10        # one input taking longer is a failure ("timeout")
GRACE_SECONDS=60        # for loading the corpus and writing the report
RUN_SECONDS=${FUZZ_CHECK_SECONDS:-10}
KEEP=no

usage() {
	echo "usage: tests/fuzz/run.sh [--seconds N] [--keep]" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) [ $# -ge 2 ] || usage; RUN_SECONDS=$2; shift 2 ;;
	--keep) KEEP=yes; shift ;;
	*) usage ;;
	esac
done
case $RUN_SECONDS in
'' | *[!0-9]*) echo "tests/fuzz/run.sh: seconds '$RUN_SECONDS' is not a number" >&2; exit 2 ;;
esac

targets=$(ls tests/fuzz/fuzz_*.c 2>/dev/null | sed 's|.*/fuzz_||; s|\.c$||')
echo "PLAN $(printf '%s\n' "$targets" | grep -c .)"
mkdir -p "$OUT"

# Runs one target; its result line goes to OUT/<target>.result.
run_target() {
	t=$1
	bin=$OUT/fuzz_$t
	seeds=$OUT/seed_$t
	log=$OUT/$t.log
	result=$OUT/$t.result
	if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
		echo "FAIL fuzz/$t: $FUZZ_CC is not installed (make test installs it: tools/install-deps.sh fuzz)" > "$result"
		return
	fi
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz/$t: $bin is not built (make $bin)" > "$result"
		return
	fi
	if [ -z "$(ls -A "$seeds" 2>/dev/null)" ]; then
		echo "FAIL fuzz/$t: no seeds in $seeds (make $OUT/seeds.stamp)" > "$result"
		return
	fi
	if [ $KEEP = yes ]; then
		corpus=$OUT/corpus_$t
	else
		corpus=$OUT/new_$t
		rm -rf "$corpus"
	fi
	mkdir -p "$corpus"
	limit=$((RUN_SECONDS + GRACE_SECONDS))
	timeout -k 5 "$limit" "$bin" -max_total_time="$RUN_SECONDS" -max_len="$MAX_LEN" \
		-timeout="$INPUT_SECONDS" -print_final_stats=1 -artifact_prefix="$OUT/crash-$t-" \
		"$corpus" "$seeds" > "$log" 2>&1 < /dev/null
	rc=$?
	[ $KEEP = yes ] || rm -rf "$corpus"
	done_line=$(grep -m 1 '^Done [0-9]* runs' "$log")
	artifact=$(sed -n 's/.*Test unit written to \([^ ]*\).*/\1/p' "$log" | tail -n 1)
	# The check that failed: a REQUIRE line, else the sanitizer's summary.
	why=$(grep -m 1 "^fuzz_$t: " "$log" || grep -m 1 '^SUMMARY: ' "$log" || grep -m 1 'ERROR: ' "$log")
	why=$(printf '%s' "$why" | cut -c1-200)
	if [ $rc -eq 0 ] && [ -n "$done_line" ]; then
		echo "PASS fuzz/$t: $done_line" > "$result"
	elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "FAIL fuzz/$t: still running after $limit s ($log)" > "$result"
	elif [ -n "$artifact" ]; then
		echo "FAIL fuzz/$t: crash file $artifact${why:+: $why} (replay: $bin $artifact; log $log)" > "$result"
	else
		echo "FAIL fuzz/$t: exited with status $rc${why:+: $why} ($log)" > "$result"
	fi
}

for t in $targets; do
	rm -f "$OUT/$t.result"
	run_target "$t" &
done
wait

status=0
for t in $targets; do
	if [ -f "$OUT/$t.result" ]; then
		cat "$OUT/$t.result"
	else
		echo "FAIL fuzz/$t: the harness wrote no result ($OUT/$t.log)"
	fi
done > "$OUT/results.txt"
cat "$OUT/results.txt"
grep -q '^FAIL ' "$OUT/results.txt" && status=1
exit $status
