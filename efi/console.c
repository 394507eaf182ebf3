/*
 * The UEFI backend's messages: the firmware's text console while boot
 * services run, and COM1 (after ExitBootServices it is all there is).
 * Where the firmware's console already includes a serial port (OVMF's
 * does), COM1 is left to it until then, so each line reaches it once.
 */
#include <stdarg.h>
#include "efi.h"
#include "io.h"
#include "panic.h"
#include "print.h"

#define LINE_MAX 160

static CHAR16 line[LINE_MAX + 3];
static unsigned line_len;
static int console_has_serial = -1;    /* -1: not yet asked */

/*
 * Whether the ConOut variable (UEFI 2.10, 3.3: the console's device
 * paths, one instance per device) names a UART.
 */
static int firmware_console_has_serial(void)
{
	static uint8_t paths[4096] __attribute__((aligned(8)));
	EFI_GUID global = EFI_GLOBAL_VARIABLE_GUID;
	UINTN size = sizeof(paths);
	CHAR16 name[] = { 'C', 'o', 'n', 'O', 'u', 't', 0 };

	if (EFI_ERROR(efi_st->RuntimeServices->GetVariable(name, &global, 0, &size, paths)))
		return 0;
	for (UINTN at = 0; at + sizeof(EFI_DEVICE_PATH_PROTOCOL) <= size;) {
		const EFI_DEVICE_PATH_PROTOCOL *node = (const void *)(paths + at);
		unsigned len = efi_node_length(node);
		if (len < sizeof(*node))
			return 0;
		if (node->Type == MESSAGING_DEVICE_PATH && node->SubType == MSG_UART_DP)
			return 1;
		at += len;
	}
	return 0;
}

static int console_up(void)
{
	return !efi_boot_services_ended && efi_st && efi_st->ConOut;
}

static void flush_line(void)
{
	if (line_len == 0 || !console_up()) {
		line_len = 0;
		return;
	}
	line[line_len] = 0;
	efi_st->ConOut->OutputString(efi_st->ConOut, line);
	line_len = 0;
}

static void put(char c)
{
	if (console_has_serial < 0 && console_up())
		console_has_serial = firmware_console_has_serial();
	int to_com1 = !console_up() || console_has_serial <= 0;

	if (c == '\n') {
		if (to_com1)
			serial_putc('\r');
		line[line_len++] = '\r';
	}
	if (to_com1)
		serial_putc(c);
	line[line_len++] = (CHAR16)(uint8_t)c;
	if (c == '\n' || line_len >= LINE_MAX)
		flush_line();
}

/* Never a return to the firmware's boot manager: it would boot the next option without a word. */
void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_error(put, fmt, ap);
	va_end(ap);
	halt_forever();
}
