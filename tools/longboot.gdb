# GDB script for `make debug`: QEMU waits on port 1234 with the CPU stopped
# at the reset vector.
#
# Symbols: stage2 (32-bit, linked at 0x8000) and the kernel (64-bit). GDB
# follows one architecture at a time; switch with the commands below as the
# boot moves between modes.
set confirm off
set pagination off
target remote localhost:1234

define longboot-real
  set architecture i8086
end
define longboot-stage2
  set architecture i386
  symbol-file build/stage2.elf
end
define longboot-kernel
  set architecture i386:x86-64
  add-symbol-file build/kernel.elf
end
document longboot-real
Disassemble as 16-bit real-mode code (stage1 at 0x7c00, the BIOS).
end
document longboot-stage2
Load stage2's symbols and treat the code as 32-bit protected mode.
end
document longboot-kernel
Add the kernel's symbols and treat the code as 64-bit.
end

# Stop at stage2's C entry and at the kernel's _start.
longboot-stage2
break stage2_main
break enter_long_mode
echo \n longboot: breakpoints on stage2_main and enter_long_mode; `continue` to boot.\n
echo  Then `longboot-kernel` and `break _start` (or `hbreak *<addr>`) to follow into the kernel.\n\n
