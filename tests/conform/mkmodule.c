/*
 * mkmodule SIZE OUT: writes a test module the conformance kernel can verify
 * byte by byte (pattern.h): "LBMODTST", SIZE as a little-endian u64, then
 * pattern bytes seeded by SIZE up to SIZE bytes in all. A module shorter
 * than the 16-byte header is pattern bytes only.
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
		fprintf(stderr, "usage: mkmodule SIZE OUT\n");
		return 2;
	}
	char *end;
	errno = 0;
	unsigned long long size = strtoull(argv[1], &end, 0);
	if (errno || *argv[1] == '\0' || *end != '\0' || argv[1][0] == '-') {
		fprintf(stderr, "mkmodule: SIZE '%s' is not a number\n", argv[1]);
		return 2;
	}
	FILE *f = fopen(argv[2], "wb");
	if (!f) {
		fprintf(stderr, "mkmodule: %s: cannot create: %s\n", argv[2], strerror(errno));
		return 1;
	}
	uint64_t seed = module_seed(size);
	for (uint64_t off = 0; off < size; off++) {
		int c;
		if (size >= MODULE_HEADER_SIZE && off < 8)
			c = MODULE_MAGIC[off];
		else if (size >= MODULE_HEADER_SIZE && off < MODULE_HEADER_SIZE)
			c = (int)(size >> (8 * (off - 8)) & 0xFF);
		else
			c = pattern_byte(seed, off);
		if (putc(c, f) == EOF)
			break;
	}
	int bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "mkmodule: %s: write failed: %s\n", argv[2], strerror(errno));
		return 1;
	}
	return 0;
}
