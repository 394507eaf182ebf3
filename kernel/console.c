/*
 * Kernel output: COM1 always, and one screen: the VGA text screen, the
 * framebuffer console, or none, as the loader's video_mode says.
 */
#include <stdbool.h>
#include "console.h"
#include "fbcon.h"
#include "serial.h"
#include "vga.h"

static bool ready;
static enum console_screen screen = CONSOLE_UNDECIDED;

/* Sets up COM1; panic() calls it too, so it runs once. No screen yet. */
void console_init(void)
{
	if (ready)
		return;
	serial_init();
	ready = true;
}

/* The version 2 fields are read only from a version 2 struct (bootinfo_check vetted them). */
void console_select(const struct longboot_info *info)
{
	uint32_t mode = LONGBOOT_VIDEO_TEXT; /* what a version 1 loader gives under BIOS */

	if (info->version >= 2 && info->size >= LONGBOOT_INFO_SIZE)
		mode = info->video_mode;
	switch (mode) {
	case LONGBOOT_VIDEO_FRAMEBUFFER:
		fbcon_init(info);
		screen = CONSOLE_FRAMEBUFFER;
		break;
	case LONGBOOT_VIDEO_NONE:
		screen = CONSOLE_NONE;
		break;
	default:
		vga_clear();
		screen = CONSOLE_VGA_TEXT;
		break;
	}
}

/* Before console_select a panic cannot trust info: it takes the text screen. */
void console_select_fallback(void)
{
	if (screen != CONSOLE_UNDECIDED)
		return;
	vga_clear();
	screen = CONSOLE_VGA_TEXT;
}

enum console_screen console_screen(void)
{
	return screen;
}

void console_set_attr(uint8_t vga_attr)
{
	if (screen == CONSOLE_VGA_TEXT)
		vga_set_attr(vga_attr);
	else if (screen == CONSOLE_FRAMEBUFFER)
		fbcon_set_attr(vga_attr);
}

void console_write(const char *s, size_t n)
{
	if (screen == CONSOLE_VGA_TEXT)
		vga_write(s, n);
	else if (screen == CONSOLE_FRAMEBUFFER)
		fbcon_write(s, n);
	serial_write(s, n);
}
