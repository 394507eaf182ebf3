/* A bzImage's setup header (linux_header.h). Pure logic. */
#include "linux_header.h"

#define LINUX_KERNEL_MIN_ALIGN 0x200000 /* boot.rst: "kernel_alignment" before 2.10 */

static uint32_t get(const unsigned char *f, uint32_t at, unsigned bytes)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v |= (uint32_t)f[at + i] << (8 * i);
	return v;
}

int linux_is_bzimage(const void *file, size_t bytes)
{
	return bytes >= LH_HEADER + 4 && get(file, LH_HEADER, 4) == LINUX_HDRS_MAGIC;
}

const char *linux_parse(const void *file, size_t bytes, uint64_t file_bytes, struct linux_header *h)
{
	const unsigned char *f = file;

	__builtin_memset(h, 0, sizeof(*h));
	if (!linux_is_bzimage(file, bytes) || bytes < LH_END_MIN + 4)
		return "no Linux setup header (\"HdrS\" at 0x202)";
	h->version = (uint16_t)get(f, LH_VERSION, 2);
	if (h->version < LINUX_MIN_VERSION)
		return "Linux boot protocol older than 2.06";
	if (get(f, LH_BOOT_FLAG, 2) != LINUX_BOOT_FLAG)
		return "Linux boot sector lacks its 0xAA55 boot flag";
	h->setup_sects = (uint8_t)get(f, LH_SETUP_SECTS, 1);
	if (h->setup_sects == 0)
		h->setup_sects = LINUX_SETUP_SECTS_DEFAULT;
	h->setup_bytes = (h->setup_sects + 1u) * LINUX_SECTOR_BYTES;
	h->header_end = LH_JUMP + 2 + get(f, LH_JUMP + 1, 1);
	if (h->header_end > h->setup_bytes || h->header_end < LH_END_MIN)
		return "Linux setup header runs past the setup sectors";
	if (file_bytes <= h->setup_bytes)
		return "truncated bzImage: no protected-mode kernel after the setup sectors";
	if (file_bytes - h->setup_bytes < (uint64_t)get(f, LH_SYSSIZE, 4) * LINUX_SYSSIZE_UNIT)
		return "truncated bzImage: shorter than the protected-mode kernel its setup header announces (syssize)";
	h->loadflags = (uint8_t)get(f, LH_LOADFLAGS, 1);
	if (!(h->loadflags & LOADFLAGS_LOADED_HIGH))
		return "not a bzImage: the kernel does not load at 1 MiB (zImage)";
	h->xloadflags = (uint16_t)get(f, LH_XLOADFLAGS, 2);
	h->relocatable = (uint8_t)get(f, LH_RELOCATABLE_KERNEL, 1);
	h->kernel_alignment = get(f, LH_KERNEL_ALIGNMENT, 4);
	if (h->version < 0x020A || h->kernel_alignment == 0)
		h->kernel_alignment = LINUX_KERNEL_MIN_ALIGN;
	if (h->kernel_alignment & (h->kernel_alignment - 1))
		return "Linux kernel_alignment is not a power of two";
	h->initrd_addr_max = get(f, LH_INITRD_ADDR_MAX, 4);
	h->cmdline_size = h->version >= 0x0206 ? get(f, LH_CMDLINE_SIZE, 4) : 255;
	if (h->version >= 0x020A) {
		h->pref_address = (uint64_t)get(f, LH_PREF_ADDRESS, 4) |
				  (uint64_t)get(f, LH_PREF_ADDRESS + 4, 4) << 32;
		h->init_size = get(f, LH_INIT_SIZE, 4);
	}
	if (h->pref_address == 0)
		h->pref_address = 0x100000;
	uint64_t pm_bytes = file_bytes - h->setup_bytes;
	if (h->init_size < pm_bytes)
		h->init_size = (uint32_t)(pm_bytes * 4 > 0xFFFFFFFFu ? 0xFFFFFFFFu : pm_bytes * 4);
	return NULL;
}
