/* Image header and params checks (stage2/image_check.c). */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "fixtures.h"
#include "checksum.h"
#include "longboot.h"

static struct image_fixture f;

/* The params check on exactly params.bytes bytes in their own allocation. */
static const char *params_check(void)
{
	size_t n = f.h.params.bytes <= LB_PARAMS_MAX ? f.h.params.bytes : LB_PARAMS_MAX;
	unsigned char *copy = malloc(n ? n : 1);
	const char *err;

	memcpy(copy, f.params, n);
	err = lb_params_check(&f.h, copy);
	free(copy);
	return err;
}

static int says(const char *err, const char *part)
{
	return err && strstr(err, part);
}

/* Change one header field, reseal, and expect a message containing `part`. */
#define BREAK_HEADER(stmt, part) do { \
		fx_image(&f); \
		stmt; \
		fx_image_seal(&f.h); \
		CHECK(says(lb_header_check(&f.h), part)); \
	} while (0)

#define BREAK_PARAMS(stmt, part) do { \
		fx_image(&f); \
		stmt; \
		fx_image_seal(&f.h); \
		CHECK(lb_header_check(&f.h) == NULL); \
		CHECK(says(params_check(), part)); \
	} while (0)

static struct lb_module_desc *desc(int i)
{
	return (struct lb_module_desc *)(f.params + i * sizeof(struct lb_module_desc));
}

static void valid(void)
{
	fx_image(&f);
	CHECK(lb_header_check(&f.h) == NULL);
	CHECK(params_check() == NULL);

	/* No modules; params holding only an empty command line. */
	fx_image(&f);
	f.h.module_count = 0;
	f.h.params.bytes = 1;
	f.h.cmdline_offset = 0;
	f.params[0] = 0;
	fx_image_seal(&f.h);
	CHECK(lb_header_check(&f.h) == NULL);
	CHECK(params_check() == NULL);

	/* Everything at its limit. */
	fx_image(&f);
	f.h.stage2_sectors = LB_STAGE2_MAX_SECTORS;
	f.h.params.lba = LB_PAYLOAD_LBA;
	f.h.params.bytes = LB_PARAMS_MAX;
	f.h.kernel.lba = f.h.params.lba + LB_PARAMS_MAX / LB_SECTOR_SIZE;
	f.h.kernel_head_bytes = LB_KERNEL_HEAD_MAX;
	f.h.kernel.bytes = LB_KERNEL_HEAD_MAX;
	f.h.total_sectors = f.h.kernel.lba + LB_KERNEL_HEAD_MAX / LB_SECTOR_SIZE;
	desc(0)->file.lba = f.h.total_sectors - 1;
	desc(0)->file.bytes = LB_SECTOR_SIZE;
	memset(f.params + 100, 'n', LB_MODULE_NAME_MAX);
	f.params[100 + LB_MODULE_NAME_MAX] = 0;
	desc(0)->name_offset = 100;
	memset(f.params + 100 + LB_MODULE_NAME_MAX + 1, 'c', LONGBOOT_CMDLINE_MAX);
	f.params[100 + LB_MODULE_NAME_MAX + 1 + LONGBOOT_CMDLINE_MAX] = 0;
	f.h.cmdline_offset = 100 + LB_MODULE_NAME_MAX + 1;
	fx_image_seal(&f.h);
	CHECK(lb_header_check(&f.h) == NULL);
	CHECK(params_check() == NULL);

	/* A module of no bytes right at the end of the image. */
	fx_image(&f);
	desc(0)->file.lba = f.h.total_sectors;
	desc(0)->file.bytes = 0;
	CHECK(params_check() == NULL);
}

static void header_identity(void)
{
	BREAK_HEADER(f.h.magic ^= 1, "magic");
	BREAK_HEADER(f.h.magic = 0, "magic");
	BREAK_HEADER(f.h.version = LB_IMAGE_VERSION + 1, "version");
	BREAK_HEADER(f.h.version = LB_IMAGE_VERSION - 1, "version");
	BREAK_HEADER(f.h.version = 0, "version");
	BREAK_HEADER(f.h.header_bytes -= 8, "size");
	BREAK_HEADER(f.h.header_bytes = 512, "size");
}

