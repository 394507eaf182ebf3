/* PASS/FAIL lines, the summary, and the exit through isa-debug-exit. */
#include "mbconf.h"

#define DEBUG_EXIT_PORT    0xF4
#define DEBUG_EXIT_SUCCESS 0x10 /* QEMU exits with status 33 */
#define DEBUG_EXIT_FAILURE 0x11 /* status 35 */

static unsigned passed, failed;
static const char *current;

void check_begin(struct check *c, const char *name)
{
	c->name = name;
	c->failures = 0;
	c->detail[0] = '\0';
	c->note[0] = '\0';
	current = name;
}

int expect(struct check *c, int ok, const char *fmt, ...)
{
	if (ok)
		return 1;
	if (c->failures++ == 0) {
		va_list ap;
		va_start(ap, fmt);
		vformat(c->detail, sizeof(c->detail), fmt, ap);
		va_end(ap);
	}
	return 0;
}

void check_note(struct check *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vformat(c->note, sizeof(c->note), fmt, ap);
	va_end(ap);
}

void check_end(struct check *c)
{
	if (c->failures) {
		failed++;
		if (c->failures > 1)
			print("FAIL conform-mb/%s: %s (and %u more)\n", c->name, c->detail, c->failures - 1);
		else
			print("FAIL conform-mb/%s: %s\n", c->name, c->detail);
	} else {
		passed++;
		if (c->note[0])
			print("PASS conform-mb/%s: %s\n", c->name, c->note);
		else
			print("PASS conform-mb/%s\n", c->name);
	}
	current = NULL;
}

/* A failure that ends the run (a CPU exception), inside a check or not. */
void report_fault(const char *what)
{
	failed++;
	print("FAIL conform-mb/%s: %s\n", current ? current : "kernel", what);
}

static void debug_exit(uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"((uint16_t)DEBUG_EXIT_PORT));
}

void finish(void)
{
	print("conform-mb: %u passed, %u failed\n", passed, failed);
	/*
	 * Without a readable command line the kernel cannot know whether it
	 * runs under the test harness: it exits anyway rather than hang a run.
	 */
	if (boot.expect.qemu_exit || !boot.cmdline_ok)
		debug_exit(failed ? DEBUG_EXIT_FAILURE : DEBUG_EXIT_SUCCESS);
	halt_forever();
}
