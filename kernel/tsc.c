/*
 * Counts TSC ticks across a 10 ms one-shot of PIT channel 2 (Intel 8254
 * data sheet, mode 0). Channel 2's gate and output are wired to port 0x61
 * on every PC (bit 0 = GATE2, bit 1 = speaker enable, bit 5 = OUT2), so
 * the count can be watched without interrupts and without making a sound.
 */
#include <stdbool.h>
#include "cpu.h"
#include "io.h"
#include "tsc.h"

#define PIT_HZ              1193182
#define PIT_CH2_DATA        0x42
#define PIT_COMMAND         0x43
/* Channel 2, low byte then high byte, mode 0 (one-shot), binary. */
#define PIT_CH2_ONESHOT     0xB0

#define PORT_B              0x61
#define PORT_B_GATE2        0x01
#define PORT_B_SPEAKER      0x02
#define PORT_B_OUT2         0x20

#define CALIBRATE_MS        10
#define CALIBRATE_PIT_TICKS (PIT_HZ * CALIBRATE_MS / 1000)

/*
 * Give up after this many polls of port 0x61 or TSC ticks, whichever comes
 * first: 10 ms is about 10^4 polls on real hardware, and 2^32 ticks is
 * over 0.4 s even at 10 GHz.
 */
#define MAX_POLLS           10000000ULL
#define MAX_TSC_TICKS       (1ULL << 32)

static bool out2_high(void)
{
	return inb(PORT_B) & PORT_B_OUT2;
}

uint64_t tsc_calibrate_khz(void)
{
	uint8_t saved = inb(PORT_B);

	outb(PORT_B, (saved & ~PORT_B_SPEAKER) | PORT_B_GATE2);
	outb(PIT_COMMAND, PIT_CH2_ONESHOT);
	outb(PIT_CH2_DATA, CALIBRATE_PIT_TICKS & 0xFF);
	outb(PIT_CH2_DATA, CALIBRATE_PIT_TICKS >> 8);

	/* Writing the mode word drives OUT2 low; high already means no PIT answers. */
	bool counting = !out2_high();
	uint64_t start = rdtsc(), ticks = 0;
	unsigned long long polls = 0;

	while (counting && !out2_high()) {
		ticks = rdtsc() - start;
		if (++polls >= MAX_POLLS || ticks >= MAX_TSC_TICKS) {
			counting = false;
			break;
		}
	}
	ticks = rdtsc() - start;
	outb(PORT_B, saved);

	if (!counting || ticks == 0)
		return 0;
	return ticks * PIT_HZ / ((uint64_t)CALIBRATE_PIT_TICKS * 1000);
}
