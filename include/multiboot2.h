/*
 * Multiboot 2.0 as C: the header tags a kernel carries and the boot
 * information tags the loader hands it. Every tag starts on an 8-byte
 * boundary. Where the specification's text and GRUB 2 (the loader every
 * Multiboot 2 kernel is tested with) differ, GRUB's layout is used: the
 * ELF-sections tag has 32-bit num/entsize/shndx, the framebuffer tag a
 * 16-bit reserved field (docs/multiboot.md).
 */
#ifndef LONGBOOT_MULTIBOOT2_H
#define LONGBOOT_MULTIBOOT2_H

#include <stdint.h>

#define MB2_HEADER_MAGIC      0xE85250D6u
#define MB2_BOOT_MAGIC        0x36D76289u   /* EAX at the kernel's entry */
#define MB2_SEARCH_BYTES      32768         /* the header lies in the file's first 32 KiB, */
#define MB2_HEADER_ALIGN      8             /* on an 8-byte boundary */
#define MB2_ARCH_I386         0
#define MB2_TAG_ALIGN         8

struct mb2_header {
	uint32_t magic;
	uint32_t architecture;
	uint32_t header_length;     /* the fixed part and every tag */
	uint32_t checksum;          /* magic + architecture + header_length + checksum == 0 */
};

/* Header tags. */
#define MB2_HT_END               0
#define MB2_HT_INFO_REQUEST      1
#define MB2_HT_ADDRESS           2
#define MB2_HT_ENTRY             3
#define MB2_HT_CONSOLE_FLAGS     4
#define MB2_HT_FRAMEBUFFER       5
#define MB2_HT_MODULE_ALIGN      6
#define MB2_HT_EFI_BS            7
#define MB2_HT_ENTRY_EFI32       8
#define MB2_HT_ENTRY_EFI64       9
#define MB2_HT_RELOCATABLE       10
#define MB2_HT_OPTIONAL          1u         /* in flags: the kernel boots without it */

struct mb2_header_tag {
	uint16_t type;
	uint16_t flags;
	uint32_t size;
};

struct mb2_header_address {
	struct mb2_header_tag tag;
	uint32_t header_addr;
	uint32_t load_addr;
	uint32_t load_end_addr;     /* 0: to the end of the file */
	uint32_t bss_end_addr;      /* 0: no bss */
};

struct mb2_header_entry {
	struct mb2_header_tag tag;
	uint32_t entry_addr;
};

#define MB2_CONSOLE_REQUIRED     1u
#define MB2_CONSOLE_EGA_TEXT     2u

struct mb2_header_console {
	struct mb2_header_tag tag;
	uint32_t console_flags;
};

struct mb2_header_framebuffer {
	struct mb2_header_tag tag;
	uint32_t width;             /* 0: no preference */
	uint32_t height;
	uint32_t depth;
};

#define MB2_RELOC_NONE           0
#define MB2_RELOC_LOWEST         1
#define MB2_RELOC_HIGHEST        2

struct mb2_header_relocatable {
	struct mb2_header_tag tag;
	uint32_t min_addr;
	uint32_t max_addr;          /* the image's last byte lies below this */
	uint32_t align;
	uint32_t preference;
};

/* Boot information tags. */
#define MB2_TAG_END              0
#define MB2_TAG_CMDLINE          1
#define MB2_TAG_LOADER_NAME      2
#define MB2_TAG_MODULE           3
#define MB2_TAG_BASIC_MEMINFO    4
#define MB2_TAG_BOOTDEV          5
#define MB2_TAG_MMAP             6
#define MB2_TAG_VBE              7
#define MB2_TAG_FRAMEBUFFER      8
#define MB2_TAG_ELF_SECTIONS     9
#define MB2_TAG_APM              10
#define MB2_TAG_EFI32            11
#define MB2_TAG_EFI64            12
#define MB2_TAG_SMBIOS           13
#define MB2_TAG_ACPI_OLD         14
#define MB2_TAG_ACPI_NEW         15
#define MB2_TAG_NETWORK          16
#define MB2_TAG_EFI_MMAP         17
#define MB2_TAG_EFI_BS           18
#define MB2_TAG_EFI32_IH         19
#define MB2_TAG_EFI64_IH         20
#define MB2_TAG_LOAD_BASE_ADDR   21

struct mb2_info_header {
	uint32_t total_size;
	uint32_t reserved;          /* 0 */
};

struct mb2_tag {
	uint32_t type;
	uint32_t size;              /* this tag's bytes, padding excluded */
};

struct mb2_tag_module {
	struct mb2_tag tag;
	uint32_t mod_start;
	uint32_t mod_end;           /* one past the last byte */
	/* the NUL-terminated string follows */
};

struct mb2_tag_basic_meminfo {
	struct mb2_tag tag;
	uint32_t mem_lower;         /* KiB */
	uint32_t mem_upper;
};

struct mb2_tag_bootdev {
	struct mb2_tag tag;
	uint32_t biosdev;
	uint32_t partition;         /* 0xFFFFFFFF: none */
	uint32_t sub_partition;
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	uint32_t entry_size;        /* 24 */
	uint32_t entry_version;     /* 0 */
	/* entries follow */
};

struct mb2_mmap_entry {
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;              /* 1 available, 3 ACPI, 4 preserve (NVS), 5 defective */
	uint32_t reserved;
};

#define MB2_FB_TYPE_INDEXED      0
#define MB2_FB_TYPE_RGB          1
#define MB2_FB_TYPE_EGA_TEXT     2
#define MB2_RGB_INFO_BYTES       6  /* red position, red size, green..., blue... */

struct mb2_tag_framebuffer {
	struct mb2_tag tag;
	uint64_t framebuffer_addr;
	uint32_t framebuffer_pitch;
	uint32_t framebuffer_width;
	uint32_t framebuffer_height;
	uint8_t framebuffer_bpp;
	uint8_t framebuffer_type;
	uint16_t reserved;
	/* colour information follows for types 0 and 1 */
} __attribute__((packed));
_Static_assert(sizeof(struct mb2_tag_framebuffer) == 32, "framebuffer tag is 32 bytes before colour info");

struct mb2_tag_elf_sections {
	struct mb2_tag tag;
	uint32_t num;
	uint32_t entsize;
	uint32_t shndx;
	/* the section headers follow */
};

struct mb2_tag_load_base {
	struct mb2_tag tag;
	uint32_t load_base_addr;
};

#endif
