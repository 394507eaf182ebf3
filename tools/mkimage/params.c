/*
 * params (docs/image-format.md, "params"): the module descriptors, the
 * command line and the module names; checked against their limits, then
 * built.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "image_check.h"
#include "longboot.h"
#include "mkimage.h"

void check_cmdline(struct build *b, const char *cmdline)
{
	b->cmdline = cmdline ? cmdline : "";
	b->cmdline_len = strlen(b->cmdline);
	if (b->cmdline_len > LONGBOOT_CMDLINE_MAX)
		die("--cmdline", "is %zu bytes; the limit is %d", b->cmdline_len,
		    LONGBOOT_CMDLINE_MAX);
}

void check_modules(struct build *b, const struct module_arg *args, uint32_t n)
{
	if (n && lb_protocol_is_linux(b->kernel.protocol))
		die(args[0].path, "is given as a module, but Linux takes no modules: give it with --initrd");
	b->nmod = n;
	b->mod = xcalloc(n, sizeof(*b->mod));
	for (uint32_t i = 0; i < n; i++) {
		struct module *m = &b->mod[i];

		open_input(&m->in, args[i].path, "the module");
		m->name = args[i].string ? args[i].string : base_name(args[i].path);
		m->name_len = strlen(m->name);
		if (m->name_len > LB_MODULE_NAME_MAX)
			die(args[i].path, "module string is %zu bytes; the limit is %d",
			    m->name_len, LB_MODULE_NAME_MAX);
	}
}

void check_params(struct build *b)
{
	uint64_t bytes = (uint64_t)b->nmod * sizeof(struct lb_module_desc) + b->cmdline_len + 1;

	for (uint32_t i = 0; i < b->nmod; i++)
		bytes += b->mod[i].name_len + 1;
	bytes += b->kernel.mb_header_bytes;
	if (bytes > LB_PARAMS_MAX)
		die(b->out.path, "module table, command line and module strings take %" PRIu64
		    " bytes; the image has room for %d", bytes, LB_PARAMS_MAX);
	b->params_bytes = bytes;
}

void write_params(struct build *b, struct lb_image_header *h)
{
	size_t padded = (size_t)ALIGN_UP(b->params_bytes, SECTOR);
	unsigned char *p = xcalloc(padded, 1);
	size_t at = (size_t)b->nmod * sizeof(struct lb_module_desc);

	h->cmdline_offset = (uint32_t)at;
	memcpy(p + at, b->cmdline, b->cmdline_len + 1);
	at += b->cmdline_len + 1;
	for (uint32_t i = 0; i < b->nmod; i++) {
		struct lb_module_desc d = {
			.file = b->mod[i].file,
			.name_offset = (uint32_t)at,
		};

		memcpy(p + (size_t)i * sizeof(d), &d, sizeof(d));
		memcpy(p + at, b->mod[i].name, b->mod[i].name_len + 1);
		at += b->mod[i].name_len + 1;
	}
	h->mb_header_offset = b->kernel.mb_header_bytes ? (uint32_t)at : 0;
	h->mb_header_bytes = b->kernel.mb_header_bytes;
	memcpy(p + at, b->kernel.mb_header, b->kernel.mb_header_bytes);
	write_at(&b->out, b->params_lba * SECTOR, p, padded);
	h->params.lba = b->params_lba;
	h->params.bytes = b->params_bytes;
	h->params.sum = lb_checksum(p, padded / 4);
	free(p);
}
