#!/bin/sh
# The QEMU arguments that boot a machine under OVMF, the UEFI firmware
# (docs/uefi.md, "OVMF"): one place for its paths, used by `make run UEFI=1`,
# `make debug UEFI=1`, tests/uefi/lib.sh and make bench.
#
#   tools/ovmf.sh VARS          prints the arguments, one a line: the
#                               firmware code read-only in pflash unit 0 and
#                               VARS, a writable copy of the variable store
#                               (made from the template when missing), in
#                               unit 1
#   tools/ovmf.sh --fresh VARS  the same with VARS made afresh from the template
#   tools/ovmf.sh --rom VARS    -bios OVMF_ROM, the firmware with its variables
#                               in one read-only image, when there is one (else
#                               as --fresh): every boot starts from the same
#                               state, and it is the quickest (docs/uefi.md)
#   tools/ovmf.sh --paths       prints the code and template paths it found
#
# OVMF_CODE and OVMF_VARS in the environment name other files (a pair from
# one build: the 2 MiB and 4 MiB flavours do not mix), OVMF_ROM another
# single image. Exits 1 with a message when no OVMF is installed
# (tools/install-deps.sh uefi).
#
# Debian 12's ovmf package: /usr/share/OVMF/OVMF_CODE_4M.fd with
# OVMF_VARS_4M.fd (4 MiB flash, no Secure Boot), the 2 MiB OVMF_CODE.fd
# with OVMF_VARS.fd, the .secboot/.ms variants, and /usr/share/ovmf/OVMF.fd
# (the 2 MiB build, code and variables in one image: with -bios OVMF keeps
# its variables in RAM, so nothing persists).
fresh=0 rom=0
case ${1:-} in
--fresh) fresh=1; shift ;;
--rom) rom=1 fresh=1; shift ;;
esac
OVMF_ROM=${OVMF_ROM:-/usr/share/ovmf/OVMF.fd}
if [ "$rom" = 1 ] && [ -r "$OVMF_ROM" ]; then
	echo "-bios"
	echo "$OVMF_ROM"
	exit 0
fi

find_pair() {
	for dir in /usr/share/OVMF /usr/share/edk2/ovmf /usr/share/edk2-ovmf/x64; do
		for suffix in _4M ""; do
			if [ -e "$dir/OVMF_CODE$suffix.fd" ] && [ -e "$dir/OVMF_VARS$suffix.fd" ]; then
				OVMF_CODE=$dir/OVMF_CODE$suffix.fd
				OVMF_VARS=$dir/OVMF_VARS$suffix.fd
				return 0
			fi
		done
	done
	return 1
}

if [ -z "${OVMF_CODE:-}" ] || [ -z "${OVMF_VARS:-}" ]; then
	if ! find_pair; then
		echo "ovmf.sh: no OVMF firmware found (apt-get install ovmf, or set OVMF_CODE and OVMF_VARS)" >&2
		exit 1
	fi
fi
for f in "$OVMF_CODE" "$OVMF_VARS"; do
	[ -r "$f" ] || { echo "ovmf.sh: cannot read $f" >&2; exit 1; }
done

if [ "${1:-}" = --paths ]; then
	printf '%s\n%s\n' "$OVMF_CODE" "$OVMF_VARS"
	exit 0
fi
vars=${1:?usage: tools/ovmf.sh [--fresh | --rom] VARS | --paths}
case $vars in
*,*) echo "ovmf.sh: a comma in $vars would split QEMU's -drive option" >&2; exit 1 ;;
esac
if [ "$fresh" = 1 ] || [ ! -s "$vars" ]; then
	mkdir -p "$(dirname "$vars")" && cp "$OVMF_VARS" "$vars.tmp" && mv "$vars.tmp" "$vars" || exit 1
fi
echo "-drive"
echo "if=pflash,format=raw,unit=0,readonly=on,file=$OVMF_CODE"
echo "-drive"
echo "if=pflash,format=raw,unit=1,file=$vars"
