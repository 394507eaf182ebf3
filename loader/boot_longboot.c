/* The longboot protocol (docs/protocol.md): a 64-bit ELF kernel, struct longboot_info in RDI. */
#include "boot.h"
#include "libc.h"
#include "mem.h"
#include "panic.h"

/* Everything the kernel receives, in one BOOTLOADER_RECLAIMABLE block. */
struct boot_block {
	struct longboot_info info;
	uint64_t gdt[HANDOFF_GDT_ENTRIES];
	struct handoff handoff;
};

void boot_longboot(struct loaded_params *p, int nx)
{
	const struct lb_image_header *h = p->h;
	struct elf_kernel kernel;
	struct boot_desc d;

	/* The kernel's program headers: valid, and where they go is free RAM (or, under UEFI, somewhere that is). */
	load_kernel_headers(h, ELF_RULES_LONGBOOT, &kernel);
	claim_or_move_kernel(&kernel);

	/* The command line and module table where the kernel finds them, the kernel, the modules. */
	params_keep(p);
	load_kernel(h, &kernel);
	struct longboot_module *modules = load_modules(h, p);

	/*
	 * The display: the mode the kernel asked for, the firmware's own (UEFI),
	 * or the BIOS text screen (protocol section 5).
	 */
	struct video_request video = image_video_request(h);
	describe_display(&d, &video);

	/* What the kernel keeps using: boot block and stack. */
	struct boot_block *b = mem_alloc(sizeof(*b), PAGE_SIZE,
					 LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the boot information");
	uint8_t *stack = mem_alloc(KERNEL_STACK_SIZE, PAGE_SIZE,
				   LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the kernel stack");

	/* The firmware is left; the memory map is final from here on. */
	firmware_exit();
	describe_machine(&d, p, 0, 0);
	uint64_t pml4 = build_page_tables(&kernel, nx);
	size_t map_cap = mem_final_map_cap();
	struct longboot_memmap_entry *map = mem_alloc(map_cap * sizeof(*map), PAGE_SIZE,
						      LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the memory map");
	uint32_t map_count = mem_final_map(map, map_cap);

	/* struct longboot_info, every field written: RAM is not zero. */
	struct longboot_info *info = &b->info;
	memset(info, 0, sizeof(*info));
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
	info->cmdline_addr = (uintptr_t)p->cmdline;
	info->rsdp_addr = d.rsdp_addr;
	info->modules_addr = (uintptr_t)modules;
	info->modules_count = h->module_count;
	info->boot_drive = d.boot_drive;
	info->tsc_loader_start = tsc_loader_start;
	info->tsc_kernel_entry = 0; /* written by enter_long_mode */
	/* Version 2: the firmware, the display (protocol sections 3, 5 and 6). */
	info->firmware = d.firmware;
	info->video_mode = d.has_framebuffer ? LONGBOOT_VIDEO_FRAMEBUFFER :
			   d.has_text_screen ? LONGBOOT_VIDEO_TEXT : LONGBOOT_VIDEO_NONE;
	if (d.has_framebuffer) {
		info->fb_addr = d.fb.fb_addr;
		info->fb_width = d.fb.width;
		info->fb_height = d.fb.height;
		info->fb_pitch = d.fb.pitch;
		info->fb_bpp = (uint16_t)d.fb.bpp;
		info->fb_red_size = d.fb.red_size;
		info->fb_red_shift = d.fb.red_shift;
		info->fb_green_size = d.fb.green_size;
		info->fb_green_shift = d.fb.green_shift;
		info->fb_blue_size = d.fb.blue_size;
		info->fb_blue_shift = d.fb.blue_shift;
	}
	info->efi_system_table = d.efi.system_table;
	info->efi_memmap_addr = d.efi.memmap_addr;
	info->efi_memmap_size = d.efi.memmap_size;
	info->efi_memdesc_size = d.efi.memdesc_size;
	info->efi_memdesc_version = d.efi.memdesc_version;

	/* The GDT the kernel starts on (null, 64-bit code, data), and the jump. */
	memset(b->gdt, 0, sizeof(b->gdt));
	b->gdt[LB_SEL_CODE64 / 8] = gdt_descriptor_for(LB_SEL_CODE64);
	b->gdt[LB_SEL_DATA / 8] = gdt_descriptor_for(LB_SEL_DATA);
	b->handoff.pml4 = (uint32_t)pml4;
	b->handoff.gdt_limit = (LB_SEL_DATA / 8 + 1) * sizeof(b->gdt[0]) - 1;
	b->handoff.gdt_base = (uint32_t)(uintptr_t)b->gdt;
	b->handoff.pad = 0;
	b->handoff.nxe = (uint32_t)nx;
	b->handoff.code_sel = LB_SEL_CODE64;
	b->handoff.data_sel = LB_SEL_DATA;
	b->handoff.info = (uintptr_t)info;
	b->handoff.entry = kernel.entry;
	b->handoff.stack_top = (uintptr_t)stack + KERNEL_STACK_SIZE;
	b->handoff.tsc_entry = (uintptr_t)&info->tsc_kernel_entry;
	enter_long_mode(&b->handoff);
}
