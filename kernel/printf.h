/*
 * A small printf: %d %i %u %x %X %p %s %c %%, with the l, ll and z length
 * modifiers, a field width, and the '0' (zero pad) and '-' (left align)
 * flags. No floating point.
 */
#ifndef KERNEL_PRINTF_H
#define KERNEL_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

#define KPRINTF_FORMAT(f, a) __attribute__((format(printf, f, a)))

/* Writes to the console; returns the number of characters written. */
int kprintf(const char *fmt, ...) KPRINTF_FORMAT(1, 2);
int kvprintf(const char *fmt, va_list ap);

/* Like snprintf: always NUL-terminates when size > 0, returns the full length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) KPRINTF_FORMAT(3, 4);

#endif
