/*
 * Checks of an image header and its params block (include/image.h). Pure
 * logic: stage2 checks what it read, mkimage --inspect what it finds, the
 * fuzz target whatever it is given.
 */
#ifndef LONGBOOT_IMAGE_CHECK_H
#define LONGBOOT_IMAGE_CHECK_H

#include <stddef.h>
#include "image.h"

#define LB_SECTORS(bytes) (((bytes) + LB_SECTOR_SIZE - 1) / LB_SECTOR_SIZE)

static inline int lb_protocol_is_linux(uint32_t p)
{
	return p == LB_PROTO_LINUX || p == LB_PROTO_LINUX16;
}

static inline int lb_protocol_is_multiboot(uint32_t p)
{
	return p == LB_PROTO_MULTIBOOT1 || p == LB_PROTO_MULTIBOOT2;
}

/* The --protocol / PROTOCOL= word for p ("longboot", "multiboot2", ...), or NULL. */
const char *lb_protocol_name(uint32_t p);

/*
 * Returns NULL when the header is sound (magic, version, size, checksum,
 * every extent inside total_sectors and within its size limit), else a
 * short phrase saying what is wrong.
 */
const char *lb_header_check(const struct lb_image_header *h);

/*
 * Returns NULL when the params block (h->params.bytes bytes at p, already
 * checksummed) is sound: module descriptors inside it and inside the image,
 * names and command line NUL-terminated inside it, command line at most
 * LONGBOOT_CMDLINE_MAX bytes, names at most LB_MODULE_NAME_MAX; else a
 * short phrase.
 */
const char *lb_params_check(const struct lb_image_header *h, const void *p);

#endif
