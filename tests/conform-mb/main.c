/*
 * mbconf_main: called by entry.asm with the state recorded at the first
 * instruction. Reads what the loader handed over, then runs every check
 * and reports on COM1.
 */
#include "mbconf.h"

#define SHOWN_CMDLINE 200

struct boot boot;
const char conform_name[] = "conform-mb";

/*
 * Without a readable command line the kernel cannot know whether it runs
 * under the test harness: it exits QEMU anyway rather than hang a run.
 */
void finish(void)
{
	report_finish(boot.expect.qemu_exit || !boot.cmdline_ok);
}

void mbconf_main(const struct entry_state *st);

/* The command line as one printable line. */
static void show_cmdline(char *out, size_t cap)
{
	size_t n = 0;
	const char *p = boot.cmdline;
	for (; *p && n + 4 < cap; p++)
		out[n++] = *p >= ' ' && *p <= '~' ? *p : '?';
	if (*p) {
		out[n++] = '.';
		out[n++] = '.';
		out[n++] = '.';
	}
	out[n] = '\0';
}

void mbconf_main(const struct entry_state *st)
{
	struct image_scan scan;
	char shown[SHOWN_CMDLINE];

	scan_bss(&scan);
	serial_init();
	boot.st = st;
	boot.v = &mbconf_variant;
	boot.info = st->ebx;
	boot.image_start = (uint32_t)(uintptr_t)__image_start;
	boot.image_end = (uint32_t)(uintptr_t)__image_end;
	if (boot.v->flags & V_ELF) {
		boot.nranges = 2;
		boot.range_start[0] = boot.image_start;
		boot.range_end[0] = (uint32_t)(uintptr_t)__text_end;
		boot.range_start[1] = (uint32_t)(uintptr_t)__data_start;
		boot.range_end[1] = boot.image_end;
	} else {
		boot.nranges = 1;
		boot.range_start[0] = boot.image_start;
		boot.range_end[0] = boot.image_end;
	}
	machine_record();
	cpu_take_over();

	/* The information structure is read only when EAX says there is one. */
	int proto = (int)boot.v->protocol;
	uint32_t magic = proto == 1 ? MB1_BOOT_MAGIC : MB2_BOOT_MAGIC;
	if (st->eax == magic && st->ebx) {
		if (proto == 1)
			mb1_parse();
		else
			mb2_parse();
		elf_add_objects();
	}
	if (boot.cmdline_present)
		boot.cmdline_ok = read_string(boot.cmdline_addr, boot.cmdline_max, boot.cmdline, sizeof(boot.cmdline));
	parse_cmdline(boot.cmdline_ok ? boot.cmdline : "", &boot.expect);
	show_cmdline(shown, sizeof(shown));
	print("conform-mb: Multiboot%s conformance kernel %s at 0x%x, command line \"%s\"\n",
	      proto == 1 ? "" : "2", boot.v->name, boot.image_start, boot.cmdline_ok ? shown : "(none)");

	check_machine();
	check_a20();
	check_position();
	check_image(&scan);
	if (boot.info_ok) {
		if (proto == 1)
			mb1_checks();
		else
			mb2_checks();
		check_cmdline();
		check_loader_name();
		check_meminfo();
		check_bootdev();
		check_modules();
		check_mmap();
		check_placement();
		check_framebuffer();
		check_vbe();
		check_elf();
		if (proto == 2)
			mb2_late_checks();
	}
	finish();
}
