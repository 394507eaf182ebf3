#include "cmdline.h"
#include "longboot.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

bool cmdline_has_word(const char *cmdline, const char *word)
{
	const char *p = cmdline;
	const char *end = cmdline + LONGBOOT_CMDLINE_MAX;

	while (p < end && *p) {
		while (p < end && is_space(*p))
			p++;
		const char *w = word;
		while (p < end && *p && !is_space(*p) && *p == *w) {
			p++;
			w++;
		}
		if (!*w && (p == end || !*p || is_space(*p)))
			return true;
		while (p < end && *p && !is_space(*p))
			p++;
	}
	return false;
}
