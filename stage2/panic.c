/*
 * stage2's one way to give up: the message on COM1 and through the BIOS
 * teletype, which works in whatever text mode the BIOS left the screen.
 */
#include <stdarg.h>
#include "bios.h"
#include "io.h"
#include "panic.h"
#include "print.h"

static void screen_putc(char c)
{
	struct bios_regs r;

	bios_regs_init(&r);
	r.ah = 0x0E;   /* INT 10h: teletype output */
	r.al = (uint8_t)c;
	r.bx = 0x0007; /* page 0, light grey */
	bios_call(0x10, &r, 0);
}

static void put(char c)
{
	if (c == '\n')
		put('\r');
	serial_putc(c);
	screen_putc(c);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_error(put, fmt, ap);
	va_end(ap);
	halt_forever();
}
