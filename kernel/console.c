#include <stdbool.h>
#include "console.h"
#include "serial.h"
#include "vga.h"

static bool ready;

/* Clears the screen and sets up COM1; panic() calls it too, so it runs once. */
void console_init(void)
{
	if (ready)
		return;
	serial_init();
	vga_clear();
	ready = true;
}

void console_set_attr(uint8_t vga_attr)
{
	vga_set_attr(vga_attr);
}

void console_write(const char *s, size_t n)
{
	vga_write(s, n);
	serial_write(s, n);
}
