/*
 * The benchmark payload: a xorshift32 stream (Marsaglia, "Xorshift RNGs",
 * 2003) stored as little-endian dwords. Every MiB differs, nothing in it
 * compresses or repeats, and the kernel can check it without a copy.
 * Shared by the host generator and the bench kernel.
 */
#ifndef BENCH_PATTERN_H
#define BENCH_PATTERN_H

#include <stdint.h>

#define PATTERN_SEED 0x6C6F6E67u /* any non-zero value */

static inline uint32_t pattern_next(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

#endif
