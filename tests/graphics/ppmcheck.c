/*
 * Test helper for tests/graphics: checks a QEMU screendump (binary PPM)
 * against text drawn on the host with the demo kernel's own font
 * (build/kernel/font.c, generated from the same font file) and colours.
 *
 *   ppmcheck FILE WIDTH HEIGHT BITS TEXT
 *
 * FILE must be WIDTH x HEIGHT pixels, and the cells of text row 0, columns
 * 0 to strlen(TEXT) - 1, must show TEXT exactly: each pixel the foreground
 * colour (FG_RGB, the VGA palette's light cyan 0x55FFFF) where the glyph
 * has a bit, else the background (black). BITS is "R,G,B", the bits of each
 * channel in the framebuffer (e.g. 8,8,8 or 5,6,5): only that many top bits
 * of each screenshot channel are compared, since QEMU widens a 16-bit pixel
 * to 24 bits in its own way. Prints what it found; exits 0 when it all
 * matches, 1 when not, 2 on bad usage or an unreadable file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"

#define FG_RGB 0x55FFFFu /* vga_palette[VGA_ATTR_HELLO & 0x0F] in kernel/fbcon.c */
#define BG_RGB 0x000000u
#define MAX_SHOWN 5

static int skip_space_and_comments(FILE *f)
{
	int c;
	while ((c = getc(f)) != EOF) {
		if (c == '#') {
			while ((c = getc(f)) != EOF && c != '\n')
				;
		} else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			ungetc(c, f);
			return 0;
		}
	}
	return -1;
}

static int read_number(FILE *f, unsigned long *v)
{
	return skip_space_and_comments(f) == 0 && fscanf(f, "%lu", v) == 1 ? 0 : -1;
}

/* The top `bits` bits of an 8-bit channel. */
static unsigned top(unsigned v8, unsigned bits)
{
	return v8 >> (8 - bits);
}

int main(int argc, char **argv)
{
	unsigned long w, h, maxval, want_w, want_h;
	unsigned bits[3];
	char magic[3] = {0};

	if (argc != 6 || sscanf(argv[4], "%u,%u,%u", &bits[0], &bits[1], &bits[2]) != 3 ||
	    bits[0] < 1 || bits[0] > 8 || bits[1] < 1 || bits[1] > 8 || bits[2] < 1 || bits[2] > 8) {
		fprintf(stderr, "usage: ppmcheck FILE WIDTH HEIGHT R,G,B-BITS TEXT\n");
		return 2;
	}
	want_w = strtoul(argv[2], NULL, 0);
	want_h = strtoul(argv[3], NULL, 0);
	const char *text = argv[5];
	size_t len = strlen(text);

	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		printf("cannot open %s\n", argv[1]);
		return 2;
	}
	if (fread(magic, 1, 2, f) != 2 || strcmp(magic, "P6") != 0 || read_number(f, &w) ||
	    read_number(f, &h) || read_number(f, &maxval) || maxval != 255 || getc(f) == EOF) {
		printf("%s is not a binary PPM with 8-bit channels\n", argv[1]);
		return 2;
	}
	if (w != want_w || h != want_h) {
		printf("screenshot is %lux%lu, not %lux%lu\n", w, h, want_w, want_h);
		return 1;
	}
	if (len * FONT_WIDTH > w || FONT_HEIGHT > h) {
		printf("\"%s\" does not fit on a %lux%lu screen\n", text, w, h);
		return 1;
	}
	size_t row_bytes = (size_t)w * 3, need = (size_t)FONT_HEIGHT * row_bytes;
	uint8_t *px = malloc(need);
	if (!px || fread(px, 1, need, f) != need) {
		printf("%s is truncated\n", argv[1]);
		return 2;
	}
	fclose(f);

	unsigned long bad = 0, fg_pixels = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch < FONT_FIRST || ch > FONT_LAST) {
			printf("character 0x%02x is not in the font\n", ch);
			return 2;
		}
		const uint8_t *glyph = font_glyphs[ch - FONT_FIRST];
		for (unsigned y = 0; y < FONT_HEIGHT; y++)
			for (unsigned x = 0; x < FONT_WIDTH; x++) {
				int on = glyph[y] & (0x80 >> x);
				uint32_t want = on ? FG_RGB : BG_RGB;
				size_t px_x = i * FONT_WIDTH + x;
				const uint8_t *p = px + y * row_bytes + px_x * 3;
				int ok = 1;
				fg_pixels += on != 0;
				for (int c = 0; c < 3; c++)
					ok &= top(p[c], bits[c]) == top(want >> (16 - 8 * c) & 0xFF, bits[c]);
				if (!ok && bad++ < MAX_SHOWN)
					printf("pixel (%zu,%u) in '%c' is #%02x%02x%02x, not #%06x\n",
					       px_x, y, ch, p[0], p[1], p[2], (unsigned)want);
			}
	}
	if (bad) {
		printf("%lu of %zu pixels of \"%s\" differ\n", bad, len * FONT_WIDTH * FONT_HEIGHT, text);
		return 1;
	}
	printf("%lux%lu, \"%s\" matches: %zu cells, %lu foreground pixels\n", w, h, text, len, fg_pixels);
	return 0;
}
