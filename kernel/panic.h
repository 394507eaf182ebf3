#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "printf.h"

/* Prints "kernel panic: <message>" on the screen and COM1, then halt_failure(). */
_Noreturn void panic(const char *fmt, ...) KPRINTF_FORMAT(1, 2);

#endif
