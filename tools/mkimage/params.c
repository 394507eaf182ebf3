/*
 * params (docs/image-format.md, "params"): the module descriptors, the
 * command line and the module names; checked against their limits, then
 * built.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
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

void check_modules(struct build *b, char **paths, uint32_t n)
{
	b->nmod = n;
	b->mod = xcalloc(n, sizeof(*b->mod));
	for (uint32_t i = 0; i < n; i++) {
		struct module *m = &b->mod[i];

		open_input(&m->in, paths[i], "the module");
		m->name = base_name(paths[i]);
		m->name_len = strlen(m->name);
		if (m->name_len > LB_MODULE_NAME_MAX)
			die(paths[i], "module name is %zu bytes; the limit is %d",
			    m->name_len, LB_MODULE_NAME_MAX);
	}
}

void check_params(struct build *b)
{
	uint64_t bytes = (uint64_t)b->nmod * sizeof(struct lb_module_desc) + b->cmdline_len + 1;

	for (uint32_t i = 0; i < b->nmod; i++)
		bytes += b->mod[i].name_len + 1;
	if (bytes > LB_PARAMS_MAX)
		die(b->out.path, "module table, command line and module names take %" PRIu64
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
	write_at(&b->out, b->params_lba * SECTOR, p, padded);
	h->params.lba = b->params_lba;
	h->params.bytes = b->params_bytes;
	h->params.sum = lb_checksum(p, padded / 4);
	free(p);
}
