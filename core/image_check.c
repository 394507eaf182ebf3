/* Checks of the image header and params block (stage2/image.h). Pure logic. */
#include "image_check.h"
#include "checksum.h"
#include "longboot.h"

#define ELF_HEADER_BYTES 64
#define SECTOR_SHIFT     9
#define SECTOR_MASK      (LB_SECTOR_SIZE - 1)
#define HEADER_SUM_WORDS (__builtin_offsetof(struct lb_image_header, header_sum) / 4)
#define DESC_BYTES       sizeof(struct lb_module_desc)

_Static_assert(LB_SECTOR_SIZE == 1 << SECTOR_SHIFT, "SECTOR_SHIFT matches LB_SECTOR_SIZE");

/* LB_SECTORS without the overflow of bytes + 511. */
static uint64_t sectors_of(uint64_t bytes)
{
	return (bytes >> SECTOR_SHIFT) + ((bytes & SECTOR_MASK) != 0);
}

static int extent_inside(const struct lb_image_header *h, const struct lb_extent *e)
{
	return e->lba >= LB_PAYLOAD_LBA && e->lba <= h->total_sectors &&
	       sectors_of(e->bytes) <= h->total_sectors - e->lba;
}

const char *lb_header_check(const struct lb_image_header *h)
{
	if (h->magic != LB_IMAGE_MAGIC)
		return "not a longboot image (bad magic)";
	if (h->version != LB_IMAGE_VERSION)
		return "unsupported image version";
	if (h->header_bytes != sizeof(*h))
		return "image header size does not match this loader";
	if (h->header_sum != lb_checksum(h, HEADER_SUM_WORDS))
		return "image header checksum mismatch";
	if (h->stage2_sectors == 0 || h->stage2_sectors > LB_STAGE2_MAX_SECTORS)
		return "stage2 size out of range";
	if (h->total_sectors < LB_PAYLOAD_LBA)
		return "stage2 extends past the end of the image";
	if (h->params.bytes > LB_PARAMS_MAX)
		return "params block too large";
	if (!extent_inside(h, &h->params))
		return "params block outside the image";
	if (h->cmdline_offset >= h->params.bytes)
		return "command line offset outside the params block";
	if (!extent_inside(h, &h->kernel))
		return "kernel outside the image";
	if (h->reserved != 0)
		return "image header reserved field is not zero";
	if (h->protocol < LB_PROTO_LONGBOOT || h->protocol > LB_PROTO_LINUX16)
		return "unknown kernel protocol";
	if (lb_protocol_is_linux(h->protocol)) {
		if (h->kernel_head_bytes != 0)
			return "kernel head given for a Linux kernel";
		if (h->kernel_extra.bytes == 0)
			return "Linux kernel without its setup sectors";
	} else {
		if (h->kernel_head_bytes < ELF_HEADER_BYTES || h->kernel_head_bytes > LB_KERNEL_HEAD_MAX)
			return "kernel head size out of range";
		if (h->kernel_head_bytes > h->kernel.bytes)
			return "kernel head larger than the kernel";
	}
	if (h->kernel_extra.bytes > LB_KERNEL_EXTRA_MAX)
		return "kernel extra data too large";
	if (h->kernel_extra.bytes && !extent_inside(h, &h->kernel_extra))
		return "kernel extra data outside the image";
	if (h->initrd.bytes && !extent_inside(h, &h->initrd))
		return "initrd outside the image";
	if (h->initrd.bytes && !lb_protocol_is_linux(h->protocol))
		return "initrd given for a kernel that is not Linux";
	if (h->video_kind > 2)
		return "unknown video request";
	if (h->stage2_tail.bytes > LB_STAGE2_END - LB_STAGE2_ADDR)
		return "stage2 tail too large";
	if (h->stage2_tail.bytes && !extent_inside(h, &h->stage2_tail))
		return "stage2 tail outside the image";
	if (h->esp.bytes == 0 && (h->esp.lba != 0 || h->esp.sum != 0))
		return "ESP extent without bytes";
	if (h->esp.bytes && (h->esp.bytes & SECTOR_MASK) != 0)
		return "ESP is not a whole number of sectors";
	if (h->esp.bytes && !extent_inside(h, &h->esp))
		return "ESP outside the image";
	if (lb_protocol_is_multiboot(h->protocol)) {
		if (h->mb_header_bytes == 0 || h->mb_header_bytes > LB_MB_HEADER_MAX)
			return "Multiboot header size out of range";
		if (h->mb_header_offset > h->params.bytes ||
		    h->mb_header_bytes > h->params.bytes - h->mb_header_offset)
			return "Multiboot header outside the params block";
	} else if (h->mb_header_bytes != 0) {
		return "Multiboot header given for a kernel that is not Multiboot";
	}
	return NULL;
}

/* Length of the string at offset in the params block, or -1 when no NUL ends it there. */
static long string_length(const unsigned char *p, uint32_t bytes, uint32_t offset)
{
	for (uint32_t i = offset; i < bytes; i++)
		if (p[i] == 0)
			return (long)(i - offset);
	return -1;
}

static const char *check_module(const struct lb_image_header *h, const unsigned char *p,
				const struct lb_module_desc *m)
{
	long len;

	if (m->reserved != 0)
		return "module descriptor reserved field is not zero";
	if (!extent_inside(h, &m->file))
		return "module outside the image";
	if (m->name_offset >= h->params.bytes)
		return "module name offset outside the params block";
	len = string_length(p, (uint32_t)h->params.bytes, m->name_offset);
	if (len < 0)
		return "module name not NUL-terminated inside the params block";
	if (len > LB_MODULE_NAME_MAX)
		return "module name too long";
	return NULL;
}

const char *lb_params_check(const struct lb_image_header *h, const void *params)
{
	const unsigned char *p = params;
	uint32_t bytes;
	long len;

	if (h->params.bytes > LB_PARAMS_MAX)
		return "params block too large";
	bytes = (uint32_t)h->params.bytes;
	if (h->module_count > bytes / DESC_BYTES)
		return "module table larger than the params block";
	for (uint32_t i = 0; i < h->module_count; i++) {
		struct lb_module_desc m;
		const char *err;

		__builtin_memcpy(&m, p + i * DESC_BYTES, sizeof(m));
		err = check_module(h, p, &m);
		if (err)
			return err;
	}
	if (h->cmdline_offset >= bytes)
		return "command line offset outside the params block";
	len = string_length(p, bytes, h->cmdline_offset);
	if (len < 0)
		return "command line not NUL-terminated inside the params block";
	if (len > LONGBOOT_CMDLINE_MAX)
		return "command line too long";
	return NULL;
}

const char *lb_protocol_name(uint32_t p)
{
	static const char *const names[] = {
		[LB_PROTO_LONGBOOT] = "longboot",
		[LB_PROTO_MULTIBOOT2] = "multiboot2",
		[LB_PROTO_MULTIBOOT1] = "multiboot1",
		[LB_PROTO_LINUX] = "linux",
		[LB_PROTO_LINUX16] = "linux16",
	};
	return p < sizeof(names) / sizeof(names[0]) ? names[p] : NULL;
}
