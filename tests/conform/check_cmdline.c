/* docs/protocol.md section 3, cmdline_addr: a NUL-terminated string of at most 4095 bytes. */
#include "conform.h"

void check_cmdline(void)
{
	struct check c;
	const struct expectations *e = &boot.expect;

	if (!boot.info_ok)
		return;
	check_begin(&c, "cmdline");
	expect(&c, boot.info.cmdline_addr != 0, "cmdline_addr is 0 (an empty string is required instead)");
	if (expect(&c, boot.cmdline_ok, "no NUL within 4096 bytes of cmdline_addr 0x%lx",
		   boot.info.cmdline_addr)) {
		size_t len = strlen(boot.cmdline);
		if (e->has_cmdline_len)
			expect(&c, len == e->cmdline_len, "command line is %lu bytes, expected %lu",
			       (uint64_t)len, e->cmdline_len);
		expect(&c, !e->bad, "malformed word \"%s\" on the command line", e->bad_word);
		check_note(&c, "%lu bytes%s", (uint64_t)len, e->has_cmdline_len ? " as expected" : "");
	}
	check_end(&c);
}
