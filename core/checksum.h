/*
 * lb_sum: the image's integrity check, a Fletcher-style pair of 32-bit sums
 * over little-endian dwords (a starts at 1, b at 0; for each dword w:
 * a += w, b += a; the value is b << 32 | a). It catches any flipped byte
 * and any zeroed or shifted run, costs two adds per dword, and stage1
 * computes it in a dozen bytes of code.
 */
#ifndef LONGBOOT_CHECKSUM_H
#define LONGBOOT_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

struct lb_sum {
	uint32_t a, b;
};

static inline void lb_sum_init(struct lb_sum *s)
{
	s->a = 1;
	s->b = 0;
}

static inline uint64_t lb_sum_value(const struct lb_sum *s)
{
	return (uint64_t)s->b << 32 | s->a;
}

/* Adds `words` dwords at data to the sum. */
void lb_sum_add(struct lb_sum *s, const void *data, size_t words);

/*
 * Copies copy_bytes from src to dst and adds the first sum_words dwords of
 * src to the sum, reading each source dword once. copy_bytes may be less
 * than sum_words * 4 (the tail of a sector that belongs to nothing) but
 * not more.
 */
void lb_copy_sum(void *dst, const void *src, size_t copy_bytes,
		 size_t sum_words, struct lb_sum *s);

/* lb_sum of a whole buffer of `words` dwords. */
uint64_t lb_checksum(const void *data, size_t words);

#endif
