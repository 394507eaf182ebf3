/*
 * Appending boot information to a buffer the kernel will find at a given
 * physical address. With buf NULL it only counts, so a builder runs once
 * to size the block and once to fill it.
 */
#ifndef LONGBOOT_INFO_WRITER_H
#define LONGBOOT_INFO_WRITER_H

#include <stddef.h>
#include <stdint.h>

struct info_writer {
	uint8_t *buf;       /* NULL: count only */
	uint64_t phys;      /* where buf[0] is for the kernel */
	size_t cap;
	size_t used;        /* bytes written (or counted) so far */
};

/* Pads with zeros to a multiple of align (a power of two). */
void iw_align(struct info_writer *w, size_t align);

/* Appends n bytes (zeros when data is NULL); returns their offset. */
size_t iw_put(struct info_writer *w, const void *data, size_t n);

/* Appends a NUL-terminated string; returns its physical address. */
uint64_t iw_string(struct info_writer *w, const char *s);

/* Where offset lies for the kernel, and for the builder (NULL when counting or past cap). */
uint64_t iw_phys(const struct info_writer *w, size_t offset);
void *iw_at(const struct info_writer *w, size_t offset);

#endif
