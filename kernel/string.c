/*
 * memcpy, memmove, memset and memcmp: GCC and Clang emit calls to these for
 * struct copies and large initialisers even with -ffreestanding (GCC manual,
 * "Standards": "GCC requires the freestanding environment provide memcpy,
 * memmove, memset and memcmp").
 *
 * The copies use the string instructions: a byte loop written in C can be
 * recognised by the optimiser as a memcpy idiom and compiled into a call to
 * the very function it implements.
 */
#include <stdint.h>
#include "string.h"

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep movsb"
			 : "+D"(d), "+S"(src), "+c"(n)
			 :
			 : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		return memcpy(dst, src, n);

	/* dst overlaps the tail of src: copy backwards with DF set (SDM vol. 2B, MOVS). */
	void *d = (char *)dst + n - 1;
	const void *s = (const char *)src + n - 1;
	__asm__ volatile("std; rep movsb; cld"
			 : "+D"(d), "+S"(s), "+c"(n)
			 :
			 : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep stosb"
			 : "+D"(d), "+c"(n)
			 : "a"(c)
			 : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (size_t i = 0; i < n; i++) {
		if (p[i] != q[i])
			return p[i] - q[i];
	}
	return 0;
}
