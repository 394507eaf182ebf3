/*
 * The 8x16 bitmap font of the framebuffer console: one byte a row, the
 * leftmost pixel in bit 7, for printable ASCII only. font_glyphs is
 * generated at build time from a PC screen font (docs/kernel.md, "The
 * font"); the host test tools link the same generated file.
 */
#ifndef KERNEL_FONT_H
#define KERNEL_FONT_H

#include <stdint.h>

#define FONT_WIDTH  8
#define FONT_HEIGHT 16
#define FONT_FIRST  0x20 /* ' ' */
#define FONT_LAST   0x7E /* '~' */
#define FONT_GLYPHS (FONT_LAST - FONT_FIRST + 1)

extern const uint8_t font_glyphs[FONT_GLYPHS][FONT_HEIGHT];

#endif
