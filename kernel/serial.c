/*
 * COM1 as a 16550A UART (National Semiconductor PC16550D data sheet):
 * 115200 baud, 8 data bits, no parity, 1 stop bit, FIFOs on, polled.
 * A '\n' goes out as "\r\n" so a terminal on the other end starts the
 * next line at column 0.
 */
#include <stdbool.h>
#include <stdint.h>
#include "io.h"
#include "serial.h"

#define COM1            0x3F8
#define UART_DATA       0 /* DLAB = 0 */
#define UART_IER        1 /* DLAB = 0 */
#define UART_DLL        0 /* DLAB = 1: divisor latch, low byte */
#define UART_DLM        1 /* DLAB = 1: divisor latch, high byte */
#define UART_FCR        2
#define UART_LCR        3
#define UART_MCR        4
#define UART_LSR        5
#define UART_SCR        7

#define UART_CLOCK_HZ   1843200
#define BAUD            115200
#define BAUD_DIVISOR    (UART_CLOCK_HZ / 16 / BAUD)

#define LCR_8N1         0x03
#define LCR_DLAB        0x80
#define FCR_ENABLE_FIFO 0x01
#define FCR_CLEAR_RX    0x02
#define FCR_CLEAR_TX    0x04
#define FCR_TRIGGER_14  0xC0
#define MCR_DTR         0x01
#define MCR_RTS         0x02
#define LSR_THR_EMPTY   0x20
#define SCR_PROBE       0xA5

/*
 * How many LSR reads to wait for room in the transmitter. One character
 * takes 87 us at 115200 baud and an ISA port read about 1 us, so this is
 * far more than a working UART ever needs.
 */
#define TX_WAIT_POLLS   100000

static bool usable;

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, BAUD_DIVISOR & 0xFF);
	outb(COM1 + UART_DLM, BAUD_DIVISOR >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE_FIFO | FCR_CLEAR_RX | FCR_CLEAR_TX | FCR_TRIGGER_14);
	outb(COM1 + UART_MCR, MCR_DTR | MCR_RTS);

	/* With no UART there, the scratch register does not keep what is written. */
	outb(COM1 + UART_SCR, SCR_PROBE);
	usable = inb(COM1 + UART_SCR) == SCR_PROBE;
}

/* A UART that stops taking characters is given up, so output never stalls. */
static void put_byte(uint8_t b)
{
	for (unsigned i = 0; i < TX_WAIT_POLLS; i++) {
		if (inb(COM1 + UART_LSR) & LSR_THR_EMPTY) {
			outb(COM1 + UART_DATA, b);
			return;
		}
	}
	usable = false;
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n && usable; i++) {
		if (s[i] == '\n')
			put_byte('\r');
		put_byte((uint8_t)s[i]);
	}
}
