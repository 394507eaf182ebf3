/* Input files: opened once, checked to be non-empty regular files, read at offsets. */
#ifndef MKIMAGE_INPUT_H
#define MKIMAGE_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct stat;

struct input {
	const char *path; /* as given on the command line, for messages */
	const char *what; /* what it is to the image, e.g. "the kernel" */
	FILE *f;
	uint64_t size;
	dev_t dev;        /* which file it is, so the output cannot be it */
	ino_t ino;
};

void open_input(struct input *in, const char *path, const char *what);
/* Reads exactly n bytes at offset, or dies naming the file. */
void read_at(struct input *in, uint64_t offset, void *buf, size_t n);
/* Whether st (of another path) is this input's file. */
int is_input(const struct input *in, const struct stat *st);
/* The last component of a path: a module's name, or the output's file name. */
const char *base_name(const char *path);

#endif
