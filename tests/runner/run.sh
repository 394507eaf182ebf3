#!/bin/sh
# The test runner's own test: tests/run.sh against fake suites in a
# temporary directory (LONGBOOT_TESTS_DIR, LONGBOOT_TEST_LOGS), one case per
# way a suite can break the protocol, and the ways it can keep it. Each case
# checks the runner's last line, its exit status, and the FAIL lines it
# must (and must not) add. Prints "PASS runner/<case>" or
# "FAIL runner/<case>: reason".
SELF=$(cd "$(dirname "$0")" && pwd)/${0##*/}
cd "$(dirname "$0")/../.." || exit 1
RUNNER=${LONGBOOT_RUNNER:-tests/run.sh}  # another runner to test, for trying this test

TMP=$(mktemp -d "${TMPDIR:-/tmp}/longboot-runner.XXXXXX") || {
	echo "PLAN 1"
	echo "FAIL runner/setup: mktemp failed"
	exit 1
}
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' HUP INT TERM

# Every case is one line starting "check ": the plan counts them.
echo "PLAN $(grep -c '^check ' "$SELF")"
status=0

# suite CASE NAME [ORDER]: a fake suite NAME for case CASE, its run.sh read
# from stdin; ORDER goes to its order file.
suite() {
	mkdir -p "$TMP/$1/$2"
	cat > "$TMP/$1/$2/run.sh"
	[ -z "${3:-}" ] || echo "$3" > "$TMP/$1/$2/order"
}

# check CASE "LAST LINE" STATUS [LINE...]: runs the runner on CASE's suites
# (with the words of TMP/CASE.args as arguments, if there is such a file)
# and wants LAST LINE as its last line, exit status STATUS, each LINE among
# its output lines, and no FAIL line of the runner's own beyond those.
# Then EXTRA, when set, is evaluated: commands that print what is wrong,
# seeing OUT (the runner's output) and LOGDIR (its logs).
EXTRA=
check() {
	name=$1 want_last=$2 want_status=$3
	shift 3
	mkdir -p "$TMP/$name"
	OUT=$TMP/$name.out
	LOGDIR=$TMP/$name.logs
	args=$(cat "$TMP/$name.args" 2>/dev/null)
	# shellcheck disable=SC2086 # the args are words
	LONGBOOT_TESTS_DIR=$TMP/$name LONGBOOT_TEST_LOGS=$LOGDIR sh "$RUNNER" $args > "$OUT" 2>&1
	got_status=$?
	last=$(tail -n 1 "$OUT")
	why=
	if [ "$last" != "$want_last" ]; then
		why="last line \"$last\", wanted \"$want_last\""
	elif [ "$got_status" -ne "$want_status" ]; then
		why="exit status $got_status, wanted $want_status"
	else
		for line in "$@"; do
			if ! grep -qxF -- "$line" "$OUT"; then
				why="no line \"$line\""
				break
			fi
		done
	fi
	# The runner's own FAIL lines (a fake suite's results all have a '/'
	# in the name) must all be listed.
	if [ -z "$why" ]; then
		extra=$(grep '^FAIL ' "$OUT" | grep -v '^FAIL [^:]*/' | while IFS= read -r line; do
			listed=no
			for l in "$@"; do
				[ "$l" = "$line" ] && listed=yes
			done
			[ $listed = yes ] || printf '%s\n' "$line"
		done | head -n 1)
		[ -z "$extra" ] || why="unexpected \"$extra\""
	fi
	if [ -z "$why" ] && [ -n "$EXTRA" ]; then
		why=$(eval "$EXTRA" 2>&1 | head -n 1)
	fi
	EXTRA=
	if [ -z "$why" ]; then
		echo "PASS runner/$name"
	else
		echo "FAIL runner/$name: $why (output ends: $(tail -n 3 "$OUT" | tr '\n' '|'))"
		status=1
	fi
}

# --- suites that keep the protocol

suite all-good a <<'EOF'
echo "PLAN 2"
echo "PASS a/one"
echo "some chatter"
echo "PASS a/two: with a note"
EOF
suite all-good b <<'EOF'
echo "PLAN 1"
echo "noise on stderr" >&2
printf 'PASS b/last line without a newline'
EOF
mkdir -p "$TMP/all-good/not-a-suite"    # no run.sh: not run
check all-good "3 passed, 0 failed" 0

suite failing x <<'EOF'
echo "PLAN 3"
echo "PASS x/one"
echo "FAIL x/two: broken"
echo "FAIL x/three: broken too"
exit 1
EOF
check failing "1 passed, 2 failed" 1 "FAIL x/two: broken" "FAIL x/three: broken too"

# Each suite's log holds its whole output, stderr included; results.txt
# every result line and the summary.
suite logs x <<'EOF'
echo "PLAN 1"
echo "to stderr" >&2
echo "PASS x/one"
EOF
EXTRA='grep -q "^to stderr$" "$LOGDIR/x.log" || echo "x.log lacks the suite'"'"'s stderr"
	grep -q "^PASS x/one$" "$LOGDIR/x.log" || echo "x.log lacks the result"
	grep -q "^PASS x/one$" "$LOGDIR/results.txt" || echo "results.txt lacks the result"
	[ "$(tail -n 1 "$LOGDIR/results.txt")" = "1 passed, 0 failed" ] ||
		echo "results.txt does not end with the summary"'
check logs "1 passed, 0 failed" 0

# The order: the number in <suite>/order, 50 without one, then the name.
suite order zeta <<'EOF'
echo "PLAN 1"; echo "PASS zeta/x"
EOF
suite order alpha 70 <<'EOF'
echo "PLAN 1"; echo "PASS alpha/x"
EOF
suite order mid 10 <<'EOF'
echo "PLAN 1"; echo "PASS mid/x"
EOF
EXTRA='ran=$(sed -n "s/^== \([^ ]*\) .*/\1/p" "$OUT" | tr "\n" " ")
	[ "$ran" = "mid zeta alpha " ] || echo "suites ran as \"$ran\", wanted \"mid zeta alpha \""'
check order "3 passed, 0 failed" 0

# Suites named on the command line: just those, in that order.
suite named a <<'EOF'
echo "PLAN 1"; echo "PASS a/x"
EOF
suite named b <<'EOF'
echo "PLAN 1"; echo "FAIL b/x: must not run"; exit 1
EOF
suite named c <<'EOF'
echo "PLAN 1"; echo "PASS c/x"
EOF
echo "c a" > "$TMP/named.args"
EXTRA='ran=$(sed -n "s/^== \([^ ]*\) .*/\1/p" "$OUT" | tr "\n" " ")
	[ "$ran" = "c a " ] || echo "suites ran as \"$ran\", wanted \"c a \""'
check named "2 passed, 0 failed" 0

# --- suites that break it

# Dies after its PASS lines, all of them planned: the reason for this test.
suite crash-after-pass boot <<'EOF'
echo "PLAN 2"
echo "PASS boot/one"
echo "PASS boot/two"
ulimit -c 0
kill -SEGV $$
EOF
check crash-after-pass "2 passed, 1 failed" 1 "FAIL boot: exited with status 139"

suite exit-after-pass x <<'EOF'
echo "PLAN 1"
echo "PASS x/one"
exit 2
EOF
check exit-after-pass "1 passed, 1 failed" 1 "FAIL x: exited with status 2"

suite exit1-without-fail x <<'EOF'
echo "PLAN 1"
echo "PASS x/one"
exit 1
EOF
check exit1-without-fail "1 passed, 1 failed" 1 "FAIL x: exited with status 1"

suite fail-exit-0 x <<'EOF'
echo "PLAN 2"
echo "PASS x/one"
echo "FAIL x/two: broken"
EOF
check fail-exit-0 "1 passed, 2 failed" 1 "FAIL x: exited with status 0 after 1 FAIL lines"

suite fewer boot <<'EOF'
echo "PLAN 46"
i=0
while [ $i -lt 12 ]; do echo "PASS boot/case$i"; i=$((i + 1)); done
EOF
check fewer "12 passed, 1 failed" 1 "FAIL boot: planned 46 results, got 12"

suite more x <<'EOF'
echo "PLAN 1"
echo "PASS x/one"
echo "PASS x/two"
EOF
check more "2 passed, 1 failed" 1 "FAIL x: planned 1 results, got 2"

suite dies-midway x <<'EOF'
echo "PLAN 5"
echo "PASS x/one"
echo "FAIL x/two: broken"
exit 3
EOF
check dies-midway "1 passed, 3 failed" 1 "FAIL x: planned 5 results, got 2" "FAIL x: exited with status 3"

suite no-plan x <<'EOF'
echo "PASS x/one"
echo "PASS x/two"
EOF
check no-plan "2 passed, 1 failed" 1 "FAIL x: printed no PLAN line"

suite plan-late x <<'EOF'
echo "PASS x/one"
echo "PLAN 2"
echo "PASS x/two"
EOF
check plan-late "2 passed, 1 failed" 1 "FAIL x: printed PLAN after a result"

suite two-plans x <<'EOF'
echo "PLAN 1"
echo "PLAN 1"
echo "PASS x/one"
EOF
check two-plans "1 passed, 1 failed" 1 "FAIL x: printed 2 PLAN lines"

suite bad-plan x <<'EOF'
echo "PLAN two"
echo "PASS x/one"
EOF
check bad-plan "1 passed, 1 failed" 1 'FAIL x: malformed PLAN line "PLAN two"'

suite no-output x <<'EOF'
exit 0
EOF
check no-output "0 passed, 1 failed" 1 "FAIL x: printed nothing"

suite no-output-status x <<'EOF'
exit 3
EOF
check no-output-status "0 passed, 2 failed" 1 "FAIL x: printed nothing" "FAIL x: exited with status 3"

# Chatter only: no PLAN, no result, status 0.
suite only-chatter x <<'EOF'
echo "starting"
echo "PASSED everything"
EOF
check only-chatter "0 passed, 1 failed" 1 "FAIL x: printed no PLAN line"

# A good suite and a broken one: both counted.
suite mixed good <<'EOF'
echo "PLAN 2"; echo "PASS good/one"; echo "PASS good/two"
EOF
suite mixed bad <<'EOF'
echo "PLAN 2"; echo "PASS bad/one"; exit 139
EOF
check mixed "3 passed, 2 failed" 1 "FAIL bad: planned 2 results, got 1" "FAIL bad: exited with status 139"

mkdir -p "$TMP/no-suites"
check no-suites "0 passed, 1 failed" 1 "FAIL tests: no suites: no $TMP/no-suites/*/run.sh"

echo "nosuch" > "$TMP/unknown-suite.args"
check unknown-suite "0 passed, 1 failed" 1 "FAIL nosuch: no such suite ($TMP/unknown-suite/nosuch/run.sh)"

exit $status
