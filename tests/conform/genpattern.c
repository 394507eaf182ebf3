/*
 * genpattern NAME SIZE OUT: writes SIZE bytes of the pattern the kernel
 * expects for its array NAME (rodata, data, tail or big; pattern.h) to OUT.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pattern.h"

static void die(const char *what, const char *file)
{
	fprintf(stderr, "genpattern: %s: %s: %s\n", file, what, strerror(errno));
	exit(1);
}

static uint64_t number(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || *s == '\0' || *end != '\0') {
		fprintf(stderr, "genpattern: %s '%s' is not a number\n", what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		uint64_t seed;
	} arrays[] = {
		{ "rodata", PATTERN_SEED_RODATA },
		{ "data", PATTERN_SEED_DATA },
		{ "tail", PATTERN_SEED_TAIL },
		{ "big", PATTERN_SEED_BIG },
	};
	if (argc != 4) {
		fprintf(stderr, "usage: genpattern rodata|data|tail|big SIZE OUT\n");
		return 2;
	}
	uint64_t seed = 0;
	size_t i;
	for (i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++)
		if (strcmp(argv[1], arrays[i].name) == 0)
			seed = arrays[i].seed;
	if (seed == 0) {
		fprintf(stderr, "genpattern: unknown array '%s'\n", argv[1]);
		return 2;
	}
	uint64_t size = number(argv[2], "SIZE");
	FILE *f = fopen(argv[3], "wb");
	if (!f)
		die("cannot create", argv[3]);

	static uint8_t buf[1 << 16];
	for (uint64_t off = 0; off < size;) {
		size_t n = 0;
		for (; n < sizeof(buf) && off < size; n += 8, off += 8) {
			uint64_t q = pattern_qword(seed, off / 8);
			for (int k = 0; k < 8; k++)
				buf[n + k] = (uint8_t)(q >> (8 * k));
		}
		if (off > size)
			n -= off - size;
		if (fwrite(buf, 1, n, f) != n)
			die("write failed", argv[3]);
	}
	if (fclose(f) != 0)
		die("write failed", argv[3]);
	return 0;
}
