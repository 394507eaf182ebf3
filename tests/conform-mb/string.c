/* The string helpers only this kernel uses (the C library it shares: tests/conform-lib). */
#include "mbconf.h"

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
