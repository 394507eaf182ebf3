/*
 * docs/protocol.md section 2: A20 is enabled. With A20 masked, physical
 * address bit 20 reads as 0, so writes to P and P + 1 MiB meet.
 */
#include "conform.h"

#define A20_BIT  (1ULL << 20)
#define MAGIC_LO 0x5A5A5A5A12345678ULL
#define MAGIC_HI 0xA5A5A5A587654321ULL

extern uint8_t conform_big_bss[];

void check_a20(void)
{
	struct check c;
	/* Two physical qwords inside conform_big_bss (3 MiB), bit 20 clear in the first. */
	uint64_t bss = kernel_virt_to_phys(conform_big_bss);
	uint64_t lo = round_up(bss, 2 * MiB), hi = lo | A20_BIT;
	struct translation t1, t2;

	check_begin(&c, "a20");
	if (expect(&c, translate(lo, &t1) && translate(hi, &t2) && t1.pa == lo && t2.pa == hi && t1.write && t2.write,
		   "0x%lx and 0x%lx are not both identity-mapped and writable", lo, hi)) {
		volatile uint64_t *a = (volatile uint64_t *)(uintptr_t)lo, *b = (volatile uint64_t *)(uintptr_t)hi;
		*a = MAGIC_LO;
		*b = MAGIC_HI;
		uint64_t got = *a;
		expect(&c, got == MAGIC_LO, "writing 0x%lx changed 0x%lx: A20 is masked", hi, lo);
		*a = 0;
		*b = 0;
		check_note(&c, "0x%lx and 0x%lx are distinct", lo, hi);
	}
	check_end(&c);
}
