/* The handful of privileged instructions the conformance kernel needs. */
#ifndef CONFORM_X86_H
#define CONFORM_X86_H

#include <stdint.h>
#include "port.h"

#define CR0_PE  (1ULL << 0)
#define CR0_MP  (1ULL << 1)
#define CR0_EM  (1ULL << 2)
#define CR0_TS  (1ULL << 3)
#define CR0_WP  (1ULL << 16)
#define CR0_PG  (1ULL << 31)

#define CR4_PAE        (1ULL << 5)
#define CR4_OSFXSR     (1ULL << 9)
#define CR4_OSXMMEXCPT (1ULL << 10)
#define CR4_LA57       (1ULL << 12)

#define MSR_EFER           0xC0000080
#define MSR_FS_BASE        0xC0000100
#define MSR_GS_BASE        0xC0000101
#define EFER_LME           (1ULL << 8)
#define EFER_LMA           (1ULL << 10)
#define EFER_NXE           (1ULL << 11)

#define RFLAGS_IF (1ULL << 9)
#define RFLAGS_DF (1ULL << 10)

#define CPUID_EXT_FEATURES     0x80000001
#define CPUID_EXT_EDX_NX       (1u << 20)
#define CPUID_EXT_EDX_PAGE1GB  (1u << 26)


static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr3(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

#endif
