/* COM1 at 115200 baud, 8N1 (a 16550 UART; Bochs needs the line format set). */
#include <stdint.h>
#include "lib.h"
#include "port.h"

#define COM1          0x3F8
#define UART_DATA     0
#define UART_IER      1
#define UART_DIV_LO   0
#define UART_DIV_HI   1
#define UART_FCR      2
#define UART_LCR      3
#define UART_MCR      4
#define UART_LSR      5
#define LCR_8N1       0x03
#define LCR_DLAB      0x80
#define FCR_ENABLE    0x07     /* enable and clear both FIFOs */
#define MCR_DTR_RTS   0x03
#define LSR_THR_EMPTY 0x20
#define BAUD_DIVISOR  1        /* 115200 / 115200 */
#define TX_SPINS      100000   /* a missing UART must not hang the kernel */

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DIV_LO, BAUD_DIVISOR & 0xFF);
	outb(COM1 + UART_DIV_HI, BAUD_DIVISOR >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE);
	outb(COM1 + UART_MCR, MCR_DTR_RTS);
}

static void serial_putc(char c)
{
	for (int i = 0; i < TX_SPINS && !(inb(COM1 + UART_LSR) & LSR_THR_EMPTY); i++)
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}
