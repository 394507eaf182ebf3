/*
 * The longboot disk image (docs/image-format.md).
 *
 *   LBA 0              stage1: the MBR, with a partition table
 *   LBA 1              struct lb_image_header (this file)
 *   LBA 2 ...          the stage2 area, LB_STAGE2_MAX_SECTORS long: stage2
 *                      (stage2_sectors), then zeros
 *   LB_PAYLOAD_LBA ... params: module table, command line, module names
 *   kernel_lba ...     the kernel ELF, packed: ELF header and program
 *                      headers, then each PT_LOAD's file bytes starting on a
 *                      sector boundary (p_offset rewritten to match);
 *                      sections the loader never reads are left out
 *   module lba ...     each module file, sector aligned
 *   padding            to a whole MiB
 *
 * All integers are little-endian. Every checksum is lb_sum (checksum.h)
 * over whole sectors as they are stored, zero padding included.
 */
#ifndef LONGBOOT_IMAGE_H
#define LONGBOOT_IMAGE_H

#include <stdint.h>
#include "layout.h"

#define LB_IMAGE_MAGIC      0x474D49424CULL /* "LBIMG\0\0\0" */
#define LB_IMAGE_VERSION    1
#define LB_PARAMS_MAX       (LB_MAX_SECTORS_PER_READ * LB_SECTOR_SIZE)
#define LB_MODULE_NAME_MAX  255
#define LB_KERNEL_HEAD_MAX  (16 * LB_SECTOR_SIZE) /* ELF header + program headers */

struct lb_extent {
	uint64_t lba;   /* first sector */
	uint64_t bytes; /* meaningful bytes; it fills ceil(bytes / 512) sectors */
	uint64_t sum;   /* lb_sum over those sectors */
};

struct lb_image_header {
	uint64_t magic;          /* LB_IMAGE_MAGIC */
	uint32_t version;        /* LB_IMAGE_VERSION */
	uint32_t header_bytes;   /* sizeof(struct lb_image_header) */
	uint32_t stage2_sectors; /* stage2 starts at LB_STAGE2_LBA */
	uint32_t module_count;
	uint64_t stage2_sum;     /* checked by stage1 */
	uint64_t total_sectors;  /* the whole image, padding included */
	struct lb_extent params; /* module_count lb_module_desc, then strings */
	uint32_t cmdline_offset; /* into params: the NUL-terminated command line */
	uint32_t kernel_head_bytes; /* ELF header and program headers */
	uint64_t kernel_head_sum;   /* over the sectors holding them */
	/*
	 * kernel.sum covers the sectors of every PT_LOAD's file bytes, in
	 * program-header order: exactly what the loader reads.
	 */
	struct lb_extent kernel;
	uint64_t header_sum;     /* lb_sum of the bytes before this field */
};

struct lb_module_desc {
	struct lb_extent file;
	uint32_t name_offset;    /* into params: the NUL-terminated name */
	uint32_t reserved;       /* 0 */
};

_Static_assert(sizeof(struct lb_image_header) <= LB_SECTOR_SIZE,
	       "the image header fits one sector");
_Static_assert(__builtin_offsetof(struct lb_image_header, header_sum) % 4 == 0,
	       "lb_sum works on whole dwords");
_Static_assert(sizeof(struct lb_module_desc) == 32, "module descriptors are 32 bytes");

#endif
