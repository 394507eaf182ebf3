/*
 * gen-data MIB OUT: writes MIB MiB of the benchmark payload (pattern.h)
 * to OUT, through a temporary file renamed into place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pattern.h"

#define MIB          (1024u * 1024u)
#define MAX_MIB      4096ul
#define WORDS_PER_MIB (MIB / 4)

static const char *out_tmp;

static void die(const char *what, const char *file)
{
	fprintf(stderr, "gen-data: %s: %s: %s\n", what, file, strerror(errno));
	if (out_tmp)
		remove(out_tmp);
	exit(1);
}

int main(int argc, char **argv)
{
	static unsigned char buf[MIB];
	char tmp[4096];
	char *end;
	unsigned long mib;
	uint32_t state = PATTERN_SEED;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: gen-data MIB OUT\n");
		return 2;
	}
	errno = 0;
	mib = strtoul(argv[1], &end, 10);
	if (errno || *end || mib == 0 || mib > MAX_MIB) {
		fprintf(stderr, "gen-data: size must be 1..%lu MiB, not '%s'\n", MAX_MIB, argv[1]);
		return 2;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]) >= (int)sizeof(tmp)) {
		fprintf(stderr, "gen-data: output name too long\n");
		return 2;
	}
	out_tmp = tmp;
	f = fopen(tmp, "wb");
	if (!f)
		die("cannot create", tmp);
	for (unsigned long m = 0; m < mib; m++) {
		for (size_t i = 0; i < WORDS_PER_MIB; i++) {
			uint32_t w = pattern_next(&state);

			buf[4 * i] = (unsigned char)w;
			buf[4 * i + 1] = (unsigned char)(w >> 8);
			buf[4 * i + 2] = (unsigned char)(w >> 16);
			buf[4 * i + 3] = (unsigned char)(w >> 24);
		}
		if (fwrite(buf, 1, MIB, f) != MIB)
			die("cannot write", tmp);
	}
	if (fclose(f) != 0)
		die("cannot write", tmp);
	if (rename(tmp, argv[2]) != 0)
		die("cannot rename to", argv[2]);
	return 0;
}
