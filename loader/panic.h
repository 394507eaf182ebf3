/* The one way stage2 gives up: a message on COM1 and the screen, then a halt. */
#ifndef LONGBOOT_PANIC_H
#define LONGBOOT_PANIC_H

#include <stdint.h>

/*
 * Prints "longboot: error: <message>" on COM1 and the screen, then halts.
 * The format knows %s %c %u %x (32-bit) and %llu %llx (64-bit), with an
 * optional 0-padded width (%02x).
 */
__attribute__((noreturn, format(printf, 1, 2)))
void panic(const char *fmt, ...);

#endif
