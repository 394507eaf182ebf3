/*
 * What a firmware backend found and loaded, described once: every
 * protocol's boot information is built from this alone, so each protocol
 * works on each firmware. Addresses are physical; pointers are where the
 * builders read the data (the same numbers in stage2, which runs without
 * paging).
 */
#ifndef LONGBOOT_BOOT_DESC_H
#define LONGBOOT_BOOT_DESC_H

#include <stddef.h>
#include <stdint.h>
#include "longboot.h"
#include "video.h"

#define BOOT_LOADER_NAME "longboot"

struct boot_module {
	uint64_t addr;
	uint64_t size;
	const char *string;             /* its name (longboot) or command line (Multiboot) */
};

struct boot_text_screen {
	uint64_t addr;                  /* 0xB8000 */
	uint32_t cols, rows;
	uint32_t cursor_x, cursor_y;    /* where the loader's own output ended */
};

/* UEFI: what a kernel needs to keep using the firmware's runtime services. */
struct boot_efi {
	uint64_t system_table;
	uint64_t image_handle;          /* the loader's */
	uint64_t memmap_addr;           /* the map ExitBootServices took, copied */
	uint64_t memmap_size;
	uint32_t memdesc_size, memdesc_version;
};

struct boot_desc {
	uint32_t firmware;              /* LONGBOOT_FIRMWARE_BIOS or LONGBOOT_FIRMWARE_UEFI */
	struct boot_efi efi;            /* UEFI only, else zero */
	/* The firmware's memory map, sanitised (types 1-5 only). */
	const struct longboot_memmap_entry *firmware_map;
	size_t firmware_count;
	const char *cmdline;
	const struct boot_module *modules;
	uint32_t module_count;
	uint32_t boot_drive;            /* BIOS drive number; 0 under UEFI */
	const uint8_t *rsdp;            /* the ACPI RSDP, or NULL */
	uint64_t rsdp_addr;
	int has_text_screen;            /* the BIOS text screen, when no framebuffer was set */
	struct boot_text_screen text;
	int has_framebuffer;            /* a linear framebuffer mode was set: */
	struct video_mode fb;
	/* VBE: the mode number, and copies of what 4F00h and 4F01h returned (0: none). */
	uint16_t vbe_mode;
	uint64_t vbe_control_info, vbe_mode_info;
	uint16_t vbe_interface_seg, vbe_interface_off, vbe_interface_len;
	/* ELF section headers loaded for the kernel (Multiboot), else num 0. */
	uint64_t shdr_addr;
	const void *shdr;
	uint32_t shdr_num, shdr_entsize, shdr_shndx;
	int has_load_base;              /* Multiboot 2 relocatable tag honoured */
	uint64_t load_base;
};

/* KiB of RAM from 0 (at most 640) and from 1 MiB up to the first hole. */
uint32_t boot_mem_lower_kib(const struct boot_desc *d);
uint32_t boot_mem_upper_kib(const struct boot_desc *d);

/* Bytes of the RSDP that are meaningful: 20 (ACPI 1.0) or its length field (2.0+). */
uint32_t boot_rsdp_v1_bytes(void);
uint32_t boot_rsdp_bytes(const uint8_t *rsdp);

#endif
