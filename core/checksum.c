/* lb_sum (checksum.h). Pure logic: built into stage2, mkimage and the tests. */
#include "checksum.h"

static inline uint32_t load32(const unsigned char *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, sizeof(v)); /* unaligned-safe; x86 is little-endian */
	return v;
}

void lb_sum_add(struct lb_sum *s, const void *data, size_t words)
{
	const unsigned char *p = data;
	uint32_t a = s->a, b = s->b;

	for (; words; words--, p += 4) {
		a += load32(p);
		b += a;
	}
	s->a = a;
	s->b = b;
}

/*
 * Under emulation every guest instruction costs several host ones, so the
 * loop is unrolled: four dwords copied and summed per iteration.
 */
void lb_copy_sum(void *dst, const void *src, size_t copy_bytes,
		 size_t sum_words, struct lb_sum *s)
{
	unsigned char *d = dst;
	const unsigned char *p = src;
	size_t words = copy_bytes / 4;
	uint32_t a = s->a, b = s->b;

	for (size_t n = words / 4; n; n--, p += 16, d += 16) {
		uint32_t w0 = load32(p), w1 = load32(p + 4);
		uint32_t w2 = load32(p + 8), w3 = load32(p + 12);
		__builtin_memcpy(d, &w0, 4);
		__builtin_memcpy(d + 4, &w1, 4);
		__builtin_memcpy(d + 8, &w2, 4);
		__builtin_memcpy(d + 12, &w3, 4);
		a += w0; b += a;
		a += w1; b += a;
		a += w2; b += a;
		a += w3; b += a;
	}
	for (size_t n = words % 4; n; n--, p += 4, d += 4) {
		uint32_t w = load32(p);
		__builtin_memcpy(d, &w, 4);
		a += w;
		b += a;
	}
	for (size_t i = 0; i < copy_bytes % 4; i++)
		d[i] = p[i];
	s->a = a;
	s->b = b;
	lb_sum_add(s, p, sum_words - words);
}

uint64_t lb_checksum(const void *data, size_t words)
{
	struct lb_sum s;

	lb_sum_init(&s);
	lb_sum_add(&s, data, words);
	return lb_sum_value(&s);
}
