/*
 * tsc-hz: prints the host's time-stamp counter rate in Hz, measured
 * against CLOCK_MONOTONIC over a fifth of a second, or 0 where there is no
 * TSC. Under QEMU's TCG the guest's RDTSC returns the host's counter, so
 * this turns the loader's TSC span (longboot_info) into time.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define WINDOW_NS 200000000L

#if defined(__x86_64__) || defined(__i386__)
static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(void)
{
	struct timespec window = { 0, WINDOW_NS };
	int64_t t0 = now_ns();
	uint64_t c0 = rdtsc();

	nanosleep(&window, NULL);
	int64_t t1 = now_ns();
	uint64_t c1 = rdtsc();

	printf("%.0f\n", (double)(c1 - c0) * 1e9 / (double)(t1 - t0));
	return 0;
}
#else
int main(void)
{
	printf("0\n");
	return 0;
}
#endif
