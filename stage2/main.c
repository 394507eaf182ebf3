/* stage2's boot sequence, in protected mode. entry.asm calls stage2_main. */
#include "a20.h"
#include "boot.h"
#include "panic.h"
#include "cpu.h"
#include "disk.h"
#include "libc.h"
#include "mem.h"

#define GDT_HANDOFF_ENTRIES 3 /* null, 64-bit code, data: what the kernel may rely on */

/* Everything the kernel receives, in one BOOTLOADER_RECLAIMABLE block. */
struct boot_block {
	struct longboot_info info;
	uint64_t gdt[GDT_HANDOFF_ENTRIES];
	struct handoff handoff;
};

__attribute__((noreturn)) void stage2_main(void);
void stage2_main(void)
{
	const struct lb_image_header *h = (const struct lb_image_header *)LB_HEADER_ADDR;
	struct cpu_features cpu;
	struct elf_kernel kernel;
	struct loaded_params params;

	/* Report CPU exceptions instead of rebooting. */
	exceptions_init();

	/* An x86-64 CPU, and whether it has NX. */
	cpu_check(&cpu);

	/* Memory above 1 MiB is reachable. */
	if (!a20_enable())
		panic("cannot enable the A20 line (tried INT 15h, port 0x92 and the keyboard controller)");

	/* The image header stage1 read, and how to read the rest of the disk. */
	const char *why = lb_header_check(h);
	if (why)
		panic("image header: %s; build the image again with mkimage", why);
	disk_init(boot_drive, h->total_sectors);

	/* The firmware's memory map, sanitised. */
	mem_init();

	/* The kernel's program headers: valid, and where they go is free RAM. */
	load_kernel_headers(h, &kernel);

	/* The command line and module table, then the kernel and the modules. */
	load_params(h, &params);
	load_kernel(h, &kernel);
	struct longboot_module *modules = load_modules(h, &params);

	/* What the kernel keeps using: boot block, stack, page tables, memory map. */
	struct boot_block *b = mem_alloc(sizeof(*b), PAGE_SIZE,
					 LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the boot information");
	uint8_t *stack = mem_alloc(KERNEL_STACK_SIZE, PAGE_SIZE,
				   LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the kernel stack");
	uint64_t pml4 = build_page_tables(&kernel, cpu.nx);
	size_t map_cap = mem_final_map_cap();
	struct longboot_memmap_entry *map = mem_alloc(map_cap * sizeof(*map), PAGE_SIZE,
						      LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the memory map");
	uint32_t map_count = mem_final_map(map, map_cap);

	/* struct longboot_info, every field written: RAM is not zero. */
	struct longboot_info *info = &b->info;
	info->magic = LONGBOOT_MAGIC;
	info->version = LONGBOOT_VERSION;
	info->size = LONGBOOT_INFO_SIZE;
	info->memmap_addr = (uintptr_t)map;
	info->memmap_count = map_count;
	info->memmap_entry_size = sizeof(*map);
	info->phys_map_offset = LONGBOOT_PHYS_MAP_OFFSET;
	info->kernel_phys_base = kernel.phys_base;
	info->kernel_phys_size = ALIGN_UP(kernel.phys_end, PAGE_SIZE) - kernel.phys_base;
	info->stack_base = (uintptr_t)stack;
	info->stack_size = KERNEL_STACK_SIZE;
	info->cmdline_addr = (uintptr_t)params.cmdline;
	info->rsdp_addr = find_rsdp();
	info->modules_addr = (uintptr_t)modules;
	info->modules_count = h->module_count;
	info->boot_drive = boot_drive;
	info->tsc_loader_start = tsc_loader_start;
	info->tsc_kernel_entry = 0; /* written by enter_long_mode */

	/* The GDT the kernel starts on, and the jump. */
	memcpy(b->gdt, gdt, sizeof(b->gdt));
	b->handoff.pml4 = (uint32_t)pml4;
	b->handoff.gdt_limit = sizeof(b->gdt) - 1;
	b->handoff.gdt_base = (uintptr_t)b->gdt;
	b->handoff.pad = 0;
	b->handoff.nxe = (uint32_t)cpu.nx;
	b->handoff.info = (uintptr_t)info;
	b->handoff.entry = kernel.entry;
	b->handoff.stack_top = (uintptr_t)stack + KERNEL_STACK_SIZE;
	b->handoff.tsc_entry = (uintptr_t)&info->tsc_kernel_entry;
	enter_long_mode(&b->handoff);
}