/* Any single changed byte before header_sum, or in it, is a checksum mismatch. */
static void header_checksum(void)
{
	const size_t covered = offsetof(struct lb_image_header, header_sum) + sizeof(f.h.header_sum);

	for (size_t i = 0; i < covered; i++) {
		unsigned char *p = (unsigned char *)&f.h;
		fx_image(&f);
		p[i] ^= 0x40;
		if (i < offsetof(struct lb_image_header, version) + sizeof(f.h.version) + sizeof(f.h.header_bytes))
			CHECK(lb_header_check(&f.h) != NULL); /* magic, version or size says it first */
		else
			CHECK(says(lb_header_check(&f.h), "checksum mismatch"));
	}
}

static void header_stage2(void)
{
	BREAK_HEADER(f.h.stage2_sectors = 0, "stage2 size");
	BREAK_HEADER(f.h.stage2_sectors = LB_STAGE2_MAX_SECTORS + 1, "stage2 size");
	BREAK_HEADER(f.h.stage2_sectors = 0xFFFFFFFF, "stage2 size");
	BREAK_HEADER(f.h.stage2_sectors = LB_STAGE2_MAX_SECTORS;
		     f.h.total_sectors = LB_STAGE2_LBA + LB_STAGE2_MAX_SECTORS - 1, "stage2 extends past");
}

static void header_params_extent(void)
{
	BREAK_HEADER(f.h.params.bytes = LB_PARAMS_MAX + 1, "params block too large");
	BREAK_HEADER(f.h.params.bytes = ~0ULL, "params block too large");
	/* Inside stage2, before it, past the end, wrapping. */
	BREAK_HEADER(f.h.params.lba = LB_PAYLOAD_LBA - 1, "params block outside");
	BREAK_HEADER(f.h.params.lba = 0, "params block outside");
	BREAK_HEADER(f.h.params.lba = f.h.total_sectors, "params block outside");
	BREAK_HEADER(f.h.params.lba = ~0ULL, "params block outside");
	BREAK_HEADER(f.h.params.lba = f.h.total_sectors - 1; f.h.params.bytes = 513, "params block outside");
	BREAK_HEADER(f.h.cmdline_offset = f.h.params.bytes, "command line offset");
	BREAK_HEADER(f.h.cmdline_offset = 0xFFFFFFFF, "command line offset");

	/* The last sector of the image is allowed. */
	fx_image(&f);
	f.h.params.lba = f.h.total_sectors - 1;
	fx_image_seal(&f.h);
	CHECK(lb_header_check(&f.h) == NULL);
}

static void header_kernel(void)
{
	BREAK_HEADER(f.h.kernel_head_bytes = 63, "kernel head size");
	BREAK_HEADER(f.h.kernel_head_bytes = 0, "kernel head size");
	BREAK_HEADER(f.h.kernel_head_bytes = LB_KERNEL_HEAD_MAX + 1, "kernel head size");
	BREAK_HEADER(f.h.kernel.bytes = f.h.kernel_head_bytes - 1, "kernel head larger");
	BREAK_HEADER(f.h.kernel.lba = LB_STAGE2_LBA + 1, "kernel outside");
	BREAK_HEADER(f.h.kernel.lba = f.h.total_sectors, "kernel outside");
	/* bytes near 2^64: its sector count must not wrap to something small. */
	BREAK_HEADER(f.h.kernel.bytes = ~0ULL, "kernel outside");
	BREAK_HEADER(f.h.kernel.bytes = ~0ULL - 510, "kernel outside");
	/* One byte more than the image holds. */
	BREAK_HEADER(f.h.kernel.bytes = (f.h.total_sectors - f.h.kernel.lba) * 512 + 1, "kernel outside");

	fx_image(&f);
	f.h.kernel.bytes = (f.h.total_sectors - f.h.kernel.lba) * 512;
	fx_image_seal(&f.h);
	CHECK(lb_header_check(&f.h) == NULL);
}

