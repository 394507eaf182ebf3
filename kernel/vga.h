/* The 80x25 VGA text screen at physical 0xB8000. */
#ifndef KERNEL_VGA_H
#define KERNEL_VGA_H

#include <stddef.h>
#include <stdint.h>

/* Attribute bytes: background in bits 4-6, foreground in bits 0-3. */
#define VGA_ATTR_NORMAL 0x07 /* light grey on black */
#define VGA_ATTR_HELLO  0x0b /* light cyan on black */
#define VGA_ATTR_PANIC  0x4f /* white on red */

#define VGA_COLS 80
#define VGA_ROWS 25

void vga_clear(void);
void vga_set_attr(uint8_t attr);
void vga_write(const char *s, size_t n);

#endif
