/*
 * How the kernel stops: halted with interrupts off, or, when the command
 * line asked for qemu-exit, by ending QEMU through its isa-debug-exit
 * device (-device isa-debug-exit,iobase=0xf4,iosize=0x04).
 */
#ifndef KERNEL_HALT_H
#define KERNEL_HALT_H

#include <stdbool.h>

void halt_use_qemu_exit(bool enable);
_Noreturn void halt_success(void); /* QEMU exit status 33 */
_Noreturn void halt_failure(void); /* QEMU exit status 35 */

#endif
