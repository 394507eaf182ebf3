/* The string helpers only this kernel uses (the C library it shares: tests/conform-lib). */
#include "conform.h"

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}
