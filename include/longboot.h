/*
 * The longboot boot protocol, version 2, as C (docs/protocol.md).
 *
 * This is everything a kernel needs from longboot: the struct the loader
 * hands over in RDI, the memory map and module entries it points to, and
 * the constants that go with them. It is freestanding C11 and includes
 * nothing but <stdint.h>.
 */
#ifndef LONGBOOT_H
#define LONGBOOT_H

#include <stdint.h>

#define LONGBOOT_MAGIC           0x544F4F42474E4F4CULL /* "LONGBOOT" */
#define LONGBOOT_VERSION         2
#define LONGBOOT_INFO_SIZE       192  /* version 2; a kernel accepts larger sizes from later versions */
#define LONGBOOT_INFO_SIZE_V1    120  /* what a version 1 kernel reads */
#define LONGBOOT_PHYS_MAP_OFFSET 0xFFFF800000000000ULL
#define LONGBOOT_CMDLINE_MAX     4095 /* bytes, not counting the NUL */
#define LONGBOOT_MIN_STACK       (64 * 1024)

/* Lowest physical address a PT_LOAD segment may use. */
#define LONGBOOT_MIN_PADDR       0x100000ULL
/* Lowest virtual address of a higher-half (-mcmodel=kernel) segment. */
#define LONGBOOT_HIGHER_HALF     0xFFFFFFFF80000000ULL

/* firmware */
#define LONGBOOT_FIRMWARE_BIOS   1
#define LONGBOOT_FIRMWARE_UEFI   2

/* video_mode */
#define LONGBOOT_VIDEO_NONE        0  /* no display the loader knows of */
#define LONGBOOT_VIDEO_TEXT        1  /* VGA text, 80x25 at physical 0xB8000 */
#define LONGBOOT_VIDEO_FRAMEBUFFER 2  /* a linear framebuffer: the fb_ fields */

/* The kernel file's video request: an ELF note "longboot", type 1, desc u32 width, height, bpp. */
#define LONGBOOT_NOTE_NAME       "longboot"
#define LONGBOOT_NOTE_VIDEO      1

/* Memory map entry types. */
#define LONGBOOT_MEM_USABLE                 1
#define LONGBOOT_MEM_RESERVED               2
#define LONGBOOT_MEM_ACPI_RECLAIMABLE       3
#define LONGBOOT_MEM_ACPI_NVS               4
#define LONGBOOT_MEM_BAD_MEMORY             5
#define LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE 0x1000
#define LONGBOOT_MEM_KERNEL                 0x1001
#define LONGBOOT_MEM_MODULE                 0x1002

struct longboot_memmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved; /* 0 */
};

struct longboot_module {
	uint64_t addr;      /* 4 KiB aligned */
	uint64_t size;      /* bytes */
	uint64_t name_addr; /* NUL-terminated name */
};

struct longboot_info {
	uint64_t magic;             /* LONGBOOT_MAGIC */
	uint32_t version;           /* LONGBOOT_VERSION */
	uint32_t size;              /* bytes of this struct as written */
	uint64_t memmap_addr;
	uint32_t memmap_count;
	uint32_t memmap_entry_size; /* sizeof(struct longboot_memmap_entry) */
	uint64_t phys_map_offset;   /* LONGBOOT_PHYS_MAP_OFFSET */
	uint64_t kernel_phys_base;
	uint64_t kernel_phys_size;
	uint64_t stack_base;
	uint64_t stack_size;
	uint64_t cmdline_addr;      /* never 0; "" when there is none */
	uint64_t rsdp_addr;         /* 0 when none was found */
	uint64_t modules_addr;      /* 0 when there are none */
	uint32_t modules_count;
	uint32_t boot_drive;        /* DL at stage1 entry when 0x80-0x8F, else 0x80 */
	uint64_t tsc_loader_start;  /* TSC at stage2 entry */
	uint64_t tsc_kernel_entry;  /* TSC just before the jump to _start */
	/* version 2 */
	uint32_t firmware;          /* LONGBOOT_FIRMWARE_ */
	uint32_t video_mode;        /* LONGBOOT_VIDEO_ */
	uint64_t fb_addr;           /* the fb_ fields: video_mode 2, else 0 */
	uint32_t fb_width;
	uint32_t fb_height;
	uint32_t fb_pitch;          /* bytes from one line to the next */
	uint16_t fb_bpp;            /* 32, 24 or 16 */
	uint8_t fb_red_size;
	uint8_t fb_red_shift;
	uint8_t fb_green_size;
	uint8_t fb_green_shift;
	uint8_t fb_blue_size;
	uint8_t fb_blue_shift;
	uint32_t reserved;          /* 0 */
	uint64_t efi_system_table;  /* the efi_ fields: UEFI, else 0 */
	uint64_t efi_memmap_addr;
	uint64_t efi_memmap_size;
	uint32_t efi_memdesc_size;
	uint32_t efi_memdesc_version;
};

