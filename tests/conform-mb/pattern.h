/*
 * The byte patterns of the test modules (mkmod writes them, the kernel
 * checks every byte) and of the kernel's own arrays (data.asm computes the
 * same sequence at assembly time).
 *
 * A pattern is a xorshift32 sequence: state s(0) = seed, s(k+1) =
 * step(s(k)); byte k of the pattern is the low byte of s(k+1).
 */
#ifndef MBCONF_PATTERN_H
#define MBCONF_PATTERN_H

#include <stdint.h>

/* A module: "MBMODULE", its size as a little-endian u64, then pattern bytes. */
#define MOD_MAGIC  "MBMODULE"
#define MOD_HEADER 16

static inline uint32_t pattern_step(uint32_t x)
{
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/* Seeded by the size, so a truncated or padded copy differs everywhere. */
static inline uint32_t module_seed(uint64_t size)
{
	uint32_t s = ((uint32_t)size ^ (uint32_t)(size >> 32)) * 2654435761u ^ 0x4D424D44u;
	return s ? s : 1;
}

#endif
