/*
 * Multiboot 0.6.96 as C: the header a kernel carries and the information
 * the loader hands it. Field names follow the specification's.
 */
#ifndef LONGBOOT_MULTIBOOT1_H
#define LONGBOOT_MULTIBOOT1_H

#include <stdint.h>

#define MB1_HEADER_MAGIC      0x1BADB002u
#define MB1_BOOT_MAGIC        0x2BADB002u   /* EAX at the kernel's entry */
#define MB1_SEARCH_BYTES      8192          /* the header lies in the file's first 8 KiB, */
#define MB1_HEADER_ALIGN      4             /* on a 4-byte boundary */

/* Header flags: bits 0-15 are requirements, 16-31 optional features. */
#define MB1_HF_PAGE_ALIGN     (1u << 0)     /* modules on 4 KiB boundaries */
#define MB1_HF_MEMORY_INFO    (1u << 1)     /* mem_lower/mem_upper and the memory map */
#define MB1_HF_VIDEO_MODE     (1u << 2)     /* mode_type..depth are valid */
#define MB1_HF_ADDRESS        (1u << 16)    /* header_addr..entry_addr are valid */
#define MB1_HF_REQUIRED_MASK  0x0000FFFFu
#define MB1_HF_KNOWN          (MB1_HF_PAGE_ALIGN | MB1_HF_MEMORY_INFO | MB1_HF_VIDEO_MODE | MB1_HF_ADDRESS)
#define MB1_MODE_GRAPHICS     0             /* mode_type: a linear graphics mode */
#define MB1_MODE_TEXT         1             /* mode_type: EGA text */

struct mb1_header {
	uint32_t magic;
	uint32_t flags;
	uint32_t checksum;      /* magic + flags + checksum == 0 */
	uint32_t header_addr;   /* MB1_HF_ADDRESS: where the magic is loaded */
	uint32_t load_addr;     /* where the loaded text starts */
	uint32_t load_end_addr; /* where the loaded data ends; 0: the end of the file */
	uint32_t bss_end_addr;  /* where the bss ends; 0: no bss */
	uint32_t entry_addr;
	uint32_t mode_type;     /* MB1_HF_VIDEO_MODE: 0 linear graphics, 1 EGA text */
	uint32_t width;
	uint32_t height;
	uint32_t depth;
};
#define MB1_HEADER_MIN_BYTES  12            /* magic, flags, checksum */

/* Info flags: which fields of struct mb1_info are valid. */
#define MB1_INFO_MEMORY       (1u << 0)
#define MB1_INFO_BOOTDEV      (1u << 1)
#define MB1_INFO_CMDLINE      (1u << 2)
#define MB1_INFO_MODS         (1u << 3)
#define MB1_INFO_ELF_SHDR     (1u << 5)
#define MB1_INFO_MEM_MAP      (1u << 6)
#define MB1_INFO_LOADER_NAME  (1u << 9)
#define MB1_INFO_VBE          (1u << 11)
#define MB1_INFO_FRAMEBUFFER  (1u << 12)

#define MB1_FB_TYPE_INDEXED   0
#define MB1_FB_TYPE_RGB       1
#define MB1_FB_TYPE_EGA_TEXT  2

struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower;          /* KiB from 0 */
	uint32_t mem_upper;          /* KiB from 1 MiB to the first hole */
	uint32_t boot_device;        /* drive << 24 | part1 << 16 | part2 << 8 | part3 */
	uint32_t cmdline;
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t shdr_num;           /* ELF section header table */
	uint32_t shdr_size;
	uint32_t shdr_addr;
	uint32_t shdr_shndx;
	uint32_t mmap_length;
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
	uint32_t apm_table;
	uint32_t vbe_control_info;
	uint32_t vbe_mode_info;
	uint16_t vbe_mode;
	uint16_t vbe_interface_seg;
	uint16_t vbe_interface_off;
	uint16_t vbe_interface_len;
	uint64_t framebuffer_addr;
	uint32_t framebuffer_pitch;
	uint32_t framebuffer_width;
	uint32_t framebuffer_height;
	uint8_t framebuffer_bpp;
	uint8_t framebuffer_type;
	uint8_t color_info[6];       /* RGB: red position, red size, green..., blue... */
} __attribute__((packed));
_Static_assert(__builtin_offsetof(struct mb1_info, shdr_num) == 28, "syms at 28");
_Static_assert(__builtin_offsetof(struct mb1_info, mmap_length) == 44, "mmap at 44");
_Static_assert(__builtin_offsetof(struct mb1_info, boot_loader_name) == 64, "name at 64");
_Static_assert(__builtin_offsetof(struct mb1_info, vbe_control_info) == 72, "vbe at 72");
_Static_assert(__builtin_offsetof(struct mb1_info, framebuffer_addr) == 88, "framebuffer at 88");
_Static_assert(sizeof(struct mb1_info) == 116, "multiboot_info is 116 bytes");

struct mb1_module {
	uint32_t mod_start;
	uint32_t mod_end;            /* one past the last byte */
	uint32_t string;
	uint32_t reserved;           /* 0 */
};

/* A memory map entry; size counts the bytes after itself (20). */
struct mb1_mmap_entry {
	uint32_t size;
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;               /* 1 available, 3 ACPI, 4 preserve (NVS), 5 defective */
} __attribute__((packed));
_Static_assert(sizeof(struct mb1_mmap_entry) == 24, "size field then 20 bytes");

#endif
