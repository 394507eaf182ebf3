/* The Multiboot 2 boot information (spec 2.0, section 3.6), from a boot description. Pure logic. */
#ifndef LONGBOOT_MULTIBOOT2_INFO_H
#define LONGBOOT_MULTIBOOT2_INFO_H

#include "boot_desc.h"
#include "info_writer.h"

/*
 * Appends the whole information structure (8-byte aligned start, tags,
 * end tag) to w, which must start 8-byte aligned. Returns the bytes it
 * takes; w->buf NULL only counts.
 */
size_t mb2_info_build(const struct boot_desc *d, struct info_writer *w);

#endif
