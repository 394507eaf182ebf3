/*
 * Multiboot 0.6.96 (section 3.3): reads the boot information structure
 * into struct boot, and the check only Multiboot 1 has: its flags.
 */
#include "mbconf.h"

#define STRING_MAX 4096   /* how far the kernel looks for a string's NUL */

static void add_string(const char *what, uint32_t index, uint32_t addr)
{
	uint32_t n = 0;
	while (n < STRING_MAX && rd8(addr + n))
		n++;
	add_object(what, index, addr, (uint64_t)addr + n + 1);
}

void mb1_parse(void)
{
	uint32_t info = boot.info, flags = rd32(info + MB1_FLAGS);

	boot.mb1_flags = flags;
	boot.nparts = 3;
	boot.info_size = flags & MB1_F_FB ? MB1_INFO_SIZE_FB : MB1_INFO_SIZE;
	add_object("boot information", 0, info, (uint64_t)info + boot.info_size);

	if (flags & MB1_F_MEM) {
		boot.meminfo_present = 1;
		boot.mem_lower = rd32(info + MB1_MEM_LOWER);
		boot.mem_upper = rd32(info + MB1_MEM_UPPER);
	}
	if (flags & MB1_F_BOOTDEV) {
		uint32_t d = rd32(info + MB1_BOOT_DEVICE);
		boot.bootdev_present = 1;
		boot.drive = d >> 24;
		boot.parts[0] = d >> 16 & 0xFF;
		boot.parts[1] = d >> 8 & 0xFF;
		boot.parts[2] = d & 0xFF;
	}
	if (flags & MB1_F_CMDLINE) {
		boot.cmdline_present = 1;
		boot.cmdline_addr = rd32(info + MB1_CMDLINE);
		boot.cmdline_max = STRING_MAX;
		add_string("command line", 0, boot.cmdline_addr);
	}
	if (flags & MB1_F_MODS) {
		uint32_t count = rd32(info + MB1_MODS_COUNT), addr = rd32(info + MB1_MODS_ADDR);
		boot.mods_present = 1;
		boot.nmods = count;
		if (count)
			add_object("module list", 0, addr, (uint64_t)addr + (uint64_t)count * MB1_MOD_SIZE);
		for (uint32_t i = 0; i < count && i < MODS_MAX; i++) {
			struct module *m = &boot.mods[i];
			uint32_t at = addr + i * MB1_MOD_SIZE;
			m->start = rd32(at);
			m->end = rd32(at + 4);
			m->string = rd32(at + 8);
			m->string_max = STRING_MAX;
			add_object("module", i, m->start, m->end);
			add_string("module string", i, m->string);
		}
	}
	if (flags & MB1_F_ELF) {
		boot.elf_present = 1;
		boot.elf_num = rd32(info + MB1_ELF_NUM);
		boot.elf_entsize = rd32(info + MB1_ELF_SIZE);
		boot.elf_shdrs = rd32(info + MB1_ELF_ADDR);
		boot.elf_shndx = rd32(info + MB1_ELF_SHNDX);
		add_object("ELF section headers", 0, boot.elf_shdrs,
			   (uint64_t)boot.elf_shdrs + (uint64_t)boot.elf_num * boot.elf_entsize);
	}
	if (flags & MB1_F_MMAP) {
		uint32_t length = rd32(info + MB1_MMAP_LENGTH), addr = rd32(info + MB1_MMAP_ADDR);
		uint64_t end = (uint64_t)addr + length, p = addr;
		boot.mmap_present = 1;
		add_object("memory map", 0, addr, end);
		boot.mmap_entry_size = 0;
		while (p < end) {
			uint32_t size = rd32((uint32_t)p);
			if (size < MB1_MMAP_MIN) {
				format(boot.mmap_problem, sizeof(boot.mmap_problem),
				       "entry %u at 0x%llx: size %u (< 20)", boot.nmmap, p, size);
				break;
			}
			if (p + 4 + size > end) {
				format(boot.mmap_problem, sizeof(boot.mmap_problem),
				       "entry %u at 0x%llx (size %u) runs past mmap_addr + mmap_length 0x%llx",
				       boot.nmmap, p, size, end);
				break;
			}
			if (boot.mmap_entry_size == 0)
				boot.mmap_entry_size = size;
			if (boot.nmmap < MMAP_MAX) {
				struct mmap_entry *e = &boot.mmap[boot.nmmap];
				e->base = rd64((uint32_t)p + 4);
				e->length = rd64((uint32_t)p + 12);
				e->type = rd32((uint32_t)p + 20);
			}
			boot.nmmap++;
			p += 4 + (uint64_t)size;
		}
		boot.mmap_ok = !boot.mmap_problem[0];
	}
	if (flags & MB1_F_DRIVES) {
		uint32_t length = rd32(info + MB1_DRIVES_LENGTH), addr = rd32(info + MB1_DRIVES_ADDR);
		if (length)
			add_object("drives", 0, addr, (uint64_t)addr + length);
	}
	if (flags & MB1_F_LOADER) {
		boot.loader_present = 1;
		boot.loader_addr = rd32(info + MB1_LOADER_NAME);
		boot.loader_max = STRING_MAX;
		add_string("boot loader name", 0, boot.loader_addr);
	}
	if (flags & MB1_F_FB) {
		boot.fb_present = 1;
		boot.fb.addr = rd64(info + MB1_FB_ADDR);
		boot.fb.pitch = rd32(info + MB1_FB_PITCH);
		boot.fb.width = rd32(info + MB1_FB_WIDTH);
		boot.fb.height = rd32(info + MB1_FB_HEIGHT);
		boot.fb.bpp = rd8(info + MB1_FB_BPP);
		boot.fb.type = rd8(info + MB1_FB_TYPE);
		if (boot.fb.type == FB_TYPE_RGB) {
			uint32_t c = info + MB1_FB_COLOUR;
			boot.fb.colour_present = 1;
			boot.fb.red_pos = rd8(c);
			boot.fb.red_size = rd8(c + 1);
			boot.fb.green_pos = rd8(c + 2);
			boot.fb.green_size = rd8(c + 3);
			boot.fb.blue_pos = rd8(c + 4);
			boot.fb.blue_size = rd8(c + 5);
		}
	}
	if (flags & MB1_F_VBE) {
		struct vbe *v = &boot.vbe;
		boot.vbe_present = 1;
		v->control_info = rd32(info + MB1_VBE_CONTROL);
		v->mode_info = rd32(info + MB1_VBE_MODE_INFO);
		v->mode = rd16(info + MB1_VBE_MODE);
		v->interface_seg = rd16(info + MB1_VBE_SEG);
		v->interface_off = rd16(info + MB1_VBE_OFF);
		v->interface_len = rd16(info + MB1_VBE_LEN);
		add_object("VBE control information", 0, v->control_info,
			   (uint64_t)v->control_info + VBE_CONTROL_SIZE);
		add_object("VBE mode information", 0, v->mode_info, (uint64_t)v->mode_info + VBE_MODE_INFO_SIZE);
	}
	boot.info_ok = 1;
}

void mb1_checks(void)
{
	struct check c;
	uint32_t f = boot.mb1_flags;

	check_begin(&c, "mb1-flags");
	expect(&c, (f & (MB1_F_AOUT | MB1_F_ELF)) != (MB1_F_AOUT | MB1_F_ELF),
	       "flags 0x%x: bits 4 (a.out symbols) and 5 (ELF sections) both set", f);
	check_note(&c, "flags 0x%x", f);
	check_end(&c);
}
