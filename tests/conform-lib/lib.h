/*
 * What the conformance kernels (tests/conform for the longboot protocol,
 * tests/conform-mb for Multiboot) share: COM1, a printf, the check lines
 * and the functions a freestanding compiler may call. Nothing here comes
 * from the loader.
 */
#ifndef CONFORM_LIB_H
#define CONFORM_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Hidden, so that position-independent builds (the relocatable Multiboot
 * kernel) reach these directly, not through GOT entries that a static
 * link turns into absolute addresses.
 */
#pragma GCC visibility push(hidden)

/* The kernel's name in its result lines ("conform", "conform-mb"): each defines it. */
extern const char conform_name[];

/* serial.c: COM1 at 115200 8N1; a missing UART never hangs a write. */
void serial_init(void);
void serial_write(const char *s, size_t n);

/* print.c */
int vformat(char *buf, size_t cap, const char *fmt, va_list ap);
int format(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * report.c: one check prints one line. check_begin names it, expect()
 * records the first failure and counts the rest, check_note says what was
 * seen, check_end prints "PASS name/check" or "FAIL name/check: why".
 */
struct check {
	const char *name;
	unsigned failures;
	char detail[200];
	char note[200];
};
void check_begin(struct check *c, const char *name);
int expect(struct check *c, uint64_t ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void check_note(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void check_end(struct check *c);
/* The check running, or "kernel". */
const char *current_check(void);
/* A failure outside any check, or one that ends the run (an exception). */
void report_fault(const char *what);
/* The summary line, the exit through isa-debug-exit when exit_qemu, then a halt. */
void __attribute__((noreturn)) report_finish(int exit_qemu);

/* libc.c */
void *memset(void *d, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#pragma GCC visibility pop

#endif
