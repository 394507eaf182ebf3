/*
 * Counts TSC ticks across a 10 ms one-shot of PIT channel 2 (Intel 8254
 * data sheet, mode 0). Channel 2's gate and output are wired to port 0x61
 * on every PC (bit 0 = GATE2, bit 1 = speaker enable, bit 5 = OUT2), so
 * the count can be watched without interrupts and without making a sound.
 *
 * Both ends of the count are bracketed by TSC reads. Under a hypervisor
 * the CPU can be descheduled for milliseconds at just the wrong moment;
 * such a measurement shows up as a wide bracket and is repeated.
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
#define ATTEMPTS            10
/* A measurement counts when both brackets together are within 1/100 of it. */
#define MAX_ERROR_DIVISOR   100

/*
 * Each wait gives up after this many polls of port 0x61 or TSC ticks,
 * whichever comes first: 10 ms is about 10^4 polls on real hardware, and
 * 2^32 ticks is over 0.4 s even at 10 GHz.
 */
#define MAX_POLLS           10000000ULL
#define MAX_TSC_TICKS       (1ULL << 32)

struct measurement {
	uint64_t ticks; /* TSC ticks between the middles of the two brackets */
	uint64_t error; /* the widths of both brackets together */
};

static bool out2_high(void)
{
	return inb(PORT_B) & PORT_B_OUT2;
}

/* One 10 ms count; false when OUT2 never behaved like a PIT output. */
static bool measure(struct measurement *m)
{
	outb(PIT_COMMAND, PIT_CH2_ONESHOT);
	outb(PIT_CH2_DATA, CALIBRATE_PIT_TICKS & 0xFF);

	/* Mode 0 starts counting once the high byte of the count is written. */
	uint64_t start_lo = rdtsc();
	outb(PIT_CH2_DATA, CALIBRATE_PIT_TICKS >> 8);
	uint64_t start_hi = rdtsc();

	/* Writing the mode word drives OUT2 low; high already means no PIT answers. */
	if (out2_high())
		return false;

	uint64_t end_lo = start_hi, now;
	for (unsigned long long polls = 0;; polls++) {
		now = rdtsc();
		if (out2_high())
			break;
		end_lo = now;
		if (polls >= MAX_POLLS || now - start_hi >= MAX_TSC_TICKS)
			return false;
	}
	uint64_t end_hi = rdtsc();

	m->ticks = (end_lo + end_hi) / 2 - (start_lo + start_hi) / 2;
	m->error = (end_hi - end_lo) + (start_hi - start_lo);
	return m->ticks > 0;
}

uint64_t tsc_calibrate_khz(void)
{
	uint8_t saved = inb(PORT_B);
	struct measurement m;
	bool ok = false;

	outb(PORT_B, (saved & ~PORT_B_SPEAKER) | PORT_B_GATE2);
	for (int i = 0; i < ATTEMPTS && !ok; i++) {
		if (!measure(&m))
			break;
		ok = m.error <= m.ticks / MAX_ERROR_DIVISOR;
	}
	outb(PORT_B, saved);

	if (!ok)
		return 0;
	return m.ticks * PIT_HZ / ((uint64_t)CALIBRATE_PIT_TICKS * 1000);
}
