#!/bin/sh
# Runs the unit test programs built by tests/unit/rules.mk (one per
# tests/unit/test_*.c). The plan is the sum of what each program lists
# with UNIT_LIST=1; each then prints its own PASS/FAIL lines, and a program
# that is missing or dies (a sanitizer report, a crash) adds a FAIL line
# of its own, which the plan counts as one more result.
cd "$(dirname "$0")/../.." || exit 1
dir=build/test/unit
suites=$(ls tests/unit/test_*.c | sed 's|.*/test_||; s|\.c$||')
plan=0
for suite in $suites; do
	n=$(UNIT_LIST=1 "$dir/test_$suite" 2>/dev/null | grep -c '^CASE ')
	plan=$((plan + ${n:-0} + 1))
done
echo "PLAN $plan"
status=0
for suite in $suites; do
	bin=$dir/test_$suite
	if [ ! -x "$bin" ]; then
		echo "FAIL unit/$suite: $bin is not built (make $bin)"
		status=1
		continue
	fi
	out=$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 timeout 60 "$bin" 2>"$dir/$suite.stderr")
	rc=$?
	printf '%s\n' "$out"
	if [ $rc -eq 0 ]; then
		echo "PASS unit/$suite: exited 0"
	else
		status=1
		reason=$(grep -m1 -E 'ERROR|runtime error' "$dir/$suite.stderr")
		echo "FAIL unit/$suite: exited with status $rc${reason:+: $reason}"
	fi
done
exit $status
