/* What stage2's steps hand each other, and the jump to the kernel. */
#ifndef LONGBOOT_BOOT_H
#define LONGBOOT_BOOT_H

#include <stdint.h>
#include "elf.h"
#include "image_check.h"
#include "longboot.h"

#define KERNEL_STACK_SIZE (64 * 1024)

/* Read by stage2/longmode.asm: keep the offsets in step. */
struct handoff {
	uint32_t pml4;        /* 0 */
	uint16_t gdt_limit;   /* 4 */
	uint32_t gdt_base;    /* 6 */
	uint16_t pad;         /* 10 */
	uint32_t nxe;         /* 12 */
	uint64_t info;        /* 16 */
	uint64_t entry;       /* 24 */
	uint64_t stack_top;   /* 32 */
	uint64_t tsc_entry;   /* 40: where to store the TSC at the jump */
} __attribute__((packed));
_Static_assert(__builtin_offsetof(struct handoff, gdt_limit) == 4, "longmode.asm H_GDT");
_Static_assert(__builtin_offsetof(struct handoff, nxe) == 12, "longmode.asm H_NXE");
_Static_assert(__builtin_offsetof(struct handoff, info) == 16, "longmode.asm H_INFO");
_Static_assert(__builtin_offsetof(struct handoff, entry) == 24, "longmode.asm H_ENTRY");
_Static_assert(__builtin_offsetof(struct handoff, stack_top) == 32, "longmode.asm H_STACK_TOP");
_Static_assert(__builtin_offsetof(struct handoff, tsc_entry) == 40, "longmode.asm H_TSC_ENTRY");

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

/* pagetables.c */
uint64_t build_page_tables(const struct elf_kernel *k, int nx);

/* rsdp.c */
uint64_t find_rsdp(void);

/* longmode.asm */
__attribute__((noreturn)) void enter_long_mode(const struct handoff *h);

#endif
