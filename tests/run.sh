#!/bin/sh
# Runs the test suites and ends with one line, "N passed, M failed"; exit
# status 1 when M > 0 (docs/testing.md, "Suites and the protocol").
#
#   tests/run.sh               every suite: each <dir>/<suite>/run.sh
#   tests/run.sh SUITE...      just those
#
# A suite's run.sh prints "PLAN <n>" before any result, then exactly n
# lines that start with "PASS " or "FAIL ", and exits non-zero (1) when
# anything failed. Besides its own results this runner counts one FAIL for
# each way a suite breaks that: it exits with a status other than 0, or 1
# after a FAIL line; it exits 0 after a FAIL line; it prints nothing; it
# prints no PLAN, a malformed one, more than one, or one after a result;
# it prints fewer or more results than planned.
#
# Suites run in the order of the number in <dir>/<suite>/order (50 when
# there is none; quick suites lower), then by name. The runner runs a
# suite's run.sh with sh, stdin from /dev/null, in the top directory; the
# suite's whole output, stderr included, goes to <logs>/<suite>.log, and
# all result lines with the runner's own to <logs>/results.txt.
#
#   LONGBOOT_TESTS_DIR   the directory of suites (default: tests)
#   LONGBOOT_TEST_LOGS   the directory for the logs (default: build/test)
# (tests/runner/run.sh points them at fake suites to test this file.)

absolute() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$PWD" "$1" ;;
	esac
}
SUITES=$(absolute "${LONGBOOT_TESTS_DIR:-$(dirname "$0")}")
cd "$(dirname "$0")/.." || exit 1
LOGS=$(absolute "${LONGBOOT_TEST_LOGS:-build/test}")
DEFAULT_ORDER=50
RESULTS=$LOGS/results.txt
TAIL_LINES=5            # of a broken suite's log, shown under its FAIL lines

mkdir -p "$LOGS" || exit 1
: > "$RESULTS" || exit 1
passed=0
failed=0

# A result line of the runner's own.
runner_fail() {
	echo "FAIL $1" | tee -a "$RESULTS"
	failed=$((failed + 1))
}

# The suites to run, one name a line, in order.
suite_list() {
	for run in "$SUITES"/*/run.sh; do
		[ -f "$run" ] || continue
		dir=${run%/run.sh}
		order=$DEFAULT_ORDER
		if [ -f "$dir/order" ]; then
			order=$(sed -n '1s/^[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$dir/order")
			[ -n "$order" ] || order=$DEFAULT_ORDER
		fi
		echo "$order ${dir##*/}"
	done | sort -k1,1n -k2,2 | cut -d' ' -f2-
}

# Runs one suite, shows its result lines, and checks it kept the protocol.
run_suite() {
	name=$1
	log=$LOGS/$name.log
	echo "== $name (${log#"$PWD"/})"
	start=$(date +%s)
	# The suite's status comes out through fd 3, its results through fd 4.
	exec 4>&1
	status=$(
		{
			{ sh "$SUITES/$name/run.sh" < /dev/null 2>&1 3>&- 4>&-; echo $? >&3; } |
				tee "$log" | grep -E '^(PASS|FAIL) ' >&4
		} 3>&1
	)
	exec 4>&-
	seconds=$(($(date +%s) - start))
	grep -E '^(PASS|FAIL) ' "$log" >> "$RESULTS"

	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	results=$((p + f))
	passed=$((passed + p))
	failed=$((failed + f))
	before=$failed

	plans=$(grep -c '^PLAN' "$log")
	plan_at=$(grep -n '^PLAN' "$log" | head -n 1 | cut -d: -f1)
	first_at=$(grep -nE '^(PASS|FAIL) ' "$log" | head -n 1 | cut -d: -f1)
	plan=$(grep '^PLAN' "$log" | head -n 1 | sed -n 's/^PLAN \([0-9][0-9]*\)$/\1/p')
	if [ ! -s "$log" ]; then
		runner_fail "$name: printed nothing"
	elif [ "$plans" -eq 0 ]; then
		runner_fail "$name: printed no PLAN line"
	else
		[ -n "$plan" ] ||
			runner_fail "$name: malformed PLAN line \"$(grep '^PLAN' "$log" | head -n 1 | cut -c1-60)\""
		[ "$plans" -eq 1 ] || runner_fail "$name: printed $plans PLAN lines"
		[ -z "$first_at" ] || [ "$first_at" -gt "$plan_at" ] ||
			runner_fail "$name: printed PLAN after a result"
		[ -z "$plan" ] || [ "$results" -eq "$plan" ] ||
			runner_fail "$name: planned $plan results, got $results"
	fi
	if [ "$status" = 0 ]; then
		[ "$f" -eq 0 ] || runner_fail "$name: exited with status 0 after $f FAIL lines"
	elif [ "$status" != 1 ] || [ "$f" -eq 0 ]; then
		runner_fail "$name: exited with status ${status:-unknown}"
	fi
	if [ "$failed" -gt "$before" ] && [ -s "$log" ]; then
		echo "   the end of ${log#"$PWD"/}:"
		tail -n "$TAIL_LINES" "$log" | cut -c1-200 | sed 's/^/   | /'
	fi
	echo "   $name: $p passed, $f failed in $seconds s"
}

if [ $# -gt 0 ]; then
	names=$*
else
	names=$(suite_list)
	[ -n "$names" ] || runner_fail "tests: no suites: no $SUITES/*/run.sh"
fi
for name in $names; do
	if [ -f "$SUITES/$name/run.sh" ]; then
		run_suite "$name"
	else
		runner_fail "$name: no such suite ($SUITES/$name/run.sh)"
	fi
done
echo "$passed passed, $failed failed" | tee -a "$RESULTS"
[ "$failed" -eq 0 ]
