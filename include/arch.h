/*
 * x86-64 facts the loader, mkimage and the tests share: sizes, page sizes,
 * the canonical address halves and the control-register bits the mode
 * switches set (Intel SDM vol. 3A, 2.5 and 4.1). Plain constant
 * expressions, so build/layout.inc carries them to the assembly too.
 */
#ifndef LONGBOOT_ARCH_H
#define LONGBOOT_ARCH_H

#define KIB                 0x400ULL
#define MIB                 0x100000ULL
#define GIB                 0x40000000ULL
#define FOUR_GIB            0x100000000ULL

#define PAGE_SIZE           0x1000ULL
#define PAGE_MASK           (PAGE_SIZE - 1)
#define PAGE_SIZE_2M        0x200000ULL
#define PAGE_SIZE_1G        0x40000000ULL

/* x rounded up to a multiple of a, a power of two. */
#define ALIGN_UP(x, a)      (((x) + (a) - 1) & ~((uint64_t)(a) - 1))

#define LOW_HALF_END        0x0000800000000000ULL /* first non-canonical address */
#define HIGH_HALF_START     0xFFFF800000000000ULL /* first canonical upper-half address */
#define PHYS_ADDR_LIMIT     (1ULL << 52)          /* architectural MAXPHYADDR limit, SDM 3A 4.1.4 */

#define CR0_PE              (1u << 0)
#define CR0_MP              (1u << 1)   /* WAIT/FWAIT honour TS (EM and TS stay clear for SSE) */
#define CR0_ET              (1u << 4)   /* hardwired to 1 since the i486 */
#define CR0_NE              (1u << 5)   /* x87 errors as #MF, not through the PIC */
#define CR0_WP              (1u << 16)  /* ring 0 honours read-only pages */
#define CR0_PG              (1u << 31)
#define CR4_PAE             (1u << 5)
#define CR4_OSFXSR          (1u << 9)   /* SSE enabled, FXSAVE saves XMM */
#define CR4_OSXMMEXCPT      (1u << 10)  /* SIMD exceptions raise #XM */
#define MSR_EFER            0xC0000080u
#define EFER_LME            (1u << 8)
#define EFER_NXE            (1u << 11)
#define EFLAGS_CF           (1u << 0)
#define EFLAGS_IF           (1u << 9)

#endif
