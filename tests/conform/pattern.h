/*
 * The byte patterns of the conformance kernel's file-backed data and of its
 * test modules. The host tools (genpattern, mkmodule) write them at build
 * time; the kernel recomputes them and compares every byte.
 *
 * Qword i of a pattern with seed s is a SplitMix64 step of (s, i); byte k
 * of the pattern is byte k % 8 of qword k / 8, little-endian.
 */
#ifndef CONFORM_PATTERN_H
#define CONFORM_PATTERN_H

#include <stdint.h>

/* Seeds of the kernel's pattern arrays (data.asm, bigdata.asm). */
#define PATTERN_SEED_RODATA 0x524F44415441ULL /* "RODATA" */
#define PATTERN_SEED_DATA   0x44415441ULL     /* "DATA" */
#define PATTERN_SEED_TAIL   0x5441494CULL     /* "TAIL" */
#define PATTERN_SEED_BIG    0x424947ULL       /* "BIG" */

/* Test modules: "LBMODTST", then the file size as a u64, then pattern bytes. */
#define MODULE_MAGIC       "LBMODTST"
#define MODULE_HEADER_SIZE 16

static inline uint64_t pattern_qword(uint64_t seed, uint64_t index)
{
	uint64_t x = seed + (index + 1) * 0x9E3779B97F4A7C15ULL;

	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

static inline uint8_t pattern_byte(uint64_t seed, uint64_t offset)
{
	return (uint8_t)(pattern_qword(seed, offset / 8) >> (offset % 8 * 8));
}

/* A module's pattern is seeded by its size, so a truncated copy differs. */
static inline uint64_t module_seed(uint64_t size)
{
	return size ^ 0x4D4F44554C45ULL; /* "MODULE" */
}

#endif
