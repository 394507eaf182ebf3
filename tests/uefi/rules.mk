# tests/uefi (tests/uefi/README.md): what the UEFI suite boots besides the
# loader's own build (build/efi/longboot.efi is in `all`): the conformance
# kernels and their module writers (tests/conform, tests/conform-mb add
# them to CHECK_DEPS already), patchimg and the constants (tests/boot),
# ppmcheck (tests/graphics). The Linux inputs are made by run.sh itself, as
# the linux suite does, so that a failed download is a FAIL line.
CHECK_DEPS += $(B)/efi/longboot.efi $(B)/kernel.elf $(B)/test/boot/patchimg $(B)/test/boot/constants \
	$(B)/test/graphics/ppmcheck
