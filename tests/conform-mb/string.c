/* What a freestanding compiler may call, and the string helpers used here. */
#include "mbconf.h"

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp < sp) {
		while (n--)
			*dp++ = *sp++;
	} else {
		while (n--)
			dp[n] = sp[n];
	}
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

int read_string(uint32_t addr, uint32_t max, char *out, size_t cap)
{
	for (uint32_t n = 0; n < max; n++) {
		if (addr + n < addr)
			break;
		char ch = (char)rd8(addr + n);
		if (n < cap - 1)
			out[n] = ch;
		if (ch == '\0') {
			out[cap - 1] = '\0';
			return 1;
		}
	}
	out[cap - 1] = '\0';
	if (max < cap)
		out[max] = '\0';
	return 0;
}
