#!/bin/sh
# Runs the unit test programs built by tests/unit/rules.mk. Each prints its
# own PASS/FAIL lines; a program that is missing or dies (a sanitizer
# report, a crash) adds a FAIL line of its own.
cd "$(dirname "$0")/../.." || exit 1
dir=build/test/unit
status=0
for suite in checksum elf memmap paging image; do
	bin=$dir/test_$suite
	if [ ! -x "$bin" ]; then
		echo "FAIL unit/$suite: $bin is not built (make $bin)"
		status=1
		continue
	fi
	out=$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 timeout 60 "$bin" 2>"$dir/$suite.stderr")
	rc=$?
	printf '%s\n' "$out"
	if [ $rc -ne 0 ]; then
		status=1
		if ! printf '%s\n' "$out" | grep -q '^FAIL'; then
			reason=$(grep -m1 -E 'ERROR|runtime error' "$dir/$suite.stderr")
			echo "FAIL unit/$suite: exited with status $rc${reason:+: $reason}"
		fi
	fi
done
exit $status
