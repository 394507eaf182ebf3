/*
 * The framebuffer console: the text screen drawn in pixels. Cells are
 * FONT_WIDTH x FONT_HEIGHT pixels, as many as fit; colours come from the
 * VGA attribute bytes the rest of the kernel uses, through the VGA palette,
 * packed with the colour sizes and shifts the loader reported. Pixels of 32,
 * 24 and 16 bits. The framebuffer is in the identity map at fb_addr
 * (docs/protocol.md, section 3).
 */
#include "fbcon.h"
#include "font.h"
#include "string.h"
#include "vga.h"

const uint32_t vga_palette[16] = {
	0x000000, 0x0000AA, 0x00AA00, 0x00AAAA, 0xAA0000, 0xAA00AA, 0xAA5500, 0xAAAAAA,
	0x555555, 0x5555FF, 0x55FF55, 0x55FFFF, 0xFF5555, 0xFF55FF, 0xFFFF55, 0xFFFFFF,
};

static volatile uint8_t *fb;
static uint32_t pitch, bytes_pp;
static unsigned cols, rows, row, col;
static uint8_t red_size, red_shift, green_size, green_shift, blue_size, blue_shift;
static uint32_t fg, bg; /* pixel values */

/* An 8-bit channel in `size` bits: its top bits. */
static uint32_t channel(uint32_t c8, uint8_t size, uint8_t shift)
{
	if (size == 0)
		return 0;
	return (size >= 8 ? c8 << (size - 8) : c8 >> (8 - size)) << shift;
}

static uint32_t pixel(uint32_t rgb)
{
	return channel(rgb >> 16 & 0xFF, red_size, red_shift) |
	       channel(rgb >> 8 & 0xFF, green_size, green_shift) |
	       channel(rgb & 0xFF, blue_size, blue_shift);
}

static void put_pixel(volatile uint8_t *p, uint32_t v)
{
	switch (bytes_pp) {
	case 4:
		*(volatile uint32_t *)p = v;
		break;
	case 3:
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		p[2] = (uint8_t)(v >> 16);
		break;
	default:
		*(volatile uint16_t *)p = (uint16_t)v;
		break;
	}
}

static void draw_cell(unsigned r, unsigned c, char ch)
{
	unsigned char u = (unsigned char)ch;
	const uint8_t *glyph = u >= FONT_FIRST && u <= FONT_LAST ? font_glyphs[u - FONT_FIRST]
								  : font_glyphs['?' - FONT_FIRST];
	volatile uint8_t *line = fb + (size_t)r * FONT_HEIGHT * pitch + (size_t)c * FONT_WIDTH * bytes_pp;

	for (unsigned y = 0; y < FONT_HEIGHT; y++, line += pitch)
		for (unsigned x = 0; x < FONT_WIDTH; x++)
			put_pixel(line + x * bytes_pp, glyph[y] & (0x80 >> x) ? fg : bg);
}

/* Fills text rows [first, first + n) with the background: the colour of attribute 0x07's. */
static void clear_rows(unsigned first, unsigned n)
{
	uint32_t black = pixel(vga_palette[(VGA_ATTR_NORMAL >> 4) & 7]);
	volatile uint8_t *line = fb + (size_t)first * FONT_HEIGHT * pitch;

	for (unsigned y = 0; y < n * FONT_HEIGHT; y++, line += pitch)
		for (unsigned x = 0; x < cols * FONT_WIDTH; x++)
			put_pixel(line + x * bytes_pp, black);
}

void fbcon_set_attr(uint8_t a)
{
	fg = pixel(vga_palette[a & 0x0F]);
	bg = pixel(vga_palette[(a >> 4) & 0x07]);
}

void fbcon_init(const struct longboot_info *info)
{
	fb = (volatile uint8_t *)(uintptr_t)info->fb_addr;
	pitch = info->fb_pitch;
	bytes_pp = info->fb_bpp / 8;
	cols = info->fb_width / FONT_WIDTH;
	rows = info->fb_height / FONT_HEIGHT;
	red_size = info->fb_red_size;
	red_shift = info->fb_red_shift;
	green_size = info->fb_green_size;
	green_shift = info->fb_green_shift;
	blue_size = info->fb_blue_size;
	blue_shift = info->fb_blue_shift;
	row = col = 0;
	fbcon_set_attr(VGA_ATTR_NORMAL);
	clear_rows(0, rows);
}

static void newline(void)
{
	col = 0;
	if (++row < rows)
		return;
	/* Scroll: every text row up by one, in the framebuffer itself. */
	size_t row_bytes = (size_t)FONT_HEIGHT * pitch;
	memmove((void *)(uintptr_t)fb, (const void *)(uintptr_t)(fb + row_bytes), (rows - 1) * row_bytes);
	clear_rows(rows - 1, 1);
	row = rows - 1;
}

/* As on the text screen: a full row wraps when the next character comes. */
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
	if (col == cols)
		newline();
	draw_cell(row, col++, c);
}

void fbcon_write(const char *s, size_t n)
{
	if (!fb || cols == 0 || rows == 0)
		return;
	for (size_t i = 0; i < n; i++)
		put_char(s[i]);
}
