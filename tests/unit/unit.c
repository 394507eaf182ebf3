/* The host test harness (unit.h). */
#include <stdio.h>
#include <stdlib.h>
#include "unit.h"

static const char *suite = "?";
static char first_failure[512];
static int group_failed, any_failed;

void unit_suite(const char *name)
{
	suite = name;
}

void unit_run(void (*fn)(void), const char *name)
{
	if (getenv("UNIT_LIST")) {
		printf("CASE unit/%s: %s\n", suite, name);
		return;
	}
	group_failed = 0;
	first_failure[0] = 0;
	fn();
	if (group_failed)
		printf("FAIL unit/%s: %s: %s\n", suite, name, first_failure);
	else
		printf("PASS unit/%s: %s\n", suite, name);
	fflush(stdout);
	any_failed |= group_failed;
}

int unit_check(int ok, const char *file, int line, const char *what)
{
	if (!ok && !group_failed) {
		group_failed = 1;
		snprintf(first_failure, sizeof(first_failure), "%s:%d: %s", file, line, what);
	}
	return ok;
}

int unit_check_eq(uint64_t a, uint64_t b, const char *file, int line, const char *what)
{
	if (a != b && !group_failed) {
		group_failed = 1;
		snprintf(first_failure, sizeof(first_failure), "%s:%d: %s (0x%llx != 0x%llx)",
			 file, line, what, (unsigned long long)a, (unsigned long long)b);
	}
	return a == b;
}

int unit_done(void)
{
	return any_failed;
}

uint64_t unit_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}
