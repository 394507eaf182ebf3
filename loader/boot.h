/*
 * The boot sequence both firmware backends share (loader/): what its
 * steps hand each other, and the handoff blocks the jumps read.
 */
#ifndef LONGBOOT_BOOT_H
#define LONGBOOT_BOOT_H

#include <stdint.h>
#include "checksum.h"
#include "elf.h"
#include "image_check.h"
#include "longboot.h"
#include "firmware.h"
#include "video.h"

#define KERNEL_STACK_SIZE (64 * 1024)

/* What longmode.asm needs for the jump (offsets in asm-offsets.c). */
struct handoff {
	uint32_t pml4;
	uint16_t gdt_limit;   /* with gdt_base, the operand of LGDT */
	uint32_t gdt_base;
	uint16_t pad;
	uint32_t nxe;
	uint32_t code_sel;    /* the kernel's CS */
	uint32_t data_sel;    /* its DS, ES, SS (and FS, GS) */
	uint64_t info;        /* in RDI and RSI */
	uint64_t entry;
	uint64_t stack_top;   /* stack_base + stack_size, 16-byte aligned */
	uint64_t tsc_entry;   /* where to store the TSC at the jump */
} __attribute__((packed));

/* What pm32.asm needs to enter a 32-bit kernel with paging off. */
struct pm32_handoff {
	uint16_t gdt_limit;
	uint32_t gdt_base;
	uint16_t pad;
	uint32_t code_sel;
	uint32_t data_sel;
	uint32_t eax, ebx, esi;   /* every other general register is 0 */
	uint32_t entry;
} __attribute__((packed));

/* What the image says, checked: the params block and the pieces in it. */
struct loaded_params {
	const struct lb_image_header *h;
	const char *base;      /* the params block (stage2's buffer, then kept: params_keep) */
	const char *cmdline;
	const struct lb_module_desc *modules;
};

/* The GDT a kernel starts on: at most four descriptors. */
#define HANDOFF_GDT_ENTRIES 4

/* The descriptor the loader's GDT layout (include/layout.h, LB_SEL_*) has for selector sel. */
uint64_t gdt_descriptor_for(uint32_t sel);

/* load.c */
void load_params(const struct lb_image_header *h, struct loaded_params *p);
void params_keep(struct loaded_params *p);
void load_kernel_headers(const struct lb_image_header *h, enum elf_rules rules, struct elf_kernel *k);
void claim_kernel(const struct elf_kernel *k);
void claim_or_move_kernel(struct elf_kernel *k);
void load_kernel(const struct lb_image_header *h, const struct elf_kernel *k);
struct longboot_module *load_modules(const struct lb_image_header *h,
				     const struct loaded_params *p);
void check_sum(const struct lb_sum *s, uint64_t expected, const char *kind, const char *what);

/*
 * describe.c: the machine and what was loaded, for the protocol builders.
 * describe_display runs while the firmware is still there; describe_machine
 * after firmware_exit(), with the memory map the kernel will see.
 */
struct boot_desc;
struct boot_module;
struct video_request;
void describe_display(struct boot_desc *d, const struct video_request *video);
void describe_machine(struct boot_desc *d, const struct loaded_params *p,
		      const struct longboot_module *mods, struct boot_module *out_mods);
/* What the image's header asks of the display (--video or the kernel's note). */
static inline struct video_request image_video_request(const struct lb_image_header *h)
{
	return (struct video_request){ h->video_kind, h->video_width, h->video_height, h->video_bpp };
}

/* kernel_tables.c */
uint64_t build_page_tables(const struct elf_kernel *k, int nx);

/* One per protocol, and the choice among them; none returns. */
__attribute__((noreturn)) void boot_kernel(struct loaded_params *p, int nx);
__attribute__((noreturn)) void boot_longboot(struct loaded_params *p, int nx);
__attribute__((noreturn)) void boot_multiboot(struct loaded_params *p);
__attribute__((noreturn)) void boot_linux(struct loaded_params *p, int nx);

/* The BIOS backend only: Linux's own 16-bit setup, run in real mode (linux16). */
__attribute__((noreturn)) void enter_real_mode_kernel(uint32_t segment, uint32_t stack);

#endif
