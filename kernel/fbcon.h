/* Text on a linear framebuffer (video_mode 2), in the 8x16 font. */
#ifndef KERNEL_FBCON_H
#define KERNEL_FBCON_H

#include <stddef.h>
#include <stdint.h>
#include "longboot.h"

/* Takes the fb_ fields (bootinfo_check has vetted them) and clears the screen. */
void fbcon_init(const struct longboot_info *info);
/* VGA attribute bytes, drawn in the VGA palette's colours. */
void fbcon_set_attr(uint8_t vga_attr);
void fbcon_write(const char *s, size_t n);

/* The VGA palette, 0xRRGGBB: colour i of a text attribute. */
extern const uint32_t vga_palette[16];

#endif
