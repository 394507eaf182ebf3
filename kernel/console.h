/*
 * Kernel output: everything written goes to COM1 and to the screen the
 * loader reported: VGA text (video_mode 1), the framebuffer console
 * (video_mode 2) or none (video_mode 0).
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>
#include <stdint.h>
#include "longboot.h"

enum console_screen {
	CONSOLE_UNDECIDED,   /* before console_select: serial only */
	CONSOLE_NONE,        /* video_mode 0 */
	CONSOLE_VGA_TEXT,    /* video_mode 1 */
	CONSOLE_FRAMEBUFFER, /* video_mode 2 */
};

void console_init(void);
void console_select(const struct longboot_info *info);
void console_select_fallback(void);
enum console_screen console_screen(void);
void console_set_attr(uint8_t vga_attr);
void console_write(const char *s, size_t n);

#endif
