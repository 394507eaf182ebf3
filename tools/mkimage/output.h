/*
 * The image file: checked before anything is built, written to a temporary
 * file next to it, renamed into place only when complete.
 */
#ifndef MKIMAGE_OUTPUT_H
#define MKIMAGE_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct build;
struct input;
struct lb_sum;

struct output {
	const char *path; /* the image, as given on the command line */
	char *dir;        /* its directory, where the temporary file goes */
	char *tmp;        /* the temporary file, removed on any failure */
	FILE *f;
};

/*
 * Checks b->out.path: its directory exists, it is not a directory, and it
 * is none of the build's inputs (by device and inode, so through links too).
 */
void check_output(struct build *b);
void open_output(struct output *o);
void write_at(struct output *o, uint64_t offset, const void *buf, size_t n);
/*
 * Copies bytes from in at src to the image at dst, zero-padded to whole
 * sectors, adding every sector to sum.
 */
void copy_sectors(struct output *o, uint64_t dst, struct input *in, uint64_t src,
		  uint64_t bytes, struct lb_sum *sum);
/* Sets the image's size, closes it and renames it over the output. */
void commit_output(struct output *o, uint64_t bytes);

#endif
