/* Kernel output: everything written goes to the VGA screen and to COM1. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

void console_init(void);
void console_set_attr(uint8_t vga_attr);
void console_write(const char *s, size_t n);

#endif
