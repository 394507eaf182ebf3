/* The loader's messages (print.h). */
#include <stdint.h>
#include "io.h"
#include "print.h"

#define COM1          0x3F8
#define UART_DATA     0
#define UART_IER      1
#define UART_FCR      2
#define UART_LCR      3
#define UART_MCR      4
#define UART_LSR      5
#define LCR_DLAB      0x80
#define LCR_8N1       0x03
#define FCR_ENABLE    0x07     /* FIFOs on and cleared */
#define MCR_DTR_RTS   0x03
#define LSR_THRE      0x20
#define BAUD_115200   1        /* divisor of 1.8432 MHz / 16 */
#define THRE_TRIES    100000

static int serial_ready;

static void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, BAUD_115200);
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE);
	outb(COM1 + UART_MCR, MCR_DTR_RTS);
	serial_ready = 1;
}

/* serial_ready: 0 not yet set up, 1 working, -1 stuck (no longer used). */
void serial_putc(char c)
{
	int i = 0;

	if (!serial_ready)
		serial_init();
	if (serial_ready < 0)
		return;
	/* A missing UART reads 0xFF, so this ends at once; a slow one in time. */
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		if (++i == THRE_TRIES) {
			serial_ready = -1;
			return;
		}
	outb(COM1 + UART_DATA, (uint8_t)c);
}

static void put_all(void (*put)(char c), const char *s)
{
	while (*s)
		put(*s++);
}

/* Unsigned 64-bit to text by shifts and subtraction: no libgcc division in stage2. */
static void put_unsigned(void (*put)(char c), uint64_t v, unsigned base, int width)
{
	char buf[24];
	int n = 0;

	do {
		uint64_t q = 0, r = 0;
		for (int bit = 63; bit >= 0; bit--) {
			r = r << 1 | ((v >> bit) & 1);
			if (r >= base) {
				r -= base;
				q |= 1ULL << bit;
			}
		}
		buf[n++] = "0123456789abcdef"[r];
		v = q;
	} while (v);
	while (n < width)
		buf[n++] = '0';
	while (n)
		put(buf[--n]);
}

void print_format(void (*put)(char c), const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(*fmt);
			continue;
		}
		int width = 0, longs = 0;
		while (*++fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt - '0');
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 's': put_all(put, va_arg(ap, const char *)); break;
		case 'c': put((char)va_arg(ap, int)); break;
		case 'u':
		case 'x':
			put_unsigned(put, longs >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t),
				     *fmt == 'u' ? 10 : 16, width);
			break;
		case '%': put('%'); break;
		default: put('?'); break;
		}
	}
}

void print_error(void (*put)(char c), const char *fmt, va_list ap)
{
	put_all(put, "longboot: error: ");
	print_format(put, fmt, ap);
	put('\n');
}
