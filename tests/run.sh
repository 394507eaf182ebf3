#!/bin/sh
# Runs every suite's tests/<suite>/run.sh, shows its PASS/FAIL lines, and
# ends with one line "N passed, M failed". Exit status 1 when anything failed.
cd "$(dirname "$0")/.." || exit 1
log=build/test/results.txt
mkdir -p build/test
: > "$log"
for suite in unit mkimage boot quirks; do
	[ -f "tests/$suite/run.sh" ] || continue
	echo "== $suite"
	sh "tests/$suite/run.sh" 2>&1 | tee -a "$log" | grep -E '^(PASS|FAIL)' || true
done
passed=$(grep -c '^PASS' "$log")
failed=$(grep -c '^FAIL' "$log")
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
	echo "FAIL no tests ran"
	failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
