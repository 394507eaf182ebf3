/* Input files: opened once, checked to be non-empty regular files, read at offsets. */
#ifndef MKIMAGE_INPUT_H
#define MKIMAGE_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct input {
	const char *path; /* as given on the command line, for messages */
	FILE *f;
	uint64_t size;
};

void open_input(struct input *in, const char *path);
/* Reads exactly n bytes at offset, or dies naming the file. */
void read_at(struct input *in, uint64_t offset, void *buf, size_t n);
/* The last component of a path: a module's name, or the output's file name. */
const char *base_name(const char *path);

#endif
