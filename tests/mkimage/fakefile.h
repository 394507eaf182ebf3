/*
 * What fakekernels.c and fakeefi.c share: the file being made, in buf
 * (FAKE_FILE_BYTES, defined before this header), its fields written
 * little-endian with put(), and save() to write it into dir.
 */
#ifndef FAKEFILE_H
#define FAKEFILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned char buf[FAKE_FILE_BYTES];
static const char *dir;

static void put(uint32_t at, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		buf[at + i] = (unsigned char)(v >> (8 * i));
}

static void save(const char *name, size_t bytes)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, bytes, f) != bytes || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

#endif
