#include <stddef.h>
#include "bootinfo.h"
#include "panic.h"

/* The loader identity-maps at least [0, 4 GiB) (docs/protocol.md, section 2). */
#define IDENTITY_MAPPED_END (1ULL << 32)
#define MODULE_NAME_MAX     4095

static void check_range(const char *what, uint64_t addr, uint64_t len)
{
	if (addr >= IDENTITY_MAPPED_END || len > IDENTITY_MAPPED_END - addr)
		panic("boot info: %s at 0x%llx (%llu bytes) is not in the identity-mapped first 4 GiB",
		      what, (unsigned long long)addr, (unsigned long long)len);
}

static void check_string(const char *what, uint64_t addr, uint64_t max_len)
{
	if (addr == 0)
		panic("boot info: %s address is 0", what);
	check_range(what, addr, 1);

	const char *s = (const char *)(uintptr_t)addr;
	uint64_t limit = IDENTITY_MAPPED_END - addr;
	uint64_t n = 0;

	while (n < limit && n <= max_len && s[n])
		n++;
	if (n == limit || n > max_len)
		panic("boot info: %s at 0x%llx has no NUL within %llu bytes",
		      what, (unsigned long long)addr, (unsigned long long)max_len + 1);
}

static void check_channel(const char *what, unsigned size, unsigned shift, unsigned bpp)
{
	if (size == 0 || size > 8 || shift + size > bpp)
		panic("boot info: framebuffer %s is %u bits at bit %u in a %u-bit pixel",
		      what, size, shift, bpp);
}

/* The version 2 video fields, when there are any: a framebuffer the console can draw on. */
static void check_video(const struct longboot_info *info)
{
	if (info->version < 2 || info->size < LONGBOOT_INFO_SIZE)
		return;
	if (info->video_mode > LONGBOOT_VIDEO_FRAMEBUFFER)
		panic("boot info: video_mode %u is none of 0, 1, 2", info->video_mode);
	if (info->video_mode != LONGBOOT_VIDEO_FRAMEBUFFER)
		return;

	unsigned bpp = info->fb_bpp;

	if (bpp != 32 && bpp != 24 && bpp != 16)
		panic("boot info: framebuffer of %u bits a pixel, not 32, 24 or 16", bpp);
	if (info->fb_width == 0 || info->fb_height == 0)
		panic("boot info: framebuffer of %ux%u pixels", info->fb_width, info->fb_height);
	if (info->fb_pitch < (uint64_t)info->fb_width * (bpp / 8))
		panic("boot info: framebuffer pitch %u is less than %u pixels of %u bits",
		      info->fb_pitch, info->fb_width, bpp);
	check_channel("red", info->fb_red_size, info->fb_red_shift, bpp);
	check_channel("green", info->fb_green_size, info->fb_green_shift, bpp);
	check_channel("blue", info->fb_blue_size, info->fb_blue_shift, bpp);
	/* Mapped at its physical address wherever it is (docs/protocol.md, section 3). */
	if (info->fb_addr == 0 || info->fb_addr + (uint64_t)info->fb_pitch * info->fb_height < info->fb_addr ||
	    info->fb_addr + (uint64_t)info->fb_pitch * info->fb_height > LONGBOOT_PHYS_MAP_OFFSET)
		panic("boot info: framebuffer at 0x%llx, %u lines of %u bytes, is not addressable",
		      (unsigned long long)info->fb_addr, info->fb_height, info->fb_pitch);
}

void bootinfo_check(const struct longboot_info *info)
{
	uint64_t addr = (uintptr_t)info;

	if (!info)
		panic("no boot info: RDI was 0 at _start (not booted by longboot?)");
	check_range("struct longboot_info", addr, LONGBOOT_INFO_SIZE_V1);
	if (info->magic != LONGBOOT_MAGIC)
		panic("boot info magic is 0x%016llx, not 0x%016llx (\"LONGBOOT\"): not booted by longboot?",
		      (unsigned long long)info->magic, LONGBOOT_MAGIC);
	/* Later versions only append fields: any version from 1 on will do. */
	if (info->version < 1)
		panic("boot protocol version %u; this kernel needs version 1 or later", info->version);
	if (info->size < LONGBOOT_INFO_SIZE_V1)
		panic("boot info is %u bytes, version 1 needs at least %u",
		      info->size, LONGBOOT_INFO_SIZE_V1);

	if (info->memmap_entry_size < sizeof(struct longboot_memmap_entry))
		panic("boot info: memory map entries are %u bytes, at least %zu expected",
		      info->memmap_entry_size, sizeof(struct longboot_memmap_entry));
	if (info->memmap_count == 0)
		panic("boot info: the memory map is empty");
	check_range("the memory map", info->memmap_addr,
		    (uint64_t)info->memmap_count * info->memmap_entry_size);

	check_string("the command line", info->cmdline_addr, LONGBOOT_CMDLINE_MAX);
	check_video(info);

	if (info->modules_count == 0)
		return;
	if (info->modules_addr == 0)
		panic("boot info: %u modules but modules_addr is 0", info->modules_count);
	check_range("the module table", info->modules_addr,
		    (uint64_t)info->modules_count * sizeof(struct longboot_module));
	for (uint32_t i = 0; i < info->modules_count; i++)
		check_string("a module name", bootinfo_module(info, i)->name_addr, MODULE_NAME_MAX);
}

const struct longboot_memmap_entry *bootinfo_memmap(const struct longboot_info *info, uint32_t i)
{
	uintptr_t base = (uintptr_t)info->memmap_addr;

	return (const struct longboot_memmap_entry *)(base + (uintptr_t)i * info->memmap_entry_size);
}

const struct longboot_module *bootinfo_module(const struct longboot_info *info, uint32_t i)
{
	return (const struct longboot_module *)(uintptr_t)info->modules_addr + i;
}

const char *bootinfo_cmdline(const struct longboot_info *info)
{
	return (const char *)(uintptr_t)info->cmdline_addr;
}
