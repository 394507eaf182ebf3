#!/bin/sh
# The README's commands as a new user runs them.
#   - `make run` with neither a display nor a terminal prints the serial
#     port on stdout: Hello World! and the boot report; `make run UEFI=1`
#     the same under OVMF.
#   - On a machine that lacks packages, a user who is not root gets the
#     exact apt-get line and a non-zero status from each building goal,
#     before anything is compiled (checked in a copy of the tree, with a
#     PATH that holds only the shell tools make itself needs).
cd "$(dirname "$0")/../.." || exit 1
OUT=build/test/readme
GOALS="all image run debug bochs bench fuzz test"
echo "PLAN $(( $(echo $GOALS | wc -w) + 2 ))"
rm -rf "$OUT"
mkdir -p "$OUT"
status=0
pass() { echo "PASS readme/$1"; }
fail() { echo "FAIL readme/$1: $2"; status=1; }

# make run: serial on stdout. qemu-exit makes the demo kernel end QEMU
# (status 33, which make run counts as success) once it has reported.
env -u MAKELEVEL -u MAKEFLAGS -u DISPLAY timeout 60 make --no-print-directory run \
	IMAGE="$OUT/disk.img" CMDLINE=qemu-exit </dev/null >"$OUT/run.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	fail "make-run-serial" "make run exited with status $rc ($OUT/run.log)"
elif grep -q 'Hello World!' "$OUT/run.log" && grep -q -- '-serial stdio' "$OUT/run.log"; then
	pass "make-run-serial"
else
	fail "make-run-serial" "no 'Hello World!' on stdout ($OUT/run.log)"
fi

# make run UEFI=1: the same image under OVMF, its variables in build/.
env -u MAKELEVEL -u MAKEFLAGS -u DISPLAY timeout 120 make --no-print-directory run UEFI=1 \
	IMAGE="$OUT/disk-uefi.img" CMDLINE=qemu-exit </dev/null >"$OUT/run-uefi.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	fail "make-run-uefi" "make run UEFI=1 exited with status $rc ($OUT/run-uefi.log)"
elif grep -q 'Hello World!' "$OUT/run-uefi.log" && grep -q -- 'OVMF' "$OUT/run-uefi.log"; then
	pass "make-run-uefi"
else
	fail "make-run-uefi" "no 'Hello World!' on stdout, or not under OVMF ($OUT/run-uefi.log)"
fi

# A tree without build/, tools reduced to what make and the package check
# use, in a directory of its own that the unprivileged user can reach
# (the checkout's own directories may not be).
work=$(mktemp -d) || { echo "FAIL readme/harness: mktemp -d failed"; exit 1; }
trap 'rm -rf "$work"' EXIT
tree=$work/tree
bin=$work/bin
mkdir -p "$tree" "$bin"
git ls-files -z | xargs -0 cp --parents -t "$tree" 2>/dev/null || cp -r Makefile tools include "$tree"
for t in sh make dpkg id cat sed grep; do
	ln -s "$(command -v $t)" "$bin/$t"
done
chmod -R a+rwX "$work"
as_user() {
	if [ "$(id -u)" = 0 ]; then
		su nobody -s /bin/sh -c "$1"
	else
		sh -c "$1"
	fi
}
for goal in $GOALS; do
	log=$OUT/missing-$goal.log
	as_user "cd '$tree' && env -u MAKELEVEL -u MAKEFLAGS PATH='$bin' make $goal" \
		>"$log" 2>&1 </dev/null
	rc=$?
	if [ $rc -eq 0 ]; then
		fail "missing-packages-$goal" "make $goal exited 0 without nasm and gcc"
	elif ! grep -q '^  apt-get update && apt-get install -y --no-install-recommends .*nasm' "$log"; then
		fail "missing-packages-$goal" "no apt-get line naming nasm ($log)"
	elif [ -e "$tree/build" ]; then
		fail "missing-packages-$goal" "make $goal built something before stopping"
	else
		pass "missing-packages-$goal"
	fi
done
exit $status
