/*
 * Calling the BIOS from protected mode (stage2/realmode.asm). The register
 * struct has 32-, 16- and 8-bit views so call sites read like the BIOS
 * documentation.
 */
#ifndef LONGBOOT_BIOS_H
#define LONGBOOT_BIOS_H

#include <stdint.h>

#include "arch.h"

struct bios_regs {
	union {
		struct { uint32_t eax, ebx, ecx, edx, esi, edi, ebp, eflags; };
		struct { uint16_t ax, hax, bx, hbx, cx, hcx, dx, hdx,
				  si, hsi, di, hdi, bp, hbp, flags, hflags; };
		struct { uint8_t al, ah, hax8[2], bl, bh, hbx8[2],
				 cl, ch, hcx8[2], dl, dh, hdx8[2]; };
	};
	uint16_t ds, es;
};
_Static_assert(sizeof(struct bios_regs) % 4 == 0, "realmode.asm copies whole dwords");

void bios_call(uint8_t vector, const struct bios_regs *in, struct bios_regs *out);

/*
 * Zeroes *r and sets CF, so a service that returns without touching the
 * flags reads as failed (Linux arch/x86/boot/regs.c does the same).
 */
static inline void bios_regs_init(struct bios_regs *r)
{
	__builtin_memset(r, 0, sizeof(*r));
	r->eflags = EFLAGS_CF;
}

/* Real-mode segment and offset of an address below 1 MiB. */
static inline uint16_t rm_seg(uint32_t addr) { return (uint16_t)(addr >> 4); }
static inline uint16_t rm_off(uint32_t addr) { return (uint16_t)(addr & 0xF); }

/* The 64 KiB disk bounce buffer below 1 MiB that every BIOS buffer lives in. */
#define BOUNCE ((uint8_t *)LB_BOUNCE_ADDR)

#endif
