#include <stdarg.h>
#include <stdbool.h>
#include "console.h"
#include "halt.h"
#include "panic.h"
#include "vga.h"

void panic(const char *fmt, ...)
{
	static bool panicking;
	va_list ap;

	if (panicking)
		halt_failure();
	panicking = true;

	console_init();
	console_select_fallback();
	console_set_attr(VGA_ATTR_PANIC);
	kprintf("kernel panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	halt_failure();
}
