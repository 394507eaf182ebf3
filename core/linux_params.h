/*
 * The zero page ("boot_params") for a Linux kernel, from a boot
 * description (boot.rst, "Details of header fields" and "The 32-bit boot
 * protocol"). Pure logic.
 */
#ifndef LONGBOOT_LINUX_PARAMS_H
#define LONGBOOT_LINUX_PARAMS_H

#include "boot_desc.h"
#include "linux_header.h"

struct linux_load {
	uint64_t kernel_addr;       /* where the protected-mode kernel lies */
	uint64_t cmdline_addr;
	uint64_t initrd_addr;       /* 0 when there is none */
	uint64_t initrd_size;
	uint16_t heap_end;          /* heap_end_ptr: setup's heap and stack end, from the real-mode segment */
};

/*
 * Fills zp (LINUX_ZERO_PAGE_BYTES): zeroed, the kernel's setup header
 * (from setup, the file's first bytes) copied in, then the loader's
 * fields: type_of_loader, loadflags, heap_end_ptr, code32_start,
 * cmd_line_ptr, the initrd, vid_mode from a vga= word in the command
 * line, the E820 table, acpi_rsdp_addr (2.14+), screen_info and alt_mem_k.
 */
void linux_params_build(const struct boot_desc *d, const struct linux_header *h, const void *setup,
			const struct linux_load *l, uint8_t *zp);

/* The vid_mode a vga= word of cmdline asks for; 0xFFFF ("normal") without one. */
uint16_t linux_vid_mode(const char *cmdline);

#endif
