/*
 * conform_main: called by entry.asm with the state recorded at _start.
 * Copies what the loader handed over, then runs every check and reports.
 */
#include "conform.h"
#include "x86.h"

#define CPUID_EXT_MAX       0x80000000
#define CPUID_ADDRESS_SIZES 0x80000008
#define SHOWN_CMDLINE       160
#define DEFAULT_MAXPHYADDR  36

struct boot boot;
const char conform_name[] = "conform";

/*
 * Without a readable command line the kernel cannot know whether it runs
 * under the test harness: it exits QEMU anyway rather than hang a run.
 */
void finish(void)
{
	report_finish(boot.expect.qemu_exit || !boot.cmdline_ok);
}

uint64_t kernel_phys_delta;

size_t kernel_segment_count(void)
{
	return (size_t)(conform_segments_end - conform_segments);
}

uint64_t kernel_link_phys_base(void)
{
	uint64_t lo = UINT64_MAX;
	for (size_t i = 0; i < kernel_segment_count(); i++)
		if (conform_segments[i].paddr < lo)
			lo = conform_segments[i].paddr;
	return lo;
}

uint64_t kernel_virt_to_phys(const void *p)
{
	uint64_t va = (uintptr_t)p;
	for (size_t i = 0; i < kernel_segment_count(); i++) {
		const struct kernel_segment *s = &conform_segments[i];
		if (va >= s->vaddr && va - s->vaddr < s->memsz)
			return kernel_seg_phys(s) + (va - s->vaddr);
	}
	return UINT64_MAX;
}

static void read_cpu_features(void)
{
	uint32_t a, b, c, d;

	cpuid(CPUID_EXT_MAX, &a, &b, &c, &d);
	uint32_t max_ext = a;
	boot.maxphyaddr = DEFAULT_MAXPHYADDR;
	if (max_ext >= CPUID_EXT_FEATURES) {
		cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
		boot.cpu_nx = (d & CPUID_EXT_EDX_NX) != 0;
		boot.cpu_page1gb = (d & CPUID_EXT_EDX_PAGE1GB) != 0;
	}
	if (max_ext >= CPUID_ADDRESS_SIZES) {
		cpuid(CPUID_ADDRESS_SIZES, &a, &b, &c, &d);
		boot.maxphyaddr = a & 0xFF;
	}
}

/* Copies the info struct, memory map, command line and module table into .bss. */
static void copy_loader_data(const struct entry_state *st)
{
	const struct longboot_info *in = &boot.info;

	boot.info_addr = st->rdi;
	if (!ident_readable(st->rdi, sizeof(boot.info)))
		return;
	memcpy(&boot.info, (const void *)(uintptr_t)st->rdi, sizeof(boot.info));
	boot.info_ok = 1;

	if (ident_readable(st->rsp, 8) && st->rsp % 8 == 0)
		boot.entry_rsp_word = *(const volatile uint64_t *)(uintptr_t)st->rsp;

	uint64_t stride = in->memmap_entry_size;
	uint32_t n = in->memmap_count < MEMMAP_MAX ? in->memmap_count : MEMMAP_MAX;
	if (stride >= sizeof(struct longboot_memmap_entry) && ident_readable(in->memmap_addr, n * stride)) {
		for (uint32_t i = 0; i < n; i++)
			memcpy(&boot.map[i], (const void *)(uintptr_t)(in->memmap_addr + i * stride),
			       sizeof(boot.map[i]));
		boot.map_count = n;
	}

	for (uint64_t i = 0; i <= LONGBOOT_CMDLINE_MAX && ident_readable(in->cmdline_addr + i, 1); i++) {
		boot.cmdline[i] = *(const volatile char *)(uintptr_t)(in->cmdline_addr + i);
		if (boot.cmdline[i] == '\0') {
			boot.cmdline_ok = 1;
			break;
		}
	}

	n = in->modules_count < MODULES_MAX ? in->modules_count : MODULES_MAX;
	if (n && ident_readable(in->modules_addr, n * sizeof(struct longboot_module))) {
		memcpy(boot.modules, (const void *)(uintptr_t)in->modules_addr, n * sizeof(struct longboot_module));
		boot.module_count = n;
	}

	/* The EFI memory map (section 6), when the loader gave one. */
	if (in->version >= 2 && in->size >= 192 && in->efi_memmap_size && in->efi_memmap_size <= EFI_MAP_MAX &&
	    ident_readable(in->efi_memmap_addr, in->efi_memmap_size)) {
		memcpy(boot.efi_map, (const void *)(uintptr_t)in->efi_memmap_addr, in->efi_memmap_size);
		boot.efi_map_size = in->efi_memmap_size;
	}

	boot.ram_top = FOUR_GIB;
	for (uint32_t i = 0; i < boot.map_count; i++) {
		const struct longboot_memmap_entry *e = &boot.map[i];
		if (mem_type_is_ram(e->type) && e->base + e->length > boot.ram_top)
			boot.ram_top = e->base + e->length;
	}
}

/* The command line as one printable line: it may hold anything, newlines included. */
static void show_cmdline(char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = boot.cmdline; *p && n + 4 < cap; p++)
		out[n++] = *p >= ' ' && *p <= '~' ? *p : '?';
	if (boot.cmdline[n] != '\0') {
		out[n++] = '.';
		out[n++] = '.';
		out[n++] = '.';
	}
	out[n] = '\0';
}

void conform_main(const struct entry_state *st)
{
	char shown[SHOWN_CMDLINE];

	struct bss_scan bss;

	serial_init();
	cpu_take_over();
	scan_bss(&bss);

	boot.entry = st;
	read_cpu_features();
	copy_loader_data(st);
	if (boot.cmdline_ok)
		parse_cmdline(boot.cmdline, &boot.expect);
	/*
	 * expect-phys=moved: the loader says where the kernel is; a base that is
	 * not even page-aligned cannot be it (kernel-phys fails), and the other
	 * checks keep the link addresses rather than act on it.
	 */
	if (boot.expect.phys == EXPECT_PHYS_MOVED && boot.info_ok && boot.info.kernel_phys_base % PAGE_SIZE == 0)
		kernel_phys_delta = boot.info.kernel_phys_base - kernel_link_phys_base();
	show_cmdline(shown, sizeof(shown));
	print("conform: longboot protocol conformance kernel, %lu segments, command line \"%s\"\n",
	      (uint64_t)kernel_segment_count(), boot.cmdline_ok ? shown : "(unreadable)");

	int second_boot = 0;
	if (boot.expect.dirty_reboot && boot.info_ok) {
		second_boot = dirty_reboot_second_boot();
		if (!second_boot)
			dirty_and_reboot();
	}

	check_entry_state();
	check_info();
	check_memmap();
	check_paging();
	check_image(&bss);
	check_rsdp();
	check_modules();
	check_cmdline();
	check_a20();
	check_framebuffer();
	if (expect_uefi())
		check_efi();
	if (boot.expect.dirty_reboot) {
		if (second_boot) {
			check_dirty_reboot();
		} else {
			struct check c;
			check_begin(&c, "dirty-reboot");
			expect(&c, 0, "the first boot could not fill memory and reset");
			check_end(&c);
		}
	}
	check_usable_free();
	finish();
}
