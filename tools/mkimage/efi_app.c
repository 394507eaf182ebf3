/* The --efi file: a PE32+ x86-64 EFI application (pe.h), and its sum. */
#include <string.h>

#include "checksum.h"
#include "mkimage.h"
#include "pe.h"

static int read_input(void *ctx, uint64_t offset, void *buf, size_t n)
{
	read_at(ctx, offset, buf, n);
	return 1;
}

/* lb_sum of the whole file, zero-padded to a sector, read a chunk at a time. */
static uint64_t file_sum(struct input *in)
{
	static unsigned char buf[COPY_CHUNK];
	struct lb_sum sum;

	lb_sum_init(&sum);
	for (uint64_t at = 0; at < in->size; at += COPY_CHUNK) {
		size_t n = in->size - at < COPY_CHUNK ? (size_t)(in->size - at) : COPY_CHUNK;
		size_t padded = (size_t)ALIGN_UP(n, SECTOR);

		read_at(in, at, buf, n);
		memset(buf + n, 0, padded - n);
		lb_sum_add(&sum, buf, padded / 4);
	}
	return lb_sum_value(&sum);
}

void check_efi_app(struct esp *e, const char *path)
{
	struct pe_file pe = { 0, read_input, &e->efi };
	char why[160];

	open_input(&e->efi, path, "the EFI application");
	pe.size = e->efi.size;
	if (pe_efi_app_problem(&pe, why, sizeof(why)))
		die(path, "%s", why);
	plan_esp(e);
	e->efi_sum = file_sum(&e->efi);
}
