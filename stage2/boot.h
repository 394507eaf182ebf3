/* What stage2's steps hand each other, and the jump to the kernel. */
#ifndef LONGBOOT_BOOT_H
#define LONGBOOT_BOOT_H

#include <stdint.h>
#include "elf.h"
#include "image_check.h"
#include "longboot.h"

#define KERNEL_STACK_SIZE (64 * 1024)

/* What longmode.asm needs for the jump (offsets in asm-offsets.c). */
struct handoff {
	uint32_t pml4;
	uint16_t gdt_limit;   /* with gdt_base, the operand of LGDT */
	uint32_t gdt_base;
	uint16_t pad;
	uint32_t nxe;
	uint64_t info;
	uint64_t entry;
	uint64_t stack_top;   /* stack_base + stack_size, 16-byte aligned */
	uint64_t tsc_entry;   /* where to store the TSC at the jump */
} __attribute__((packed));

struct loaded_params {
	const char *cmdline;
	const struct lb_module_desc *modules;
	const char *base;      /* the params block, in BOOTLOADER_RECLAIMABLE memory */
};

/* entry.asm */
extern uint64_t tsc_loader_start;
extern uint8_t boot_drive;
extern const uint8_t gdt[], gdt_end[];

/* load.c */
void load_params(const struct lb_image_header *h, struct loaded_params *p);
void load_kernel_headers(const struct lb_image_header *h, struct elf_kernel *k);
void load_kernel(const struct lb_image_header *h, const struct elf_kernel *k);
struct longboot_module *load_modules(const struct lb_image_header *h,
				     const struct loaded_params *p);

/* kernel_tables.c */
uint64_t build_page_tables(const struct elf_kernel *k, int nx);

/* rsdp.c */
uint64_t find_rsdp(void);

/* longmode.asm */
__attribute__((noreturn)) void enter_long_mode(const struct handoff *h);

#endif
