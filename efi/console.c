/*
 * The UEFI backend's messages: the firmware's text console while boot
 * services run, and COM1 always (after ExitBootServices it is all there
 * is). Where the firmware's console is itself on COM1 (OVMF's is), a
 * message appears there twice.
 */
#include <stdarg.h>
#include "efi.h"
#include "io.h"
#include "panic.h"
#include "print.h"

#define LINE_MAX 160

static CHAR16 line[LINE_MAX + 3];
static unsigned line_len;

static void flush_line(void)
{
	if (line_len == 0 || efi_boot_services_ended || !efi_st || !efi_st->ConOut) {
		line_len = 0;
		return;
	}
	line[line_len] = 0;
	efi_st->ConOut->OutputString(efi_st->ConOut, line);
	line_len = 0;
}

static void put(char c)
{
	if (c == '\n') {
		serial_putc('\r');
		line[line_len++] = '\r';
	}
	serial_putc(c);
	line[line_len++] = (CHAR16)(uint8_t)c;
	if (c == '\n' || line_len >= LINE_MAX)
		flush_line();
}

void efi_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_format(put, fmt, ap);
	va_end(ap);
	flush_line();
}

/* Never a return to the firmware's boot manager: it would boot the next option without a word. */
void panic(const char *fmt, ...)
{
	va_list ap;

	efi_print("longboot: error: ");
	va_start(ap, fmt);
	print_format(put, fmt, ap);
	va_end(ap);
	efi_print("\n");
	halt_forever();
}
