/*
 * Test helper for tests/boot: prints the numbers (and the one line) the
 * boot tests share with the loader and the demo kernel as shell
 * assignments, so run.sh takes them from the headers instead of writing
 * them again:
 *
 *   eval "$(build/test/boot/constants)"
 */
#include <stdint.h>
#include <stdio.h>

#include "arch.h"
#include "layout.h"
#include "longboot.h"
#include "report.h" /* kernel/: the demo kernel's last report line */
#include "vga.h"    /* kernel/: the demo kernel's screen */

#define NUM(name, value) printf("%s=%llu\n", name, (unsigned long long)(value))

/* name='text', the text free of quotes and backslashes (checked). */
static int text(const char *name, const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p == '\'' || *p == '\\' || *p < ' ' || *p > '~')
			return fprintf(stderr, "constants: %s holds a character this does not quote\n", name), 1;
	printf("%s='%s'\n", name, s);
	return 0;
}

int main(void)
{
	NUM("SECTOR", LB_SECTOR_SIZE);
	/* The longest read: a failed one starts at most this many - 1 sectors
	 * before the sector that failed. */
	NUM("READ_CHUNK_MAX", LB_MAX_SECTORS_PER_READ);
	NUM("CMDLINE_MAX", LONGBOOT_CMDLINE_MAX);
	NUM("MIB", MIB);
	NUM("VGA_COLS", VGA_COLS);
	NUM("VGA_ROWS", VGA_ROWS);
	NUM("VGA_TEXT_BYTES", VGA_COLS * VGA_ROWS * 2); /* a character and an attribute byte a cell */
	printf("HELLO_ATTR=0x%02x\n", VGA_ATTR_HELLO);
	return text("REPORT_DONE", REPORT_DONE);
}
