/*
 * The demo kernel: says hello, reports what longboot handed over, and
 * stops (docs/kernel.md).
 */
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"
#include "halt.h"
#include "longboot.h"
#include "panic.h"
#include "printf.h"
#include "report.h"
#include "tsc.h"
#include "vga.h"

_Noreturn void _start(const struct longboot_info *info);

void _start(const struct longboot_info *info)
{
	/* COM1 at 115200 8N1: panic() works from here on. */
	console_init();

	/* Nothing is read from info until it is known to be a longboot struct;
	 * then the screen it names is cleared: text, framebuffer or none. */
	bootinfo_check(info);
	console_select(info);
	const char *cmdline = bootinfo_cmdline(info);
	halt_use_qemu_exit(cmdline_has_word(cmdline, "qemu-exit"));

	console_set_attr(VGA_ATTR_HELLO);
	kprintf("Hello World!\n");
	console_set_attr(VGA_ATTR_NORMAL);

	boot_report(info, tsc_calibrate_khz());

	if (cmdline_has_word(cmdline, "test-panic"))
		panic("test-panic on the command line");
	/* Bochs stops in its debugger here (magic_break), with the screen drawn. */
	if (cmdline_has_word(cmdline, "magic-break"))
		__asm__ volatile("xchg %bx, %bx");
	halt_success();
}
