/*
 * libFuzzer target for lb_header_check and lb_params_check. Input: the
 * header sector followed by a params blob. The header is checked as given
 * and again with its checksum made right, so the checks behind the
 * checksum are reached; a header that passes has its params checked, and
 * whatever passes is checked against the image format independently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "image_check.h"
#include "checksum.h"
#include "longboot.h"

typedef unsigned __int128 u128;

#define REQUIRE(cond) do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz_image: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static int inside(const struct lb_image_header *h, const struct lb_extent *e)
{
	u128 sectors = ((u128)e->bytes + LB_SECTOR_SIZE - 1) / LB_SECTOR_SIZE;
	return e->lba >= LB_STAGE2_LBA + (u128)h->stage2_sectors && e->lba + sectors <= h->total_sectors;
}

static size_t string_length(const unsigned char *p, size_t bytes, size_t offset)
{
	const unsigned char *nul;

	REQUIRE(offset < bytes);
	nul = memchr(p + offset, 0, bytes - offset);
	REQUIRE(nul != NULL);
	return (size_t)(nul - (p + offset));
}

static void check_header_accepted(const struct lb_image_header *h)
{
	REQUIRE(h->magic == LB_IMAGE_MAGIC && h->version == LB_IMAGE_VERSION);
	REQUIRE(h->header_bytes == sizeof(*h));
	REQUIRE(h->header_sum == lb_checksum(h, offsetof(struct lb_image_header, header_sum) / 4));
	REQUIRE(h->stage2_sectors >= 1 && h->stage2_sectors <= LB_STAGE2_MAX_SECTORS);
	REQUIRE(h->params.bytes <= LB_PARAMS_MAX && inside(h, &h->params));
	REQUIRE(h->cmdline_offset < h->params.bytes);
	REQUIRE(inside(h, &h->kernel));
	REQUIRE(h->protocol >= LB_PROTO_LONGBOOT && h->protocol <= LB_PROTO_LINUX16 && h->reserved == 0);
	int is_linux = h->protocol == LB_PROTO_LINUX || h->protocol == LB_PROTO_LINUX16;
	int is_multiboot = h->protocol == LB_PROTO_MULTIBOOT1 || h->protocol == LB_PROTO_MULTIBOOT2;
	if (is_linux) {
		REQUIRE(h->kernel_head_bytes == 0 && h->kernel_extra.bytes > 0);
	} else {
		REQUIRE(h->kernel_head_bytes >= 52 && h->kernel_head_bytes <= LB_KERNEL_HEAD_MAX);
		REQUIRE(h->kernel_head_bytes <= h->kernel.bytes);
		REQUIRE(h->initrd.bytes == 0);
	}
	REQUIRE(h->kernel_extra.bytes <= LB_KERNEL_EXTRA_MAX);
	REQUIRE(h->kernel_extra.bytes == 0 || inside(h, &h->kernel_extra));
	REQUIRE(h->initrd.bytes == 0 || inside(h, &h->initrd));
	if (is_multiboot)
		REQUIRE(h->mb_header_bytes > 0 && h->mb_header_bytes <= LB_MB_HEADER_MAX &&
			(u128)h->mb_header_offset + h->mb_header_bytes <= h->params.bytes);
	else
		REQUIRE(h->mb_header_bytes == 0);
}

static void check_params_accepted(const struct lb_image_header *h, const unsigned char *p)
{
	size_t bytes = h->params.bytes;

	REQUIRE((u128)h->module_count * sizeof(struct lb_module_desc) <= bytes);
	for (uint32_t i = 0; i < h->module_count; i++) {
		struct lb_module_desc m;
		memcpy(&m, p + i * sizeof(m), sizeof(m));
		REQUIRE(m.reserved == 0 && inside(h, &m.file));
		REQUIRE(string_length(p, bytes, m.name_offset) <= LB_MODULE_NAME_MAX);
	}
	REQUIRE(string_length(p, bytes, h->cmdline_offset) <= LONGBOOT_CMDLINE_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lb_image_header *h = malloc(sizeof(*h));
	const unsigned char *blob = size > LB_SECTOR_SIZE ? data + LB_SECTOR_SIZE : NULL;
	size_t blob_bytes = blob ? size - LB_SECTOR_SIZE : 0;
	const char *err;

	memset(h, 0, sizeof(*h));
	memcpy(h, data, size < sizeof(*h) ? size : sizeof(*h));
	err = lb_header_check(h);
	if (!err)
		check_header_accepted(h);

	h->header_sum = lb_checksum(h, offsetof(struct lb_image_header, header_sum) / 4);
	err = lb_header_check(h);
	if (!err) {
		size_t n = h->params.bytes;
		unsigned char *params = malloc(n ? n : 1); /* exactly params.bytes */

		check_header_accepted(h);
		memset(params, 0, n);
		if (blob)
			memcpy(params, blob, blob_bytes < n ? blob_bytes : n);
		if (!lb_params_check(h, params))
			check_params_accepted(h, params);
		free(params);
	}
	free(h);
	return 0;
}
