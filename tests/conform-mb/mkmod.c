/*
 * mkmod SIZE OUT: writes a test module the Multiboot conformance kernels
 * verify byte by byte (pattern.h): "MBMODULE", SIZE as a little-endian
 * u64, then pattern bytes, SIZE bytes in all. A module shorter than the
 * 16-byte header is pattern bytes only.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pattern.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mkmod SIZE OUT\n");
		return 2;
	}
	char *end;
	errno = 0;
	unsigned long long size = strtoull(argv[1], &end, 0);
	if (errno || argv[1][0] == '\0' || argv[1][0] == '-' || *end != '\0') {
		fprintf(stderr, "mkmod: SIZE '%s' is not a number\n", argv[1]);
		return 2;
	}
	FILE *f = fopen(argv[2], "wb");
	if (!f) {
		fprintf(stderr, "mkmod: %s: cannot create: %s\n", argv[2], strerror(errno));
		return 1;
	}
	uint32_t s = module_seed(size);
	for (unsigned long long k = 0; k < size; k++) {
		s = pattern_step(s);
		int c = (int)(s & 0xFF);
		if (size >= MOD_HEADER && k < 8)
			c = MOD_MAGIC[k];
		else if (size >= MOD_HEADER && k < MOD_HEADER)
			c = (int)(size >> (8 * (k - 8)) & 0xFF);
		if (putc(c, f) == EOF)
			break;
	}
	int bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "mkmod: %s: write failed: %s\n", argv[2], strerror(errno));
		return 1;
	}
	return 0;
}
