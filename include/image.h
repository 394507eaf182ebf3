/*
 * The longboot disk image (docs/image-format.md).
 *
 *   LBA 0              stage1: the MBR, with a partition table
 *   LBA 1              struct lb_image_header (this file)
 *   LBA 2 ...          the stage2 area, LB_STAGE2_MAX_SECTORS long: stage2
 *                      (stage2_sectors), then zeros
 *   LB_PAYLOAD_LBA ... the EFI system partition (esp), when the image has one:
 *                      a FAT12 or FAT16 volume holding \EFI\BOOT\BOOTX64.EFI
 *   payload ...        LB_PAYLOAD_LBA without an ESP, else the first multiple
 *                      of LB_PAYLOAD_ALIGN_SECTORS after it:
 *                      params: module table, command line, module names
 *   kernel_lba ...     the kernel, stored as its format needs (below)
 *   kernel_extra lba   what else the kernel's protocol needs (below)
 *   initrd lba ...     Linux: the initrd files back to back
 *   module lba ...     each module file, sector aligned
 *   padding            to a whole MiB
 *
 * How the kernel is stored, by protocol:
 *   LB_PROTO_LONGBOOT, LB_PROTO_MULTIBOOT2, LB_PROTO_MULTIBOOT1: a packed
 *     ELF file (ELF64, or ELF32 for Multiboot): the ELF header and program
 *     headers (kernel_head_bytes), then each PT_LOAD's file bytes starting
 *     on a sector boundary (p_offset rewritten to match); sections the
 *     loader never reads are left out. A Multiboot kernel loaded through
 *     its header's address fields (the "a.out kludge") is stored the same
 *     way, as an ELF32 header with one PT_LOAD that mkimage derives from
 *     those fields and an e_entry of entry_addr.
 *     kernel_extra, Multiboot ELF only (else empty): struct lb_sections,
 *     the section header table, and each section that no PT_LOAD holds
 *     (symbols, strings) with its sh_offset rewritten to its place here.
 *   LB_PROTO_LINUX, LB_PROTO_LINUX16: kernel is the protected-mode kernel
 *     of the bzImage (the file from (setup_sects + 1) * 512 on);
 *     kernel_extra is the boot sector and real-mode setup before it;
 *     kernel_head_bytes is 0.
 * The Multiboot header, as it is in the kernel file (the fixed fields and,
 * for Multiboot 2, every tag), is copied into the params block
 * (mb_header_offset, mb_header_bytes) so the loader reads it checksummed.
 *
 * All integers are little-endian. Every checksum is lb_sum (checksum.h)
 * over whole sectors as they are stored, zero padding included.
 */
#ifndef LONGBOOT_IMAGE_H
#define LONGBOOT_IMAGE_H

#include <stdint.h>
#include "layout.h"

#define LB_IMAGE_MAGIC      0x474D49424CULL /* "LBIMG\0\0\0" */
#define LB_IMAGE_VERSION    3
#define LB_PARAMS_MAX       (LB_MAX_SECTORS_PER_READ * LB_SECTOR_SIZE)
#define LB_MODULE_NAME_MAX  4095  /* a module's name (longboot) or string (Multiboot) */
#define LB_KERNEL_HEAD_MAX  (16 * LB_SECTOR_SIZE) /* ELF header + program headers */
#define LB_KERNEL_EXTRA_MAX (16 * 1024 * 1024)    /* Linux setup, Multiboot symbol tables */
#define LB_MB_HEADER_MAX    (8 * 1024)            /* a Multiboot 2 header with its tags */
/* After an ESP the payload (params on) starts on a 4 KiB boundary. */
#define LB_PAYLOAD_ALIGN_SECTORS 8

/* The kernel's boot protocol: how the loader hands over. */
enum lb_protocol {
	LB_PROTO_LONGBOOT   = 1, /* docs/protocol.md: 64-bit ELF, struct longboot_info */
	LB_PROTO_MULTIBOOT2 = 2, /* Multiboot 2.0: 32-bit entry, tagged boot information */
	LB_PROTO_MULTIBOOT1 = 3, /* Multiboot 0.6.96: 32-bit entry, multiboot_info */
	LB_PROTO_LINUX      = 4, /* bzImage through its 64-bit (or 32-bit) entry */
	LB_PROTO_LINUX16    = 5, /* bzImage through its own 16-bit real-mode setup */
};

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
	uint32_t protocol;          /* enum lb_protocol */
	uint32_t mb_header_offset;  /* into params: the Multiboot header, when protocol is one */
	uint32_t mb_header_bytes;   /* 0 unless protocol is Multiboot */
	uint32_t reserved;          /* 0 */
	struct lb_extent kernel_extra;
	struct lb_extent initrd;    /* bytes 0 and lba 0 when there is none */
	/*
	 * The display mode asked for: by --video, else by the kernel's own
	 * note (longboot) or header (Multiboot). video_kind is 0 (nothing
	 * asked), 1 (text) or 2 (a framebuffer of video_width x video_height,
	 * video_bpp bits a pixel; 0 for any).
	 */
	uint32_t video_kind;
	uint32_t video_width;
	uint32_t video_height;
	uint32_t video_bpp;
	struct lb_extent stage2_tail; /* stage2's tail (struct lb_stage2_id); bytes 0 when none */
	/*
	 * The EFI system partition at LB_PAYLOAD_LBA, before the payload so
	 * that a truncated image keeps it; bytes is whole sectors, sum covers
	 * them all. All 0 when the image has none.
	 */
	struct lb_extent esp;
	uint64_t header_sum;     /* lb_sum of the bytes before this field */
};

struct lb_module_desc {
	struct lb_extent file;
	uint32_t name_offset;    /* into params: the NUL-terminated name or string */
	uint32_t reserved;       /* 0 */
};

_Static_assert(sizeof(struct lb_image_header) <= LB_SECTOR_SIZE,
	       "the image header fits one sector");
/*
 * What stage2's file says of itself, at byte LB_STAGE2_ID_OFFSET (after a
 * short jump): the head stage1 reads into the stage2 area, and the tail
 * after it that stage2 reads itself when it needs it. A stage2 file
 * without it is all head.
 */
#define LB_STAGE2_ID_OFFSET 2
#define LB_STAGE2_ID_MAGIC  0x3253424CU /* "LBS2" */
struct lb_stage2_id {
	uint32_t magic;
	uint16_t head_sectors;
	uint16_t tail_sectors;
};

/*
 * kernel_extra of a Multiboot ELF kernel: this, then num * entsize bytes
 * of section headers, then the bytes of each section that no PT_LOAD
 * holds, its sh_offset rewritten to count from the start of this struct.
 */
struct lb_sections {
	uint32_t num;            /* e_shnum */
	uint32_t entsize;        /* e_shentsize: 40 (ELF32) or 64 (ELF64) */
	uint32_t shndx;          /* e_shstrndx */
	uint32_t reserved;       /* 0 */
};

_Static_assert(__builtin_offsetof(struct lb_image_header, header_sum) % 4 == 0,
	       "lb_sum works on whole dwords");
_Static_assert(sizeof(struct lb_module_desc) == 32, "module descriptors are 32 bytes");
_Static_assert(__builtin_offsetof(struct lb_image_header, stage2_tail) % 8 == 0 &&
	       __builtin_offsetof(struct lb_image_header, esp) % 8 == 0 &&
	       sizeof(struct lb_image_header) % 8 == 0,
	       "the same layout for the 32-bit loader and a 64-bit mkimage");

#endif