#define LONGBOOT_CHECK_OFFSET(field, off) \
	_Static_assert(__builtin_offsetof(struct longboot_info, field) == (off), \
		       "longboot_info." #field " must be at offset " #off)
LONGBOOT_CHECK_OFFSET(magic, 0);
LONGBOOT_CHECK_OFFSET(version, 8);
LONGBOOT_CHECK_OFFSET(size, 12);
LONGBOOT_CHECK_OFFSET(memmap_addr, 16);
LONGBOOT_CHECK_OFFSET(memmap_count, 24);
LONGBOOT_CHECK_OFFSET(memmap_entry_size, 28);
LONGBOOT_CHECK_OFFSET(phys_map_offset, 32);
LONGBOOT_CHECK_OFFSET(kernel_phys_base, 40);
LONGBOOT_CHECK_OFFSET(kernel_phys_size, 48);
LONGBOOT_CHECK_OFFSET(stack_base, 56);
LONGBOOT_CHECK_OFFSET(stack_size, 64);
LONGBOOT_CHECK_OFFSET(cmdline_addr, 72);
LONGBOOT_CHECK_OFFSET(rsdp_addr, 80);
LONGBOOT_CHECK_OFFSET(modules_addr, 88);
LONGBOOT_CHECK_OFFSET(modules_count, 96);
LONGBOOT_CHECK_OFFSET(boot_drive, 100);
LONGBOOT_CHECK_OFFSET(tsc_loader_start, 104);
LONGBOOT_CHECK_OFFSET(tsc_kernel_entry, 112);
LONGBOOT_CHECK_OFFSET(firmware, 120);
LONGBOOT_CHECK_OFFSET(video_mode, 124);
LONGBOOT_CHECK_OFFSET(fb_addr, 128);
LONGBOOT_CHECK_OFFSET(fb_width, 136);
LONGBOOT_CHECK_OFFSET(fb_height, 140);
LONGBOOT_CHECK_OFFSET(fb_pitch, 144);
LONGBOOT_CHECK_OFFSET(fb_bpp, 148);
LONGBOOT_CHECK_OFFSET(fb_red_size, 150);
LONGBOOT_CHECK_OFFSET(fb_blue_shift, 155);
LONGBOOT_CHECK_OFFSET(reserved, 156);
LONGBOOT_CHECK_OFFSET(efi_system_table, 160);
LONGBOOT_CHECK_OFFSET(efi_memmap_addr, 168);
LONGBOOT_CHECK_OFFSET(efi_memmap_size, 176);
LONGBOOT_CHECK_OFFSET(efi_memdesc_size, 184);
LONGBOOT_CHECK_OFFSET(efi_memdesc_version, 188);
#undef LONGBOOT_CHECK_OFFSET
_Static_assert(sizeof(struct longboot_info) == LONGBOOT_INFO_SIZE,
	       "longboot_info is 192 bytes in version 2");
_Static_assert(sizeof(struct longboot_memmap_entry) == 24,
	       "memory map entries are 24 bytes");
_Static_assert(sizeof(struct longboot_module) == 24,
	       "module entries are 24 bytes");

/*
 * The loader jumps to the ELF entry point as to
 *     void _start(const struct longboot_info *info);
 * an ordinary SysV x86-64 function that never returns.
 */

#endif