static void params_modules(void)
{
	BREAK_PARAMS(f.h.module_count = 2, "module");
	/* More descriptors than the block holds (the name and command line would be inside them). */
	BREAK_PARAMS(f.h.module_count = f.h.params.bytes / 32 + 1, "module table larger");
	BREAK_PARAMS(f.h.module_count = 0xFFFFFFFF, "module table larger");
	BREAK_PARAMS(desc(0)->reserved = 1, "reserved");
	BREAK_PARAMS(desc(0)->file.lba = LB_PAYLOAD_LBA - 1, "module outside");
	BREAK_PARAMS(desc(0)->file.lba = f.h.total_sectors, "module outside");
	BREAK_PARAMS(desc(0)->file.bytes = ~0ULL, "module outside");
	BREAK_PARAMS(desc(0)->file.lba = ~0ULL, "module outside");
	BREAK_PARAMS(desc(0)->file.lba = f.h.total_sectors - 1; desc(0)->file.bytes = 513, "module outside");
}

static void params_names(void)
{
	BREAK_PARAMS(desc(0)->name_offset = f.h.params.bytes, "name offset");
	BREAK_PARAMS(desc(0)->name_offset = 0xFFFFFFFF, "name offset");
	/* A name that runs to the end of the block without a NUL. */
	BREAK_PARAMS(desc(0)->name_offset = f.h.params.bytes - 3; f.params[f.h.params.bytes - 1] = 'x',
		     "module name not NUL-terminated");
	BREAK_PARAMS(f.h.params.bytes = 40; f.h.cmdline_offset = 32, "module name not NUL-terminated");
	BREAK_PARAMS(memset(f.params + 100, 'n', LB_MODULE_NAME_MAX + 1);
		     f.params[100 + LB_MODULE_NAME_MAX + 1] = 0;
		     desc(0)->name_offset = 100;
		     f.h.params.bytes = 100 + LB_MODULE_NAME_MAX + 2 + 8;
		     f.h.cmdline_offset = f.h.params.bytes - 1, "name too long");
}

static void params_cmdline(void)
{
	BREAK_PARAMS(f.params[f.h.params.bytes - 1] = 'x', "command line not NUL-terminated");
	BREAK_PARAMS(memset(f.params + 1000, 'c', LONGBOOT_CMDLINE_MAX + 1);
		     f.params[1000 + LONGBOOT_CMDLINE_MAX + 1] = 0;
		     f.h.cmdline_offset = 1000;
		     f.h.params.bytes = 1000 + LONGBOOT_CMDLINE_MAX + 2, "command line too long");
	/* Called on a header that was never checked, it still stays inside the block. */
	fx_image(&f);
	f.h.cmdline_offset = 0xFFFFFFF0;
	CHECK(says(params_check(), "command line offset"));
	fx_image(&f);
	f.h.params.bytes = LB_PARAMS_MAX + 1;
	CHECK(says(lb_params_check(&f.h, f.params), "too large"));
}

static void messages(void)
{
	const char *err;

	fx_image(&f);
	f.h.header_sum ^= 1;
	err = lb_header_check(&f.h);
	CHECK(err && strcmp(err, "image header checksum mismatch") == 0);
}

int main(void)
{
	unit_suite("image");
	RUN(valid, "valid headers and params, limits included");
	RUN(header_identity, "header: magic, version, size");
	RUN(header_checksum, "header: every changed byte caught");
	RUN(header_stage2, "header: stage2 size");
	RUN(header_params_extent, "header: params extent and command line offset");
	RUN(header_kernel, "header: kernel head and extent, sizes near 2^64");
	RUN(params_modules, "params: module table and extents");
	RUN(params_names, "params: module names");
	RUN(params_cmdline, "params: command line");
	RUN(messages, "messages");
	return unit_done();
}
