/* PASS/FAIL lines, the summary, and the exit through isa-debug-exit. */
#include "lib.h"
#include "port.h"

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

int expect(struct check *c, uint64_t ok, const char *fmt, ...)
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
			print("FAIL %s/%s: %s (and %u more)\n", conform_name, c->name, c->detail, c->failures - 1);
		else
			print("FAIL %s/%s: %s\n", conform_name, c->name, c->detail);
	} else {
		passed++;
		if (c->note[0])
			print("PASS %s/%s: %s\n", conform_name, c->name, c->note);
		else
			print("PASS %s/%s\n", conform_name, c->name);
	}
	current = NULL;
}

const char *current_check(void)
{
	return current ? current : "kernel";
}

/* A failure outside any check, or one that ends the run (an exception). */
void report_fault(const char *what)
{
	failed++;
	print("FAIL %s/%s: %s\n", conform_name, current_check(), what);
}

void report_finish(int exit_qemu)
{
	print("%s: %u passed, %u failed\n", conform_name, passed, failed);
	if (exit_qemu)
		outl(DEBUG_EXIT_PORT, failed ? DEBUG_EXIT_FAILURE : DEBUG_EXIT_SUCCESS);
	halt_forever();
}
