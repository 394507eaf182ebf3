/*
 * Text output on the VGA text screen: one 16-bit cell per character,
 * character in the low byte, attribute in the high byte. The loader
 * identity-maps low memory, so the physical address is a valid pointer.
 */
#include "io.h"
#include "vga.h"

#define VGA_TEXT_BUFFER   0xB8000
#define VGA_CRTC_INDEX    0x3D4
#define VGA_CRTC_DATA     0x3D5
#define CRTC_CURSOR_HIGH  0x0E
#define CRTC_CURSOR_LOW   0x0F

static volatile uint16_t *const screen = (volatile uint16_t *)VGA_TEXT_BUFFER;
static unsigned row, col;
static uint8_t attr = VGA_ATTR_NORMAL;

static uint16_t cell(char c, uint8_t a)
{
	return (uint16_t)a << 8 | (uint8_t)c;
}

static void blank_row(unsigned r)
{
	for (unsigned c = 0; c < VGA_COLS; c++)
		screen[r * VGA_COLS + c] = cell(' ', VGA_ATTR_NORMAL);
}

static void move_cursor(void)
{
	unsigned pos = row * VGA_COLS + (col < VGA_COLS ? col : VGA_COLS - 1);

	outb(VGA_CRTC_INDEX, CRTC_CURSOR_HIGH);
	outb(VGA_CRTC_DATA, pos >> 8);
	outb(VGA_CRTC_INDEX, CRTC_CURSOR_LOW);
	outb(VGA_CRTC_DATA, pos & 0xFF);
}

void vga_clear(void)
{
	for (unsigned r = 0; r < VGA_ROWS; r++)
		blank_row(r);
	row = col = 0;
	move_cursor();
}

void vga_set_attr(uint8_t a)
{
	attr = a;
}

static void newline(void)
{
	col = 0;
	if (++row < VGA_ROWS)
		return;
	for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		screen[i] = screen[i + VGA_COLS];
	blank_row(VGA_ROWS - 1);
	row = VGA_ROWS - 1;
}

/*
 * A full row wraps only when the next character arrives, so an 80-column
 * line that ends in a newline takes one row, not two.
 */
static void put_char(char c)
{
	if (c == '\n') {
		newline();
		return;
	}
	if (c == '\r') {
		col = 0;
		return;
	}
	if (col == VGA_COLS)
		newline();
	screen[row * VGA_COLS + col++] = cell(c, attr);
}

void vga_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_char(s[i]);
	move_cursor();
}
