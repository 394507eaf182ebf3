/*
 * The bench kernel: a longboot-protocol kernel that ends QEMU through
 * isa-debug-exit as soon as it runs, so a timed boot measures the firmware
 * and the loader and nothing else. Words on the command line ask for more:
 *   verify  check every dword of the payload (pattern.h) before exiting
 *   report  print the loader's TSC span (stage2 entry to kernel entry)
 *           on COM1
 * It exits with 0x10 (QEMU status 33) when all is well, 0x11 (status 35)
 * when the boot info or the payload is wrong.
 */
#include <stddef.h>
#include <stdint.h>
#include "../kernel/cpu.h"
#include "../kernel/io.h"
#include "longboot.h"
#include "pattern.h"

#define EXIT_PORT      0xf4
#define EXIT_SUCCESS   0x10
#define EXIT_FAILURE   0x11
#define COM1           0x3f8
#define COM1_LSR       (COM1 + 5)
#define LSR_THR_EMPTY  0x20
#define UART_SPINS     100000

extern const uint32_t payload_start[], payload_end[];


static _Noreturn void qemu_exit(uint8_t code)
{
	outb(EXIT_PORT, code);
	for (;;)
		__asm__ volatile("cli; hlt");
}

static void serial_putc(char c)
{
	for (int i = 0; i < UART_SPINS && !(inb(COM1_LSR) & LSR_THR_EMPTY); i++)
		;
	outb(COM1, (uint8_t)c);
}

static void serial_puts(const char *s)
{
	while (*s)
		serial_putc(*s++);
}

static void serial_putu(uint64_t v)
{
	char digits[21];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		serial_putc(digits[--n]);
}

/* Whether w is one of the space-separated words of s. */
static int has_word(const char *s, const char *w)
{
	for (;;) {
		size_t n = 0, i = 0;

		while (*s == ' ')
			s++;
		if (!*s)
			return 0;
		while (s[n] && s[n] != ' ')
			n++;
		while (i < n && w[i] == s[i])
			i++;
		if (i == n && w[n] == '\0')
			return 1;
		s += n;
	}
}

static int payload_intact(void)
{
	uint32_t state = PATTERN_SEED;

	for (const uint32_t *p = payload_start; p < payload_end; p++)
		if (*p != pattern_next(&state))
			return 0;
	return 1;
}

void _start(const struct longboot_info *info)
{
	uint64_t entry_tsc = rdtsc();
	const char *cmdline;

	if (info->magic != LONGBOOT_MAGIC || info->version != LONGBOOT_VERSION)
		qemu_exit(EXIT_FAILURE);
	cmdline = (const char *)(uintptr_t)info->cmdline_addr;
	if (has_word(cmdline, "report")) {
		serial_puts("bench: loader-tsc ");
		serial_putu(info->tsc_kernel_entry - info->tsc_loader_start);
		serial_puts(" entry-tsc ");
		serial_putu(entry_tsc - info->tsc_kernel_entry);
		serial_puts(" payload-bytes ");
		serial_putu((uint64_t)((const char *)payload_end - (const char *)payload_start));
		serial_puts("\n");
	}
	if (has_word(cmdline, "verify")) {
		int ok = payload_intact();

		serial_puts(ok ? "bench: payload intact\n" : "bench: payload corrupt\n");
		if (!ok)
			qemu_exit(EXIT_FAILURE);
	}
	qemu_exit(EXIT_SUCCESS);
}
