/*
 * What the conformance kernels (tests/conform for the longboot protocol,
 * tests/conform-mb for Multiboot) share: COM1 and the functions a
 * freestanding compiler may call. Nothing here comes from the loader.
 */
#ifndef CONFORM_LIB_H
#define CONFORM_LIB_H

#include <stddef.h>

/* serial.c: COM1 at 115200 8N1; a missing UART never hangs a write. */
void serial_init(void);
void serial_write(const char *s, size_t n);

/* libc.c */
void *memset(void *d, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
