/* The longboot protocol (docs/protocol.md): a 64-bit ELF kernel, struct longboot_info in RDI. */
#include "boot.h"
#include "libc.h"
#include "mem.h"
#include "panic.h"
#include "vbe.h"

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

	/* The kernel's program headers: valid, and where they go is free RAM. */
	load_kernel_headers(h, ELF_RULES_LONGBOOT, &kernel);
	claim_kernel(&kernel);

	/* The command line and module table where the kernel finds them, the kernel, the modules. */
	params_keep(p);
	load_kernel(h, &kernel);
	struct longboot_module *modules = load_modules(h, p);

	/*
	 * The display: the mode the kernel asked for, or the BIOS text screen
	 * (video_mode 1 also when the BIOS cannot tell whether one is shown;
	 * 0 when INT 10h answers nothing: no display, protocol section 5).
	 */
	struct video_request video = image_video_request(h);
	struct video_mode fb;
	struct boot_text_screen text;
	uint32_t video_mode = needs_stage2_tail(h) && vbe_set_mode(&video, &fb) ? LONGBOOT_VIDEO_FRAMEBUFFER :
			      text_screen(&text) ? LONGBOOT_VIDEO_TEXT : LONGBOOT_VIDEO_NONE;

	/* What the kernel keeps using: boot block, stack, page tables, memory map. */
	struct boot_block *b = mem_alloc(sizeof(*b), PAGE_SIZE,
					 LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the boot information");
	uint8_t *stack = mem_alloc(KERNEL_STACK_SIZE, PAGE_SIZE,
				   LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the kernel stack");
	uint64_t pml4 = build_page_tables(&kernel, nx);
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
	info->cmdline_addr = (uintptr_t)p->cmdline;
	info->rsdp_addr = find_rsdp();
	info->modules_addr = (uintptr_t)modules;
	info->modules_count = h->module_count;
	info->boot_drive = boot_drive;
	info->tsc_loader_start = tsc_loader_start;
	info->tsc_kernel_entry = 0; /* written by enter_long_mode */
	/* Version 2: the display (protocol sections 3 and 5), and no EFI. */
	memset((uint8_t *)info + LONGBOOT_INFO_SIZE_V1, 0, sizeof(*info) - LONGBOOT_INFO_SIZE_V1);
	info->firmware = LONGBOOT_FIRMWARE_BIOS;
	info->video_mode = video_mode;
	if (video_mode == LONGBOOT_VIDEO_FRAMEBUFFER) {
		info->fb_addr = fb.fb_addr;
		info->fb_width = fb.width;
		info->fb_height = fb.height;
		info->fb_pitch = fb.pitch;
		info->fb_bpp = (uint16_t)fb.bpp;
		info->fb_red_size = fb.red_size;
		info->fb_red_shift = fb.red_shift;
		info->fb_green_size = fb.green_size;
		info->fb_green_shift = fb.green_shift;
		info->fb_blue_size = fb.blue_size;
		info->fb_blue_shift = fb.blue_shift;
	}

	/* The GDT the kernel starts on (null, 64-bit code, data), and the jump. */
	memset(b->gdt, 0, sizeof(b->gdt));
	b->gdt[LB_SEL_CODE64 / 8] = gdt_descriptor_for(LB_SEL_CODE64);
	b->gdt[LB_SEL_DATA / 8] = gdt_descriptor_for(LB_SEL_DATA);
	b->handoff.pml4 = (uint32_t)pml4;
	b->handoff.gdt_limit = (LB_SEL_DATA / 8 + 1) * sizeof(b->gdt[0]) - 1;
	b->handoff.gdt_base = (uintptr_t)b->gdt;
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
