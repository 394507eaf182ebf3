/*
 * The C library functions stage2 and the compiler use. memset clears
 * whole kernel .bss ranges, so it stores dwords; the empty asm statements
 * keep the compiler from turning the loops back into calls to themselves.
 */
#include <stdint.h>
#include "libc.h"

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	uint32_t v = (uint8_t)c * 0x01010101u;

	while (n && ((uintptr_t)d & 3)) {
		*d++ = (uint8_t)c;
		n--;
	}
	uint32_t *w = (uint32_t *)d;
	for (; n >= 16; n -= 16, w += 4) {
		__asm__("" : "+r"(w));
		w[0] = v;
		w[1] = v;
		w[2] = v;
		w[3] = v;
	}
	for (d = (uint8_t *)w; n; n--) {
		__asm__("" : "+r"(d));
		*d++ = (uint8_t)c;
	}
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--) {
		__asm__("" : "+r"(d));
		*d++ = *s++;
	}
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
