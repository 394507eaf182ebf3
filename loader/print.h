/*
 * The loader's messages: a small printf for both backends, and COM1,
 * which is the same UART whichever firmware booted the machine.
 */
#ifndef LONGBOOT_PRINT_H
#define LONGBOOT_PRINT_H

#include <stdarg.h>

/*
 * Formats fmt through put, one character at a time. Knows %s %c %u %x
 * (32-bit) and %llu %llx (64-bit), with an optional 0-padded width (%02x).
 */
void print_format(void (*put)(char c), const char *fmt, va_list ap);

/* "longboot: error: <message>\n" through put: the one line every fatal error prints. */
void print_error(void (*put)(char c), const char *fmt, va_list ap);

/* COM1 at 115200 8N1; a missing or stuck UART is given up on, never waited for. */
void serial_putc(char c);

#endif
