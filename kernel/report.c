#include <stdbool.h>
#include <stddef.h>
#include "bootinfo.h"
#include "printf.h"
#include "report.h"

#define KIB (1ULL << 10)
#define MIB (1ULL << 20)
#define GIB (1ULL << 30)

/* Linker script symbols: the kernel image's virtual bounds. */
extern const char __kernel_start[], __kernel_end[];

static const char *type_name(uint32_t type)
{
	switch (type) {
	case LONGBOOT_MEM_USABLE:                 return "USABLE";
	case LONGBOOT_MEM_RESERVED:               return "RESERVED";
	case LONGBOOT_MEM_ACPI_RECLAIMABLE:       return "ACPI_RECLAIMABLE";
	case LONGBOOT_MEM_ACPI_NVS:               return "ACPI_NVS";
	case LONGBOOT_MEM_BAD_MEMORY:             return "BAD_MEMORY";
	case LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE: return "BOOTLOADER_RECLAIMABLE";
	case LONGBOOT_MEM_KERNEL:                 return "KERNEL";
	case LONGBOOT_MEM_MODULE:                 return "MODULE";
	}
	return NULL;
}

/* A size in the largest unit that holds it exactly, e.g. "640 KiB". */
static void format_size(char *buf, size_t n, uint64_t bytes)
{
	if (bytes && bytes % GIB == 0)
		ksnprintf(buf, n, "%llu GiB", (unsigned long long)(bytes / GIB));
	else if (bytes && bytes % MIB == 0)
		ksnprintf(buf, n, "%llu MiB", (unsigned long long)(bytes / MIB));
	else if (bytes && bytes % KIB == 0)
		ksnprintf(buf, n, "%llu KiB", (unsigned long long)(bytes / KIB));
	else
		ksnprintf(buf, n, "%llu B", (unsigned long long)bytes);
}

static bool printable(unsigned char c)
{
	return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
}

/* Prints s in double quotes, with anything but printable ASCII as \xNN. */
static void print_quoted(const char *s)
{
	kprintf("\"");
	while (*s) {
		int run = 0;

		while (s[run] && printable((unsigned char)s[run]))
			run++;
		if (run) {
			kprintf("%.*s", run, s);
			s += run;
		} else {
			kprintf("\\x%02x", (unsigned char)*s++);
		}
	}
	kprintf("\"");
}

static void report_memmap(const struct longboot_info *info)
{
	uint64_t usable = 0;
	char size[24], unknown[24];

	kprintf("memory map, %u entries:\n", info->memmap_count);
	kprintf("  %-18s %-18s %-22s %10s\n", "base", "end", "type", "size");
	for (uint32_t i = 0; i < info->memmap_count; i++) {
		const struct longboot_memmap_entry *e = bootinfo_memmap(info, i);
		const char *name = type_name(e->type);

		if (!name) {
			ksnprintf(unknown, sizeof(unknown), "unknown 0x%x", e->type);
			name = unknown;
		}
		if (e->type == LONGBOOT_MEM_USABLE)
			usable += e->length;
		format_size(size, sizeof(size), e->length);
		kprintf("  0x%016llx 0x%016llx %-22s %10s\n", (unsigned long long)e->base,
			(unsigned long long)(e->base + e->length), name, size);
	}
	kprintf("usable RAM: %llu KiB (%llu MiB)\n", (unsigned long long)(usable / KIB),
		(unsigned long long)(usable / MIB));
}

static void report_kernel(const struct longboot_info *info)
{
	char size[24];
	const char *rsp = __builtin_frame_address(0);

	format_size(size, sizeof(size), info->kernel_phys_size);
	kprintf("kernel: 0x%llx-0x%llx (%s), linked at %p\n",
		(unsigned long long)info->kernel_phys_base,
		(unsigned long long)(info->kernel_phys_base + info->kernel_phys_size), size,
		(const void *)__kernel_start);
	format_size(size, sizeof(size), info->stack_size);
	kprintf("stack: 0x%llx-0x%llx (%s), now at 0x%llx\n",
		(unsigned long long)info->stack_base,
		(unsigned long long)(info->stack_base + info->stack_size), size,
		(unsigned long long)(uintptr_t)rsp);
}

static void report_modules(const struct longboot_info *info)
{
	if (info->modules_count == 0) {
		kprintf("modules: none\n");
		return;
	}
	for (uint32_t i = 0; i < info->modules_count; i++) {
		const struct longboot_module *m = bootinfo_module(info, i);

		kprintf("module %u: ", i);
		print_quoted((const char *)(uintptr_t)m->name_addr);
		kprintf(" at 0x%llx, %llu bytes\n", (unsigned long long)m->addr,
			(unsigned long long)m->size);
	}
}

static void report_loader_time(const struct longboot_info *info, uint64_t tsc_khz)
{
	uint64_t start = info->tsc_loader_start, end = info->tsc_kernel_entry;

	if (start == 0 || end <= start) {
		kprintf("loader time: unknown (TSC 0x%llx at stage2 entry, 0x%llx at kernel entry)\n",
			(unsigned long long)start, (unsigned long long)end);
		return;
	}
	uint64_t cycles = end - start;

	kprintf("loader time: %llu TSC cycles, ", (unsigned long long)cycles);
	if (tsc_khz == 0) {
		kprintf("uncalibrated\n");
		return;
	}
	uint64_t ms = cycles / tsc_khz;
	uint64_t us = cycles % tsc_khz * 1000 / tsc_khz;
	kprintf("%llu.%03llu ms (TSC %llu MHz)\n", (unsigned long long)ms,
		(unsigned long long)us, (unsigned long long)(tsc_khz / 1000));
}

static void report_video(const struct longboot_info *info)
{
	if (info->version < 2 || info->size < LONGBOOT_INFO_SIZE) {
		kprintf("video: mode 1 assumed (boot info version %u has no video fields)\n",
			info->version);
		return;
	}
	switch (info->video_mode) {
	case LONGBOOT_VIDEO_NONE:
		kprintf("video: mode 0, no display (serial only)\n");
		break;
	case LONGBOOT_VIDEO_TEXT:
		kprintf("video: mode 1, VGA text 80x25 at 0xb8000\n");
		break;
	default:
		kprintf("video: mode 2, framebuffer %ux%ux%u at 0x%llx, pitch %u, "
			"red %u@%u green %u@%u blue %u@%u\n",
			info->fb_width, info->fb_height, info->fb_bpp,
			(unsigned long long)info->fb_addr, info->fb_pitch,
			info->fb_red_size, info->fb_red_shift, info->fb_green_size,
			info->fb_green_shift, info->fb_blue_size, info->fb_blue_shift);
		break;
	}
}

void boot_report(const struct longboot_info *info, uint64_t tsc_khz)
{
	report_memmap(info);
	report_kernel(info);
	report_modules(info);
	kprintf("command line: ");
	print_quoted(bootinfo_cmdline(info));
	kprintf("\n");
	if (info->rsdp_addr)
		kprintf("ACPI RSDP: 0x%llx", (unsigned long long)info->rsdp_addr);
	else
		kprintf("ACPI RSDP: none");
	kprintf(", boot drive: 0x%02x", info->boot_drive);
	if (info->version >= 2 && info->size >= LONGBOOT_INFO_SIZE && info->firmware == LONGBOOT_FIRMWARE_UEFI)
		kprintf(", UEFI system table 0x%llx", (unsigned long long)info->efi_system_table);
	kprintf("\n");
	report_video(info);
	report_loader_time(info, tsc_khz);
	kprintf(REPORT_DONE "\n");
}
